"""Mittelverteilung Integrationsmanagement: Excel-Funktionen und Skripte für xlwings Lite.

Erzeugt mit `mittelverteilung lite` aus dem Paket xl_funcs 0.1.0. Bitte nicht
hier ändern, sondern im Paket, und die Datei neu erzeugen: ein Test prüft, dass
sie aktuell ist und dieselben Ergebnisse liefert wie das Paket.

Unten stehen die Module des Pakets unverändert als Quelltext, danach seine
Datendateien (Liste der Kreise, Vorlagen der amtlichen Tabelle); ein kleiner
Importer am Ende macht die Module unter ihren echten Namen importierbar
(xl_funcs...) und die Dateien über importlib.resources lesbar.
"""

# Module name -> source text, exactly as in the package.
MODULES = {}

# ---- xl_funcs/__init__.py ----------------------------------------------------
MODULES['xl_funcs'] = r'''"""mittelverteilung: euro-exact allocation of the Integrationsmanagement funds of Baden-Württemberg.

This package is also xlwings' UDF module (``UDF Modules: xl_funcs``): the Excel
functions and scripts are attributes of the package. They are loaded on first
access, so that the command line and the engine start without importing
xlwings (which pulls in pandas).
"""

from __future__ import annotations

import importlib
import os

__version__ = "0.1.0"

# openpyxl switches to lxml (no defusedxml, other writer) as soon as lxml is importable, and pikepdf
# (the PDF's metadata) brings lxml along. Our guarantees rest on openpyxl's standard path: XML read
# through defusedxml, the same xlsx bytes as in xlwings Lite (no lxml in Pyodide). Read when openpyxl
# is first imported, so it is set here, before any module of this package imports openpyxl.
os.environ["OPENPYXL_LXML"] = "False"

# Names xlwings finds in this module, and the submodule that defines each.
# A test keeps these tuples equal to the submodules' __all__.
EXCEL_FUNCTIONS: tuple[str, ...] = (  # defined in xl_funcs.excel.functions
    "allocate",
    "allocate_base",
    "per_head",
    "reference_weights",
    "shares",
    "explain",
    "allocate_transition",
)
EXCEL_SCRIPTS: tuple[str, ...] = (  # defined in xl_funcs.excel.scripts
    "publish_official_table",
    "prepare_district_workbooks",
    "compare_scenarios",
    "plan_payments",
)


def __getattr__(name: str):
    if name in EXCEL_FUNCTIONS:
        return getattr(importlib.import_module(".excel.functions", __name__), name)
    if name in EXCEL_SCRIPTS:
        return getattr(importlib.import_module(".excel.scripts", __name__), name)
    raise AttributeError(f"module 'xl_funcs' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(EXCEL_FUNCTIONS) | set(EXCEL_SCRIPTS))
'''

# ---- xl_funcs/calculation.py -------------------------------------------------
MODULES['xl_funcs.calculation'] = r'''"""From Inputs to every figure of the official table, through the engine only."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .engine import Allocation, AllocationError, RowExplanation, Tie, apportion, reference_weights, shown_shares
from .engine.ties import tie_priority
from .engine.transition import Transition, TransitionRow, apportion_transition
from .inputs import District, InputProblems, Inputs, Parameters, Problem


@dataclass(frozen=True)
class DistrictResult:
    district: District
    reference: Fraction  # Bezugsgröße: the (weighted) mean count over the reference years
    share: Fraction  # reference / total reference
    amount: int | Decimal  # Mittel des Haushaltsjahres in euros
    lower: Fraction | None  # the effective Mindestbetrag (explicit or from the loss cap)
    explanation: RowExplanation
    transition: TransitionRow | None = None  # what the transition rules did to this row (None: no rule)
    top_up: int | Decimal = 0  # paid from the hardship fund on top of ``amount`` (financing "fund"), in euros
    shown_share: Fraction = Fraction(0)  # the share as printed: whole hundredths of a percent, adding to 100 %

    @property
    def previous(self) -> Decimal | None:
        return self.district.previous_amount

    @property
    def change(self) -> Decimal | None:
        if self.previous is None:
            return None
        return Decimal(self.amount) - self.previous

    @property
    def change_ratio(self) -> Fraction | None:
        """Change against last year as a fraction of last year (None without a previous amount)."""
        if self.previous is None or self.previous == 0:
            return None
        return Fraction(self.change) / Fraction(self.previous)


@dataclass(frozen=True)
class Totals:
    """The sums over a group of Kreise (a Regierungsbezirk, or all of them)."""

    reference: Fraction
    share: Fraction
    amount: int | Decimal
    previous: Decimal | None  # None unless every Kreis of the group has last year's amount
    change: Decimal | None
    shown_share: Fraction = Fraction(0)  # the sum of the printed shares

    @property
    def change_ratio(self) -> Fraction | None:
        if not self.previous:
            return None
        return Fraction(self.change) / Fraction(self.previous)


def totals(rows) -> Totals:
    rows = list(rows)
    previous = change = None
    if rows and all(row.previous is not None for row in rows):
        previous = sum(row.previous for row in rows)
        change = sum(Decimal(row.amount) for row in rows) - previous
    return Totals(
        reference=sum((row.reference for row in rows), Fraction(0)),
        share=sum((row.share for row in rows), Fraction(0)),
        amount=sum(row.amount for row in rows),
        previous=previous,
        change=change,
        shown_share=sum((row.shown_share for row in rows), Fraction(0)),
    )


@dataclass(frozen=True)
class Calculation:
    inputs: Inputs
    allocation: Allocation
    rows: tuple[DistrictResult, ...]
    transition: Transition | None = None  # set when a transition rule beyond a loss cap paid by all applies

    @property
    def ties(self) -> tuple[Tie, ...]:
        """Every tie that decided an amount, in the key and in the rounding of the transition rules."""
        return self.transition.ties if self.transition is not None else self.allocation.ties

    @property
    def totals(self) -> Totals:
        return totals(self.rows)

    @property
    def total(self) -> int | Decimal:
        return self.totals.amount

    @property
    def total_reference(self) -> Fraction:
        return self.totals.reference

    @property
    def previous_total(self) -> Decimal | None:
        return self.totals.previous

    @property
    def has_previous(self) -> bool:
        return any(row.previous is not None for row in self.rows)


def calculate(inputs: Inputs) -> Calculation:
    """All figures; an engine error becomes InputProblems pointing at the Kreis rows concerned."""
    try:
        return _calculate(inputs)
    except AllocationError as error:
        districts = inputs.districts
        message = error.naming([d.label for d in districts])
        concerned = [districts[i] for i in error.rows if i < len(districts)]
        where = concerned[0].row if len(concerned) == 1 else None
        raise InputProblems([Problem(message, where=where)]) from None


def _calculate(inputs: Inputs) -> Calculation:
    p = inputs.parameters
    districts = inputs.districts
    counts_by_year = [[d.count(year) for d in districts] for year in p.reference_years]
    weights = reference_weights(counts_by_year, p.year_weights)
    priority = tie_priority(
        p.tie_rule,
        len(districts),
        weights=weights,
        labels=[d.key for d in districts],
        seed=p.seed,
        ranks=[d.rank for d in districts],
    )
    common = dict(method=p.method, unit=p.unit, base=p.base, priority=priority, bound_rule=p.bound_rule)
    explicit_lower = [None if d.lower is None else Fraction(d.lower) for d in districts]
    upper = [d.upper for d in districts]
    bounded_high = any(value is not None for value in upper)
    transition = None
    if uses_transition_rules(p):
        transition = apportion_transition(
            p.budget,
            list(weights),
            [d.previous_amount for d in districts],
            max_loss=p.loss_cap,
            financing=p.financing,
            max_gain=p.max_gain,
            phase_in=p.phase_in,
            lower=explicit_lower if any(v is not None for v in explicit_lower) else None,
            upper=upper if bounded_high else None,
            **common,
        )
        allocation = transition.key
        unit = transition.unit
        amounts = transition.paid_amounts
        top_ups = transition.top_up_amounts
        lower = [
            _larger(explicit_lower[i], None if row.minimum is None or p.financing != "all" else row.minimum * unit)
            for i, row in enumerate(transition.rows)
        ]
    else:
        lower = [_effective_lower(d, p.loss_cap) for d in districts]
        bounded_low = any(value is not None for value in lower)
        allocation = apportion(
            p.budget,
            list(weights),
            lower=lower if bounded_low else None,
            upper=upper if bounded_high else None,
            **common,
        )
        amounts = allocation.amounts
        top_ups = [0] * len(districts)
    total = sum(weights, Fraction(0))
    printed = shown_shares(weights) if total else (Fraction(0),) * len(weights)
    rows = tuple(
        DistrictResult(
            district=d,
            reference=weights[i],
            share=weights[i] / total if total else Fraction(0),
            amount=amounts[i],
            lower=lower[i],
            explanation=allocation.explain(i),
            transition=None if transition is None else transition.rows[i],
            top_up=top_ups[i],
            shown_share=printed[i],
        )
        for i, d in enumerate(districts)
    )
    return Calculation(inputs=inputs, allocation=allocation, rows=rows, transition=transition)


def uses_transition_rules(p: Parameters) -> bool:
    """Whether more than today's loss cap (a lower bound paid by all) applies: then the transition engine."""
    return p.max_gain is not None or p.phase_in is not None or (p.loss_cap is not None and p.financing != "all")


def _larger(a: Fraction | None, b: Fraction | None) -> Fraction | None:
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)


def _effective_lower(district: District, loss_cap: Decimal | None) -> Fraction | None:
    """The larger of the explicit Mindestbetrag and last year's amount less the loss cap."""
    candidates = []
    if district.lower is not None:
        candidates.append(Fraction(district.lower))
    if loss_cap is not None and district.previous_amount is not None:
        candidates.append(Fraction(district.previous_amount) * (1 - Fraction(loss_cap)))
    return max(candidates) if candidates else None
'''

# ---- xl_funcs/charts/__init__.py ---------------------------------------------
MODULES['xl_funcs.charts'] = r'''"""The chart model: what the publication's pictures show (diverging bars, tile map), as data built from a Calculation."""

from .model import Bar, BarChart, Chart, ColourClass, Tile, TileMap
from .publication import publication_charts

__all__ = ["Bar", "BarChart", "Chart", "ColourClass", "Tile", "TileMap", "publication_charts"]
'''

# ---- xl_funcs/charts/bars.py -------------------------------------------------
MODULES['xl_funcs.charts.bars'] = r'''"""The sorted bar chart: change against last year per Kreis in % (diverging), or the amount per Kreis."""

from __future__ import annotations

from fractions import Fraction

from ..calculation import Calculation
from . import palette, wording
from .labels import EURO_FORMAT, PERCENT_FORMAT, euros, signed_percent, tick_text
from .measures import abbreviation, amount, change_ratio, short_labels
from .model import Bar, BarChart
from .scale import ticks


def change_bars(calculation: Calculation) -> BarChart:
    """One bar per Kreis with last year's amount, largest gain at the top; gains blue, losses orange and hatched."""
    p = calculation.inputs.parameters
    labels = short_labels(calculation)
    valued = [(r, change_ratio(r)) for r in calculation.rows]
    bars = tuple(
        Bar(
            key=r.district.key,
            label=labels[r.district.key],
            abbreviation=abbreviation(r.district.key),
            value=ratio,
            text=signed_percent(ratio),
            colour=palette.GAIN if ratio > 0 else palette.LOSS if ratio < 0 else palette.NEUTRAL,
            hatched=ratio < 0,
        )
        for r, ratio in _sorted(v for v in valued if v[1] is not None)
    )
    fields = dict(jahr=p.year, vorjahr=p.previous_year, anzahl=len(bars))
    gains = [bar for bar in bars if bar.value > 0]
    losses = [bar for bar in bars if bar.value < 0]
    sentences = [
        *(sentence.format(**fields) for sentence in wording.CHANGE_SORTED),
        wording.COUNTS.format(mehr=len(gains), weniger=len(losses), gleich=len(bars) - len(gains) - len(losses)),
        wording.LARGEST_GAIN.format(kreis=gains[0].label, wert=gains[0].text) if gains else wording.NO_GAIN,
        wording.LARGEST_LOSS.format(kreis=losses[-1].label, wert=losses[-1].text) if losses else wording.NO_LOSS,
    ]
    land = calculation.totals.change_ratio
    if land is not None:
        sentences.append(wording.LAND_CHANGE.format(wert=signed_percent(land)))
    missing = [labels[r.district.key] for r, ratio in valued if ratio is None]
    notes = (wording.WITHOUT_PREVIOUS.format(kreise=", ".join(missing)),) if missing else ()
    values = [bar.value for bar in bars] or [Fraction(0)]
    return BarChart(
        name="veraenderung",
        sheet_name=wording.SHEET_BARS,
        title=wording.CHANGE_TITLE.format(**fields),
        sentences=tuple(sentences) + notes,
        value_heading=wording.CHANGE_HEADING,
        number_format=PERCENT_FORMAT,
        bars=bars,
        ticks=tuple((t, tick_text(t, percent=True)) for t in ticks(min(values), max(values))),
        legend=((palette.GAIN, wording.GAIN, False), (palette.LOSS, wording.LOSS, True)),
        notes=notes,
    )


def amount_bars(calculation: Calculation) -> BarChart:
    """One bar per Kreis for this year's amount, largest at the top (where no previous year is given)."""
    p = calculation.inputs.parameters
    labels = short_labels(calculation)
    bars = tuple(
        Bar(
            key=r.district.key,
            label=labels[r.district.key],
            abbreviation=abbreviation(r.district.key),
            value=value,
            text=euros(value, 0 if value.denominator == 1 else 2),
            colour=palette.AMOUNT,
        )
        for r, value in _sorted((r, amount(r)) for r in calculation.rows)
    )
    fields = dict(jahr=p.year, anzahl=len(bars))
    most, least = bars[0], bars[-1]
    sentences = (
        wording.AMOUNT_SORTED.format(**fields),
        wording.AMOUNT_MOST.format(kreis=most.label, wert=most.text, wenigste=least.label, wenigste_wert=least.text),
        wording.AMOUNT_TOTAL.format(wert=euros(Fraction(calculation.total), 0 if isinstance(calculation.total, int) else 2)),
    )
    return BarChart(
        name="mittel",
        sheet_name=wording.SHEET_BARS,
        title=wording.AMOUNT_TITLE.format(**fields),
        sentences=sentences,
        value_heading=wording.AMOUNT_HEADING.format(**fields),
        number_format=EURO_FORMAT,
        bars=bars,
        ticks=tuple((t, tick_text(t, percent=False)) for t in ticks(Fraction(0), max(bar.value for bar in bars))),
        legend=((palette.AMOUNT, wording.AMOUNT.format(**fields), False),),
    )


def _sorted(pairs):
    """Largest value first; equal values in the order of the input (stable sort)."""
    return sorted(pairs, key=lambda pair: -pair[1])
'''

# ---- xl_funcs/charts/difference_map.py ---------------------------------------
MODULES['xl_funcs.charts.difference_map'] = r'''"""The tile map of two variants: per Kreis the second variant's amount against the first's, in % of the first."""

from __future__ import annotations

from fractions import Fraction

from ..calculation import Calculation
from . import wording
from .labels import signed_percent
from .model import TileMap
from .tiles import extremes, signed_percent_map


def difference_map(first: Calculation, second: Calculation, first_name: str, second_name: str) -> TileMap:
    """Coloured by (second − first) ÷ first per Kreis; a Kreis with nothing under the first has no value.

    Both calculations are of the same Kreise in the same order (variants of one workbook).
    """
    p = first.inputs.parameters
    values: dict[str, Fraction | None] = {
        a.district.key: Fraction(b.amount - a.amount) / Fraction(a.amount) if a.amount else None
        for a, b in zip(first.rows, second.rows, strict=True)
    }
    fields = dict(jahr=p.year, erstes=first_name, zweites=second_name)
    sentences = [wording.MAP_INTRO, wording.DIFFERENCE_PAIR.format(**fields), wording.DIFFERENCE_COLOUR.format(**fields)]
    chosen = extremes(first, values)
    if chosen:
        (top, top_value), (bottom, bottom_value) = chosen
        if top_value > 0:
            sentences.append(wording.DIFFERENCE_MORE.format(kreis=top, wert=signed_percent(top_value), **fields))
        if bottom_value < 0:
            sentences.append(wording.DIFFERENCE_LESS.format(kreis=bottom, wert=signed_percent(bottom_value), **fields))
        if top_value == bottom_value == 0:
            sentences.append(wording.DIFFERENCE_NONE)
    return signed_percent_map(
        first,
        values,
        title=wording.DIFFERENCE_TITLE.format(**fields),
        sentences=sentences,
        heading=wording.DIFFERENCE_HEADING,
        missing=wording.DIFFERENCE_NO_VALUE.format(**fields),
    )
'''

# ---- xl_funcs/charts/labels.py -----------------------------------------------
MODULES['xl_funcs.charts.labels'] = r'''"""Chart values as the short German text drawn beside a bar or on a tile, rounded half away from zero."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from ..engine import round_half_away
from ..engine.notation import german_number

# The same displays in Excel's notation, for the files that hold the numbers.
PERCENT_FORMAT = "+0.0 %;-0.0 %;0.0 %"
EURO_FORMAT = '#,##0 "€"'
EURO_CENT_FORMAT = '#,##0.00 "€"'


def decimal_text(value: Fraction, places: int) -> str:
    """``Fraction(9664321, 10000)``, 2 -> ``"966,43"``."""
    scaled = round_half_away(Fraction(value) * 10**places)
    return german_number(Decimal(scaled).scaleb(-places))


def signed_percent(ratio: Fraction, places: int = 1) -> str:
    """``Fraction(123, 1000)`` -> ``"+12,3 %"``; a loss keeps its minus sign even where it rounds to zero."""
    text = decimal_text(abs(ratio) * 100, places)
    sign = "+" if ratio > 0 else "-" if ratio < 0 else ""
    return f"{sign}{text} %"


def percent_step(ratio: Fraction) -> str:
    """A class boundary: ``Fraction(1, 20)`` -> ``"5"``, ``Fraction(1, 40)`` -> ``"2,5"`` (as many places as it has)."""
    hundred = Fraction(ratio) * 100
    places = next((p for p in range(7) if (hundred * 10**p).denominator == 1), 6)
    return decimal_text(hundred, places)


def tick_text(value: Fraction, *, percent: bool) -> str:
    """An axis mark: ``Fraction(1, 2)`` -> ``"+50 %"`` (percent) or ``500000`` -> ``"500.000"``."""
    if percent:
        sign = "+" if value > 0 else "-" if value < 0 else ""
        return f"{sign}{percent_step(abs(value))} %"
    places = next((p for p in range(3) if (Fraction(value) * 10**p).denominator == 1), 2)
    return decimal_text(Fraction(value), places)


def euros(amount: Fraction, places: int = 0) -> str:
    """``1318182`` -> ``"1.318.182 €"``."""
    return f"{decimal_text(amount, places)} €"
'''

# ---- xl_funcs/charts/measures.py ---------------------------------------------
MODULES['xl_funcs.charts.measures'] = r'''"""What the charts measure for each Kreis, from the Calculation's results."""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

from ..calculation import Calculation, DistrictResult
from .tile_positions import tile_positions


def change_ratio(result: DistrictResult) -> Fraction | None:
    """Change against last year as a fraction of last year; None without last year's amount."""
    return result.change_ratio


def amount(result: DistrictResult) -> Fraction:
    return Fraction(result.amount)


def per_head(result: DistrictResult) -> Fraction | None:
    """Euros per person of the Bezugsgröße; None where the Bezugsgröße is zero."""
    if not result.reference:
        return None
    return Fraction(result.amount) / result.reference


def short_labels(calculation: Calculation) -> dict[str, str]:
    """Key -> the Kreis name, with its kind only where two Kreise share the name (Heilbronn, Karlsruhe)."""
    names = Counter(result.district.name for result in calculation.rows)
    return {
        r.district.key: r.district.name if names[r.district.name] == 1 else r.district.label for r in calculation.rows
    }


def abbreviation(key: str) -> str:
    position = tile_positions().get(key)
    return position.abbreviation if position else key
'''

# ---- xl_funcs/charts/model.py ------------------------------------------------
MODULES['xl_funcs.charts.model'] = r'''"""Charts as immutable data: every value, text, colour and place a renderer needs, nothing to compute.

Values stay exact (Fractions: a change as a fraction of last year, an amount in
euros); ``text`` is the German label drawn beside a bar or on a tile, and
``number_format`` is the same display in Excel's notation for files that hold
numbers. Colours are hex without '#', as in templates/stile.toml.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Union


@dataclass(frozen=True)
class Bar:
    key: str  # amtlicher Kreisschlüssel
    label: str  # "Heilbronn (Landkreis)": unique among the 44
    abbreviation: str  # "HN-L"
    value: Fraction  # what the bar's length shows
    text: str  # the value in German, drawn at the bar: "+12,3 %", "1.318.182 €"
    colour: str  # fill
    hatched: bool = False  # a second cue besides colour (losses), for greyscale print


@dataclass(frozen=True)
class BarChart:
    name: str  # stable, for ids and file names: "veraenderung" or "mittel"
    sheet_name: str  # the sheet a workbook shows it on
    title: str
    sentences: tuple[str, ...]  # the text alternative, sentence by sentence
    value_heading: str  # heading of the values, e.g. "Veränderung in %"
    number_format: str  # Excel notation of ``value``
    bars: tuple[Bar, ...]  # in drawing order, top first (largest value first)
    ticks: tuple[tuple[Fraction, str], ...]  # axis marks (value, German text), ascending; first and last bound the axis
    legend: tuple[tuple[str, str, bool], ...]  # (colour, meaning, hatched)
    notes: tuple[str, ...] = ()  # below the chart, e.g. Kreise without a value

    @property
    def description(self) -> str:
        return " ".join(self.sentences)


@dataclass(frozen=True)
class ColourClass:
    label: str  # "über +5 bis +10 %"
    fill: str
    text_colour: str  # readable on ``fill``
    hatched: bool = False


@dataclass(frozen=True)
class Tile:
    key: str
    label: str
    abbreviation: str
    row: int  # 0-based from the north
    column: int  # 0-based from the west
    value: Fraction | None  # None: nothing to show (no amount last year)
    text: str  # the value in German, short: "+12,3 %", "966,43"
    colour_class: int  # index into TileMap.classes


@dataclass(frozen=True)
class TileMap:
    name: str  # "kreiskarte"
    sheet_name: str
    title: str
    sentences: tuple[str, ...]
    value_heading: str  # legend heading and column heading, e.g. "Veränderung in %"
    number_format: str
    rows: int
    columns: int
    tiles: tuple[Tile, ...]  # in the order of the Kreisschlüssel
    classes: tuple[ColourClass, ...]  # legend order
    notes: tuple[str, ...] = ()

    @property
    def description(self) -> str:
        return " ".join(self.sentences)

    def tile_at(self, row: int, column: int) -> Tile | None:
        for tile in self.tiles:
            if (tile.row, tile.column) == (row, column):
                return tile
        return None


Chart = Union[BarChart, TileMap]
'''

# ---- xl_funcs/charts/palette.py ----------------------------------------------
MODULES['xl_funcs.charts.palette'] = r'''"""The colours of the charts: blue for gains, orange for losses (told apart by people with red-green
colour blindness), a blue ramp for amounts; text black or white, whichever contrasts more with a fill."""

from __future__ import annotations

GAIN = "2F74B5"
LOSS = "D9731A"
AMOUNT = "2F74B5"
NEUTRAL = "E6E6E6"
NO_VALUE = "FFFFFF"
HATCH = "000000"  # the hatching lines over losses

# Diverging classes from the largest loss to the largest gain; the middle one is "no change".
DIVERGING = ("A34A00", "E8862A", "F9C99A", NEUTRAL, "B7D3EE", "5B9BD5", "1F4E8C")
# Sequential classes from least to most.
SEQUENTIAL = ("E3EEF9", "B3D1EE", "7FAFDF", "4A88C7", "2866A8", "0B4A8B")


def text_colour(fill: str) -> str:
    """Black or white, whichever contrasts more with the fill (WCAG relative luminance)."""
    red, green, blue = (int(fill[i : i + 2], 16) / 255 for i in (0, 2, 4))

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    against_black = (luminance + 0.05) / 0.05
    against_white = 1.05 / (luminance + 0.05)
    return "000000" if against_black >= against_white else "FFFFFF"
'''

# ---- xl_funcs/charts/publication.py ------------------------------------------
MODULES['xl_funcs.charts.publication'] = r'''"""The charts the official table shows: change against last year where it is known, else the amounts."""

from __future__ import annotations

from ..calculation import Calculation
from .bars import amount_bars, change_bars
from .model import Chart
from .tiles import change_map, per_head_map


def publication_charts(calculation: Calculation) -> tuple[Chart, ...]:
    """The bar chart and the tile map; both by change in % with a previous year, else by amount and € per person."""
    if calculation.has_previous:
        return change_bars(calculation), change_map(calculation)
    return amount_bars(calculation), per_head_map(calculation)
'''

# ---- xl_funcs/charts/scale.py ------------------------------------------------
MODULES['xl_funcs.charts.scale'] = r'''"""Round numbers for axes and colour classes, chosen from the data, exact in Fractions."""

from __future__ import annotations

from fractions import Fraction

NICE_MANTISSAS = (Fraction(1), Fraction(2), Fraction(5, 2), Fraction(5), Fraction(10))


def nice_step(at_least: Fraction) -> Fraction:
    """The smallest of 1, 2, 2.5, 5 times a power of ten that is at least ``at_least`` (> 0)."""
    at_least = Fraction(at_least)
    if at_least <= 0:
        raise ValueError("a step must be positive")
    power = Fraction(1)
    while power > at_least:
        power /= 10
    while power * 10 <= at_least:
        power *= 10
    return next(m * power for m in NICE_MANTISSAS if m * power >= at_least)


def ticks(low: Fraction, high: Fraction, intervals: int = 5) -> tuple[Fraction, ...]:
    """Axis marks at a round step, from at or below min(low, 0) to at or above max(high, 0)."""
    low, high = min(Fraction(low), Fraction(0)), max(Fraction(high), Fraction(0))
    if low == high:
        return (Fraction(0), Fraction(1))
    step = nice_step((high - low) / intervals)
    first = (low / step).__floor__() * step
    last = (high / step).__ceil__() * step
    count = int((last - first) / step)
    return tuple(first + index * step for index in range(count + 1))
'''

# ---- xl_funcs/charts/tile_positions.py ---------------------------------------
MODULES['xl_funcs.charts.tile_positions'] = r'''"""Where each Kreis's tile lies, as shipped in ``xl_funcs/data/kreis_kacheln.csv``.

The file holds the Kreis seat's approximate coordinates and the grid cell that
``tile_grid.derive_grid`` gives for them; a test derives the cells again and
checks that the file agrees, so the positions stay traceable to the coordinates.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

DATA_FILE = "data/kreis_kacheln.csv"


@dataclass(frozen=True)
class TilePosition:
    key: str  # amtlicher Kreisschlüssel
    abbreviation: str  # shown on the tile: the Kfz-Kennzeichen, "-L" for the Landkreis sharing its Stadtkreis' code
    seat: str  # Sitz der Kreisverwaltung
    latitude: float  # of the seat, degrees north, rounded to 0.01
    longitude: float  # of the seat, degrees east, rounded to 0.01
    row: int  # 0-based from the north
    column: int  # 0-based from the west


def tile_file_text() -> str:
    return resources.files("xl_funcs").joinpath(DATA_FILE).read_text(encoding="utf-8")


@cache
def tile_positions() -> dict[str, TilePosition]:
    """Key -> position for the 44 Kreise (comment lines of the file, starting with '#', skipped)."""
    lines = [line for line in tile_file_text().splitlines() if line and not line.startswith("#")]
    positions = {}
    for row in csv.DictReader(io.StringIO("\n".join(lines))):
        positions[row["ags"]] = TilePosition(
            key=row["ags"],
            abbreviation=row["kuerzel"],
            seat=row["sitz"],
            latitude=float(row["breite"]),
            longitude=float(row["laenge"]),
            row=int(row["zeile"]),
            column=int(row["spalte"]),
        )
    return positions
'''

# ---- xl_funcs/charts/tiles.py ------------------------------------------------
MODULES['xl_funcs.charts.tiles'] = r'''"""The tile map: one tile per Kreis at its grid cell, coloured by the change in % or by € per person."""

from __future__ import annotations

from fractions import Fraction

from ..calculation import Calculation
from ..engine import round_half_away
from . import palette, wording
from .labels import EURO_CENT_FORMAT, PERCENT_FORMAT, decimal_text, euros, percent_step, signed_percent
from .measures import change_ratio, per_head, short_labels
from .model import ColourClass, Tile, TileMap
from .scale import nice_step
from .tile_positions import tile_positions

CLASSES_PER_SIDE = 3
MOST_SEQUENTIAL_CLASSES = 6


def change_map(calculation: Calculation) -> TileMap:
    p = calculation.inputs.parameters
    values = {r.district.key: change_ratio(r) for r in calculation.rows}
    fields = dict(jahr=p.year, vorjahr=p.previous_year)
    chosen = extremes(calculation, values)
    sentences = [wording.MAP_INTRO, wording.MAP_CHANGE.format(**fields)]
    if chosen:
        (top, top_value), (bottom, bottom_value) = chosen
        if top_value > 0:
            sentences.append(wording.LARGEST_GAIN.format(kreis=top, wert=signed_percent(top_value)))
        if bottom_value < 0:
            sentences.append(wording.LARGEST_LOSS.format(kreis=bottom, wert=signed_percent(bottom_value)))
    return signed_percent_map(
        calculation,
        values,
        title=wording.MAP_CHANGE_TITLE.format(**fields),
        sentences=sentences,
        heading=wording.CHANGE_HEADING,
        missing=wording.NO_VALUE,
    )


def signed_percent_map(
    calculation: Calculation,
    values: dict[str, Fraction | None],
    *,
    title: str,
    sentences: list[str],
    heading: str,
    missing: str,
) -> TileMap:
    """A map of signed shares per Kreis (key -> value, None: no value) in diverging classes, gains blue."""
    known = [value for value in values.values() if value is not None]
    # Each side gets its own round class width, so that both the gains and the losses spread over
    # their three shades; the legend says where each class begins and ends.
    gain_step = _class_width(value for value in known if value > 0)
    loss_step = _class_width(-value for value in known if value < 0)
    classes = _diverging_classes(gain_step, loss_step)

    def place(value: Fraction | None) -> int:
        if value is None:
            return len(classes)
        if value == 0:
            return CLASSES_PER_SIDE
        step = gain_step if value > 0 else loss_step
        steps = min(CLASSES_PER_SIDE, (abs(value) / step).__ceil__())
        return CLASSES_PER_SIDE + steps if value > 0 else CLASSES_PER_SIDE - steps

    return _tile_map(
        calculation,
        values,
        place,
        text=signed_percent,
        classes=classes,
        missing=missing,
        title=title,
        sentences=sentences,
        heading=heading,
        number_format=PERCENT_FORMAT,
    )


def per_head_map(calculation: Calculation) -> TileMap:
    """Coloured by euros per person of the Bezugsgröße, in classes of the cent values shown."""
    p = calculation.inputs.parameters
    values = {r.district.key: per_head(r) for r in calculation.rows}
    cents = sorted({round_half_away(v * 100) for v in values.values() if v is not None}) or [0]
    low, high = Fraction(cents[0], 100), Fraction(cents[-1], 100)
    if low == high:
        step, first, count = Fraction(1), low, 1
    else:
        step = nice_step(max(Fraction(1, 100), (high - low) / (MOST_SEQUENTIAL_CLASSES - 1)))
        first = (low / step).__floor__() * step
        count = min(MOST_SEQUENTIAL_CLASSES, int((high - first) / step) + 1)
    places = 2 if step < 1 else 0
    colours = _spread(palette.SEQUENTIAL, count)
    classes = []
    for index, fill in enumerate(colours):
        start, end = first + index * step, first + (index + 1) * step
        if count == 1:
            label = wording.CLASS_SINGLE.format(von=euros(low, 2))
        elif index == count - 1:
            label = wording.CLASS_RANGE_LAST.format(von=euros(start, places), bis=euros(high, 2))
        else:
            label = wording.CLASS_RANGE.format(von=euros(start, places), bis=euros(end, places))
        classes.append(ColourClass(label, fill, palette.text_colour(fill)))

    def place(value: Fraction | None) -> int:
        if value is None:
            return len(classes)
        shown = Fraction(round_half_away(value * 100), 100)
        return min(count - 1, int((shown - first) / step))

    fields = dict(jahr=p.year)
    sentences = [wording.MAP_INTRO, wording.MAP_PER_HEAD.format(**fields)]
    chosen = extremes(calculation, values)
    if chosen and low == high:
        sentences.append(wording.PER_HEAD_SAME.format(wert=euros(low, 2)))
    elif chosen:
        (top, top_value), (bottom, bottom_value) = chosen
        sentences.append(
            wording.PER_HEAD_MOST.format(
                kreis=top, wert=euros(top_value, 2), wenigste=bottom, wenigste_wert=euros(bottom_value, 2)
            )
        )
    return _tile_map(
        calculation,
        values,
        place,
        text=lambda value: decimal_text(value, 2),
        classes=tuple(classes),
        missing=wording.NO_REFERENCE,
        title=wording.MAP_PER_HEAD_TITLE.format(**fields),
        sentences=sentences,
        heading=wording.MAP_PER_HEAD_HEADING,
        number_format=EURO_CENT_FORMAT,
    )


def _tile_map(calculation, values, place, *, text, classes, missing, title, sentences, heading, number_format):
    positions = tile_positions()
    labels = short_labels(calculation)
    tiles = tuple(
        Tile(
            key=key,
            label=labels[key],
            abbreviation=positions[key].abbreviation,
            row=positions[key].row,
            column=positions[key].column,
            value=value,
            text="–" if value is None else text(value),
            colour_class=place(value),
        )
        for key, value in sorted(values.items())
        if key in positions
    )
    classes = tuple(classes)
    if any(tile.value is None for tile in tiles):
        classes += (ColourClass(missing, palette.NO_VALUE, "000000"),)
    return TileMap(
        name="kreiskarte",
        sheet_name=wording.SHEET_MAP,
        title=title,
        sentences=tuple(sentences) + (wording.MAP_TILES,),
        value_heading=heading,
        number_format=number_format,
        rows=max(position.row for position in positions.values()) + 1,
        columns=max(position.column for position in positions.values()) + 1,
        tiles=tiles,
        classes=classes,
        notes=(wording.MAP_NOTE,),
    )


def _class_width(magnitudes) -> Fraction:
    """A round width so that three classes reach the largest magnitude (1 % where there is none)."""
    largest = max(magnitudes, default=Fraction(0))
    return nice_step(largest / CLASSES_PER_SIDE) if largest else Fraction(1, 100)


def _diverging_classes(gain_step: Fraction, loss_step: Fraction) -> tuple[ColourClass, ...]:
    def gain(multiple: int) -> str:
        return percent_step(gain_step * multiple)

    def loss(multiple: int) -> str:
        return percent_step(loss_step * multiple)

    labels = (
        wording.CLASS_LOSS_LAST.format(von=loss(2)),
        wording.CLASS_LOSS.format(von=loss(1), bis=loss(2)),
        wording.CLASS_LOSS_FIRST.format(bis=loss(1)),
        wording.CLASS_SAME,
        wording.CLASS_GAIN_FIRST.format(bis=gain(1)),
        wording.CLASS_GAIN.format(von=gain(1), bis=gain(2)),
        wording.CLASS_GAIN_LAST.format(von=gain(2)),
    )
    return tuple(
        ColourClass(label, fill, palette.text_colour(fill), hatched=index < CLASSES_PER_SIDE)
        for index, (label, fill) in enumerate(zip(labels, palette.DIVERGING))
    )


def extremes(calculation: Calculation, values: dict[str, Fraction | None]):
    """((label, value) of the largest, (label, value) of the smallest), first in input order on ties; None if none."""
    labels = short_labels(calculation)
    known = [(labels[r.district.key], values[r.district.key]) for r in calculation.rows if values[r.district.key] is not None]
    if not known:
        return None
    top = max(known, key=lambda pair: pair[1])
    bottom = min(known, key=lambda pair: pair[1])
    return top, bottom


def _spread(colours: tuple[str, ...], count: int) -> tuple[str, ...]:
    """``count`` colours from the ramp, evenly apart, always including its lightest and darkest."""
    if count == 1:
        return (colours[len(colours) // 2],)
    last = len(colours) - 1
    return tuple(colours[(index * last) // (count - 1)] for index in range(count))
'''

# ---- xl_funcs/charts/variant_bars.py -----------------------------------------
MODULES['xl_funcs.charts.variant_bars'] = r'''"""The bar chart of one variant of a comparison: the official bars, titled with the variant's name."""

from __future__ import annotations

from dataclasses import replace

from ..calculation import Calculation
from . import wording
from .bars import amount_bars, change_bars
from .model import BarChart


def variant_bars(calculation: Calculation, variant: str) -> BarChart:
    """The change per Kreis against last year (the amounts where no previous year is given), named for ``variant``."""
    p = calculation.inputs.parameters
    if calculation.has_previous:
        chart, title = change_bars(calculation), wording.VARIANT_CHANGE_TITLE
    else:
        chart, title = amount_bars(calculation), wording.VARIANT_AMOUNT_TITLE
    return replace(
        chart,
        title=title.format(szenario=variant, jahr=p.year, vorjahr=p.previous_year),
        sentences=(wording.VARIANT_SENTENCE.format(szenario=variant),) + chart.sentences,
    )
'''

# ---- xl_funcs/charts/wording.py ----------------------------------------------
MODULES['xl_funcs.charts.wording'] = r'''"""The German words of the charts; placeholders in braces are filled from the calculation."""

SHEET_BARS = "Grafiken"
SHEET_MAP = "Kreiskarte"

CHANGE_TITLE = "Veränderung der Mittel {jahr} gegenüber {vorjahr} je Kreis in %"
CHANGE_HEADING = "Veränderung in %"
CHANGE_SORTED = (
    "Balkendiagramm: Veränderung der Mittel {jahr} gegenüber {vorjahr} für jeden der {anzahl} Kreise in Prozent, "
    "absteigend sortiert.",
    "Zunahmen gehen nach rechts (blau), Abnahmen nach links (orange, schraffiert).",
)
COUNTS = "{mehr} Kreise erhalten mehr, {weniger} weniger, {gleich} gleich viel wie im Vorjahr."
LARGEST_GAIN = "Größte Zunahme: {kreis} mit {wert}."
LARGEST_LOSS = "Größte Abnahme: {kreis} mit {wert}."
NO_GAIN = "Kein Kreis erhält mehr als im Vorjahr."
NO_LOSS = "Kein Kreis erhält weniger als im Vorjahr."
LAND_CHANGE = "Landesweit: {wert}."
WITHOUT_PREVIOUS = "Ohne Vorjahresbetrag, daher ohne Veränderung: {kreise}."
GAIN = "Zunahme"
LOSS = "Abnahme"

AMOUNT_TITLE = "Mittel {jahr} je Kreis in €"
AMOUNT_HEADING = "Mittel {jahr} in €"
AMOUNT_SORTED = "Balkendiagramm der Mittel {jahr} für jeden der {anzahl} Kreise in Euro, absteigend sortiert."
AMOUNT_MOST = "Die meisten Mittel erhält {kreis} mit {wert}, die wenigsten {wenigste} mit {wenigste_wert}."
AMOUNT_TOTAL = "Zusammen {wert}."
AMOUNT = "Mittel {jahr}"

MAP_CHANGE_TITLE = "Kreiskarte: Veränderung der Mittel {jahr} gegenüber {vorjahr} in %"
MAP_INTRO = "Kachelkarte Baden-Württembergs: eine Kachel je Stadt- und Landkreis, ungefähr dort, wo der Kreis liegt."
MAP_CHANGE = "Farbe: Veränderung der Mittel {jahr} gegenüber {vorjahr} in Prozent; Zunahmen blau, Abnahmen orange und schraffiert."
MAP_PER_HEAD_TITLE = "Kreiskarte: Mittel {jahr} je Person der Bezugsgröße in €"
MAP_PER_HEAD_HEADING = "Mittel je Person in €"
MAP_PER_HEAD = "Farbe: Mittel {jahr} je Person der Bezugsgröße in Euro; je dunkler, desto mehr."
PER_HEAD_MOST = "Am meisten je Person: {kreis} mit {wert}; am wenigsten: {wenigste} mit {wenigste_wert}."
PER_HEAD_SAME = "Alle Kreise erhalten {wert} je Person."
MAP_TILES = "Jede Kachel zeigt das Kürzel des Kreises (Kfz-Kennzeichen) und den Wert."
MAP_NOTE = "Lage der Kacheln nach dem ungefähren Sitz der Kreisverwaltung; keine Grenzen, kein Maßstab."
NO_VALUE = "ohne Vorjahresbetrag"
NO_REFERENCE = "ohne Bezugsgröße"

# Colour classes of the change in %: s is the class width.
CLASS_GAIN_FIRST = "über 0 bis +{bis} %"
CLASS_GAIN = "über +{von} bis +{bis} %"
CLASS_GAIN_LAST = "über +{von} %"
CLASS_SAME = "±0 %"
CLASS_LOSS_FIRST = "unter 0 bis -{bis} %"
CLASS_LOSS = "unter -{von} bis -{bis} %"
CLASS_LOSS_LAST = "unter -{von} %"
# Classes of an amount: from (inclusive) to below.
CLASS_RANGE = "{von} bis unter {bis}"
CLASS_RANGE_LAST = "{von} bis {bis}"
CLASS_SINGLE = "{von}"

# One variant of a comparison (xl_funcs.scenarios): its charts say which variant they show.
# Titles are one line in the pictures: short words beside a name of any length.
VARIANT_CHANGE_TITLE = "{szenario}: Veränderung {jahr} ggü. {vorjahr} je Kreis in %"
VARIANT_AMOUNT_TITLE = "{szenario}: Mittel {jahr} je Kreis in €"
VARIANT_SENTENCE = "Szenario „{szenario}“."

# The tile map of two variants: the second's amount per Kreis against the first's.
# The names of the two variants go into the sentences: a title is one line, the names may be long.
DIFFERENCE_TITLE = "Kreiskarte: Unterschied der Mittel {jahr} zwischen zwei Szenarien in %"
DIFFERENCE_PAIR = "Verglichen werden „{zweites}“ und „{erstes}“."
DIFFERENCE_HEADING = "Unterschied in %"
DIFFERENCE_COLOUR = (
    "Farbe: Unterschied der Mittel {jahr} je Kreis unter „{zweites}“ gegenüber „{erstes}“ in Prozent der Mittel "
    "unter „{erstes}“; mehr blau, weniger orange und schraffiert."
)
DIFFERENCE_MORE = "Den größten Zuwachs unter „{zweites}“ hat {kreis} mit {wert}."
DIFFERENCE_LESS = "Den größten Verlust unter „{zweites}“ hat {kreis} mit {wert}."
DIFFERENCE_NONE = "Alle Kreise erhalten unter beiden Szenarien gleich viel."
DIFFERENCE_NO_VALUE = "ohne Mittel unter „{erstes}“"
'''

# ---- xl_funcs/districts/__init__.py ------------------------------------------
MODULES['xl_funcs.districts'] = r'''"""Workbooks for the 44 Kreise: send each its own, read the answers back, check them.

Modules, from data to files:

- ``wording``: the texts and looks in ``templates/kreis_arbeitsmappe.toml``;
- ``identity``: file names, the Vorgangsnummer that marks each issued workbook;
- ``fingerprint``: the Prüfwert, a hash over every cell a Kreis must not change;
- ``model``: a Kreis's workbook as table-model data (its own sheet with the
  Berechnungsnachweis, the Rückmeldung form, the official table as published);
- ``dispatch``: the Versandliste as a table (also drawn into the open workbook);
- ``writer``: a Kreis workbook as xlsx bytes (protection, input cells, validation);
- ``manifest``: the Versandliste as JSON and CSV files, and reading it back;
- ``sharing``: ``share(inputs, out_dir)`` writes the 44 files, the manifest and the ZIPs;
- ``returned``: one returned file, read safely and recognised by its content;
- ``collecting``: ``collect(directory, issued=...)`` checks every returned file;
- ``overview``: the overview workbook "Rückmeldungen" with its problem list;
- ``classic``: the classic add-in's one-click entries.

Nothing is imported here, so that importing the model does not import openpyxl
(xlwings Lite bundles the model, never the writers).
"""
'''

# ---- xl_funcs/districts/dispatch.py ------------------------------------------
MODULES['xl_funcs.districts.dispatch'] = r'''"""The Versandliste as a table: which Kreis gets which file, in which ZIP, with which amount and Vorgangsnummer.

Drawn into the open workbook by the one-click script (xlwings Server and Lite
cannot write files to the user's disk, so there the list says what ``share``
will write, and where). The names and numbers are those ``share`` writes for
the same inputs: both come from ``model.district_workbooks``.
"""

from __future__ import annotations

from .. import __version__
from ..calculation import Calculation
from ..table.model import Column, ColumnKind, Document, Row, RowRole, Table
from ..table.templates import fill, styles, texts
from ..table.text import german_date
from .model import district_workbooks, print_settings
from .wording import words


def dispatch_document(calculation: Calculation) -> Document:
    table = dispatch_table(calculation)
    p = calculation.inputs.parameters
    return Document(
        title=table.title,
        file_stem=words()["dateien"]["versandliste"],
        stand=p.stand,
        sheets=(table,),
        author=fill(texts()["dokument"]["autor"], version=__version__),
        language=texts()["dokument"]["sprache"],
    )


def dispatch_table(calculation: Calculation) -> Table:
    w = words()["versand"]
    widths = words()["stil"]["breiten"]
    formats = styles()["zahlenformate"]
    p = calculation.inputs.parameters
    whole = all(isinstance(row.amount, int) for row in calculation.rows)
    money = formats["betrag" if whole else "betrag_cent"]
    columns = (
        Column("nr", w["nr"], ColumnKind.NUMBER, formats["nummer"], float(widths["nr"]), "right"),
        Column("key", w["kreisschluessel"], ColumnKind.KEY, formats["text"], float(widths["key"]), "center"),
        Column("name", w["kreis"], ColumnKind.TEXT, formats["text"], float(widths["name"])),
        Column("region", w["bezirk"], ColumnKind.TEXT, formats["text"], float(widths["region"])),
        Column("amount", fill(w["mittel"], jahr=p.year), ColumnKind.AMOUNT, money, float(widths["amount"]), "right"),
        Column("file", w["datei"], ColumnKind.TEXT, formats["text"], float(widths["datei"])),
        Column("zip", w["zip"], ColumnKind.TEXT, formats["text"], float(widths["zip"])),
        Column("issue", w["vorgangsnummer"], ColumnKind.TEXT, formats["text"], float(widths["vorgang"])),
    )
    rows = []
    for number, workbook in enumerate(district_workbooks(calculation), start=1):
        district = workbook.result.district
        rows.append(
            Row(
                (
                    number,
                    district.key,
                    district.label,
                    district.region,
                    workbook.result.amount,
                    workbook.file_name,
                    workbook.zip_name,
                    workbook.issue_number,
                )
            )
        )
    rows.append(Row((None, None, w["summe"], None, calculation.total, None, None, None), RowRole.TOTAL))
    title = fill(w["titel"], jahr=p.year)
    return Table(
        sheet_name=w["blatt"],
        title=title,
        notes=(fill(texts()["tabelle"]["stand"], datum=german_date(p.stand)), *w["hinweise"]),
        warnings=(texts()["tabelle"]["beispieldaten"],) if p.sample_data else (),
        columns=columns,
        rows=tuple(rows),
        print_settings=print_settings(title, p.stand),
    )
'''

# ---- xl_funcs/districts/identity.py ------------------------------------------
MODULES['xl_funcs.districts.identity'] = r'''"""How an issued workbook is named and marked: file names and the Vorgangsnummer.

The Vorgangsnummer (e.g. ``MV2025-08121-3F9A2C1B``) names one Kreis's workbook
of one distribution: the year, the Kreisschlüssel and the first hex digits of
a hash over the inputs' SHA-256 and the key. It is the same for the same inputs
(so a second run writes the same bytes) and different after any change of the
inputs (so an answer to an earlier round is recognised as such). It carries
nothing personal and nothing that is not on the sheet anyway.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from ..table.templates import fill
from .wording import words

ISSUE_PATTERN = re.compile(r"^MV(?P<year>\d{4})-(?P<key>\d{5})-(?P<check>[0-9A-F]{8})$")
_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


@dataclass(frozen=True)
class IssueNumber:
    year: int
    key: str
    text: str

    def __str__(self) -> str:
        return self.text


def issue_number(inputs_digest: str, year: int, key: str) -> str:
    check = hashlib.sha256(f"{inputs_digest}:{key}".encode("ascii")).hexdigest()[:8].upper()
    return f"MV{year}-{key}-{check}"


def parse_issue_number(text) -> IssueNumber | None:
    """The parts of a Vorgangsnummer, or None if ``text`` is not one."""
    if not isinstance(text, str):
        return None
    match = ISSUE_PATTERN.match(text.strip())
    if match is None:
        return None
    return IssueNumber(int(match["year"]), match["key"], match.group(0))


def ascii_name(text: str) -> str:
    """``"Schwäbisch Hall"`` -> ``"Schwaebisch_Hall"``: letters, digits, ``-`` and ``_`` only."""
    text = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATION))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^A-Za-z0-9-]+", "_", text)
    return text.strip("_")


def workbook_file_name(key: str, name: str, kind: str) -> str:
    """``08121_Heilbronn_Stadtkreis.xlsx``: key, name and kind keep the two Heilbronn and Karlsruhe apart."""
    return fill(words()["dateien"]["arbeitsmappe"], schluessel=key, name=ascii_name(name), art=ascii_name(kind))


def zip_file_name(year: int, region: str) -> str:
    return fill(words()["dateien"]["zip"], jahr=year, bezirk=ascii_name(region))


def issued_key_in_name(file_name: str) -> str | None:
    """The Kreisschlüssel a file name starts with (``08121_…``), if it starts with one."""
    match = re.match(r"^(08\d{3})(?!\d)", file_name)
    return match.group(1) if match else None
'''

# ---- xl_funcs/districts/model.py ---------------------------------------------
MODULES['xl_funcs.districts.model'] = r'''"""One Kreis's workbook as table-model data, from the Calculation only.

Three sheets, in this order:

- "Kreis <Schlüssel>": the Kreis's counts per year (not published elsewhere),
  its reference value, share, amount, last year's amount and the change, and
  the Berechnungsnachweis in words and numbers: quota = distributed amount ×
  own reference ÷ sum of references, the floor, the remainder's rank, the
  bound or tie that decided, and the engine's explanation in sentences;
- "Rückmeldung": what the ministry issued (Vorgangsnummer, key, amount, counts)
  beside the fields the Kreis fills in (``InputField``);
- the official table exactly as published.

Every figure comes from the Calculation (which has it from the engine); this
module arranges and words them. The writer (``writer``) draws the document
and makes the input fields editable; nothing here imports openpyxl.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from .. import __version__
from ..calculation import Calculation, DistrictResult
from ..engine import Method
from ..engine.exact import whole_or_exact
from ..engine.notation import german_number
from ..table.explanation import EuroText, exact_number_text, explanation_text, transition_text
from ..table.model import (
    Cell,
    Column,
    ColumnKind,
    Document,
    PrintSettings,
    Row,
    RowRole,
    Table,
)
from ..table.official import issuer_lines, method_in_words, official_table, publisher_of, tie_rule_reason, tie_sentences
from ..table.templates import fill, styles, texts
from ..table.text import german_date, german_weekday, percent_text
from .identity import issue_number, workbook_file_name, zip_file_name
from .wording import words

ANSWER = "answer"  # column key of the Rückmeldung's input column


@dataclass(frozen=True)
class InputField:
    """A cell of the Rückmeldung the Kreis fills in."""

    name: str  # "bestaetigung", "ansprechperson", "email", "telefon", "bemerkungen", "zuweisungen_2023"
    kind: str  # "choice" | "text" | "long_text" | "count"
    row: int  # index of its row in the Rückmeldung table
    year: int | None = None  # for counts
    issued: int | None = None  # the ministry's count, for counts

    @property
    def is_count(self) -> bool:
        return self.kind == "count"


@dataclass(frozen=True)
class DistrictWorkbook:
    result: DistrictResult
    year: int  # Haushaltsjahr
    document: Document
    issue_number: str
    file_name: str
    zip_name: str
    fields: tuple[InputField, ...]
    reply_deadline: date | None = None  # Rückmeldefrist, recorded in the file for collect

    @property
    def key(self) -> str:
        return self.result.district.key

    @property
    def feedback_table(self) -> Table:
        return self.document.sheet(words()["rueckmeldung"]["blatt"])


def district_workbooks(calculation: Calculation) -> tuple[DistrictWorkbook, ...]:
    """The 44 workbooks in the order of the input; the official table is built once for all."""
    official = official_table(calculation)
    return tuple(district_workbook(calculation, index, official) for index in range(len(calculation.rows)))


def district_workbook(calculation: Calculation, index: int, official: Table | None = None) -> DistrictWorkbook:
    result = calculation.rows[index]
    district = result.district
    p = calculation.inputs.parameters
    number = issue_number(calculation.inputs.digest, p.year, district.key)
    feedback, fields = feedback_table(calculation, index, number)
    document_words = words()["dokument"]
    official_words = texts()["dokument"]
    title = fill(document_words["titel"], jahr=p.year, kreis=district.label)
    file_name = workbook_file_name(district.key, district.name, district.kind)
    document = Document(
        title=title,
        file_stem=file_name.rsplit(".", 1)[0],
        stand=p.stand,
        sheets=(district_table(calculation, index), feedback, official or official_table(calculation)),
        author=p.issuer or fill(official_words["autor"], version=__version__),
        publisher=publisher_of(p),
        contact=p.contact,
        language=official_words["sprache"],
        subject=fill(document_words["betreff"], jahr=p.year, kreis=district.label),
        keywords=fill(document_words["stichworte"], jahr=p.year, schluessel=district.key),
    )
    return DistrictWorkbook(
        result=result,
        year=p.year,
        document=document,
        issue_number=number,
        file_name=file_name,
        zip_name=zip_file_name(p.year, district.region),
        fields=fields,
        reply_deadline=p.reply_deadline,
    )


# --- the Kreis sheet ----------------------------------------------------------------------------


def district_table(calculation: Calculation, index: int) -> Table:
    w = words()["kreisblatt"]
    look = words()["stil"]
    formats = styles()["zahlenformate"]
    p = calculation.inputs.parameters
    result = calculation.rows[index]
    district = result.district
    rows: list[Row] = []

    def line(label: str, value) -> None:
        rows.append(Row((label, value)))

    def section(text: str) -> None:
        rows.append(Row((text, None), RowRole.SECTION))

    # The amount first, large and filled: what a Kreis opens the file for.
    money = formats["betrag" if isinstance(whole_or_exact(result.amount), int) else "betrag_cent"]
    rows.append(Row((fill(w["betrag_oben"], jahr=p.year), Cell(whole_or_exact(result.amount), money)), RowRole.HIGHLIGHT))
    sender = sender_lines(p, w)
    if sender:
        section(w["abschnitt_absender"])
        for label, value in sender:
            line(label, value)

    section(w["abschnitt_kreis"])
    line(w["kreisschluessel"], district.key)
    line(w["name"], district.name)
    line(w["art"], district.kind)
    line(w["bezirk"], district.region)

    section(w["abschnitt_zahlen"])
    for year, count in district.counts:
        label = w["zuweisungen_bezug" if year in p.reference_years else "zuweisungen"]
        line(fill(label, jahr=year), Cell(count, formats["anzahl"]))

    section(fill(w["abschnitt_ergebnis"], jahr=p.year))
    reference_format = formats["anzahl" if result.reference.denominator == 1 else "anzahl_bruch"]
    line(fill(w["bezugsgroesse"], bezug=_reference_words(calculation)), Cell(result.reference, reference_format))
    line(w["anteil"], Cell(result.shown_share, formats["anteil"]))  # as printed in the official table
    money = formats["betrag" if isinstance(whole_or_exact(result.amount), int) else "betrag_cent"]
    line(fill(w["mittel"], jahr=p.year), Cell(whole_or_exact(result.amount), money))
    if calculation.has_previous:
        vorjahr = p.previous_year
        if result.previous is None:
            line(fill(w["vorjahr"], vorjahr=vorjahr), w["kein_vorjahr"])
        else:
            line(fill(w["vorjahr"], vorjahr=vorjahr), Cell(whole_or_exact(result.previous), money))
            line(fill(w["veraenderung"], vorjahr=vorjahr), Cell(whole_or_exact(result.change), formats["veraenderung_betrag"]))
            if result.change_ratio is not None:
                line(
                    fill(w["veraenderung_anteil"], vorjahr=vorjahr),
                    Cell(result.change_ratio, formats["veraenderung_anteil"]),
                )

    if calculation.inputs.instalments:
        section(fill(w["abschnitt_abschlaege"], jahr=p.year))
        for label, value in instalment_lines(calculation, index, money):
            line(label, value)

    # Every value of the block above is a number with a format, shown in the reader's locale; every value of
    # the Nachweis is German text, exact as the engine computed it. The arithmetic of the reference count is
    # such text, so it opens the Nachweis instead of sitting among the numbers (1.909,33 beside 1,909.33).
    section(w["abschnitt_nachweis"])
    line(w["bezug_rechnung"], _reference_arithmetic(calculation, index))
    for label, value in proof_lines(calculation, index):
        line(label, value)

    section(w["abschnitt_verfahren"])
    for number, sentence in enumerate(method_in_words(calculation), start=1):
        line(f"{number}.", sentence)

    title = fill(w["titel"], kreis=district.label, jahr=p.year)
    return Table(
        sheet_name=fill(w["blatt"], schluessel=district.key),
        title=title,
        subtitle=w["untertitel"],
        notes=(
            fill(texts()["tabelle"]["stand"], datum=german_date(p.stand)),
            *deadline_note(p, w),
            fill(texts()["tabelle"]["vorbehalt"], jahr=p.year),
            *issuer_lines(p),
            w["vertraulich"],
        ),
        warnings=_warnings(calculation),
        columns=(
            Column("label", w["spalte_angabe"], ColumnKind.TEXT, formats["text"], float(look["breiten"]["angabe"])),
            Column("value", w["spalte_wert"], ColumnKind.TEXT, formats["text"], float(look["breiten"]["wert"])),
        ),
        rows=tuple(rows),
        print_settings=print_settings(title, p.stand),
    )


def instalment_lines(calculation: Calculation, index: int, money: str) -> list[tuple[str, Cell]]:
    """The Kreis's own row of the Auszahlungsplan: one line per date, then their sum (its amount)."""
    from ..payments.money import euros
    from ..payments.plan import plan_instalments

    w = words()["kreisblatt"]
    plan = plan_instalments(calculation)
    lines = []
    for j, (due, share) in enumerate(zip(plan.dates, plan.shares)):
        label = fill(
            w["abschlag"], nummer=j + 1, datum=german_date(due), anteil=percent_text(Fraction(share), places=None)
        )
        lines.append((label, Cell(euros(plan.entries[index][j], plan.unit), money)))
    total = fill(w["abschlaege_summe"], jahr=plan.year)
    lines.append((total, Cell(euros(sum(plan.entries[index]), plan.unit), money)))
    return lines


def proof_lines(calculation: Calculation, index: int) -> list[tuple[str, str]]:
    """The Berechnungsnachweis as (label, value) lines, values as exact German text."""
    w = words()["kreisblatt"]
    allocation = calculation.allocation
    detail = calculation.rows[index].explanation
    p = calculation.inputs.parameters
    unit = allocation.unit
    euro = EuroText(unit)
    lines: list[tuple[str, str]] = [(w["foerderbetrag"], euro.of_euros(allocation.budget))]

    if detail.base:
        lines.append((w["sockel"], euro(detail.base)))

    bounded = any(row.explanation.bound is not None for row in calculation.rows)
    pool_units = detail.pool_units
    participant_weight = detail.pool_weight
    if detail.bound is None:
        if detail.base or bounded:
            lines.append((w["verteilt_grenzen" if bounded else "verteilt"], euro(pool_units)))
        lines.append((w["summe_bezug_grenzen" if bounded else "summe_bezug"], exact_number_text(participant_weight)))
        lines.append((w["eigene_bezug"], exact_number_text(detail.weight)))
        # The formula is shown only where it gives the engine's quota exactly.
        if participant_weight and Fraction(pool_units) * detail.weight / participant_weight == detail.quota:
            label = fill(
                w["quote"],
                verteilt=euro(pool_units),
                eigene=exact_number_text(detail.weight),
                summe=exact_number_text(participant_weight),
            )
        else:
            label = w["quote"].split("=")[0].strip()
        lines.append((label, euro(detail.quota)))
        if detail.method is Method.HARE_NIEMEYER:
            lines.extend(_largest_remainder_lines(detail, euro, p))
        else:
            lines.extend(_divisor_lines(detail, euro))
    else:
        result = calculation.rows[index]
        if detail.bound == "lower":
            lines.append((w["grenze"], w["untergrenze"]))
            if result.lower is not None:
                lines.append((w["untergrenze_wert"], euro.of_euros(result.lower)))
        else:
            lines.append((w["grenze"], w["obergrenze"]))
            if result.district.upper is not None:
                lines.append((w["obergrenze_wert"], euro.of_euros(Fraction(result.district.upper))))

    transition = calculation.rows[index].transition
    if transition is not None:
        lines.extend(_transition_lines(calculation, transition, euro))
    for tie, sentence in zip(calculation.ties, tie_sentences(calculation)):
        if index in tie.rows:
            lines.append((w["gleichstand"], sentence))
    # The result is what the budget pays (the amount of the official table); a fund's top-up comes on top.
    lines.append((fill(w["ergebnis"], jahr=p.year), euro(detail.units if transition is None else transition.units)))
    if transition is not None and transition.top_up:
        lines.append((w["mit_fonds"], euro(transition.total)))
    labels = [row.district.label for row in calculation.rows]
    reason = tie_rule_reason(p)
    if calculation.transition is not None:
        words_text = transition_text(calculation.transition, index, labels=labels, tie_rule=reason)
    else:
        words_text = explanation_text(allocation, index, labels=labels, tie_rule=reason)
    lines.append((w["in_worten"], words_text))
    return lines


def _transition_lines(calculation: Calculation, row, euro: EuroText) -> list[tuple[str, str]]:
    """What the transition rules did to this Kreis: by the key, the rule that applied, with it."""
    w = words()["kreisblatt"]
    p = calculation.inputs.parameters
    lines = [(w["uebergang_ohne"], euro(row.without))]
    if row.minimum is not None:
        lines.append((fill(w["uebergang_minimum"], vorjahr=p.previous_year), euro(row.minimum)))
    if row.maximum is not None:
        lines.append((fill(w["uebergang_maximum"], vorjahr=p.previous_year), euro(row.maximum)))
    gain_rate = calculation.transition.gain_rate
    if row.capped_gain and gain_rate is not None:
        lines.append((w["uebergang_rate"], german_number(gain_rate * 100, 4) + " %"))
    lines.append((w["uebergang_budget"], euro(row.units)))
    if row.top_up:
        lines.append((w["uebergang_fonds"], euro(row.top_up)))
    difference = ("+" if row.difference > 0 else "") + euro(row.difference)
    lines.append((w["uebergang_differenz"], difference))
    return lines


def _largest_remainder_lines(detail, euro: EuroText, p) -> list[tuple[str, str]]:
    w = words()["kreisblatt"]
    unit_words = texts()["grundlagen"]["methode"]
    einheit_wort = (
        unit_words["einheit_euro"]
        if p.unit == 1
        else fill(unit_words["einheit_vielfaches"], einheit=german_number(p.unit))
    )
    lines = [
        (fill(w["abgerundet"], einheit_wort=einheit_wort), euro(detail.floor)),
        (w["rest"], euro(detail.remainder)),
    ]
    if detail.extra_units > 0:
        left = fill(w["uebrig_wert"], betrag=euro(detail.extra_units), einheit=euro(1), anzahl=detail.extra_units)
    else:
        left = w["uebrig_keiner"]
    lines.append((w["uebrig"], left))
    if detail.rank is not None:
        lines.append((w["rang"], fill(w["rang_wert"], rang=detail.rank, von=detail.remainder_rows)))
    lines.append((fill(w["zusatz"], einheit=euro(1)), w["ja"] if detail.got_extra else w["nein"]))
    return lines


def _divisor_lines(detail, euro: EuroText) -> list[tuple[str, str]]:
    w = words()["kreisblatt"]
    if not detail.multiplier:
        return []
    rounding = w["gerundet_ab"] if detail.method is Method.DHONDT else w["gerundet_kaufmaennisch"]
    return [
        (w["divisor"], exact_number_text(1 / detail.multiplier)),
        (fill(w["quotient"], einheit=euro(1)), exact_number_text(detail.weight * detail.multiplier)),
        (fill(w["gerundet"], rundung=rounding), german_number(detail.units - detail.base)),
    ]


# --- the Rückmeldung sheet ----------------------------------------------------------------------


def feedback_table(calculation: Calculation, index: int, number: str) -> tuple[Table, tuple[InputField, ...]]:
    w = words()["rueckmeldung"]
    look = words()["stil"]
    formats = styles()["zahlenformate"]
    p = calculation.inputs.parameters
    result = calculation.rows[index]
    district = result.district
    rows: list[Row] = []
    fields: list[InputField] = []

    def line(label: str, issued=None) -> int:
        rows.append(Row((label, issued, None)))
        return len(rows) - 1

    def section(text: str) -> None:
        rows.append(Row((text, None, None), RowRole.SECTION))

    sender = sender_lines(p, w)
    if sender:
        section(w["abschnitt_absender"])
        for label, value in sender:
            line(label, value)

    section(w["abschnitt_zuordnung"])
    line(w["vorgangsnummer"], number)
    line(w["kreisschluessel"], district.key)
    line(w["kreis"], district.label)
    money = formats["betrag" if isinstance(whole_or_exact(result.amount), int) else "betrag_cent"]
    line(fill(w["mittel"], jahr=p.year), Cell(whole_or_exact(result.amount), money))

    section(w["abschnitt_antwort"])
    for name, kind in (
        ("bestaetigung", "choice"),
        ("ansprechperson", "text"),
        ("email", "text"),
        ("telefon", "text"),
        ("bemerkungen", "long_text"),
    ):
        fields.append(InputField(name, kind, line(w[name])))

    section(w["abschnitt_korrektur"])
    for year, count in district.counts:
        row = line(fill(w["zuweisungen"], jahr=year), Cell(count, formats["anzahl"]))
        fields.append(InputField(f"zuweisungen_{year}", "count", row, year=year, issued=count))

    title = fill(w["titel"], kreis=district.label, jahr=p.year)
    table = Table(
        sheet_name=w["blatt"],
        title=title,
        notes=(fill(texts()["tabelle"]["stand"], datum=german_date(p.stand)), *_instructions(p, w)),
        warnings=_warnings(calculation),
        columns=(
            Column("label", w["spalte_angabe"], ColumnKind.TEXT, formats["text"], float(look["breiten"]["angabe"])),
            Column(
                "issued",
                w["spalte_ministerium"],
                ColumnKind.TEXT,
                formats["text"],
                float(look["breiten"]["ministerium"]),
            ),
            Column(ANSWER, w["spalte_eingabe"], ColumnKind.TEXT, formats["text"], float(look["breiten"]["eingabe"])),
        ),
        rows=tuple(rows),
        print_settings=print_settings(title, p.stand),
    )
    return table, tuple(fields)


# --- shared pieces ------------------------------------------------------------------------------


def sender_lines(p, w: dict) -> list[tuple[str, str]]:
    """Herausgeber (with Referat), Kontakt and Rückmeldefrist, those the workbook gives, as (label, text)."""
    lines = []
    issuer = ", ".join(part for part in (p.issuer, p.department) if part)
    if issuer:
        lines.append((w["herausgeber"], issuer))
    if p.contact:
        lines.append((w["kontakt"], p.contact))
    if p.reply_deadline is not None:
        deadline = german_deadline(p.reply_deadline)
        lines.append((w["frist"], fill(w["frist_wert"], **deadline)))
    return lines


def german_deadline(day) -> dict[str, str]:
    """The placeholders a text about the deadline may use: {wochentag}, {datum}."""
    return {"wochentag": german_weekday(day), "datum": german_date(day)}


def deadline_note(p, w: dict) -> tuple[str, ...]:
    """The line under the Kreis sheet's title naming the deadline and whom to send the answer; none without one."""
    if p.reply_deadline is None:
        return ()
    to = p.contact or words()["rueckmeldung"]["an_ministerium"]
    return (fill(w["frist_hinweis"], an=to, **german_deadline(p.reply_deadline)),)


def _instructions(p, w: dict) -> tuple[str, ...]:
    """The Rückmeldung's instructions, naming whom to send it to and by when."""
    to = p.contact or w["an_ministerium"]
    by = fill(w["bis_frist"], **german_deadline(p.reply_deadline)) if p.reply_deadline is not None else ""
    return tuple(fill(line, an=to, bis=by) for line in w["anleitung"])


def print_settings(title: str, stand) -> PrintSettings:
    """Portrait A4 on the page width, with the footer of the official table."""
    table_words = texts()["tabelle"]
    settings = styles()["druck"]
    return PrintSettings(
        paper=settings["papier"],
        orientation="portrait",
        footer_left=fill(table_words["fusszeile_links"], datum=german_date(stand)),
        footer_center=table_words["fusszeile_mitte"],
        footer_right=fill(table_words["fusszeile_rechts"], titel=title.replace("&", "&&")),
        margins_cm=tuple(float(x) for x in settings["raender"]),
    )


def _warnings(calculation: Calculation) -> tuple[str, ...]:
    return (texts()["tabelle"]["beispieldaten"],) if calculation.inputs.parameters.sample_data else ()


def _reference_words(calculation: Calculation) -> str:
    p = calculation.inputs.parameters
    w = words()["kreisblatt"]
    if len(p.reference_years) == 1:
        return fill(w["bezug_ein_jahr"], zeitraum=p.reference_period)
    if p.year_weights is None or len(set(p.year_weights)) == 1:
        return fill(w["bezug_mittelwert"], zeitraum=p.reference_period)
    weights = "; ".join(f"{y}: {german_number(g)}" for y, g in zip(p.reference_years, p.year_weights))
    return fill(w["bezug_gewichtet"], zeitraum=p.reference_period, gewichte=weights)


def _reference_arithmetic(calculation: Calculation, index: int) -> str:
    """``(1.676 + 2.326 + 1.547) ÷ 3 = 1.849,666666…``, weighted: ``(2 × 1.676 + …) ÷ 4``."""
    p = calculation.inputs.parameters
    result = calculation.rows[index]
    counts = [result.district.count(year) for year in p.reference_years]
    if p.year_weights is None or len(set(p.year_weights)) == 1:
        terms = [german_number(c) for c in counts]
        divisor = Fraction(len(counts))
    else:
        weights = [Fraction(g) for g in p.year_weights]
        terms = [f"{exact_number_text(g)} × {german_number(c)}" for g, c in zip(weights, counts)]
        divisor = sum(weights, Fraction(0))
    if len(terms) == 1 and divisor == 1:
        return f"{terms[0]} = {exact_number_text(result.reference)}"
    return f"({' + '.join(terms)}) ÷ {exact_number_text(divisor)} = {exact_number_text(result.reference)}"
'''

# ---- xl_funcs/districts/wording.py -------------------------------------------
MODULES['xl_funcs.districts.wording'] = r'''"""The texts and looks of the Kreis workbooks, the Versandliste and the overview of answers."""

from __future__ import annotations

from ..table.templates import DISTRICTS, load


def words() -> dict:
    return load(DISTRICTS)
'''

# ---- xl_funcs/engine/__init__.py ---------------------------------------------
MODULES['xl_funcs.engine'] = r'''"""The allocation engine: exact apportionment on ints and fractions, no I/O.

Nothing here imports xlwings, openpyxl or pandas; every edge of the program
(Excel functions, scripts, command line, renderers) calls into this package.
"""

from .allocation import Allocation, RowExplanation, apportion, shares
from .errors import AllocationError
from .methods import Method, parse_method
from .per_head import per_head, round_half_away
from .reference import reference_weights
from .shown_shares import shown_shares
from .ties import Tie, tie_priority
from .transition import Transition, apportion_transition

__all__ = [
    "Allocation",
    "AllocationError",
    "Method",
    "RowExplanation",
    "Tie",
    "Transition",
    "apportion",
    "apportion_transition",
    "parse_method",
    "per_head",
    "reference_weights",
    "round_half_away",
    "shares",
    "shown_shares",
    "tie_priority",
]
'''

# ---- xl_funcs/engine/allocation.py -------------------------------------------
MODULES['xl_funcs.engine.allocation'] = r'''"""apportion(): an integer budget, counted in a unit, shared among weights to the last unit.

This module checks the input, turns money into whole units and weights into
integers, and hands the work to the method; the result keeps what is needed to
explain every row afterwards, computed only when asked for.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from .choices import choice
from .divisor import divisor_method
from .errors import AllocationError
from .exact import as_units, decimal_of, exact, nonnegative
from .largest_remainder import largest_remainder
from .methods import Method, parse_method
from .notation import german_number, row_label, row_list
from .ties import Tie
from .water_level import water_level

Bound = Literal["lower", "upper"]
BOUND_RULES = ("redistribute", "quota")


def parse_bound_rule(value: str | None) -> str:
    """``redistribute``/``quota``, also ``neu verteilen``/``Quote``; None -> ``redistribute``."""
    spellings = {"redistribute": "redistribute", "neu verteilen": "redistribute", "neuverteilung": "redistribute",
                 "quota": "quota", "quote": "quota"}
    return choice(value, spellings, "redistribute", "Grenzregel",
                  "„neu verteilen“ und „Quote“ (redistribute, quota)", "bound_rule")


@dataclass(frozen=True)
class RowExplanation:
    """Everything that decided one row's amount; all numbers in units of ``unit``."""

    row: int
    method: Method
    weight: Fraction
    share: Fraction  # weight / total weight
    base: int  # Sockelbetrag
    quota: Fraction  # exact claim on the distributed rest (Hare-Niemeyer: after bounds)
    floor: int
    remainder: Fraction
    rank: int | None  # position among the remainders, 1 = largest (Hare-Niemeyer)
    remainder_rows: int  # how many rows took part in the ranking
    extra_units: int  # rows that got one unit beyond their floor
    got_extra: bool
    multiplier: Fraction | None  # units per weight (divisor methods)
    bound: Bound | None
    tie: Tie | None
    units: int  # the row's result, base included
    # What the rows not held at a bound share: units after Sockelbetrag and bound rows, and their
    # total weight. An unbound row's quota is pool_units × weight / pool_weight (Hare-Niemeyer).
    pool_units: int
    pool_weight: Fraction


@dataclass(frozen=True)
class Allocation:
    method: Method
    unit: Fraction
    budget_units: int
    base_units: int
    units: tuple[int, ...]
    ties: tuple[Tie, ...]
    _weights: list[int] = field(repr=False)
    _weight_scale: int = field(repr=False)  # weights given = _weights / _weight_scale
    _lower: list[int] = field(repr=False)
    _upper: list[int | None] = field(repr=False)
    _detail: object = field(repr=False)
    _bounded: bool = field(repr=False)
    bound_rule: str = "redistribute"  # how Hare-Niemeyer treats bounds: re-apportion the rest, or keep quotas
    tie_priority: tuple[int, ...] | None = None  # who went first at a tie (None: input order)

    @property
    def amounts(self) -> tuple[int, ...] | tuple[Decimal, ...]:
        """Money per row: ints when the unit is whole euros, exact Decimals otherwise."""
        if self.unit.denominator == 1:
            factor = self.unit.numerator
            if factor == 1:  # whole euros: the units are the amounts (a million rows: no second tuple)
                return self.units
            return tuple(count * factor for count in self.units)
        unit = decimal_of(self.unit)
        return tuple(count * unit for count in self.units)

    @property
    def budget(self) -> Fraction:
        return self.budget_units * self.unit

    @property
    def tie_rows(self) -> frozenset[int]:
        return frozenset(row for tie in self.ties for row in tie.rows)

    def explain(self, row: int) -> RowExplanation:
        weights = self._weights
        total = sum(weights)
        rest = self.budget_units - self.base_units * len(weights)
        weight = Fraction(weights[row], self._weight_scale)
        share = Fraction(weights[row], total) if total else Fraction(0)
        tie = next((t for t in self.ties if row in t.rows), None)
        common = dict(
            row=row,
            method=self.method,
            weight=weight,
            share=share,
            base=self.base_units,
            tie=tie,
            units=self.units[row],
            pool_units=self._pool[0],
            pool_weight=self._pool[1],
        )
        detail = self._detail
        if self.method is Method.HARE_NIEMEYER:
            quota = Fraction(detail.floors[row] * detail.denominator + detail.remainders[row], detail.denominator)
            position = self._remainder_positions[row]
            return RowExplanation(
                quota=quota,
                floor=detail.floors[row],
                remainder=Fraction(detail.remainders[row], detail.denominator),
                rank=position + 1,
                remainder_rows=len(detail.order),
                extra_units=detail.extra,
                got_extra=position < detail.extra,
                multiplier=None,
                bound=self._bound_hare(row),
                **common,
            )
        quota = rest * share
        natural = self.units[row] - self.base_units
        return RowExplanation(
            quota=quota,
            floor=quota.numerator // quota.denominator,
            remainder=quota - quota.numerator // quota.denominator,
            rank=None,
            remainder_rows=len(weights),
            extra_units=0,
            got_extra=False,
            # Per unit of the weight as given, not of the integer-scaled weight used inside.
            multiplier=detail.multiplier * self._weight_scale,
            bound=self._bound_divisor(row, natural, detail.multiplier),
            **common,
        )

    @cached_property
    def _pool(self) -> tuple[int, Fraction]:
        """Units and total weight of the rows that share the rest among themselves (not at a bound)."""
        rest = self.budget_units - self.base_units * len(self._weights)
        if not self._bounded or self.bound_rule == "quota":
            # With the quota rule every free row keeps its quota on the whole rest.
            return rest, Fraction(sum(self._weights), self._weight_scale)
        held_units = 0
        free_weight = 0
        for row, weight in enumerate(self._weights):
            if self._bound(row) is None:
                free_weight += weight
            else:
                held_units += self.units[row] - self.base_units
        return rest - held_units, Fraction(free_weight, self._weight_scale)

    def _bound(self, row: int) -> Bound | None:
        if self.method is Method.HARE_NIEMEYER:
            return self._bound_hare(row)
        return self._bound_divisor(row, self.units[row] - self.base_units, self._detail.multiplier)

    @cached_property
    def _remainder_positions(self) -> list[int]:
        positions = [0] * len(self._detail.order)
        for position, row in enumerate(self._detail.order):
            positions[row] = position
        return positions

    def _bound_hare(self, row: int) -> Bound | None:
        if not self._bounded:
            return None
        free = self._detail.level * self._weights[row]
        if free < self._lower[row] or (self._weights[row] == 0 and self._lower[row] > 0):
            return "lower"
        cap = self._upper[row]
        if cap is not None and free > cap:
            return "upper"
        return None

    def _bound_divisor(self, row: int, natural: int, multiplier: Fraction) -> Bound | None:
        if not self._bounded:
            return None
        product = self._weights[row] * multiplier
        if natural == self._lower[row] and product < natural:
            return "lower"
        cap = self._upper[row]
        if cap is not None and natural == cap and product > natural:
            return "upper"
        return None


@dataclass(frozen=True)
class _HareDetail:
    floors: list[int]
    remainders: list[int]
    denominator: int
    order: list[int]
    extra: int
    level: Fraction
    tie: Tie | None


def apportion(
    budget,
    weights: Sequence,
    *,
    method: str | Method | None = None,
    unit=1,
    lower=None,
    upper=None,
    base=0,
    priority: Sequence[int] | None = None,
    bound_rule: str = "redistribute",
) -> Allocation:
    """Share ``budget`` among ``weights`` so that the amounts add up to it exactly.

    ``unit`` is the smallest amount paid (1 = whole euros, 0.01 = cents);
    ``lower``/``upper`` are per-row bounds (a number for all rows, or one per
    row, None for none), ``base`` a Sockelbetrag every row receives first.
    Bounds are taken inwards to whole units: a minimum rounds up, a maximum down.
    ``priority`` (see ties.tie_priority) decides exactly equal claims; None:
    the row that comes first. ``bound_rule`` for Hare-Niemeyer with bounds:
    ``redistribute`` (bound rows fixed, the rest re-apportioned among the
    others) or ``quota`` (every row keeps its quota on the whole budget, rows
    beyond a bound are set to it, the units left go by the largest remainders
    among the others, as in the US House apportionment of 1882).
    """
    chosen = parse_method(method)
    if bound_rule not in BOUND_RULES:
        raise AllocationError(
            f"Unbekannte Grenzregel {bound_rule!r}: erlaubt sind redistribute und quota.", field="bound_rule"
        )
    unit_value = exact(unit, "Die Einheit")
    if unit_value <= 0:
        raise AllocationError("Die Einheit muss größer als 0 sein.", field="unit")
    budget_value = exact(budget, "Das Budget")
    if budget_value < 0:
        raise AllocationError(f"Das Budget ist negativ ({german_number(decimal_of(budget_value))}).", field="budget")
    seats = as_units(budget_value, unit_value, "Das Budget")
    base_value = exact(base, "Der Sockelbetrag")
    if base_value < 0:
        raise AllocationError("Der Sockelbetrag ist negativ.", field="base")
    base_units = as_units(base_value, unit_value, "Der Sockelbetrag")

    int_weights, scale = _integer_weights(weights)
    n = len(int_weights)
    order = _checked_priority(priority, n)
    rest = seats - base_units * n
    if rest < 0:
        raise AllocationError(
            f"Der Sockelbetrag für {n} Zeilen ({german_number(decimal_of(base_value * n))}) "
            f"übersteigt das Budget ({german_number(decimal_of(budget_value))}).",
            field="base",
        )
    bounded = lower is not None or upper is not None
    if bounded:
        low = _bounds(lower, n, unit_value, "Untergrenze", round_up=True)
        high = _bounds(upper, n, unit_value, "Obergrenze", round_up=False)
        # Bounds apply to the whole amount; the apportioned part comes on top of the Sockelbetrag.
        low = [max(value - base_units, 0) for value in low]
        high = [None if value is None else value - base_units for value in high]
        _check_feasible(rest, int_weights, low, high, base_units)
    else:
        low, high = [0] * n, [None] * n
        if rest > 0 and not any(int_weights):
            raise AllocationError(
                "Alle Gewichte sind null: ein Budget über 0 kann nicht verteilt werden.", field="weights"
            )

    quota_rule = bounded and bound_rule == "quota"
    if quota_rule and chosen is not Method.HARE_NIEMEYER:
        raise AllocationError(
            "Die Grenzregel „Quote“ gilt nur für Hare-Niemeyer; Divisorverfahren verteilen bei Grenzen neu.",
            field="bound_rule",
        )
    level = Fraction(rest, sum(int_weights)) if quota_rule and any(int_weights) else _level(
        rest, int_weights, low, high, bounded
    )
    if quota_rule:
        units_rest, detail = _hare_keeping_quotas(rest, int_weights, low, high, level, order)
    elif chosen is Method.HARE_NIEMEYER:
        units_rest, detail = _hare(rest, int_weights, low, high, bounded, level, order)
    else:
        detail = divisor_method(chosen, int_weights, rest, low, high, level, order)
        units_rest = detail.units
    ties = (detail.tie,) if detail.tie else ()
    units = tuple(count + base_units for count in units_rest) if base_units else tuple(units_rest)
    return Allocation(
        method=chosen,
        unit=unit_value,
        budget_units=seats,
        base_units=base_units,
        units=units,
        ties=ties,
        _weights=int_weights,
        _weight_scale=scale,
        _lower=low,
        _upper=high,
        _detail=detail,
        _bounded=bounded,
        bound_rule=bound_rule if bounded else "redistribute",
        tie_priority=order,
    )


def shares(weights: Sequence) -> tuple[Fraction, ...]:
    """Each weight's exact share of the total, checked like the weights of apportion()."""
    int_weights, _ = _integer_weights(weights)
    total = sum(int_weights)
    if total == 0:
        raise AllocationError("Die Gewichte ergeben zusammen 0; Anteile sind nicht bestimmt.", field="weights")
    return tuple(Fraction(weight, total) for weight in int_weights)


def _level(rest: int, weights: list[int], low, high, bounded: bool) -> Fraction:
    """Units per weight at which the exact quotas, within their bounds, add up to ``rest``."""
    if bounded:
        return water_level(rest, weights, low, high)
    total = sum(weights)
    return Fraction(rest, total) if total else Fraction(0)


def _hare(rest, weights, low, high, bounded, level, priority=None):
    if not bounded:
        total = sum(weights)
        if total == 0:
            numerators, denominator = [0] * len(weights), 1
        else:
            numerators, denominator = [rest * w for w in weights], total
    else:
        a, b = level.numerator, level.denominator
        numerators = []
        for weight, minimum, cap in zip(weights, low, high):
            value = a * weight
            if weight == 0 or value < minimum * b:
                value = minimum * b
            elif cap is not None and value > cap * b:
                value = cap * b
            numerators.append(value)
        denominator = b
    result = largest_remainder(numerators, denominator, rest, priority=priority)
    detail = _HareDetail(
        result.floors, result.remainders, result.denominator, result.order, result.extra, level, result.tie
    )
    return result.units, detail


def _hare_keeping_quotas(rest, weights, low, high, level, priority):
    """The quota rule: rows beyond a bound get the bound, the others the floor of their quota on the
    whole rest and the units left by their original remainders."""
    a, b = level.numerator, level.denominator
    fixed: dict[int, int] = {}
    for row, (weight, minimum, cap) in enumerate(zip(weights, low, high)):
        value = a * weight
        if weight == 0 or value < minimum * b:
            fixed[row] = minimum
        elif cap is not None and value > cap * b:
            fixed[row] = cap
    free = [row for row in range(len(weights)) if row not in fixed]
    floors_free = [a * weights[row] // b for row in free]
    left = rest - sum(fixed.values()) - sum(floors_free)
    if left < 0 or left > len(free):
        raise AllocationError(
            "Mit der Grenzregel „Quote“ lassen sich die Grenzen nicht einhalten: nach dem Anheben auf die "
            f"Untergrenzen und Kürzen auf die Obergrenzen fehlen oder bleiben {german_number(abs(left))} Einheiten, "
            "die die Reste der übrigen Zeilen nicht ausgleichen können. Bitte die Grenzregel „neu verteilen“ wählen.",
            field="bound_rule",
        )
    numerators = [a * weights[row] for row in free]
    seats_free = sum(floors_free) + left
    part = largest_remainder(
        numerators, b, seats_free, priority=None if priority is None else tuple(priority[row] for row in free)
    )
    units = [0] * len(weights)
    floors = [0] * len(weights)
    remainders = [0] * len(weights)
    for row, value in fixed.items():
        units[row] = floors[row] = value
    for index, row in enumerate(free):
        units[row] = part.units[index]
        floors[row] = part.floors[index]
        remainders[row] = part.remainders[index]
    order = [free[index] for index in part.order] + sorted(fixed)
    tie = None
    if part.tie is not None:
        tie = Tie(
            tuple(free[i] for i in part.tie.winners), tuple(free[i] for i in part.tie.losers), part.tie.value
        )
    return units, _HareDetail(floors, remainders, b, order, part.extra, level, tie)


def _checked_priority(priority, n: int) -> tuple[int, ...] | None:
    if priority is None:
        return None
    order = tuple(priority)
    if len(order) != n:
        raise AllocationError(
            f"Die Gleichstandsreihenfolge hat {len(order)} Einträge für {n} Gewichte.", field="tie_rule"
        )
    return order


def _integer_weights(weights: Sequence) -> tuple[list[int], int]:
    """Weights as integers with a common scale, checked row by row."""
    if isinstance(weights, (str, bytes)) or not isinstance(weights, Sequence):
        raise AllocationError("Die Gewichte müssen eine Liste von Zahlen sein.", field="weights")
    if len(weights) == 0:
        raise AllocationError("Es sind keine Gewichte angegeben.", field="weights")
    if set(map(type, weights)) == {int}:
        values = list(weights)
        if min(values) < 0:
            negative = [i for i, w in enumerate(values) if w < 0]
            raise _negative_weights(negative, values)
        return values, 1
    problems: list[str] = []
    rows: list[int] = []
    fractions: list[Fraction] = []
    for index, value in enumerate(weights):
        try:
            number = exact(value, f"Das Gewicht in {row_label(index)}", (index,))
        except AllocationError as error:
            problems.append(error.message)
            rows.append(index)
            continue
        if number < 0:
            problems.append(f"Das Gewicht in {row_label(index)} ist negativ ({german_number(decimal_of(number))}).")
            rows.append(index)
        fractions.append(number)
    if problems:
        raise AllocationError(_joined(problems), tuple(rows), field="weights")
    scale = math.lcm(*(f.denominator for f in fractions))
    return [f.numerator * (scale // f.denominator) for f in fractions], scale


def _negative_weights(rows: list[int], values: list[int]) -> AllocationError:
    messages = [f"Das Gewicht in {row_label(i)} ist negativ ({german_number(values[i])})." for i in rows]
    return AllocationError(_joined(messages), tuple(rows), field="weights")


def _joined(messages: list[str]) -> str:
    if len(messages) > 5:
        return " ".join(messages[:5]) + f" (und {len(messages) - 5} weitere Fehler)"
    return " ".join(messages)


def _bounds(values, n: int, unit: Fraction, name: str, round_up: bool) -> list[int | None]:
    """A bound for every row in whole units; a minimum rounds up, a maximum down."""
    if values is None:
        return [0 if round_up else None] * n
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence):
        values = [values] * n
    if len(values) != n:
        raise AllocationError(
            f"{name}n: {len(values)} Werte, aber {n} Gewichte.", field="lower" if round_up else "upper"
        )
    result: list[int | None] = []
    problems: list[str] = []
    rows: list[int] = []
    for index, value in enumerate(values):
        if value is None:
            result.append(0 if round_up else None)
            continue
        try:
            number = nonnegative(value, f"Die {name} in {row_label(index)}", (index,))
        except AllocationError as error:
            problems.append(error.message)
            rows.append(index)
            continue
        count = number / unit
        whole = count.numerator // count.denominator
        if round_up and whole != count:
            whole += 1
        result.append(whole)
    if problems:
        raise AllocationError(_joined(problems), tuple(rows), field="lower" if round_up else "upper")
    return result


def _check_feasible(rest: int, weights: list[int], low: list[int], high: list[int | None], base: int) -> None:
    crossed = [i for i, (lo, hi) in enumerate(zip(low, high)) if hi is not None and (lo > hi or hi < 0)]
    if crossed:
        raise AllocationError(
            f"Untergrenze über Obergrenze (oder Obergrenze unter dem Sockelbetrag) in {row_list(crossed)}.",
            tuple(crossed),
            field="bounds",
        )
    floor_total = sum(low)
    if floor_total > rest:
        rows = tuple(i for i, value in enumerate(low) if value > 0)
        raise AllocationError(
            f"Die Untergrenzen ergeben zusammen mehr als das zu verteilende Budget "
            f"({german_number(floor_total + base * len(weights))} > {german_number(rest + base * len(weights))} Einheiten); "
            f"betroffen: {row_list(rows)}.",
            rows,
            field="bounds",
        )
    if not any(weights) and rest > floor_total:
        raise AllocationError(
            "Alle Gewichte sind null: ein Budget über 0 kann nicht verteilt werden.", field="weights"
        )
    if all(hi is not None for w, hi in zip(weights, high) if w > 0):
        ceiling = sum(hi if w > 0 else lo for w, lo, hi in zip(weights, low, high))
        if ceiling < rest:
            rows = tuple(i for i, w in enumerate(weights) if w > 0)
            raise AllocationError(
                "Die Obergrenzen ergeben zusammen weniger als das Budget; es bliebe Geld übrig "
                f"(betroffen: {row_list(rows)}).",
                rows,
                field="bounds",
            )
'''

# ---- xl_funcs/engine/choices.py ----------------------------------------------
MODULES['xl_funcs.engine.choices'] = r'''"""A rule chosen by name: German or English spellings folded to one code word, or a German error listing the choices."""

from __future__ import annotations

from .errors import AllocationError


def choice(value: object, spellings: dict[str, str], default: str, what: str, allowed: str, field: str) -> str:
    """``value`` folded (case, spaces) and looked up in ``spellings``; empty -> ``default``.

    ``what`` names the parameter in the message ("Unbekannte Finanzierung 'x'"), ``allowed`` lists the choices.
    """
    if value is None or not str(value).strip():
        return default
    rule = spellings.get(" ".join(str(value).split()).casefold())
    if rule is None:
        raise AllocationError(f"Unbekannte {what} {value!r}: erlaubt sind {allowed}.", field=field)
    return rule
'''

# ---- xl_funcs/engine/divisor.py ----------------------------------------------
MODULES['xl_funcs.engine.divisor'] = r'''"""Divisor methods (D'Hondt, Sainte-Laguë/Schepers) for budgets counted in millions of units.

A row holds its k-th unit while weight / d(k) reaches a common threshold, where
d(k) = k for D'Hondt and k - 1/2 for Sainte-Laguë. Instead of a table of
rows × units we round at the exact proportional level, which misses the budget
by a few units, and then move single units to the strongest claimant or from
the weakest holder. Floats only choose the order of those few steps; whether
the result is right, and whether a tie decided it, is settled in exact
arithmetic afterwards. Bounds clamp a row's units; a row at its bound neither
gives nor takes.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from fractions import Fraction

from .methods import Method
from .ties import Tie

# Python's int / int is correctly rounded, so two quotients whose floats differ by
# more than this relative margin are ordered the same way exactly.
_FLOAT_MARGIN = 1e-12


@dataclass(frozen=True)
class DivisorApportionment:
    units: list[int]
    multiplier: Fraction  # units per unit of weight: an unbound row gets weight × multiplier, rounded by the method
    tie: Tie | None


class _Rows:
    """The rows with their bounds, and each row's claim on one more unit and hold on its last."""

    def __init__(self, method: Method, weights: list[int], lower: list[int], upper: list[int | None]) -> None:
        self.weights = weights
        self.lower = lower
        self.upper = upper
        # d(k) = k (D'Hondt) or (2k - 1)/2 (Sainte-Laguë): quotients as weight·scale / (scale·k - offset)
        self.scale, self.offset = (1, 0) if method is Method.DHONDT else (2, 1)

    def can_take(self, row: int, units: int) -> bool:
        cap = self.upper[row]
        return self.weights[row] > 0 and (cap is None or units < cap)

    def can_give(self, row: int, units: int) -> bool:
        return units > self.lower[row] and self.weights[row] > 0

    def claim(self, row: int, units: int) -> Fraction:
        """weight / d(units + 1)."""
        return Fraction(self.scale * self.weights[row], self.scale * (units + 1) - self.offset)

    def hold(self, row: int, units: int) -> Fraction:
        """weight / d(units)."""
        return Fraction(self.scale * self.weights[row], self.scale * units - self.offset)

    def claim_float(self, row: int, units: int) -> float:
        return self.scale * self.weights[row] / (self.scale * (units + 1) - self.offset)

    def hold_float(self, row: int, units: int) -> float:
        return self.scale * self.weights[row] / (self.scale * units - self.offset)


def divisor_method(
    method: Method,
    weights: list[int],
    seats: int,
    lower: list[int],
    upper: list[int | None],
    level: Fraction,
    priority: tuple[int, ...] | None = None,
) -> DivisorApportionment:
    """Apportion ``seats``; the caller has checked that the bounds leave a solution.

    ``level`` is units per weight at which the exact, unrounded quotas add up to
    ``seats`` (see water_level); rounding there misses by a few units in all.
    """
    rows = _Rows(method, weights, lower, upper)
    units = _start(rows, method, level, seats)
    try:
        _step(rows, units, seats - sum(units), rows.claim_float, rows.hold_float)
    except OverflowError:  # weights beyond float range: take the exact path throughout
        _step(rows, units, seats - sum(units), rows.claim, rows.hold)
    claim, hold = _exact_margins(rows, units)
    while claim is not None and hold is not None and claim[0] > hold[0]:
        # A float put a unit in the wrong place; move it, exactly.
        units[hold[1][-1]] -= 1
        units[claim[1][0]] += 1
        claim, hold = _exact_margins(rows, units)
    tie = _settle_tie(units, claim, hold, priority)
    if tie:
        claim, hold = _exact_margins(rows, units)
    return DivisorApportionment(units, _multiplier(claim, hold), tie)


def _start(rows: _Rows, method: Method, level: Fraction, seats: int) -> list[int]:
    """Every row rounded by the method at one common level, clamped to its bounds.

    Any single level gives a state that stepping can complete; this one is close.
    D'Hondt rounds down, losing about half a unit a row, so its level is raised
    by that much.
    """
    if method is Method.DHONDT and seats:
        level = level * (seats + Fraction(len(rows.weights), 2)) / seats
    a, b = level.numerator, level.denominator
    halves = 0 if method is Method.DHONDT else b
    units = []
    for weight, low, cap in zip(rows.weights, rows.lower, rows.upper):
        if weight == 0:
            units.append(low)
            continue
        guess = max((2 * weight * a + halves) // (2 * b), low)
        units.append(guess if cap is None else min(guess, cap))
    return units


def _step(rows: _Rows, units: list[int], missing: int, claim, hold) -> None:
    """Give units to the strongest claims, or take them from the weakest holds, until none is missing."""
    n = len(units)
    if missing > 0:
        heap = [(-claim(r, units[r]), r) for r in range(n) if rows.can_take(r, units[r])]
        heapq.heapify(heap)
        while missing:
            _, row = heapq.heappop(heap)
            units[row] += 1
            missing -= 1
            if rows.can_take(row, units[row]):
                heapq.heappush(heap, (-claim(row, units[row]), row))
    elif missing < 0:
        heap = [(hold(r, units[r]), -r) for r in range(n) if rows.can_give(r, units[r])]
        heapq.heapify(heap)
        while missing:
            _, negative_row = heapq.heappop(heap)
            row = -negative_row
            units[row] -= 1
            missing += 1
            if rows.can_give(row, units[row]):
                heapq.heappush(heap, (hold(row, units[row]), -row))


Margin = tuple[Fraction, list[int]]  # the exact value and the rows (in input order) that have it


def _exact_margins(rows: _Rows, units: list[int]) -> tuple[Margin | None, Margin | None]:
    """The strongest claim of a row without its next unit, and the weakest hold of a row with its last.

    Floats pick the few candidates near each margin; only those are compared exactly.
    """
    n = len(units)
    takers = [r for r in range(n) if rows.can_take(r, units[r])]
    givers = [r for r in range(n) if rows.can_give(r, units[r])]
    try:
        claims = {r: rows.claim_float(r, units[r]) for r in takers}
        holds = {r: rows.hold_float(r, units[r]) for r in givers}
    except OverflowError:
        claim_rows, hold_rows = takers, givers
    else:
        best = max(claims.values(), default=0.0)
        weakest = min(holds.values(), default=0.0)
        claim_rows = [r for r in takers if claims[r] >= best * (1 - _FLOAT_MARGIN)]
        hold_rows = [r for r in givers if holds[r] <= weakest * (1 + _FLOAT_MARGIN)]
    return (
        _extreme({r: rows.claim(r, units[r]) for r in claim_rows}, max),
        _extreme({r: rows.hold(r, units[r]) for r in hold_rows}, min),
    )


def _extreme(values: dict[int, Fraction], pick) -> Margin | None:
    if not values:
        return None
    value = pick(values.values())
    return value, sorted(r for r, v in values.items() if v == value)


def _settle_tie(
    units: list[int], claim: Margin | None, hold: Margin | None, priority: tuple[int, ...] | None
) -> Tie | None:
    """Where the strongest claim equals the weakest hold, the rows first by priority (default: input) hold."""
    if claim is None or hold is None or claim[0] != hold[0]:
        return None
    claimants, holders = claim[1], hold[1]
    contenders = sorted(claimants + holders, key=None if priority is None else priority.__getitem__)
    winners = contenders[: len(holders)]
    for row in holders:
        units[row] -= 1
    for row in winners:
        units[row] += 1
    return Tie(tuple(sorted(winners)), tuple(sorted(contenders[len(holders):])), claim[0])


def _multiplier(claim: Margin | None, hold: Margin | None) -> Fraction:
    """The simplest units-per-weight factor that yields the units of every unbound row."""
    # Row i keeps its k-th unit while weight/d(k) >= 1/multiplier: the multiplier lies
    # strictly between 1/hold and 1/claim; at a tie the two meet.
    if claim is None:
        return simplest_between(Fraction(0), 1 / hold[0]) if hold else Fraction(0)
    if hold is None:
        return simplest_between(1 / claim[0], None)
    if claim[0] == hold[0]:
        return 1 / claim[0]
    return simplest_between(1 / hold[0], 1 / claim[0])


def simplest_between(low: Fraction, high: Fraction | None) -> Fraction:
    """The fraction with the smallest denominator strictly between ``low`` and ``high`` (0 <= low < high).

    A person checking the result by hand then multiplies by a short number.
    ``high`` None means no upper limit.
    """
    whole = low.numerator // low.denominator
    if high is None or whole + 1 < high:
        return Fraction(whole + 1)
    fraction_low = low - whole
    fraction_high = high - whole
    if fraction_low == 0:
        # Between 0 and fraction_high (<= 1): 1/k with k just above 1/fraction_high.
        k = (1 / fraction_high).__floor__() + 1
        return whole + Fraction(1, k)
    return whole + 1 / simplest_between(1 / fraction_high, 1 / fraction_low)
'''

# ---- xl_funcs/engine/errors.py -----------------------------------------------
MODULES['xl_funcs.engine.errors'] = r'''"""The one error the engine raises: a German message for the user, plus the rows it concerns."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .notation import ROW_REFERENCE


class AllocationError(ValueError):
    """Bad input or infeasible constraints.

    ``message`` is shown to ministry staff as it is, so it is German and names
    rows 1-based; ``rows`` keeps the 0-based indices for callers that map rows
    back to cells (the workbook reader turns them into ``Zuweisungen!D14``).
    """

    def __init__(self, message: str, rows: tuple[int, ...] = (), field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.rows = tuple(rows)
        self.field = field

    def naming(self, labels: Sequence[str]) -> str:
        """The message with each "Zeile 3"/"Zeilen 1, 5" replaced by the rows' own labels.

        A caller that knows what the rows are (Kreise, say) shows their names
        instead of positions the user never saw.
        """

        def replace(match: re.Match) -> str:
            numbers = [int(n) for n in re.findall(r"\d+", match.group("numbers"))]
            names = [labels[n - 1] if 0 < n <= len(labels) else f"Zeile {n}" for n in numbers]
            more = match.group("more") or ""
            return ", ".join(names) + more

        return re.sub(ROW_REFERENCE, replace, self.message)
'''

# ---- xl_funcs/engine/exact.py ------------------------------------------------
MODULES['xl_funcs.engine.exact'] = r'''"""Turning what callers hand us into exact rationals, and refusing what is not a number.

Floats are taken at their shortest decimal representation (``0.1`` means one
tenth, as Excel shows it), not at their binary value, because the numbers come
from cells a person typed.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from numbers import Rational

from .errors import AllocationError
from .notation import german_number

ExactNumber = int | Fraction | Decimal | float


def exact(value: object, what: str, rows: tuple[int, ...] = ()) -> Fraction:
    """``value`` as a Fraction, or an AllocationError that says ``what`` was wrong."""
    if isinstance(value, bool) or value is None:
        raise AllocationError(f"{what} ist keine Zahl ({_shown(value)}).", rows)
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, Fraction):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise AllocationError(f"{what} ist keine endliche Zahl ({value}).", rows)
        return Fraction(Decimal(repr(value)))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise AllocationError(f"{what} ist keine endliche Zahl ({value}).", rows)
        return Fraction(value)
    if isinstance(value, Rational):
        return Fraction(value.numerator, value.denominator)
    raise AllocationError(f"{what} ist keine Zahl ({_shown(value)}).", rows)


def nonnegative(value: object, what: str, rows: tuple[int, ...] = ()) -> Fraction:
    """``value`` as a Fraction that is not below 0, or an AllocationError that says why (``what`` ist negativ)."""
    number = exact(value, what, rows)
    if number < 0:
        raise AllocationError(f"{what} ist negativ.", rows)
    return number


def _shown(value: object) -> str:
    if value is None:
        return "leer"
    if isinstance(value, bool):
        return "WAHR" if value else "FALSCH"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "…"


def as_units(amount: Fraction, unit: Fraction, what: str) -> int:
    """An amount that must be a whole number of units, as that number."""
    count = amount / unit
    if count.denominator != 1:
        raise AllocationError(
            f"{what} ({german_number(decimal_of(amount))}) ist kein ganzzahliges Vielfaches "
            f"der Einheit {german_number(decimal_of(unit))}."
        )
    return count.numerator


def decimal_of(value: Fraction) -> Decimal | Fraction:
    """A Fraction with a finite decimal expansion as an exact Decimal, else unchanged."""
    denominator = value.denominator
    places = 0
    while denominator % 10 == 0:
        denominator //= 10
        places += 1
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
            places += 1
    if denominator != 1:
        return value
    return Decimal(value.numerator * 10**places // value.denominator).scaleb(-places)


def whole_or_exact(value: int | Fraction | Decimal) -> int | Fraction | Decimal:
    """Money as an int when it is a whole number (amounts are ints), else the exact value unchanged."""
    if isinstance(value, int):
        return value
    if isinstance(value, Fraction):
        return value.numerator if value.denominator == 1 else value
    if value == value.to_integral_value():
        return int(value)
    return value
'''

# ---- xl_funcs/engine/largest_remainder.py ------------------------------------
MODULES['xl_funcs.engine.largest_remainder'] = r'''"""Hare-Niemeyer: floors of the exact quotas, the rest to the largest remainders.

Quotas come as integer numerators over one common denominator, so that every
comparison is an integer comparison. From a few thousand rows on, the
same integer arithmetic runs in NumPy when every number fits into 64 bits:
the result is identical (a test holds both paths to it), only the sort of a
million remainders no longer dominates.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from .ties import Tie

VECTORISED_FROM_ROWS = 2_000
_INT64_LIMIT = 2**63 - 1


@dataclass(frozen=True)
class RemainderApportionment:
    units: list[int]
    floors: list[int]
    remainders: list[int]  # numerators over ``denominator``
    denominator: int
    order: list[int]  # rows by remainder, largest first, ties by priority (default: input order)
    extra: int  # how many rows got one unit beyond their floor
    tie: Tie | None


def largest_remainder(
    numerators: list[int],
    denominator: int,
    seats: int,
    vectorise: bool | None = None,
    priority: tuple[int, ...] | None = None,
) -> RemainderApportionment:
    """Apportion ``seats`` by quotas ``numerators[i] / denominator`` that sum to ``seats``.

    ``priority`` (one position per row, smaller first) breaks equal remainders;
    None means the input order. ``vectorise`` None decides by size; True/False
    force a path (for tests).
    """
    if vectorise is None:
        vectorise = len(numerators) >= VECTORISED_FROM_ROWS
    computed = _with_numpy(numerators, denominator, seats, priority) if vectorise else None
    if computed is None:
        computed = _in_python(numerators, denominator, seats, priority)
    units, floors, remainders, order, extra = computed
    return RemainderApportionment(
        units=units,
        floors=floors,
        remainders=remainders,
        denominator=denominator,
        order=order,
        extra=extra,
        tie=_cut_off_tie(order, remainders, extra, denominator),
    )


def _in_python(numerators, denominator, seats, priority=None):
    floors = [n // denominator for n in numerators]
    remainders = [n - f * denominator for n, f in zip(numerators, floors)]
    extra = seats - sum(floors)
    if priority is None:
        # sorted() is stable also with reverse=True: equal remainders keep input order.
        order = sorted(range(len(numerators)), key=remainders.__getitem__, reverse=True)
    else:
        order = sorted(range(len(numerators)), key=lambda row: (-remainders[row], priority[row]))
    units = floors.copy()
    for row in order[:extra]:
        units[row] += 1
    return units, floors, remainders, order, extra


def _with_numpy(numerators, denominator, seats, priority=None):
    """The same as _in_python, or None where NumPy is missing or a number needs more than 64 bits."""
    if denominator > _INT64_LIMIT:
        return None
    try:
        import numpy
    except ImportError:  # pragma: no cover - numpy comes with pandas, but the engine does not require it
        return None
    try:
        # NumPy refuses an int beyond 64 bits itself; checking max() in Python first cost as much as the sort.
        values = numpy.array(numerators, dtype=numpy.int64)
    except OverflowError:
        return None
    if values.min() < 0:
        return None
    floors = values // denominator
    remainders = values - floors * denominator
    if priority is None:
        # A stable sort of the negated remainders: largest first, equal ones in input order.
        order = numpy.argsort(-remainders, kind="stable")
    else:
        order = numpy.lexsort((numpy.array(priority, dtype=numpy.int64), -remainders))
    extra = seats - int(floors.sum())  # at most seats, so no overflow
    units = floors.copy()
    units[order[:extra]] += 1
    return units.tolist(), floors.tolist(), remainders.tolist(), order.tolist(), extra


def _cut_off_tie(order: list[int], remainders: list[int], extra: int, denominator: int) -> Tie | None:
    if extra <= 0 or extra >= len(order):
        return None
    cut = remainders[order[extra - 1]]
    if remainders[order[extra]] != cut:
        return None
    winners = []
    for row in reversed(order[:extra]):
        if remainders[row] != cut:
            break
        winners.append(row)
    losers = []
    for row in order[extra:]:
        if remainders[row] != cut:
            break
        losers.append(row)
    return Tie(tuple(sorted(winners)), tuple(sorted(losers)), Fraction(cut, denominator))
'''

# ---- xl_funcs/engine/matrix_rounding.py --------------------------------------
MODULES['xl_funcs.engine.matrix_rounding'] = r'''"""Rounding a matrix with both margins fixed: every row and every column keeps its exact sum.

Used for instalments: row i is a Kreis, column j an instalment date. Each Kreis's
instalments add up exactly to its amount and each date's column exactly to its part of
the budget, and every entry is the floor or the ceiling of its exact value (so within one
unit of it). Everything is in whole units (ints) and exact Fractions.

How (controlled rounding as a flow problem): each entry starts at the floor of its exact
value. Row i then still needs ``k_i`` units (its sum minus the floors), column j at least
``m_j`` and at most ``m_j + 1`` (``+1`` only where the exact column sum is not whole).
Choosing which fractional entries go up by one is a 0/1 flow on the bipartite graph
rows -> columns; the exact matrix itself is a fractional flow of the full value, so an
integral one exists (max-flow integrality) and augmenting paths find it. First the entries
with the largest fractional parts are rounded up greedily while their row and column still
need a unit (so 0,8 goes up before 0,2 wherever the margins allow), then augmenting paths
complete the flow. Entries, rows and columns are taken in a fixed order (equal fractional
parts: earlier row, then earlier column), so the same input always gives the same result.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Sequence
from fractions import Fraction

from .largest_remainder import largest_remainder


def split_total(total: int, shares: Sequence[Fraction]) -> list[int]:
    """``total`` units split in proportion to ``shares`` by largest remainders (Hare–Niemeyer).

    Each part is the floor or ceiling of ``total * share / sum(shares)``; equal remainders go to the
    earlier column. A negative total is split as its absolute value and negated (a repayment).
    """
    shares = [Fraction(share) for share in shares]
    whole = sum(shares, Fraction(0))
    if not shares or whole <= 0 or any(share < 0 for share in shares):
        raise ValueError("shares must be non-negative with a positive sum")
    size = abs(total)
    denominator = 1
    for share in shares:
        denominator = math.lcm(denominator, share.denominator)
    weights = [int(share * denominator) for share in shares]
    weight_sum = sum(weights)
    numerators = [size * weight for weight in weights]
    parts = largest_remainder(numerators, weight_sum, size, vectorise=False).units
    return parts if total >= 0 else [-part for part in parts]


def proportional_matrix(
    row_totals: Sequence[int], column_totals: Sequence[int], shares: Sequence[Fraction]
) -> list[list[Fraction]]:
    """The exact matrix with exactly these margins: ``row_i * column_j / total``.

    Where the total is 0 (nothing left to pay overall, but some rows owe and others are owed),
    each row is spread by ``shares`` instead; the column sums are then 0 as well.
    """
    total = sum(row_totals)
    if sum(column_totals) != total:
        raise ValueError("row and column totals differ")
    if total != 0:
        return [[Fraction(row * column, total) for column in column_totals] for row in row_totals]
    whole = sum((Fraction(share) for share in shares), Fraction(0))
    return [[Fraction(row) * Fraction(share) / whole for share in shares] for row in row_totals]


def round_matrix(exact: Sequence[Sequence[Fraction]]) -> list[list[int]]:
    """Each entry to its floor or ceiling; every row sum kept exactly, every column sum to its floor or ceiling.

    Row sums of ``exact`` must be whole numbers. Where a column sum is whole it is kept exactly.
    """
    rows = [[Fraction(value) for value in row] for row in exact]
    if not rows:
        return []
    width = len(rows[0])
    if any(len(row) != width for row in rows):
        raise ValueError("rows of different length")
    row_sums = [sum(row, Fraction(0)) for row in rows]
    if any(total.denominator != 1 for total in row_sums):
        raise ValueError("every row sum must be a whole number")
    floors = [[value.__floor__() for value in row] for row in rows]
    fractional = [[value.denominator != 1 for value in row] for row in rows]
    row_need = [int(total) - sum(floor_row) for total, floor_row in zip(row_sums, floors)]
    column_sums = [sum((row[j] for row in rows), Fraction(0)) for j in range(width)]
    column_floor_need = [
        column_sums[j].__floor__() - sum(floors[i][j] for i in range(len(rows))) for j in range(width)
    ]
    column_may_round_up = [column_sums[j].denominator != 1 for j in range(width)]
    spare = sum(row_need) - sum(column_floor_need)

    preference = sorted(
        ((i, j) for i in range(len(rows)) for j in range(width) if fractional[i][j]),
        key=lambda entry: (-(rows[entry[0]][entry[1]] - floors[entry[0]][entry[1]]), entry),
    )
    chosen = _unit_flow(row_need, fractional, column_floor_need, column_may_round_up, spare, preference)
    return [[floors[i][j] + (1 if (i, j) in chosen else 0) for j in range(width)] for i in range(len(rows))]


def _unit_flow(row_need, edges, column_need, may_round_up, spare, preference) -> set[tuple[int, int]]:
    """The (row, column) entries rounded up: a maximum flow that saturates every row and column demand."""
    n_rows, width = len(row_need), len(column_need)
    # Nodes: 0 source, 1..n rows, then columns, then the spare node (one extra unit for a column whose
    # exact sum is not whole), then the sink. Capacities in a dict of dicts (residual graph).
    source, spare_node, sink = 0, 1 + n_rows + width, 2 + n_rows + width

    def row_node(i: int) -> int:
        return 1 + i

    def column_node(j: int) -> int:
        return 1 + n_rows + j

    capacity: dict[int, dict[int, int]] = {node: {} for node in range(sink + 1)}

    def edge(u: int, v: int, amount: int) -> None:
        capacity[u][v] = capacity[u].get(v, 0) + amount
        capacity[v].setdefault(u, 0)

    for i in range(n_rows):
        edge(source, row_node(i), row_need[i])
        for j in range(width):
            if edges[i][j]:
                edge(row_node(i), column_node(j), 1)
    for j in range(width):
        edge(column_node(j), sink, column_need[j])
        if may_round_up[j]:
            edge(column_node(j), spare_node, 1)
    edge(spare_node, sink, spare)

    def push(path: list[int]) -> None:
        for u, v in zip(path, path[1:]):
            capacity[u][v] -= 1
            capacity[v][u] += 1

    wanted = sum(row_need)
    flow = 0
    for i, j in preference:  # greedy start: direct paths source -> row -> column -> sink (or via spare)
        row, column = row_node(i), column_node(j)
        if capacity[source][row] <= 0:
            continue
        if capacity[column][sink] > 0:
            push([source, row, column, sink])
        elif capacity[column].get(spare_node, 0) > 0 and capacity[spare_node][sink] > 0:
            push([source, row, column, spare_node, sink])
        else:
            continue
        flow += 1
    while flow < wanted:
        path = _augmenting_path(capacity, source, sink)
        if path is None:  # cannot happen for consistent margins (see the module docstring)
            raise ArithmeticError("no rounding with these margins")
        push(path)
        flow += 1
    return {
        (i, j)
        for i in range(n_rows)
        for j in range(width)
        if edges[i][j] and capacity[column_node(j)].get(row_node(i), 0) > 0
    }


def _augmenting_path(capacity: dict[int, dict[int, int]], source: int, sink: int) -> list[int] | None:
    """A shortest path with spare capacity, neighbours visited in node order (deterministic)."""
    before = {source: source}
    queue = deque([source])
    while queue:
        node = queue.popleft()
        for neighbour in sorted(capacity[node]):
            if neighbour in before or capacity[node][neighbour] <= 0:
                continue
            before[neighbour] = node
            if neighbour == sink:
                path = [sink]
                while path[-1] != source:
                    path.append(before[path[-1]])
                return path[::-1]
            queue.append(neighbour)
    return None

'''

# ---- xl_funcs/engine/methods.py ----------------------------------------------
MODULES['xl_funcs.engine.methods'] = r'''"""The three apportionment methods by name, and how users may spell them."""

from __future__ import annotations

import enum
import unicodedata

from .errors import AllocationError


class Method(enum.Enum):
    HARE_NIEMEYER = "hare-niemeyer"
    SAINTE_LAGUE = "sainte-lague"
    DHONDT = "dhondt"

    @property
    def label(self) -> str:
        """The name as the ministry writes it in a published table."""
        return _LABELS[self]

    @property
    def is_divisor_method(self) -> bool:
        return self is not Method.HARE_NIEMEYER


_LABELS = {
    Method.HARE_NIEMEYER: "Hare-Niemeyer",
    Method.SAINTE_LAGUE: "Sainte-Laguë/Schepers",
    Method.DHONDT: "D'Hondt",
}

# Keys are spellings folded by _fold: lower case, accents and punctuation gone.
_SPELLINGS = {
    "hareniemeyer": Method.HARE_NIEMEYER,
    "hare": Method.HARE_NIEMEYER,
    "largestremainder": Method.HARE_NIEMEYER,
    "groesstereste": Method.HARE_NIEMEYER,
    "groessterrest": Method.HARE_NIEMEYER,
    "saintelague": Method.SAINTE_LAGUE,
    "saintelagueschepers": Method.SAINTE_LAGUE,
    "schepers": Method.SAINTE_LAGUE,
    "webster": Method.SAINTE_LAGUE,
    "dhondt": Method.DHONDT,
    "jefferson": Method.DHONDT,
}


def _fold(text: str) -> str:
    text = text.replace("ß", "ss").replace("ö", "oe").replace("Ö", "oe")
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum())


def parse_method(value: str | Method | None) -> Method:
    """``'Sainte-Laguë'``, ``"d'Hondt"``, ``'HARE-NIEMEYER'`` … -> Method; None -> the default."""
    if value is None:
        return Method.HARE_NIEMEYER
    if isinstance(value, Method):
        return value
    if isinstance(value, str):
        if not value.strip():
            return Method.HARE_NIEMEYER
        method = _SPELLINGS.get(_fold(value))
        if method is not None:
            return method
    raise AllocationError(
        f"Unbekannte Methode {value!r}: erlaubt sind HARE-NIEMEYER, SAINTE-LAGUE und DHONDT.",
        field="method",
    )
'''

# ---- xl_funcs/engine/notation.py ---------------------------------------------
MODULES['xl_funcs.engine.notation'] = r'''"""German notation of exact numbers, for messages and explanations a person reads."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction


def german_number(value: int | Decimal | Fraction, places: int | None = None) -> str:
    """``58000000`` -> ``58.000.000``; ``Decimal('0.5')`` -> ``0,5``.

    A Fraction is shown with ``places`` decimals (default 6), cut towards zero
    and marked with ``…`` when it does not end there, so that a reader never
    mistakes a shortened quota for the exact one.
    """
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return german_number(value.numerator)
        digits = 6 if places is None else places
        scaled = abs(value) * 10**digits
        whole = scaled.numerator // scaled.denominator
        exact = whole * scaled.denominator == scaled.numerator
        text = german_number(Decimal(whole).scaleb(-digits) * (1 if value >= 0 else -1))
        return text if exact else text + "…"
    if isinstance(value, Decimal):
        if places is not None:
            value = value.quantize(Decimal(1).scaleb(-places))
        sign, digits_tuple, exponent = value.as_tuple()
        text = format(abs(value), "f")
    else:
        sign = value < 0
        text = str(abs(value))
    whole, _, fraction = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = ".".join(groups)
    if fraction:
        result += "," + fraction
    return ("-" if sign and result.strip("0.,") else "") + result


# How row_label and row_list refer to rows, so that callers can put names in their place.
ROW_REFERENCE = r"Zeilen? (?P<numbers>\d+(?:, \d+)*)(?P<more> und \d+ weitere)?"


def row_label(index: int) -> str:
    """0-based index -> the 1-based wording of messages."""
    return f"Zeile {index + 1}"


def row_list(indices) -> str:
    """``[0, 4, 5]`` -> ``Zeilen 1, 5, 6`` (at most ten named, then a count)."""
    indices = list(indices)
    if len(indices) == 1:
        return row_label(indices[0])
    shown = ", ".join(str(i + 1) for i in indices[:10])
    more = len(indices) - 10
    return f"Zeilen {shown}" + (f" und {more} weitere" if more > 0 else "")
'''

# ---- xl_funcs/engine/per_head.py ---------------------------------------------
MODULES['xl_funcs.engine.per_head'] = r'''"""Per-head amounts (Pauschale je Person), as the programme paid them in 2017–2019.

Each row is rate × count rounded on its own, half away from zero like Excel's
ROUND, so the total follows from the rows instead of being fixed beforehand.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from .errors import AllocationError
from .exact import decimal_of, exact, nonnegative
from .notation import row_label


def round_half_away(value: Fraction) -> int:
    """Nearest integer, halves away from zero (Excel's ROUND, not Python's round())."""
    magnitude = abs(value)
    nearest = (2 * magnitude.numerator + magnitude.denominator) // (2 * magnitude.denominator)
    return nearest if value >= 0 else -nearest


def per_head(rate, counts: Sequence, unit=1) -> tuple[int, ...] | tuple[Decimal, ...]:
    """``796.08 × 85 persons`` -> ``67667`` (unit 1 €): one amount per count."""
    rate_value = exact(rate, "Die Pauschale")
    unit_value = exact(unit, "Die Einheit")
    if unit_value <= 0:
        raise AllocationError("Die Einheit muss größer als 0 sein.", field="unit")
    if rate_value < 0:
        raise AllocationError("Die Pauschale ist negativ.", field="rate")
    problems, rows, units = [], [], []
    for index, count in enumerate(counts):
        try:
            number = nonnegative(count, f"Die Personenzahl in {row_label(index)}", (index,))
        except AllocationError as error:
            problems.append(error.message)
            rows.append(index)
            continue
        units.append(round_half_away(rate_value * number / unit_value))
    if problems:
        raise AllocationError(" ".join(problems[:5]), tuple(rows), field="counts")
    if unit_value.denominator == 1:
        return tuple(count * unit_value.numerator for count in units)
    unit_decimal = decimal_of(unit_value)
    return tuple(count * unit_decimal for count in units)
'''

# ---- xl_funcs/engine/reference.py --------------------------------------------
MODULES['xl_funcs.engine.reference'] = r'''"""The reference weight of each row from counts over several years (e.g. the mean of three)."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from .errors import AllocationError
from .exact import exact, nonnegative
from .notation import row_label


def reference_weights(counts_by_year: Sequence[Sequence], year_weights: Sequence | None = None) -> tuple[Fraction, ...]:
    """Weighted mean per row: Σ_y g_y · c_{y,i} / Σ_y g_y, exact.

    ``counts_by_year`` holds one sequence per year, each with one count per row;
    ``year_weights`` (default: all 1, the plain mean) one weight per year.
    """
    years = len(counts_by_year)
    if years == 0:
        raise AllocationError("Es ist kein Bezugsjahr angegeben.", field="years")
    rows = len(counts_by_year[0])
    for year, counts in enumerate(counts_by_year):
        if len(counts) != rows:
            raise AllocationError(
                f"Bezugsjahr {year + 1} hat {len(counts)} Werte, Bezugsjahr 1 aber {rows}.", field="years"
            )
    if year_weights is None:
        factors = [Fraction(1)] * years
    else:
        if len(year_weights) != years:
            raise AllocationError(
                f"{len(year_weights)} Jahresgewichte für {years} Bezugsjahre.", field="year_weights"
            )
        factors = [exact(value, f"Das Gewicht von Bezugsjahr {y + 1}") for y, value in enumerate(year_weights)]
        if any(f < 0 for f in factors):
            raise AllocationError("Ein Jahresgewicht ist negativ.", field="year_weights")
    total_factor = sum(factors)
    if total_factor == 0:
        raise AllocationError("Die Jahresgewichte ergeben zusammen 0.", field="year_weights")
    problems, bad_rows = [], []
    result = []
    for row in range(rows):
        value = Fraction(0)
        for year, counts in enumerate(counts_by_year):
            try:
                count = nonnegative(counts[row], f"Der Wert von Bezugsjahr {year + 1} in {row_label(row)}", (row,))
            except AllocationError as error:
                problems.append(error.message)
                bad_rows.append(row)
                continue
            value += factors[year] * count
        result.append(value / total_factor)
    if problems:
        raise AllocationError(" ".join(problems[:5]), tuple(bad_rows), field="counts")
    return tuple(result)
'''

# ---- xl_funcs/engine/shown_shares.py -----------------------------------------
MODULES['xl_funcs.engine.shown_shares'] = r'''"""Shares as printed: whole hundredths of a percent that add up to exactly 100 %.

Rounding each exact share on its own can print 99,99 % or 100,01 % in total
while the total row says 100,00 %. Instead the 10,000 hundredths of a percent
are apportioned among the weights by Hare-Niemeyer, like euros among Kreise:
each printed share differs from the exact one by less than one hundredth of
a percentage point, and together they are 100 %.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from .allocation import apportion, shares
from .methods import Method

HUNDREDTHS_OF_A_PERCENT = 10_000


def shown_shares(weights: Sequence, parts: int = HUNDREDTHS_OF_A_PERCENT) -> tuple[Fraction, ...]:
    """Each weight's share in whole ``1/parts`` (default: hundredths of a percent), adding up to 1 exactly."""
    shares(weights)  # the same checks and the same German error for weights that sum to 0
    allocation = apportion(parts, list(weights), method=Method.HARE_NIEMEYER)
    return tuple(Fraction(int(units), parts) for units in allocation.amounts)
'''

# ---- xl_funcs/engine/ties.py -------------------------------------------------
MODULES['xl_funcs.engine.ties'] = r'''"""A tie that decided an amount, and the rule that decides ties: which row goes first.

A rule is a priority: one number per row, smaller goes first when two claims
on the last unit are exactly equal. ``key`` is the order the rows come in
(the calculation sorts the Kreise by Kreisschlüssel), ``weight`` puts the larger
exact weight first, ``lot`` orders by a reproducible draw from a published
seed, ``order`` by an explicit rank per row.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from .choices import choice
from .errors import AllocationError
from .notation import row_list

TIE_RULES = ("key", "weight", "lot", "order")


@dataclass(frozen=True)
class Tie:
    """Rows whose claims on the last units were exactly equal.

    ``winners`` received a unit that ``losers`` with the same claim did not;
    the tie rule in force (by default: the row that comes first) decided.
    ``value`` is the equal claim: the remainder (Hare-Niemeyer) or the
    quotient weight/divisor (divisor methods).
    """

    winners: tuple[int, ...]
    losers: tuple[int, ...]
    value: Fraction

    @property
    def rows(self) -> tuple[int, ...]:
        return tuple(sorted(self.winners + self.losers))


def parse_tie_rule(value: str | None) -> str:
    """``key``/``weight``/``lot``/``order``, also in the German words of the workbook; None -> ``key``."""
    return choice(value, _SPELLINGS, "key", "Gleichstandsregel",
                  "Schlüssel, Gewicht, Los und Rang (key, weight, lot, order)", "tie_rule")


_SPELLINGS = {
    "key": "key",
    "schlüssel": "key",
    "schluessel": "key",
    "kreisschlüssel": "key",
    "kreisschluessel": "key",
    "reihenfolge": "key",
    "weight": "weight",
    "gewicht": "weight",
    "lot": "lot",
    "los": "lot",
    "losentscheid": "lot",
    "order": "order",
    "rang": "order",
    "rangfolge": "order",
}


def tie_priority(
    rule: str,
    count: int,
    *,
    weights: Sequence[Fraction] | None = None,
    labels: Sequence[str] | None = None,
    seed: str | None = None,
    ranks: Sequence[int | None] | None = None,
) -> tuple[int, ...]:
    """Position of each row in the order that breaks ties (0 goes first).

    ``labels`` name the rows for the draw (the Kreisschlüssel; default the row
    number), so that the draw does not depend on the order of the input.
    """
    rows = range(count)
    if rule == "key":
        order = list(rows)
    elif rule == "weight":
        if weights is None:
            raise AllocationError("Die Gleichstandsregel „Gewicht“ braucht die Gewichte.", field="tie_rule")
        order = sorted(rows, key=lambda row: (-weights[row], row))
    elif rule == "lot":
        if seed is None or not str(seed).strip():
            raise AllocationError(
                "Die Gleichstandsregel „Los“ braucht eine Losnummer (z. B. Datum und Nummer der Ziehung).",
                field="seed",
            )
        names = labels if labels is not None else [str(row + 1) for row in rows]
        order = sorted(rows, key=lambda row: (lot_number(seed, names[row]), row))
    elif rule == "order":
        order = _by_rank(ranks, count)
    else:
        raise AllocationError(f"Unbekannte Gleichstandsregel {rule!r}.", field="tie_rule")
    positions = [0] * count
    for position, row in enumerate(order):
        positions[row] = position
    return tuple(positions)


def lot_number(seed: str, label: str) -> str:
    """The row's draw: SHA-256 of seed and label, in hex; the smallest goes first. The same on every machine."""
    return hashlib.sha256(f"{str(seed).strip()}\n{label}".encode("utf-8")).hexdigest()


def _by_rank(ranks: Sequence[int | None] | None, count: int) -> list[int]:
    if ranks is None or len(ranks) != count:
        raise AllocationError("Die Gleichstandsregel „Rang“ braucht einen Rang für jede Zeile.", field="rank")
    missing = [row for row, rank in enumerate(ranks) if rank is None]
    if missing:
        raise AllocationError(
            f"Die Gleichstandsregel „Rang“ braucht einen Rang für jede Zeile; es fehlt in {row_list(missing)}.",
            tuple(missing),
            field="rank",
        )
    seen: dict[int, int] = {}
    doubled = []
    for row, rank in enumerate(ranks):
        if rank in seen:
            doubled.append(row)
        seen.setdefault(rank, row)
    if doubled:
        raise AllocationError(
            f"Jeder Rang darf nur einmal vorkommen; doppelt in {row_list(doubled)}.", tuple(doubled), field="rank"
        )
    return sorted(range(count), key=lambda row: ranks[row])
'''

# ---- xl_funcs/engine/transition.py -------------------------------------------
MODULES['xl_funcs.engine.transition'] = r'''"""Transition rules between last year's distribution and the new key: loss cap, gain cap, phase-in.

Each rule is applied exactly, in whole units, and reported: per row the amount
by the plain key (no rule), the amount with the rules, and the difference, so
that a published table can say what the cushion cost and who paid for it.

Who pays for the loss cap (``financing``):
- ``all``: capped rows are held at their minimum and the rest of the budget is
  re-apportioned among all others by the method (as any lower bound);
- ``gainers``: only rows above last year's amount pay; every gain is cut to one
  common rate on last year's amount, found exactly, so that the budget is met;
  all other rows keep the key's amount;
- ``fund``: the key stays as it is; a hardship fund outside the budget tops up
  every row that would lose more than the cap, and its size is reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .allocation import Allocation, apportion, shares
from .choices import choice
from .errors import AllocationError
from .exact import decimal_of, exact, nonnegative
from .largest_remainder import largest_remainder
from .notation import german_number, row_label, row_list
from .ties import Tie
from .water_level import water_level

FINANCING_RULES = ("all", "gainers", "fund")

@dataclass(frozen=True)
class TransitionRow:
    """One row's amounts in units: by the plain key, with the rules, and what each rule set."""

    row: int
    previous: Fraction  # last year's amount, in units
    without: int  # by the plain key, no transition rule
    units: int  # paid from the budget with the rules
    top_up: int  # paid from the hardship fund (financing "fund")
    minimum: int | None  # loss cap: previous × (1 − max_loss), rounded up
    maximum: int | None  # gain cap: previous × (1 + max_gain), rounded down
    capped_loss: bool  # the loss cap raised this row
    capped_gain: bool  # a gain cap (max_gain, or the common rate of "gainers") cut this row

    @property
    def total(self) -> int:
        return self.units + self.top_up

    @property
    def difference(self) -> int:
        return self.total - self.without

@dataclass(frozen=True)
class Transition:
    """The result of apportion_transition(); amounts per row in money, everything else in units."""

    unit: Fraction
    budget_units: int
    financing: str
    max_loss: Fraction | None
    max_gain: Fraction | None
    phase_in: Fraction | None
    gain_rate: Fraction | None  # the common rate the gains were cut to ("gainers", when anyone paid)
    plain: Allocation  # the key without any rule
    key: Allocation  # the apportionment the rules started from (phase-in weights, caps financed by all)
    rows: tuple[TransitionRow, ...]
    ties: tuple[Tie, ...]

    @property
    def units(self) -> tuple[int, ...]:
        return tuple(row.total for row in self.rows)

    @property
    def amounts(self) -> tuple[int, ...] | tuple[Decimal, ...]:
        """What each row receives in total (budget plus top-up), ints for whole euros, else Decimals."""
        return self._money(self.units)

    @property
    def paid_amounts(self) -> tuple[int, ...] | tuple[Decimal, ...]:
        """What each row receives from the budget (without the fund's top-up)."""
        return self._money(tuple(row.units for row in self.rows))

    @property
    def top_up_amounts(self) -> tuple[int, ...] | tuple[Decimal, ...]:
        return self._money(tuple(row.top_up for row in self.rows))

    @property
    def fund_units(self) -> int:
        return sum(row.top_up for row in self.rows)

    @property
    def fund(self) -> int | Decimal:
        return self._money((self.fund_units,))[0]

    @property
    def moved_units(self) -> int:
        """How much the rules moved between rows (and from the fund): the sum of all increases."""
        return sum(row.difference for row in self.rows if row.difference > 0)

    @property
    def tie_rows(self) -> frozenset[int]:
        return frozenset(row for tie in self.ties for row in tie.rows)

    def _money(self, counts):
        if self.unit.denominator == 1:
            return tuple(count * self.unit.numerator for count in counts)
        unit = decimal_of(self.unit)
        return tuple(count * unit for count in counts)

def parse_financing(value: str | None) -> str:
    """``all``/``gainers``/``fund``, also ``alle``/``Gewinner``/``Fonds``; None -> ``all``."""
    spellings = {"all": "all", "alle": "all", "gainers": "gainers", "gewinner": "gainers", "fund": "fund",
                 "fonds": "fund", "härtefonds": "fund", "haertefonds": "fund"}
    return choice(value, spellings, "all", "Finanzierung", "alle, Gewinner und Fonds (all, gainers, fund)",
                  "financing")


def apportion_transition(
    budget,
    weights: Sequence,
    previous: Sequence | None,
    *,
    max_loss=None,
    financing: str | None = "all",
    max_gain=None,
    phase_in=None,
    method=None,
    unit=1,
    lower=None,
    upper=None,
    base=0,
    priority: Sequence[int] | None = None,
    bound_rule: str = "redistribute",
) -> Transition:
    """Apportion ``budget`` by ``weights`` and cushion the change against ``previous`` (money per row).

    ``max_loss``/``max_gain`` are fractions of last year's amount (0.1 = 10 %),
    ``phase_in`` the weight of last year's distribution in a blend of shares
    (0.5: half old, half new). ``lower``/``upper``/``base``/``priority``/
    ``bound_rule`` as in apportion().
    """
    rule = parse_financing(financing)
    loss = _rate(max_loss, "Die Verlustbegrenzung", "max_loss", at_most_one=True)
    gain = _rate(max_gain, "Die Zuwachsbegrenzung", "max_gain", at_most_one=False)
    blend = _rate(phase_in, "Der Übergangsanteil", "phase_in", at_most_one=True)
    common = dict(method=method, unit=unit, base=base, priority=priority, bound_rule=bound_rule)
    plain = apportion(budget, weights, lower=lower, upper=upper, **common)
    n = len(plain.units)
    unit_value = plain.unit
    named = (("die Verlustbegrenzung", loss), ("die Zuwachsbegrenzung", gain), ("den Übergangsanteil", blend))
    needs_previous = [name for name, value in named if value is not None]
    before = _previous_units(previous, n, unit_value, needs_previous)

    key_weights = list(weights) if blend is None else _blended(weights, before, blend)
    minimum = [None] * n if loss is None else [_ceil(p * (1 - loss)) for p in before]
    maximum = [None] * n if gain is None else [_floor(p * (1 + gain)) for p in before]
    explicit_low = _per_row(lower, n)
    explicit_high = _per_row(upper, n)
    high = [_tighter(h, None if m is None else m * unit_value, min) for h, m in zip(explicit_high, maximum)]
    low = explicit_low
    if rule == "all":
        low = [_tighter(l, None if m is None else m * unit_value, max) for l, m in zip(explicit_low, minimum)]
    key = apportion(
        budget,
        key_weights,
        lower=None if all(v is None for v in low) else low,
        upper=None if all(v is None for v in high) else high,
        **common,
    )
    units = list(key.units)
    top_up = [0] * n
    gain_rate = None
    ties = list(key.ties)
    capped_gain = [m is not None and key.units[i] == m and plain.units[i] > m for i, m in enumerate(maximum)]
    if rule == "fund":
        top_up = [max(0, m - u) if m is not None else 0 for m, u in zip(minimum, units)]
    elif rule == "gainers":
        gain_rate, units, cut, tie = _financed_by_gainers(units, before, minimum, priority)
        capped_gain = [a or b for a, b in zip(capped_gain, cut)]
        if tie is not None:
            ties.append(tie)
        _require_bounds_kept(units, explicit_low, explicit_high, unit_value)
    rows = tuple(
        TransitionRow(
            row=i,
            previous=before[i],
            without=plain.units[i],
            units=units[i],
            top_up=top_up[i],
            minimum=minimum[i],
            maximum=maximum[i],
            capped_loss=minimum[i] is not None and units[i] + top_up[i] == minimum[i] and key.units[i] <= minimum[i]
            and plain.units[i] < minimum[i],
            capped_gain=capped_gain[i],
        )
        for i in range(n)
    )
    return Transition(
        unit=unit_value,
        budget_units=plain.budget_units,
        financing=rule,
        max_loss=loss,
        max_gain=gain,
        phase_in=blend,
        gain_rate=gain_rate,
        plain=plain,
        key=key,
        rows=rows,
        ties=tuple(ties),
    )

def _financed_by_gainers(units, before, minimum, priority):
    """Raise capped rows to their minimum, paid by cutting every gain to one common rate r on last year.

    r solves Σ_gainers max(0, u_i − p_i·(1 + r)) = need exactly (a piecewise linear, falling function of
    r, solved over its sorted breakpoints by water_level); the cut amounts are then rounded to units by largest
    remainders so that the budget holds to the unit and no gain exceeds the rate by a unit or more.
    """
    n = len(units)
    need = sum(max(0, m - u) for m, u in zip(minimum, units) if m is not None)
    cut = [False] * n
    if need == 0:
        return None, list(units), cut, None
    gainers = [i for i in range(n) if units[i] > before[i]]
    without_previous = [i for i in gainers if before[i] == 0]
    if without_previous:
        raise AllocationError(
            f"Finanzierung durch die Gewinner: {row_list(without_previous)} hatte im Vorjahr nichts; ein Zuwachs "
            "lässt sich dort nicht als Anteil am Vorjahr begrenzen. Bitte eine andere Finanzierung wählen.",
            tuple(without_previous),
            field="financing",
        )
    capacity = sum(units[i] - before[i] for i in gainers)
    if capacity < need:
        raise AllocationError(
            f"Finanzierung durch die Gewinner reicht nicht: die Verlustbegrenzung kostet {german_number(need)} "
            f"Einheiten, die Zuwächse aller Gewinner zusammen betragen nur {german_number(decimal_of(capacity))}. "
            "Bitte eine geringere Verlustbegrenzung oder eine andere Finanzierung wählen.",
            field="financing",
        )
    # What the gainers keep is min(u, p·(1 + r)) = clamp(λ·p, p, u) with λ = 1 + r, and together it must be
    # Σ u − need: the water level over last year's amounts, found exactly over the sorted breakpoints u/p.
    level = water_level(
        sum(units[i] for i in gainers) - need,
        [before[i] for i in gainers],
        [before[i] for i in gainers],
        [units[i] for i in gainers],
    )
    rate = max(level - 1, Fraction(0))  # level 0 means every gain is used up: the rate is 0
    result = list(units)
    for i, m in enumerate(minimum):
        if m is not None and units[i] < m:
            result[i] = m
    targets = {i: before[i] * (1 + rate) for i in gainers if units[i] > before[i] * (1 + rate)}
    rows = sorted(targets)
    if not rows:
        return rate, result, cut, None
    denominator = 1
    for i in rows:
        denominator = denominator * targets[i].denominator // _gcd(denominator, targets[i].denominator)
    numerators = [targets[i].numerator * (denominator // targets[i].denominator) for i in rows]
    seats = sum(units[i] for i in rows) - need
    part = largest_remainder(
        numerators, denominator, seats, priority=None if priority is None else tuple(priority[i] for i in rows)
    )
    for index, i in enumerate(rows):
        result[i] = part.units[index]
        cut[i] = True
    tie = None
    if part.tie is not None:
        tie = Tie(tuple(rows[k] for k in part.tie.winners), tuple(rows[k] for k in part.tie.losers), part.tie.value)
    return rate, result, cut, tie

def _gcd(a: int, b: int) -> int:
    while b:
        a, b = b, a % b
    return a

def _rate(value, what: str, field: str, at_most_one: bool) -> Fraction | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    rate = exact(value, what)
    if rate < 0 or (at_most_one and rate > 1):
        limit = "zwischen 0 und 1 (0 % bis 100 %)" if at_most_one else "mindestens 0"
        raise AllocationError(
            f"{what} muss {limit} liegen (angegeben: {german_number(decimal_of(rate))}); 10 % = 0,1.", field=field
        )
    return rate

def _previous_units(previous, n: int, unit: Fraction, needed: list[str]) -> list[Fraction]:
    if previous is None:
        if needed:
            raise AllocationError(
                f"Für {' und '.join(needed)} fehlen die Beträge des Vorjahres.", field="previous"
            )
        return [Fraction(0)] * n
    if isinstance(previous, (str, bytes)) or not isinstance(previous, Sequence):
        raise AllocationError("Die Beträge des Vorjahres müssen eine Liste von Zahlen sein.", field="previous")
    if len(previous) != n:
        raise AllocationError(
            f"Es sind {len(previous)} Beträge des Vorjahres für {n} Gewichte angegeben.", field="previous"
        )
    problems, rows, values = [], [], []
    for index, value in enumerate(previous):
        if value is None and not needed:
            values.append(Fraction(0))
            continue
        try:
            number = nonnegative(value, f"Der Betrag des Vorjahres in {row_label(index)}", (index,))
        except AllocationError as error:
            problems.append(error.message)
            rows.append(index)
            continue
        values.append(number / unit)
    if problems:
        raise AllocationError(" ".join(problems[:5]), tuple(rows), field="previous")
    return values

def _blended(weights: Sequence, before: list[Fraction], blend: Fraction) -> list[Fraction]:
    """Shares φ·old + (1 − φ)·new, exactly; the new shares from the weights as apportion() takes them."""

    new = shares(weights)
    total_before = sum(before)
    if total_before == 0:
        raise AllocationError(
            "Für den Übergangsanteil müssen die Beträge des Vorjahres zusammen mehr als 0 ergeben.", field="previous"
        )
    return [blend * (p / total_before) + (1 - blend) * s for p, s in zip(before, new)]

def _require_bounds_kept(units, low, high, unit_value: Fraction) -> None:
    """The gainers' common rate cuts and raises rows after the key: a Mindest- or Höchstbetrag it would
    break is refused (German), never silently broken."""
    broken = [
        i
        for i, (u, l, h) in enumerate(zip(units, low, high))
        if (l is not None and u * unit_value < exact(l, "Die Grenze"))
        or (h is not None and u * unit_value > exact(h, "Die Grenze"))
    ]
    if broken:
        raise AllocationError(
            f"Finanzierung durch die Gewinner: für {row_list(broken)} hielte der Betrag seinen Mindest- oder "
            "Höchstbetrag nicht ein, weil die einheitliche Zuwachsrate ihn verschiebt. Bitte die Grenzen anpassen "
            "oder eine andere Finanzierung wählen.",
            tuple(broken),
            field="financing",
        )


def _per_row(values, n: int) -> list:
    if values is None:
        return [None] * n
    if isinstance(values, Sequence) and not isinstance(values, (str, bytes)):
        return list(values)
    return [values] * n

def _tighter(explicit, derived, pick):
    if explicit is None:
        return derived
    if derived is None:
        return explicit
    return pick(exact(explicit, "Die Grenze"), derived)

def _ceil(value: Fraction) -> int:
    return -((-value.numerator) // value.denominator)

def _floor(value: Fraction) -> int:
    return value.numerator // value.denominator
'''

# ---- xl_funcs/engine/water_level.py ------------------------------------------
MODULES['xl_funcs.engine.water_level'] = r'''"""Exact quotas under lower and upper bounds, for the largest-remainder method.

Each row's quota is its weight times one common factor, clamped to its bounds;
the factor is chosen so that the quotas add up to the budget. Rows clamped to a
bound get exactly that bound, and the rest of the budget is shared among the
others in proportion to their weights, which is what "re-apportion the rest
until nothing changes" converges to, found in one sweep instead of rounds.
"""

from __future__ import annotations

from fractions import Fraction


def water_level(seats: int, weights: list, lower: list, upper: list) -> Fraction:
    """The factor λ with Σ clamp(λ·w, lower, upper) = seats (rows of weight 0 stay at lower).

    Weights and bounds are ints or Fractions (the transition rules clamp at last year's exact amounts).
    The caller has checked Σ lower <= seats <= Σ upper over rows that can grow.
    """
    value = sum(lower)
    if value == seats:
        return Fraction(0)
    events: list[tuple[Fraction, int]] = []
    for weight, low, cap in zip(weights, lower, upper):
        if weight == 0 or (cap is not None and cap == low):
            continue
        events.append((Fraction(low, weight), weight))
        if cap is not None:
            events.append((Fraction(cap, weight), -weight))
    events.sort(key=lambda event: event[0])
    level = Fraction(0)
    slope = 0
    for at, change in events:
        reached = value + slope * (at - level)
        if slope and reached >= seats:
            break
        value, level = reached, at
        slope += change
    return level + (seats - value) / slope
'''

# ---- xl_funcs/excel/__init__.py ----------------------------------------------
MODULES['xl_funcs.excel'] = r'''"""Everything the three xlwings hosts call: the Excel functions, their arguments, the one-click scripts, the Lite bundle."""
'''

# ---- xl_funcs/excel/arguments.py ---------------------------------------------
MODULES['xl_funcs.excel.arguments'] = r'''"""Excel arguments as the three hosts send them, turned into plain Python numbers in one pass.

The Excel functions take their arguments with xlwings' ``"raw"`` converter:
xlwings then hands over what the host sent, untouched. Its default converter
would clean every cell (in the Office.js dispatcher it tries a failing
``pyodide`` import per cell: about 0.4 s for 10,000 cells against 0.4 ms raw).
What arrives is therefore one of

- Office.js (xlwings Server and Lite): a 2-D list per argument, JSON ``null``
  (``None``, or Pyodide's ``JsNull``) or ``""`` for empty cells, an error cell
  as ``{"type": "Error", ...}``; a single cell the dispatcher has already
  unwrapped to a scalar;
- classic add-in (COM): a scalar for a single cell, a tuple of row tuples for
  a range, every number a float, error cells as COM error codes (ints);

and this module reads all of them with one loop of type checks, naming the
argument and the row in a German message when a value is not a number.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from ..number_text import NumberTextError, parse_number_text

try:  # Pyodide >= 0.28 surfaces JS null as JsNull; looked up once, not per cell
    from pyodide.ffi import JsNull as _JsNull  # type: ignore[import-not-found]
except ImportError:
    _EMPTY_TYPES: tuple[type, ...] = (type(None),)
else:  # pragma: no cover - only inside Pyodide (xlwings Lite)
    _EMPTY_TYPES = (type(None), _JsNull)

Number = int | float | Decimal | Fraction

_TYPED_DIGITS = 15  # Excel keeps at most 15 significant digits of a typed number
_LARGEST_DENOMINATOR = 10**6
Orientation = Literal["column", "row"]

# What Excel shows for an error cell; the classic add-in sends these COM codes instead.
_COM_ERRORS = {
    -2146826281: "#DIV/0!",
    -2146826246: "#NV",
    -2146826259: "#NAME?",
    -2146826288: "#NULL!",
    -2146826252: "#ZAHL!",
    -2146826265: "#BEZUG!",
    -2146826273: "#WERT!",
}
_OFFICE_JS_ERRORS = {
    "Div0": "#DIV/0!",
    "NotAvailable": "#NV",
    "Name": "#NAME?",
    "Null": "#NULL!",
    "Num": "#ZAHL!",
    "Ref": "#BEZUG!",
    "Value": "#WERT!",
    "Spill": "#ÜBERLAUF!",
    "Calc": "#KALK!",
    "Busy": "#BUSY!",
}


class ArgumentError(ValueError):
    """A German message saying which argument (and which row of it) is not usable."""


@dataclass(frozen=True)
class Vector:
    """One value per row (Kreis), and whether the cells ran down a column or along a row."""

    values: list
    orientation: Orientation

    def shaped(self, results) -> list[list]:
        """``results`` (one per value) laid out like the input, as Excel spills it."""
        if self.orientation == "row":
            return [list(results)]
        return [[value] for value in results]


def is_omitted(value) -> bool:
    """An optional argument left out, or pointing at an empty cell."""
    if isinstance(value, _EMPTY_TYPES):
        return True
    if isinstance(value, str):
        return not value.strip()
    rows = _rows(value)
    return all(_is_empty(cell) for row in rows for cell in row)


def scalar_number(value, what: str) -> Number:
    """A required single number, e.g. the budget."""
    cell = _single_cell(value, what)
    if _is_empty(cell):
        raise ArgumentError(f"{what} fehlt (leere Zelle).")
    return _number(cell, f"{what}:")


def optional_number(value, what: str) -> Number | None:
    """A single number, or None when the argument is omitted or empty."""
    if is_omitted(value):
        return None
    return scalar_number(value, what)


def optional_text(value, what: str) -> str | None:
    """A single text (the method), or None when omitted or empty."""
    if is_omitted(value):
        return None
    cell = _single_cell(value, what)
    if isinstance(cell, str):
        return cell
    raise ArgumentError(f"{what} muss ein Text sein, nicht {_shown(cell)}.")


def number_vector(value, what: str) -> Vector:
    """A row or a column of numbers (a single cell counts as a column); empty cells are errors."""
    rows = _rows(value)
    if len(rows) == 1:
        cells, orientation = list(rows[0]), "row" if len(rows[0]) > 1 else "column"
    elif all(len(row) == 1 for row in rows):
        cells, orientation = [row[0] for row in rows], "column"
    else:
        raise ArgumentError(
            f"{what} müssen in einer Zeile oder einer Spalte stehen, "
            f"nicht in einem Block aus {len(rows)} Zeilen und {len(rows[0])} Spalten."
        )
    return Vector(_numbers(cells, what, allow_empty=False), orientation)


def optional_bounds(value, what: str, count: int, counted: str = "Gewichte"):
    """A bound for all rows (one number), one per row (a range; empty cell = no bound), or None."""
    if is_omitted(value):
        return None
    rows = _rows(value)
    if len(rows) == 1 and len(rows[0]) == 1:
        return _number(rows[0][0], f"{what}:")
    vector_cells = _vector_cells(rows, what)
    if len(vector_cells) != count:
        raise ArgumentError(
            f"{what}: {len(vector_cells)} Werte, aber {count} {counted}; "
            "bitte eine Zahl für alle oder einen Bereich gleicher Größe angeben."
        )
    return _numbers(vector_cells, what, allow_empty=True)


def number_matrix(value, what: str) -> list[list[Number]]:
    """A block of numbers, row by row; empty cells are errors."""
    rows = _rows(value)
    width = len(rows[0])
    flat = _numbers([cell for row in rows for cell in row], what, allow_empty=False, width=width)
    return [flat[start : start + width] for start in range(0, len(flat), width)]


def row_numbers(value, what: str, count: int) -> Vector:
    """1-based positions within ``count`` rows, as one number or a row/column of them."""
    positions = number_vector(value, what)
    chosen = []
    for position in positions.values:
        if isinstance(position, int) and 1 <= position <= count:
            chosen.append(position - 1)
            continue
        raise ArgumentError(f"{what} muss eine ganze Zahl von 1 bis {count} sein, nicht {_shown(position)}.")
    return Vector(chosen, positions.orientation)


def _rows(value) -> list:
    """Any argument as a non-empty list of rows."""
    if isinstance(value, (list, tuple)):
        if not value:
            return [[None]]
        if isinstance(value[0], (list, tuple)):
            return value if value[0] else [[None]]
        return [value]
    return [[value]]


def _vector_cells(rows, what: str) -> list:
    if len(rows) == 1:
        return list(rows[0])
    if all(len(row) == 1 for row in rows):
        return [row[0] for row in rows]
    raise ArgumentError(f"{what} müssen in einer Zeile oder einer Spalte stehen.")


def _single_cell(value, what: str):
    rows = _rows(value)
    if len(rows) != 1 or len(rows[0]) != 1:
        raise ArgumentError(f"{what} muss eine einzelne Zelle sein, nicht ein Bereich.")
    return rows[0][0]


def _is_empty(cell) -> bool:
    return isinstance(cell, _EMPTY_TYPES) or (isinstance(cell, str) and not cell.strip())


def _numbers(cells: list, what: str, *, allow_empty: bool, width: int = 1) -> list:
    """Cells as numbers; ints and floats (the usual case) take one type check each."""
    result = []
    append = result.append
    problems: list[str] = []
    for index, cell in enumerate(cells):
        kind = type(cell)
        if kind is int and cell >= 0:  # negative ints may be the classic add-in's error codes
            append(cell)
        elif kind is float:
            append(_float(cell))
        elif allow_empty and _is_empty(cell):
            append(None)
        else:
            try:
                append(_number(cell, _where(what, index, width)))
            except ArgumentError as problem:
                problems.append(str(problem))
                append(None)
    if problems:
        more = f" (und {len(problems) - 3} weitere)" if len(problems) > 3 else ""
        raise ArgumentError(" ".join(problems[:3]) + more)
    return result


def _where(what: str, index: int, width: int) -> str:
    if width == 1:
        return f"{what}, Zeile {index + 1}:"
    return f"{what}, Zeile {index // width + 1}, Spalte {index % width + 1}:"


def _number(cell, what: str) -> Number:
    """One cell as a number, or an ArgumentError saying what it is instead."""
    kind = type(cell)
    if kind is float:
        return _float(cell)
    if isinstance(cell, bool):
        raise ArgumentError(f"{what} {_shown(cell)} ist keine Zahl.")
    if isinstance(cell, int):
        if cell in _COM_ERRORS:
            raise ArgumentError(f"{what} Die Zelle enthält den Fehlerwert {_COM_ERRORS[cell]}.")
        return int(cell)
    if isinstance(cell, (float, Decimal)):  # Decimal: currency cells in the classic add-in
        return cell
    if _is_empty(cell):
        raise ArgumentError(f"{what} Die Zelle ist leer; für „nichts“ bitte 0 eintragen.")
    if isinstance(cell, str):
        try:
            return parse_number_text(cell)
        except NumberTextError as reason:
            raise ArgumentError(f"{what} {reason}.") from None
    if isinstance(cell, dict):
        if cell.get("type") == "Error":
            shown = _OFFICE_JS_ERRORS.get(cell.get("errorType"), cell.get("basicValue") or "#WERT!")
            raise ArgumentError(f"{what} Die Zelle enthält den Fehlerwert {shown}.")
        if "basicValue" in cell:  # e.g. a FormattedNumber
            return _number(cell["basicValue"], what)
    if hasattr(cell, "year") and hasattr(cell, "month"):
        raise ArgumentError(f"{what} Die Zelle enthält ein Datum, keine Zahl.")
    raise ArgumentError(f"{what} {_shown(cell)} ist keine Zahl.")


def _float(value: float) -> Number:
    """A float as the number it stands for.

    Whole floats (the classic add-in sends every number as one) become ints.
    A float whose shortest decimal has at most 15 significant digits, as
    anything typed into Excel has, means that decimal; the engine reads it so.
    More digits mean Excel computed it, e.g. a mean of three years,
    1234.3333333333333: if a fraction with a denominator up to a million
    gives exactly this float, that fraction (3703/3) is meant, and the
    allocation is then the same as from the exact mean.
    """
    if value.is_integer():
        return int(value)
    if not math.isfinite(value):
        return value
    mantissa = repr(value).lstrip("-").partition("e")[0].replace(".", "").lstrip("0")
    if len(mantissa) <= _TYPED_DIGITS:
        return value
    candidate = Fraction(value).limit_denominator(_LARGEST_DENOMINATOR)
    return candidate if float(candidate) == value else value


def _shown(value) -> str:
    if isinstance(value, bool):
        return "WAHR" if value else "FALSCH"
    text = f"„{value}“" if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "…"
'''

# ---- xl_funcs/excel/functions.py ---------------------------------------------
MODULES['xl_funcs.excel.functions'] = r'''"""The Excel functions (=ALLOCATE and its companions), written once for all three xlwings hosts.

``from xlwings import func, arg, ret`` gives the classic add-in's decorators on
Windows and the Office.js ones in xlwings Server and Lite; this module does not
care which. Every argument and the result use xlwings' ``"raw"`` converter, so
that xlwings neither cleans cells one by one on the way in (see
``arguments``) nor on the way out: results are built here as the 2-D lists
Excel spills, in the orientation of the weights.

Amounts come from the engine only. A bad input becomes a short German message:
the Office.js hosts show an ``XlwingsError`` as #WERT! with the message, the
classic add-in would show a traceback instead, so there the message itself is
the cell's value. The docstrings and ``doc=`` texts are what Excel shows in its
function help, hence German.
"""

from __future__ import annotations

import functools
import logging
import sys
from decimal import Decimal
from fractions import Fraction

from xlwings import XlwingsError, arg, func, ret

from .. import engine
from ..engine import AllocationError
from .arguments import (
    ArgumentError,
    is_omitted,
    number_matrix,
    number_vector,
    optional_bounds,
    optional_number,
    optional_text,
    row_numbers,
    scalar_number,
)
from ..engine.transition import apportion_transition
from ..table.explanation import explanation_text, transition_text

__all__ = ["allocate", "allocate_base", "per_head", "reference_weights", "shares", "explain", "allocate_transition"]

logger = logging.getLogger(__name__)

# In the classic add-in an exception would reach the cell as its traceback text.
_classic = sys.modules.get("xlwings.udfs")
_MESSAGES_AS_VALUES = _classic is not None and func is getattr(_classic, "xlfunc", None)

_CATEGORY = "Mittelverteilung"


def _excel_function(excel_name: str):
    """Turns input errors into the German message each host can show; logs anything unexpected."""

    def decorate(function):
        @functools.wraps(function)
        def wrapper(*args):
            try:
                return function(*args)
            except (ArgumentError, AllocationError) as error:
                message = f"{excel_name}: {error}"
            except Exception as error:  # a defect, not bad input: keep the traceback in the log
                logger.exception("%s failed", excel_name)
                message = f"{excel_name}: Interner Fehler ({type(error).__name__}: {error}). Bitte melden."
            if _MESSAGES_AS_VALUES:
                return [[message]]
            raise XlwingsError(message) from None

        return wrapper

    return decorate


def _excel_value(amount):
    """Whole numbers stay ints (JSON and COM carry them exactly); other amounts become floats."""
    if isinstance(amount, int):
        return amount
    if isinstance(amount, Fraction):
        return amount.numerator if amount.denominator == 1 else float(amount)
    if isinstance(amount, Decimal):
        return int(amount) if amount == amount.to_integral_value() else float(amount)
    return amount


def _amounts(result) -> list:
    return [_excel_value(amount) for amount in result]


def _allocation(budget, weights, method, unit, lower, upper, base=None):
    """The engine's Allocation for Excel arguments, with the weights' layout."""
    vector = number_vector(weights, "Gewichte")
    count = len(vector.values)
    allocation = engine.apportion(
        scalar_number(budget, "Budget"),
        vector.values,
        method=optional_text(method, "Methode"),
        unit=_or_default(optional_number(unit, "Einheit"), 1),
        lower=optional_bounds(lower, "Untergrenze", count),
        upper=optional_bounds(upper, "Obergrenze", count),
        base=_or_default(optional_number(base, "Sockelbetrag"), 0),
    )
    return allocation, vector


def _or_default(value, default):
    return default if value is None else value


_WEIGHTS_DOC = "Gewichte (z. B. Zuweisungen je Kreis): eine Spalte oder Zeile nichtnegativer Zahlen"
_METHOD_DOC = "Verfahren: HARE-NIEMEYER (Standard), SAINTE-LAGUE oder DHONDT"
_UNIT_DOC = "kleinste Auszahlungseinheit, Standard 1 (Euro); 0,01 für Cent"


@func(call_in_wizard=False, category=_CATEGORY)
@arg("budget", "raw", doc="zu verteilender Betrag, z. B. 58000000")
@arg("weights", "raw", doc=_WEIGHTS_DOC)
@arg("method", "raw", doc=_METHOD_DOC)
@arg("unit", "raw", doc=_UNIT_DOC)
@arg("lower", "raw", doc="Mindestbetrag: eine Zahl für alle oder ein Bereich wie die Gewichte (leer = keiner)")
@arg("upper", "raw", doc="Höchstbetrag: eine Zahl für alle oder ein Bereich wie die Gewichte (leer = keiner)")
@ret("raw")
@_excel_function("ALLOCATE")
def allocate(budget, weights, method=None, unit=None, lower=None, upper=None):
    """Verteilt das Budget euro-genau nach den Gewichten; die Beträge ergeben genau das Budget."""
    allocation, vector = _allocation(budget, weights, method, unit, lower, upper)
    return vector.shaped(_amounts(allocation.amounts))


@func(call_in_wizard=False, category=_CATEGORY)
@arg("budget", "raw", doc="zu verteilender Betrag, z. B. 58000000")
@arg("weights", "raw", doc=_WEIGHTS_DOC)
@arg("base", "raw", doc="Sockelbetrag, den jede Zeile vorab erhält")
@arg("method", "raw", doc=_METHOD_DOC)
@arg("unit", "raw", doc=_UNIT_DOC)
@ret("raw")
@_excel_function("ALLOCATE_BASE")
def allocate_base(budget, weights, base, method=None, unit=None):
    """Jede Zeile erhält den Sockelbetrag, der Rest wird nach den Gewichten verteilt; Summe = Budget."""
    if optional_number(base, "Sockelbetrag") is None:
        raise ArgumentError("Sockelbetrag fehlt.")
    allocation, vector = _allocation(budget, weights, method, unit, None, None, base)
    return vector.shaped(_amounts(allocation.amounts))


@func(call_in_wizard=False, category=_CATEGORY)
@arg("rate", "raw", doc="Pauschale je Person, z. B. 796,08")
@arg("counts", "raw", doc="Personen je Zeile: eine Spalte oder Zeile")
@arg("unit", "raw", doc="Rundungseinheit, Standard 1 (Euro); 0,01 für Cent")
@ret("raw")
@_excel_function("PER_HEAD")
def per_head(rate, counts, unit=None):
    """Pauschale × Personen je Zeile, kaufmännisch gerundet wie RUNDEN; die Summe ergibt sich."""
    vector = number_vector(counts, "Personen")
    amounts = engine.per_head(
        scalar_number(rate, "Pauschale"),
        vector.values,
        unit=_or_default(optional_number(unit, "Einheit"), 1),
    )
    return vector.shaped(_amounts(amounts))


@func(call_in_wizard=False, category=_CATEGORY)
@arg("counts", "raw", doc="Zuweisungen: eine Zeile je Kreis, eine Spalte je Bezugsjahr")
@arg("year_weights", "raw", doc="Gewicht je Bezugsjahr (Standard: alle gleich, also der Mittelwert)")
@ret("raw")
@_excel_function("REFERENCE_WEIGHTS")
def reference_weights(counts, year_weights=None):
    """Bezugsgröße je Kreis: (gewichteter) Mittelwert der Zuweisungen über die Bezugsjahre."""
    rows = number_matrix(counts, "Zuweisungen")
    years = len(rows[0])
    factors = None
    if year_weights is not None:
        factors = optional_bounds(year_weights, "Jahresgewichte", years, counted="Bezugsjahre")
        if factors is not None and not isinstance(factors, list):
            factors = [factors] * years
        if factors is not None and None in factors:
            raise ArgumentError("Jahresgewichte: jedes Bezugsjahr braucht ein Gewicht.")
    by_year = [[row[year] for row in rows] for year in range(years)]
    weights = engine.reference_weights(by_year, factors)
    return [[_excel_value(weight)] for weight in weights]


@func(call_in_wizard=False, category=_CATEGORY)
@arg("weights", "raw", doc="Gewichte: eine Spalte oder Zeile nichtnegativer Zahlen")
@ret("raw")
@_excel_function("SHARES")
def shares(weights):
    """Anteil jeder Zeile an der Summe der Gewichte, als Bruch (im Format 0,00 % anzeigen)."""
    vector = number_vector(weights, "Gewichte")
    return vector.shaped([float(share) for share in engine.shares(vector.values)])


@func(call_in_wizard=False, category=_CATEGORY)
@arg("row", "raw", doc="Zeile innerhalb der Gewichte (1 = erste); auch ein Bereich von Zeilennummern")
@arg("budget", "raw", doc="zu verteilender Betrag")
@arg("weights", "raw", doc=_WEIGHTS_DOC)
@arg("method", "raw", doc=_METHOD_DOC)
@arg("unit", "raw", doc=_UNIT_DOC)
@arg("lower", "raw", doc="Mindestbetrag wie bei ALLOCATE")
@arg("upper", "raw", doc="Höchstbetrag wie bei ALLOCATE")
@arg("previous", "raw", doc="Beträge des Vorjahres wie bei ALLOCATE_TRANSITION (leer = ohne Übergangsregeln)")
@arg("max_loss", "raw", doc="Verlustbegrenzung wie bei ALLOCATE_TRANSITION")
@arg("financing", "raw", doc="Finanzierung wie bei ALLOCATE_TRANSITION: alle, Gewinner oder Fonds")
@arg("max_gain", "raw", doc="Zuwachsbegrenzung wie bei ALLOCATE_TRANSITION")
@arg("phase_in", "raw", doc="Übergangsanteil wie bei ALLOCATE_TRANSITION")
@ret("raw")
@_excel_function("EXPLAIN")
def explain(
    row, budget, weights, method=None, unit=None, lower=None, upper=None,
    previous=None, max_loss=None, financing=None, max_gain=None, phase_in=None,
):
    """Erklärt in Worten, wie der Betrag einer Zeile zustande kommt (Quote, Abrundung, Rest, Grenze, Gleichstand, Übergangsregeln)."""
    if is_omitted(previous):
        allocation, vector = _allocation(budget, weights, method, unit, lower, upper)
        chosen = row_numbers(row, "Zeile", len(vector.values))
        return chosen.shaped([explanation_text(allocation, index) for index in chosen.values])
    transition, vector = _transition(
        budget, weights, previous, max_loss, financing, max_gain, phase_in, method, unit, lower, upper
    )
    chosen = row_numbers(row, "Zeile", len(vector.values))
    return chosen.shaped([transition_text(transition, index) for index in chosen.values])


@func(call_in_wizard=False, category=_CATEGORY)
@arg("budget", "raw", doc="zu verteilender Betrag, z. B. 58000000")
@arg("weights", "raw", doc=_WEIGHTS_DOC)
@arg("previous", "raw", doc="Beträge des Vorjahres: ein Bereich wie die Gewichte")
@arg("max_loss", "raw", doc="Verlustbegrenzung als Anteil, z. B. 10 % (= 0,1); leer = keine")
@arg("financing", "raw", doc="wer die Verlustbegrenzung bezahlt: alle (Standard), Gewinner oder Fonds")
@arg("max_gain", "raw", doc="Zuwachsbegrenzung als Anteil, z. B. 20 % (= 0,2); leer = keine")
@arg("phase_in", "raw", doc="Gewicht der Vorjahresverteilung, z. B. 50 % (= 0,5); leer = kein Übergang")
@arg("method", "raw", doc=_METHOD_DOC)
@arg("unit", "raw", doc=_UNIT_DOC)
@ret("raw")
@_excel_function("ALLOCATE_TRANSITION")
def allocate_transition(
    budget, weights, previous, max_loss=None, financing=None, max_gain=None, phase_in=None, method=None, unit=None
):
    """Verteilt wie ALLOCATE, mit Übergangsregeln gegenüber dem Vorjahr; je Zeile der Gesamtbetrag (bei Fonds mit Aufstockung)."""
    result, vector = _transition(budget, weights, previous, max_loss, financing, max_gain, phase_in, method, unit)
    return vector.shaped(_amounts(result.amounts))


def _transition(budget, weights, previous, max_loss, financing, max_gain, phase_in, method, unit, lower=None, upper=None):
    """The engine's Transition for Excel arguments, with the weights' layout."""
    vector = number_vector(weights, "Gewichte")
    count = len(vector.values)
    if is_omitted(previous):
        raise ArgumentError("Vorjahr: die Beträge des Vorjahres fehlen.")
    before = number_vector(previous, "Vorjahr").values
    if len(before) != count:
        raise ArgumentError(f"Vorjahr: {len(before)} Beträge, aber {count} Gewichte; bitte einen Bereich gleicher Größe angeben.")
    result = apportion_transition(
        scalar_number(budget, "Budget"),
        vector.values,
        before,
        max_loss=optional_number(max_loss, "Verlustbegrenzung"),
        financing=optional_text(financing, "Finanzierung"),
        max_gain=optional_number(max_gain, "Zuwachsbegrenzung"),
        phase_in=optional_number(phase_in, "Übergangsanteil"),
        method=optional_text(method, "Methode"),
        unit=_or_default(optional_number(unit, "Einheit"), 1),
        lower=optional_bounds(lower, "Untergrenze", count),
        upper=optional_bounds(upper, "Obergrenze", count),
    )
    return result, vector
'''

# ---- xl_funcs/excel/scripts.py -----------------------------------------------
MODULES['xl_funcs.excel.scripts'] = r'''"""One-click scripts for the open workbook: xlwings Server and Lite (``@script``) and the classic add-in.

All hosts run the same ``publish_into_book``: read the workbook through the
Book API, calculate, draw the sheets "Mittelverteilung <Jahr>" and
"Berechnungsgrundlagen" (the same document ``mittelverteilung publish`` writes
to files). Only those two sheets are replaced; nothing else in the workbook
changes. This module imports nothing that writes files (openpyxl, LibreOffice),
so that xlwings Lite needs none of it.

Bad input changes nothing at all; the German report (every problem with its
sheet and cell) is shown instead:
- Server/Lite: the script raises ``XlwingsError`` with the report. Before any
  action reaches Excel, so the workbook stays as it was; xlwings Server shows
  the message in a dialog, Lite in its output pane (where ``print`` also goes).
- classic add-in (``main`` in ``workbook/Mittelverteilung.py``): a message box
  through ``book.app.alert``.

No ``from __future__ import annotations`` here: xlwings reads the ``book:
xw.Book`` annotation of a script to know where to pass the workbook.
"""

import logging

import xlwings as xw
from xlwings import XlwingsError, script

from ..calculation import calculate
from ..districts.dispatch import dispatch_document
from ..inputs import InputProblems
from ..payments.tables import plan_document_of
from ..readers import read_xlwings_book
from ..readers.scenarios import read_comparison_book
from ..render.book import draw_document
from ..scenarios.comparison import compare
from ..scenarios.document import comparison_document
from ..table.model import Document
from ..table.official import official_document

__all__ = ["publish_official_table", "prepare_district_workbooks", "compare_scenarios", "plan_payments"]

logger = logging.getLogger(__name__)

ALERT_TITLE = "Mittelverteilung: Eingaben prüfen"


@script(name="Amtliche Tabelle erzeugen")
def publish_official_table(book: xw.Book):
    """Die amtliche Tabelle „Vorläufige Mittelverteilung Integrationsmanagement <Jahr>“ in dieser Mappe erzeugen."""
    _in_office_js(publish_into_book, book, "Die Tabelle wurde nicht erzeugt. ")


def publish_into_book(book) -> Document:
    """Read the open workbook, calculate, and draw the official sheets into it.

    Raises InputProblems before the workbook is touched if the input is bad.
    """
    return _draw(book, official_document)


def _draw(book, document_of) -> Document:
    document = document_of(calculate(read_xlwings_book(book)))
    draw_document(book, document)
    return document


def _in_office_js(action, book, failure: str) -> None:
    """Server/Lite: the German report as an XlwingsError, raised before any action reaches Excel."""
    try:
        action(book)
    except InputProblems as problems:
        report = failure + problems.german_report()
        print(report)
        raise XlwingsError(report) from None
    except Exception as error:  # a defect, not bad input: the traceback goes to the log, German to the user
        logger.exception("%s: interner Fehler", failure.strip())
        raise XlwingsError(
            f"{failure}Interner Fehler ({type(error).__name__}: {error}). Die Mappe wurde nicht verändert. "
            "Bitte dem Fachreferat oder der IT melden."
        ) from None


def publish_in_classic_excel(book) -> bool:
    """The classic add-in's "Run main": draw the sheets, or show the report in a message box."""
    return _in_classic_excel(publish_into_book, book, "Die Tabelle wurde nicht erzeugt. ")


def _in_classic_excel(action, book, failure: str) -> bool:
    """Classic add-in: do ``action``, or show the German report in a message box (nothing changed)."""
    try:
        action(book)
    except InputProblems as problems:
        book.app.alert(
            failure + problems.german_report(),
            title=ALERT_TITLE,
            buttons="ok",
            mode="critical",
        )
        return False
    return True


@script(name="Versandliste für die Kreise")
def prepare_district_workbooks(book: xw.Book):
    """Die Versandliste der Kreis-Arbeitsmappen (Datei, ZIP, Betrag, Vorgangsnummer je Kreis) in dieser Mappe zeigen.

    xlwings Server und Lite können keine Dateien auf dem Rechner speichern; die
    Arbeitsmappen selbst schreibt ``mittelverteilung share`` oder im klassischen
    Add-in ``share`` in Mittelverteilung.py. Die Liste nennt genau deren Dateien.
    """
    _in_office_js(dispatch_into_book, book, "Die Versandliste wurde nicht erzeugt. ")


def dispatch_into_book(book) -> Document:
    """Read the open workbook, calculate, and draw the sheet "Versand an die Kreise" into it.

    Raises InputProblems before the workbook is touched if the input is bad.
    """
    return _draw(book, dispatch_document)


@script(name="Szenarien vergleichen")
def compare_scenarios(book: xw.Book):
    """Die Szenarien der Tabelle „Szenarien“ vergleichen: Übersicht, Mittel je Kreis und Grundlagen in dieser Mappe."""
    _in_office_js(compare_into_book, book, "Der Szenarienvergleich wurde nicht erzeugt. ")


def compare_into_book(book) -> Document:
    """Read the open workbook with its table Szenarien, calculate every variant, draw the comparison's sheets.

    Raises InputProblems before the workbook is touched if the input is bad.
    """
    document = comparison_document(compare(read_comparison_book(book)))
    draw_document(book, document)
    return document


def compare_in_classic_excel(book) -> bool:
    """The classic add-in's ``compare()``: draw the comparison, or show the report in a message box."""
    return _in_classic_excel(compare_into_book, book, "Der Szenarienvergleich wurde nicht erzeugt. ")


@script(name="Auszahlungsplan erstellen")
def plan_payments(book: xw.Book):
    """Den Auszahlungsplan (jeder Abschlag der Tabelle „Abschläge“ euro-genau je Kreis) in dieser Mappe zeigen.

    Die Blätter „Auszahlungsplan <Jahr>“ und „Zahlungen“ (die Einleseliste der Zahlstelle) erscheinen in der
    Mappe; als Dateien (xlsx, CSV) schreibt sie ``mittelverteilung payments``.
    """
    _in_office_js(plan_into_book, book, "Der Auszahlungsplan wurde nicht erstellt. ")


def plan_into_book(book) -> Document:
    """Read the open workbook, calculate, plan the instalments and draw the plan's sheets into it.

    Raises InputProblems before the workbook is touched if the input is bad (or has no table Abschläge).
    """
    return _draw(book, plan_document_of)


def plan_payments_in_classic_excel(book) -> bool:
    """The classic add-in's ``plan_payments``: draw the plan, or show the report in a message box."""
    return _in_classic_excel(plan_into_book, book, "Der Auszahlungsplan wurde nicht erstellt. ")
'''

# ---- xl_funcs/inputs.py ------------------------------------------------------
MODULES['xl_funcs.inputs'] = r'''"""What the ministry workbook says, as immutable data: parameters and the 44 Kreise.

Readers (a file on disk, an open workbook through xlwings) produce an Inputs or
a list of Problems, each naming the sheet and cell; everything after them works
on this model only.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .engine import Method


@dataclass(frozen=True, order=True)
class CellRef:
    sheet: str
    cell: str  # A1 notation, e.g. "D14"

    def __str__(self) -> str:
        sheet = f"'{self.sheet}'" if any(ch in self.sheet for ch in " -!'") else self.sheet
        return f"{sheet}!{self.cell}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, in German, at a place the user can find."""

    message: str
    where: CellRef | None = None
    file: str | None = None

    def __str__(self) -> str:
        place = str(self.where) if self.where else (self.file or "")
        return f"{place}: {self.message}" if place else self.message


class InputProblems(Exception):
    """Raised by readers and validation with every problem found, not just the first."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def german_report(self) -> str:
        count = len(self.problems)
        heading = "1 Problem gefunden" if count == 1 else f"{count} Probleme gefunden"
        return heading + ":\n" + "\n".join(f"- {p}" for p in self.problems)


@dataclass(frozen=True)
class Parameters:
    year: int  # Haushaltsjahr
    budget: Decimal  # in euros
    method: Method
    unit: Decimal  # smallest amount paid, in euros
    reference_years: tuple[int, ...]  # Bezugszeitraum, e.g. (2022, 2023, 2024)
    stand: date  # the date the table states; also every timestamp written into files
    year_weights: tuple[Decimal, ...] | None = None  # None: plain mean of the reference years
    base: Decimal = Decimal(0)  # Sockelbetrag per Kreis
    loss_cap: Decimal | None = None  # at most this fraction lost against last year (0.1 = 10 %)
    subtotals: bool = False  # Zwischensummen je Regierungsbezirk
    source_note: str = ""  # Datenquelle, printed as a footnote
    sample_data: bool = False  # the counts are invented; every output says so
    # Transition rules and conventions (issue 11); the defaults are today's behaviour.
    financing: str = "all"  # who pays for the loss cap: "all", "gainers" or "fund" (a hardship fund)
    max_gain: Decimal | None = None  # at most this fraction gained against last year (0.1 = 10 %)
    phase_in: Decimal | None = None  # weight of last year's distribution in the blend (0.5 = half old)
    tie_rule: str = "key"  # "key" (Kreisschlüssel), "weight", "lot" (draw from seed) or "order" (Rang)
    seed: str | None = None  # the published seed of the draw for tie_rule "lot"
    bound_rule: str = "redistribute"  # Hare-Niemeyer with bounds: "redistribute" or "quota"
    issuer: str = ""  # Herausgeber: the authority named in every output's title block and properties
    department: str = ""  # Referat
    contact: str = ""  # Kontakt: e-mail or phone of the office, no person unless the workbook names one
    reply_deadline: date | None = None  # Rückmeldefrist: by when the Kreise answer

    @property
    def previous_year(self) -> int:
        return self.year - 1

    @property
    def reference_period(self) -> str:
        years = self.reference_years
        if len(years) == 1:
            return str(years[0])
        if list(years) == list(range(years[0], years[-1] + 1)):
            return f"{years[0]}–{years[-1]}"
        return ", ".join(str(y) for y in years)


@dataclass(frozen=True)
class District:
    key: str  # amtlicher Kreisschlüssel as text, "08111"
    name: str
    kind: str  # "Stadtkreis" or "Landkreis"
    region: str  # Regierungsbezirk
    counts: tuple[tuple[int, int], ...]  # (year, Zuweisungen aus der Erstaufnahme)
    previous_amount: Decimal | None = None  # Mittel des Vorjahres in euros
    lower: Decimal | None = None  # Mindestbetrag
    upper: Decimal | None = None  # Höchstbetrag
    row: CellRef | None = field(default=None, compare=False)  # where the row starts in the workbook
    rank: int | None = None  # Rang: priority at an exact tie under tie_rule "order" (1 goes first)

    def count(self, year: int) -> int:
        return dict(self.counts)[year]

    @property
    def label(self) -> str:
        """Unique among the 44: 'Heilbronn (Stadtkreis)' and 'Heilbronn (Landkreis)'."""
        return f"{self.name} ({self.kind})"


@dataclass(frozen=True)
class Instalment:
    """One payment date of the year (table ``Abschläge``): the date and its share of the year's money."""

    due: date
    share: Decimal  # fraction of the budget, 0.6 = 60 %
    row: CellRef | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Inputs:
    parameters: Parameters
    districts: tuple[District, ...]
    instalments: tuple[Instalment, ...] = ()  # table Abschläge; empty: no instalment plan (not in the digest)

    @property
    def digest(self) -> str:
        """SHA-256 of the input values in a canonical form, the same from a file or from Excel."""
        return hashlib.sha256(self.canonical_text.encode("utf-8")).hexdigest()

    @property
    def canonical_text(self) -> str:
        """Every input value that decides an amount, as canonical JSON (what ``digest`` hashes)."""
        p = self.parameters
        canonical = {
            "year": p.year,
            "budget": str(p.budget),
            "method": p.method.value,
            "unit": str(p.unit),
            "reference_years": list(p.reference_years),
            "year_weights": None if p.year_weights is None else [str(w) for w in p.year_weights],
            "stand": p.stand.isoformat(),
            "base": str(p.base),
            "loss_cap": None if p.loss_cap is None else str(p.loss_cap),
            "districts": [
                [
                    d.key,
                    d.name,
                    d.kind,
                    d.region,
                    [list(c) for c in d.counts],
                    None if d.previous_amount is None else str(d.previous_amount),
                    None if d.lower is None else str(d.lower),
                    None if d.upper is None else str(d.upper),
                ]
                for d in self.districts
            ],
        }
        # The transition rules enter only when set, so that an input without them keeps its digest.
        extra = {
            "financing": (p.financing, "all"),
            "max_gain": (None if p.max_gain is None else str(p.max_gain), None),
            "phase_in": (None if p.phase_in is None else str(p.phase_in), None),
            "tie_rule": (p.tie_rule, "key"),
            "seed": (p.seed, None),
            "bound_rule": (p.bound_rule, "redistribute"),
        }
        canonical.update({name: value for name, (value, default) in extra.items() if value != default})
        if any(d.rank is not None for d in self.districts):
            canonical["ranks"] = [d.rank for d in self.districts]
        return json.dumps(canonical, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
'''

# ---- xl_funcs/kreise.py ------------------------------------------------------
MODULES['xl_funcs.kreise'] = r'''"""The 44 Stadt- und Landkreise of Baden-Württemberg, as shipped in ``xl_funcs/data/kreise.csv``.

The list is the yardstick for every workbook: a Kreisschlüssel not in it, a
name that does not belong to its key, a Kreis missing from a table are input
errors, not something to guess around.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType


@dataclass(frozen=True)
class Kreis:
    key: str  # amtlicher Kreisschlüssel, five digits as text: "08111"
    name: str  # short name; "Heilbronn" and "Karlsruhe" exist as Stadtkreis and as Landkreis
    kind: str  # "Stadtkreis" or "Landkreis"
    region: str  # Regierungsbezirk: Stuttgart, Karlsruhe, Freiburg, Tübingen

    @property
    def label(self) -> str:
        return f"{self.name} ({self.kind})"


@cache
def all_kreise() -> tuple[Kreis, ...]:
    """The 44 Kreise in the order of their keys."""
    text = resources.files("xl_funcs").joinpath("data/kreise.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(io.StringIO(text))
    kreise = tuple(
        Kreis(key=row["ags"], name=row["name"], kind=row["kind"], region=row["regierungsbezirk"]) for row in rows
    )
    return tuple(sorted(kreise, key=lambda k: k.key))


@cache
def kreise_by_key() -> MappingProxyType[str, Kreis]:
    return MappingProxyType({kreis.key: kreis for kreis in all_kreise()})
'''

# ---- xl_funcs/number_text.py -------------------------------------------------
MODULES['xl_funcs.number_text'] = r'''"""Numbers typed as text, read only where their meaning is unambiguous.

Ministry staff write German notation (``1.234,5``), colleagues' exports may
carry English notation (``1,234.5``). Text that could be read both ways, such
as ``1.234`` (one thousand two hundred thirty-four, or one point two three
four?), is refused rather than guessed.
"""

from __future__ import annotations

import re
from decimal import Decimal

_PLAIN = re.compile(r"[+-]?\d+")
_GROUPED = re.compile(r"\d{1,3}(?:([.,])\d{3})+")


class NumberTextError(ValueError):
    """The German reason a text is not taken as a number."""


def parse_number_text(text: str) -> Decimal:
    """``'1.234,5'`` -> ``Decimal('1234.5')``; ambiguous or non-numeric text raises NumberTextError."""
    cleaned = text.strip().replace("\u00a0", "").replace("\u202f", "")
    if cleaned.endswith("€"):
        cleaned = cleaned[:-1].rstrip()
    if not cleaned:
        raise NumberTextError("leer")
    sign = ""
    if cleaned[0] in "+-":
        sign, cleaned = ("-" if cleaned[0] == "-" else ""), cleaned[1:]
    if _PLAIN.fullmatch(cleaned):
        return Decimal(sign + cleaned)
    if "." in cleaned and "," in cleaned:
        decimal_mark = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        whole, _, fraction = cleaned.rpartition(decimal_mark)
        grouping = "." if decimal_mark == "," else ","
        if not (fraction.isdigit() and _GROUPED.fullmatch(whole) and grouping in whole):
            raise NumberTextError(f"{text!r} ist keine Zahl")
        return Decimal(sign + whole.replace(grouping, "") + "." + fraction)
    mark = "." if "." in cleaned else "," if "," in cleaned else ""
    if not mark:
        raise NumberTextError(f"{text!r} ist keine Zahl")
    parts = cleaned.split(mark)
    if not all(part.isdigit() for part in parts):
        raise NumberTextError(f"{text!r} ist keine Zahl")
    if len(parts) > 2:
        if not _GROUPED.fullmatch(cleaned):
            raise NumberTextError(f"{text!r} ist keine Zahl")
        return Decimal(sign + "".join(parts))
    whole, fraction = parts
    if len(fraction) == 3 and 1 <= len(whole) <= 3 and whole[0] != "0":
        raise NumberTextError(
            f"{text!r} ist mehrdeutig (Tausenderpunkt oder Dezimalzeichen?); "
            "bitte ohne Tausendertrennzeichen eingeben"
        )
    return Decimal(sign + whole + "." + fraction)
'''

# ---- xl_funcs/os_errors.py ---------------------------------------------------
MODULES['xl_funcs.os_errors'] = r'''"""What the operating system reported, in German: its own texts ("No such file or directory") are English.

Shared by every floor that opens files; pure (no I/O), so it runs in xlwings Lite too.
"""

from __future__ import annotations

import errno

_REASONS = {
    errno.ENOENT: "die Datei oder den Ordner gibt es nicht",
    errno.EACCES: "keine Berechtigung",
    errno.EPERM: "keine Berechtigung",
    errno.EISDIR: "das ist ein Ordner, keine Datei",
    errno.ENOTDIR: "ein Teil des Pfads ist eine Datei, kein Ordner",
    errno.ENAMETOOLONG: "der Pfad ist zu lang",
    errno.ELOOP: "zu viele verkettete Verknüpfungen im Pfad",
    errno.EIO: "Ein-/Ausgabefehler des Datenträgers",
    errno.ENOSPC: "der Datenträger ist voll",
    errno.EROFS: "der Datenträger ist schreibgeschützt",
    errno.EBUSY: "die Datei ist in Gebrauch",
    errno.EMFILE: "zu viele geöffnete Dateien",
    errno.ENXIO: "das Gerät gibt es nicht",
    errno.EEXIST: "die Datei gibt es schon",
    errno.ENOTEMPTY: "der Ordner ist nicht leer",
    errno.EXDEV: "Datei und Ziel liegen auf verschiedenen Datenträgern",
}


def german_os_reason(error: OSError) -> str:
    """A short German phrase for ``error`` (no English text); the error code where no phrase is known."""
    reason = _REASONS.get(error.errno)
    if reason is not None:
        return reason
    if getattr(error, "winerror", None) in (32, 33):
        return "die Datei ist in einem anderen Programm geöffnet"
    code = errno.errorcode.get(error.errno, error.errno) if error.errno is not None else type(error).__name__
    return f"Fehler des Betriebssystems ({code})"
'''

# ---- xl_funcs/payments/__init__.py -------------------------------------------
MODULES['xl_funcs.payments'] = r'''"""Paying out: the instalment plan, the final settlement against the provisional table, and what changed."""
'''

# ---- xl_funcs/payments/changes.py --------------------------------------------
MODULES['xl_funcs.payments.changes'] = r'''"""What changed (Änderungsnachweis): which inputs differ between the provisional and the final table,
and how much of each Kreis's change in amount each of them explains, exactly to the unit.

The provisional inputs are turned into the final ones one input at a time, in a fixed order,
recalculating after each: first the parameters (Budget, Verfahren, Einheit, Bezugszeitraum,
Gewichte, Sockelbetrag, Verlustbegrenzung), then the Kreise in the order of their keys, per
Kreis its Zuweisungen by year, then Mittel des Vorjahres, Mindestbetrag, Höchstbetrag. The
change of a Kreis's amount from one step to the next is what that input explains, so the parts
add up exactly to the whole change. Where an intermediate state cannot be calculated (a new
Bezugsjahr whose counts are not in yet, bounds that only fit together), the inputs concerned
are switched together and their part is named jointly. The order decides how a change is
split among inputs that interact; it is documented so that every part can be retraced.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction

from ..calculation import Calculation, calculate
from ..engine.notation import german_number
from ..table.explanation import EuroText
from ..inputs import District, InputProblems, Inputs
from ..table.templates import fill
from ..table.text import percent_text
from .money import common_unit, in_units
from .wording import words


def _texts() -> dict:
    return words()["aenderungsnachweis"]


@dataclass(frozen=True)
class InputChange:
    label: str  # "Budget", "Zuweisungen 2024"
    key: str | None  # the Kreis whose input this is; None for a parameter
    before: str  # as German text
    after: str

    def words(self, kreis: str | None = None) -> str:
        """``Budget 58.000.000 € → 60.000.000 €``; with ``kreis`` when the input is another Kreis's."""
        sentences = _texts()["saetze"]
        values = dict(eingabe=self.label, vorher=self.before, nachher=self.after)
        if kreis:
            return fill(sentences["eingabe_kreis"], kreis=kreis, **values)
        return fill(sentences["eingabe"], **values)


@dataclass(frozen=True)
class ChangeStep:
    changes: tuple[InputChange, ...]  # one input, or several that could only be switched together
    effects: tuple[int, ...]  # per Kreis: the change of its amount, in the record's unit


@dataclass(frozen=True)
class ChangeRecord:
    unit: Fraction
    districts: tuple[District, ...]
    provisional: tuple[int, ...]
    final: tuple[int, ...]
    steps: tuple[ChangeStep, ...]

    @property
    def changes(self) -> tuple[InputChange, ...]:
        return tuple(change for step in self.steps for change in step.changes)

    def parts(self, index: int) -> tuple[tuple[str, int], ...]:
        """(what, how much) for one Kreis: parameters and its own inputs one by one, other Kreise together."""
        key = self.districts[index].key
        sentences = _texts()["saetze"]
        labels = {d.key: d.label for d in self.districts}
        parts: list[tuple[str, int]] = []
        others = 0
        for step in self.steps:
            keys = {change.key for change in step.changes}
            if keys and None not in keys and key not in keys:
                others += step.effects[index]
                continue
            named = [
                change.words() if change.key in (None, key) else change.words(labels[change.key])
                for change in step.changes
            ]
            parts.append((sentences["zusammen"].join(named), step.effects[index]))
        if others or any(
            {change.key for change in step.changes} - {None, key} for step in self.steps
        ):
            parts.append((sentences["andere_kreise"], others))
        return tuple(parts)

    def sentence(self, index: int) -> str:
        """The Kreis's change in words, e.g. ``Vorläufig 1.318.182 €, endgültig 1.320.000 € (+1.818 €). …``."""
        texts = _texts()
        sentences = texts["saetze"]
        euro = EuroText(self.unit)
        change = self.final[index] - self.provisional[index]
        text = fill(
            sentences["betraege"],
            vorlaeufig=euro(self.provisional[index]),
            endgueltig=euro(self.final[index]),
            aenderung=signed(euro, change),
        )
        parts = self.parts(index)
        if not self.steps:
            return f"{text} {texts['keine_aenderung']}"
        explained = sentences["teil_trenner"].join(
            fill(sentences["teil"], was=what, betrag=signed(euro, amount)) for what, amount in parts
        )
        return fill(sentences["teile"], betraege=text, teile=explained)


def signed(euro: EuroText, units: int) -> str:
    sentences = _texts()["saetze"]
    if units == 0:
        return sentences["null"]
    return sentences["plus" if units > 0 else "minus"] + euro(abs(units))


def record_changes(provisional: Calculation, final: Calculation) -> ChangeRecord:
    unit = common_unit(provisional.inputs.parameters.unit, final.inputs.parameters.unit)
    start = _with_stand(provisional.inputs, final.inputs.parameters.stand)
    switches = _parameter_switches(start, final.inputs) + _district_switches(start, final.inputs)
    state, amounts = start, _amounts(provisional, unit)
    steps: list[ChangeStep] = []
    pending: list[InputChange] = []
    for change, switch in switches:
        state = switch(state)
        pending.append(change)
        try:
            calculation = calculate(state)
        except (InputProblems, KeyError):
            continue  # not calculable on its own: switched together with the next input
        new_amounts = _amounts(calculation, unit)
        steps.append(ChangeStep(tuple(pending), tuple(b - a for a, b in zip(amounts, new_amounts))))
        state, amounts, pending = calculation.inputs, new_amounts, []
    if pending or state.canonical_text != final.inputs.canonical_text:
        raise AssertionError("switching every changed input must give the final inputs")
    return ChangeRecord(
        unit=unit,
        districts=tuple(row.district for row in final.rows),
        provisional=tuple(_amounts(provisional, unit)),
        final=tuple(_amounts(final, unit)),
        steps=tuple(steps),
    )


def _amounts(calculation: Calculation, unit: Fraction) -> list[int]:
    return [in_units(row.amount, unit) for row in calculation.rows]


def _with_stand(inputs: Inputs, stand) -> Inputs:
    """The Stand is the table's date, not an input of the rule: it is not listed as a change."""
    return replace(inputs, parameters=replace(inputs.parameters, stand=stand))


def _values() -> dict:
    return _texts()["werte"]


def _euro_text(value: Decimal | None) -> str:
    return _values()["leer"] if value is None else fill(_values()["euro"], betrag=german_number(value))


def _share_text(value: Decimal | None) -> str:
    return _values()["keine"] if value is None else percent_text(Fraction(value), places=None)


def _weights_text(p) -> str:
    values = _values()
    if p.year_weights is None:
        return values["gewichte_gleich"]
    return values["gewichte_trenner"].join(
        fill(values["gewicht"], jahr=year, gewicht=german_number(w)) for year, w in zip(p.reference_years, p.year_weights)
    )


def _choice_text(name: str):
    """A choice in the words the Parameter sheet uses for it (the reader accepts them)."""
    return lambda p: _values()[name][getattr(p, name)]


# (field of Parameters, as text); its label is the field's entry in [aenderungsnachweis.eingaben]
_PARAMETERS = (
    ("budget", lambda p: _euro_text(p.budget)),
    ("method", lambda p: p.method.label),
    ("unit", lambda p: _euro_text(p.unit)),
    ("reference_years", lambda p: p.reference_period),
    ("year_weights", _weights_text),
    ("base", lambda p: _euro_text(p.base)),
    ("loss_cap", lambda p: _share_text(p.loss_cap)),
    ("financing", _choice_text("financing")),
    ("max_gain", lambda p: _share_text(p.max_gain)),
    ("phase_in", lambda p: _share_text(p.phase_in)),
    ("tie_rule", _choice_text("tie_rule")),
    ("seed", lambda p: p.seed or _values()["keine"]),
    ("bound_rule", _choice_text("bound_rule")),
)


def _parameter_switches(start: Inputs, final: Inputs):
    switches = []
    labels = _texts()["eingaben"]
    for name, shown in _PARAMETERS:
        before, after = getattr(start.parameters, name), getattr(final.parameters, name)
        if repr(before) == repr(after):
            continue
        change = InputChange(labels[name], None, shown(start.parameters), shown(final.parameters))

        def switch(state: Inputs, name=name, after=after) -> Inputs:
            return replace(state, parameters=replace(state.parameters, **{name: after}))

        switches.append((change, switch))
    return switches


def _district_switches(start: Inputs, final: Inputs):
    switches = []
    labels = _texts()["eingaben"]
    targets = {d.key: d for d in final.districts}
    for original in sorted(start.districts, key=lambda d: d.key):
        target = targets[original.key]
        before_counts, after_counts = dict(original.counts), dict(target.counts)
        for year in sorted(set(before_counts) | set(after_counts)):
            if before_counts.get(year) == after_counts.get(year):
                continue
            change = InputChange(
                fill(labels["counts"], jahr=year),
                original.key,
                _count_text(before_counts.get(year)),
                _count_text(after_counts.get(year)),
            )

            def switch(state: Inputs, key=original.key, year=year, value=after_counts.get(year)) -> Inputs:
                def with_count(d: District) -> District:
                    counts = {**dict(d.counts), year: value}
                    return replace(d, counts=tuple(sorted((y, c) for y, c in counts.items() if c is not None)))

                return _changed_district(state, key, with_count)

            switches.append((change, switch))
        previous_label = fill(labels["previous_amount"], vorjahr=final.parameters.year - 1)
        for name, label in (("previous_amount", previous_label), ("lower", labels["lower"]), ("upper", labels["upper"])):
            before, after = getattr(original, name), getattr(target, name)
            if repr(before) == repr(after):
                continue
            change = InputChange(label, original.key, _euro_text(before), _euro_text(after))

            def switch(state: Inputs, key=original.key, name=name, after=after) -> Inputs:
                return _changed_district(state, key, lambda d: replace(d, **{name: after}))

            switches.append((change, switch))
    return switches


def _changed_district(state: Inputs, key: str, change) -> Inputs:
    return replace(state, districts=tuple(change(d) if d.key == key else d for d in state.districts))


def _count_text(value: int | None) -> str:
    return _values()["leer"] if value is None else german_number(value)
'''

# ---- xl_funcs/payments/money.py ----------------------------------------------
MODULES['xl_funcs.payments.money'] = r'''"""Amounts of two tables in one common unit, so that paid and final amounts can be compared exactly."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

from ..engine.exact import as_units


def common_unit(*units: Decimal) -> Fraction:
    """The largest unit every given unit is a whole multiple of (1 € and 0,01 € -> 0,01 €)."""
    fractions = [Fraction(unit) for unit in units]
    denominator = math.lcm(*(f.denominator for f in fractions))
    numerator = math.gcd(*(int(f * denominator) for f in fractions))
    return Fraction(numerator, denominator)


def in_units(amount, unit: Fraction) -> int:
    """An amount in euros (int or Decimal, a whole multiple of ``unit``) as a number of units."""
    return as_units(Fraction(amount), unit, "Der Betrag")


def euros(units: int, unit: Fraction) -> int | Decimal:
    """Units as euros: an int when whole, else the exact Decimal (amounts never pass through floats)."""
    value = units * unit
    if value.denominator == 1:
        return value.numerator
    return Decimal(value.numerator) / Decimal(value.denominator)
'''

# ---- xl_funcs/payments/plan.py -----------------------------------------------
MODULES['xl_funcs.payments.plan'] = r'''"""The instalment plan (Auszahlungsplan): each Kreis's amount split over the year's payment dates.

Each date's column is its share of the budget, split by largest remainders (exact where the
share of the budget is a whole number of units, as 60 % of 58.000.000 €). Then the matrix of
Kreis x date is rounded with both margins fixed (``engine.matrix_rounding``): every Kreis's
instalments add up exactly to its amount, every column exactly to its part of the budget, and
each entry is its exact value ``amount x part / budget`` rounded down or up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from ..calculation import Calculation
from ..engine.matrix_rounding import proportional_matrix, round_matrix, split_total
from ..inputs import District, InputProblems, Inputs, Instalment, Problem
from ..table.text import german_date
from .money import in_units
from .wording import words

NO_INSTALMENTS = (
    "Die Arbeitsmappe enthält keine Tabelle „Abschläge“. Für den Auszahlungsplan bitte eine Excel-Tabelle "
    "„Abschläge“ mit den Spalten „Fälligkeit“ und „Anteil“ anlegen (z. B. 60 % am 15.04. und 40 % am 15.10.)."
)


@dataclass(frozen=True)
class InstalmentPlan:
    year: int
    unit: Fraction  # entries are whole multiples of it
    dates: tuple[date, ...]
    shares: tuple[Decimal, ...]
    districts: tuple[District, ...]
    amounts: tuple[int, ...]  # per Kreis, in units
    column_totals: tuple[int, ...]  # per date, in units
    entries: tuple[tuple[int, ...], ...]  # per Kreis, per date, in units

    @property
    def count(self) -> int:
        return len(self.dates)


def require_instalments(inputs: Inputs) -> tuple[Instalment, ...]:
    """The workbook's instalments, each due in the Haushaltsjahr; InputProblems (at their cells) otherwise."""
    if not inputs.instalments:
        raise InputProblems([Problem(NO_INSTALMENTS)])
    year = inputs.parameters.year
    outside = [
        Problem(
            f"Fälligkeit: Der {german_date(i.due)} liegt nicht im Haushaltsjahr {year}; jeder Abschlag wird im "
            "Haushaltsjahr ausgezahlt.",
            where=i.row,
        )
        for i in inputs.instalments
        if i.due.year != year
    ]
    if outside:
        raise InputProblems(outside)
    return inputs.instalments


def plan_instalments(calculation: Calculation, instalments: tuple[Instalment, ...] | None = None) -> InstalmentPlan:
    """The plan for the calculated amounts over ``instalments`` (default: the workbook's table Abschläge)."""
    inputs = calculation.inputs
    instalments = require_instalments(inputs) if instalments is None else instalments
    unit = Fraction(inputs.parameters.unit)
    amounts = [in_units(row.amount, unit) for row in calculation.rows]
    shares = [Fraction(i.share) for i in instalments]
    columns = split_total(sum(amounts), shares)
    entries = round_matrix(proportional_matrix(amounts, columns, shares))
    return InstalmentPlan(
        year=inputs.parameters.year,
        unit=unit,
        dates=tuple(i.due for i in instalments),
        shares=tuple(i.share for i in instalments),
        districts=tuple(row.district for row in calculation.rows),
        amounts=tuple(amounts),
        column_totals=tuple(columns),
        entries=tuple(tuple(row) for row in entries),
    )


def rule_in_words() -> tuple[str, ...]:
    """How the plan is computed, for its sheet (the same sentences in every output)."""
    return tuple(words()["plan"]["verfahren"])
'''

# ---- xl_funcs/payments/settlement.py -----------------------------------------
MODULES['xl_funcs.payments.settlement'] = r'''"""The final settlement (Schlussabrechnung): final amount, what was paid, what is still to pay or pay back.

Paid are the provisional plan's instalments (over the provisional workbook's own Abschläge) due on
or before the settlement date (the final workbook's Stand unless given). What remains per Kreis (final amount less what was paid,
negative when too much was paid) is re-planned exactly over the final workbook's instalment
dates still ahead, in proportion to their shares and with both margins fixed
(``engine.matrix_rounding``): what was paid stays, every Kreis reaches exactly its final
amount, every remaining date's column is exactly its part of what remains. With no date
ahead, the remainder is one settlement payment (or repayment) on the settlement date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from ..calculation import Calculation
from ..engine.matrix_rounding import proportional_matrix, round_matrix, split_total
from ..inputs import District, InputProblems, Problem
from .money import common_unit, in_units
from .plan import InstalmentPlan, plan_instalments, require_instalments


@dataclass(frozen=True)
class Settlement:
    year: int
    unit: Fraction  # every figure below is in this unit
    as_of: date  # Stichtag: instalments due on or before it count as paid
    districts: tuple[District, ...]
    provisional: tuple[int, ...]  # provisional amount per Kreis
    final: tuple[int, ...]  # final amount per Kreis
    paid_dates: tuple[date, ...]
    paid: tuple[tuple[int, ...], ...]  # per Kreis, per paid date
    remaining_dates: tuple[date, ...]  # the dates still ahead (or the Stichtag alone)
    remaining: tuple[tuple[int, ...], ...]  # per Kreis, per remaining date; negative: to be paid back
    provisional_plan: InstalmentPlan

    def paid_total(self, index: int) -> int:
        return sum(self.paid[index])

    def remaining_total(self, index: int) -> int:
        return sum(self.remaining[index])


def settle(provisional: Calculation, final: Calculation, as_of: date | None = None) -> Settlement:
    """The settlement of ``final`` against ``provisional`` (same year, same Kreise)."""
    p_final = final.inputs.parameters
    if provisional.inputs.parameters.year != p_final.year:
        raise InputProblems(
            [Problem(f"Vorläufige und endgültige Tabelle gehören zu verschiedenen Jahren "
                     f"({provisional.inputs.parameters.year} und {p_final.year}).")]
        )
    if [d.key for d in provisional.inputs.districts] != [d.key for d in final.inputs.districts]:
        raise InputProblems([Problem("Vorläufige und endgültige Tabelle nennen nicht dieselben Kreise.")])
    final_instalments = require_instalments(final.inputs)
    as_of = p_final.stand if as_of is None else as_of
    unit = common_unit(provisional.inputs.parameters.unit, p_final.unit)
    # What was paid follows the provisional workbook's own Abschläge (the plan the paying office got);
    # the dates still ahead are the final workbook's.
    plan = plan_instalments(provisional, provisional.inputs.instalments or final_instalments)
    scale = plan.unit / unit  # a whole number: the common unit divides the plan's unit
    paid_columns = [j for j, due in enumerate(plan.dates) if due <= as_of]
    paid = [[plan.entries[i][j] * int(scale) for j in paid_columns] for i in range(len(plan.districts))]
    finals = [in_units(row.amount, unit) for row in final.rows]
    rest_rows = [value - sum(row) for value, row in zip(finals, paid)]
    ahead = [i for i in final_instalments if i.due > as_of]
    if ahead:
        shares = [Fraction(i.share) for i in ahead]
        dates = tuple(i.due for i in ahead)
    else:
        shares, dates = [Fraction(1)], (as_of,)
    columns = split_total(sum(rest_rows), shares)
    remaining = round_matrix(proportional_matrix(rest_rows, columns, shares))
    return Settlement(
        year=p_final.year,
        unit=unit,
        as_of=as_of,
        districts=tuple(row.district for row in final.rows),
        provisional=tuple(value * int(scale) for value in plan.amounts),
        final=tuple(finals),
        paid_dates=tuple(plan.dates[j] for j in paid_columns),
        paid=tuple(tuple(row) for row in paid),
        remaining_dates=dates,
        remaining=tuple(tuple(row) for row in remaining),
        provisional_plan=plan,
    )
'''

# ---- xl_funcs/payments/tables.py ---------------------------------------------
MODULES['xl_funcs.payments.tables'] = r'''"""The payment documents as table models: Auszahlungsplan, the paying office's import list,
Schlussabrechnung and Änderungsnachweis. Arranging and wording only; every figure comes from the
plan, the settlement or the change record (and through them from the engine).
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from .. import __version__
from ..table.model import Column, ColumnKind, Document, PrintSettings, Row, RowRole, Table
from ..table.templates import fill, styles
from ..table.text import german_date, percent_text
from .changes import ChangeRecord
from .money import euros
from .plan import InstalmentPlan, plan_instalments, rule_in_words
from .settlement import Settlement
from .wording import words


def _formats() -> dict:
    return styles()["zahlenformate"]


def _money_format(unit: Fraction, change: bool = False) -> str:
    cents = unit.denominator != 1
    if change:
        return _formats()["veraenderung_betrag_cent" if cents else "veraenderung_betrag"]
    return _formats()["betrag_cent" if cents else "betrag"]


def _column(key: str, header: str, kind: ColumnKind, number_format: str, width: float, align: str = "left") -> Column:
    return Column(key, header, kind, number_format, width, align)


def _identity_columns() -> list[Column]:
    f, header = _formats(), words()["kreisspalten"]
    return [
        _column("nr", header["nr"], ColumnKind.NUMBER, f["nummer"], 4.5, "right"),
        _column("key", header["key"], ColumnKind.KEY, f["text"], 9),
        _column("name", header["name"], ColumnKind.TEXT, f["text"], 30),
    ]


def _stand(day: date) -> str:
    return fill(words()["dokument"]["stand"], datum=german_date(day))


def _print(title: str, stand: date, orientation: str = "landscape") -> PrintSettings:
    return PrintSettings(
        orientation=orientation,
        footer_left=_stand(stand),
        footer_center=words()["dokument"]["seite"],
        footer_right=title.replace("&", "&&"),
    )


def _document(title: str, stem: str, stand: date, sheets: tuple[Table, ...], keywords: str) -> Document:
    texts = words()["dokument"]
    return Document(
        title=title,
        file_stem=stem,
        stand=stand,
        sheets=sheets,
        author=fill(texts["autor"], version=__version__),
        subject=texts["betreff"],
        keywords=keywords,
    )


def payment_reference(year: int, key: str, name: str, index: int, count: int) -> str:
    """The Verwendungszweck: programme, year, Kreis and instalment, at most 140 characters (SEPA)."""
    template = words()["zahlungen"]["verwendungszweck"]
    return fill(template, jahr=year, schluessel=key, name=name, nummer=index + 1, anzahl=count)[:140]


# --- Auszahlungsplan ----------------------------------------------------------------------------


def plan_table(plan: InstalmentPlan, stand: date, sample_data: bool = False) -> Table:
    texts = words()["plan"]
    money = _money_format(plan.unit)
    columns = _identity_columns() + [
        _column("amount", fill(texts["betrag"], jahr=plan.year), ColumnKind.AMOUNT, money, 14, "right")
    ]
    for j, (due, share) in enumerate(zip(plan.dates, plan.shares)):
        share_text = percent_text(Fraction(share), places=None)
        header = fill(texts["abschlag"], nummer=j + 1, datum=german_date(due), prozent=share_text)
        columns.append(_column(f"instalment_{j + 1}", header, ColumnKind.AMOUNT, money, 14, "right"))
    rows = []
    for i, district in enumerate(plan.districts):
        cells = [i + 1, district.key, district.label, euros(plan.amounts[i], plan.unit)]
        cells += [euros(entry, plan.unit) for entry in plan.entries[i]]
        rows.append(Row(tuple(cells)))
    total = [None, None, words()["dokument"]["summe"], euros(sum(plan.amounts), plan.unit)]
    total += [euros(value, plan.unit) for value in plan.column_totals]
    rows.append(Row(tuple(total), RowRole.TOTAL))
    title = fill(texts["titel"], jahr=plan.year)
    return Table(
        sheet_name=fill(texts["blatt"], jahr=plan.year),
        title=title,
        subtitle=texts["untertitel"],
        notes=(_stand(stand),),
        warnings=_sample_warning(sample_data),
        columns=tuple(columns),
        rows=tuple(rows),
        footnotes=rule_in_words(),
        print_settings=_print(title, stand),
    )


def payment_list(plan: InstalmentPlan) -> Table:
    """The paying office's import: one row per Kreis and date, the amount in cents, keys as text."""
    f, texts = _formats(), words()["zahlungen"]
    header = texts["spalten"]
    columns = (
        _column("key", header["key"], ColumnKind.KEY, f["text"], 9),
        _column("name", header["name"], ColumnKind.TEXT, f["text"], 30),
        _column("due", header["due"], ColumnKind.NUMBER, f["datum"], 11),
        _column("cents", header["cents"], ColumnKind.NUMBER, f["nummer"], 14, "right"),
        _column("reference", header["reference"], ColumnKind.TEXT, f["text"], 60),
    )
    rows = []
    cents_per_unit = plan.unit * 100
    for j, due in enumerate(plan.dates):
        for i, district in enumerate(plan.districts):
            cents = plan.entries[i][j] * cents_per_unit
            rows.append(
                Row(
                    (
                        district.key,
                        district.label,
                        due,
                        int(cents),
                        payment_reference(plan.year, district.key, district.name, j, plan.count),
                    )
                )
            )
    return Table(
        sheet_name=fill(texts["blatt"], jahr=plan.year),
        title=fill(texts["titel"], jahr=plan.year),
        columns=columns,
        rows=tuple(rows),
    )


def plan_document(plan: InstalmentPlan, stand: date, sample_data: bool = False) -> Document:
    texts = words()["plan"]
    table = plan_table(plan, stand, sample_data)
    return _document(
        table.title,
        fill(texts["dateiname"], jahr=plan.year),
        stand,
        (table, payment_list(plan)),
        fill(texts["stichworte"], jahr=plan.year),
    )


def plan_document_of(calculation) -> Document:
    """The plan document of a calculation over its workbook's table Abschläge (InputProblems without it)."""
    p = calculation.inputs.parameters
    return plan_document(plan_instalments(calculation), p.stand, p.sample_data)


# --- Schlussabrechnung and Änderungsnachweis ----------------------------------------------------


def settlement_table(settlement: Settlement, sample_data: bool = False) -> Table:
    unit = settlement.unit
    money, change = _money_format(unit), _money_format(unit, change=True)
    y = settlement.year
    texts = words()["schlussabrechnung"]
    header = texts["spalten"]
    as_of = german_date(settlement.as_of)
    columns = _identity_columns() + [
        _column("provisional", fill(header["provisional"], jahr=y), ColumnKind.AMOUNT, money, 14, "right"),
        _column("final", fill(header["final"], jahr=y), ColumnKind.AMOUNT, money, 14, "right"),
        _column("difference", header["difference"], ColumnKind.AMOUNT, change, 13, "right"),
        _column("paid", fill(header["paid"], datum=as_of), ColumnKind.AMOUNT, money, 14, "right"),
    ]
    single = settlement.remaining_dates == (settlement.as_of,)  # no instalment date ahead
    for j, due in enumerate(settlement.remaining_dates):
        title = header["remaining_single"] if single else fill(header["remaining_date"], datum=german_date(due))
        columns.append(_column(f"remaining_{j + 1}", title, ColumnKind.AMOUNT, change, 14, "right"))
    columns.append(_column("remaining", header["remaining"], ColumnKind.AMOUNT, change, 16, "right"))
    rows = []
    for i, district in enumerate(settlement.districts):
        cells = [
            i + 1,
            district.key,
            district.label,
            euros(settlement.provisional[i], unit),
            euros(settlement.final[i], unit),
            euros(settlement.final[i] - settlement.provisional[i], unit),
            euros(settlement.paid_total(i), unit),
        ]
        cells += [euros(value, unit) for value in settlement.remaining[i]]
        cells.append(euros(settlement.remaining_total(i), unit))
        rows.append(Row(tuple(cells)))
    n = len(settlement.districts)
    sums = [None, None, words()["dokument"]["summe"]] + [
        euros(sum(values), unit)
        for values in (
            settlement.provisional,
            settlement.final,
            [settlement.final[i] - settlement.provisional[i] for i in range(n)],
            [settlement.paid_total(i) for i in range(n)],
        )
    ]
    sums += [euros(sum(row[j] for row in settlement.remaining), unit) for j in range(len(settlement.remaining_dates))]
    sums.append(euros(sum(settlement.remaining_total(i) for i in range(n)), unit))
    rows.append(Row(tuple(sums), RowRole.TOTAL))
    paid = texts["termin_trenner"].join(german_date(d) for d in settlement.paid_dates) or texts["keine_termine"]
    title = fill(texts["titel"], jahr=y)
    return Table(
        sheet_name=fill(texts["blatt"], jahr=y),
        title=title,
        subtitle=texts["untertitel"],
        notes=(fill(texts["stichtag"], datum=as_of, termine=paid),),
        warnings=_sample_warning(sample_data),
        columns=tuple(columns),
        rows=tuple(rows),
        footnotes=tuple(texts["fussnoten"]),
        print_settings=_print(title, settlement.as_of),
    )


def change_table(record: ChangeRecord, stand: date, year: int, sample_data: bool = False) -> Table:
    f, texts = _formats(), words()["aenderungsnachweis"]
    columns = (
        _column("label", texts["spalte_kreis"], ColumnKind.TEXT, f["text"], 34),
        _column("value", texts["spalte_aenderung"], ColumnKind.TEXT, f["text"], 110),
    )
    rows: list[Row] = [Row((texts["abschnitt_eingaben"], None), RowRole.SECTION)]
    labels = {d.key: d.label for d in record.districts}
    if not record.changes:
        rows.append(Row(("", texts["keine_aenderung"])))
    for number, change in enumerate(record.changes, start=1):
        whose = labels[change.key] if change.key else texts["parameter"]
        rows.append(Row((fill(texts["eingabe_nummer"], nummer=number, wer=whose), change.words())))
    rows.append(Row((texts["abschnitt_kreise"], None), RowRole.SECTION))
    for i, district in enumerate(record.districts):
        rows.append(Row((district.label, record.sentence(i))))
    title = fill(texts["titel"], jahr=year)
    return Table(
        sheet_name=fill(texts["blatt"], jahr=year),
        title=title,
        subtitle=texts["untertitel"],
        notes=(_stand(stand),),
        warnings=_sample_warning(sample_data),
        columns=columns,
        rows=tuple(rows),
        footnotes=tuple(texts["fussnoten"]),
        print_settings=_print(title, stand, orientation="portrait"),
    )


def settlement_document(settlement: Settlement, record: ChangeRecord, sample_data: bool = False) -> Document:
    texts = words()["schlussabrechnung"]
    table = settlement_table(settlement, sample_data)
    return _document(
        table.title,
        fill(texts["dateiname"], jahr=settlement.year),
        settlement.as_of,
        (table, change_table(record, settlement.as_of, settlement.year, sample_data)),
        fill(texts["stichworte"], jahr=settlement.year),
    )


def _sample_warning(sample_data: bool) -> tuple[str, ...]:
    return (words()["dokument"]["beispieldaten"],) if sample_data else ()
'''

# ---- xl_funcs/payments/wording.py --------------------------------------------
MODULES['xl_funcs.payments.wording'] = r'''"""The texts of the payment files (plan, paying office's list, settlement, what changed), from templates/auszahlung.toml."""

from __future__ import annotations

from ..table.templates import PAYMENTS, load


def words() -> dict:
    return load(PAYMENTS)
'''

# ---- xl_funcs/readers/__init__.py --------------------------------------------
MODULES['xl_funcs.readers'] = r'''"""Reading the ministry workbook: a file on disk or an open workbook in Excel -> Inputs.

Both ways first take a neutral snapshot of the workbook (cells, defined names,
tables) and then run the same parser over it, so the command line, the classic
add-in, xlwings Server and xlwings Lite accept and refuse exactly the same
workbooks, with the same German messages at the same cells.

Public API:

- ``read_workbook_file(path) -> Inputs``
- ``read_xlwings_book(book) -> Inputs``
- ``bundled_workbook_path() -> Path``

Both readers raise ``xl_funcs.inputs.InputProblems`` listing every problem.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..inputs import InputProblems, Inputs, Problem
from .parse import inputs_from_snapshot

__all__ = ["bundled_workbook_path", "read_workbook_file", "read_xlwings_book"]

# Lite executes the bundled source without a file behind it, hence no __file__ there (nor a sample workbook).
_SOURCE = globals().get("__file__")
_BUNDLED = Path(_SOURCE).resolve().parents[2] / "workbook" / "Mittelverteilung.xlsx" if _SOURCE else None


def read_workbook_file(path: str | os.PathLike) -> Inputs:
    """Read and validate an .xlsx/.xlsm file; the file is only read, never written."""
    from .file_guard import read_workbook_bytes
    from .file_reader import facts_of_bytes, snapshot_of_bytes

    data = read_workbook_bytes(path)
    try:
        return inputs_from_snapshot(snapshot_of_bytes(data, str(path)))
    except InputProblems:
        # One of our own outputs given by mistake: say what it is rather than list the names it lacks.
        from .own_outputs import own_output

        sentence = own_output(str(path), facts_of_bytes(data, str(path)))
        if sentence is None:
            raise
        raise InputProblems([Problem(sentence, file=str(path))]) from None


def read_xlwings_book(book) -> Inputs:
    """Read and validate an open ``xlwings.Book`` (classic, or the Server/Lite Book from Office.js)."""
    from .xlwings_reader import snapshot_of_book

    return inputs_from_snapshot(snapshot_of_book(book))


def bundled_workbook_path() -> Path:
    """The sample workbook ``workbook/Mittelverteilung.xlsx``: the default of every command taking WORKBOOK."""
    if _BUNDLED is None or not _BUNDLED.is_file():
        raise InputProblems(
            [
                Problem(
                    "Die Beispielarbeitsmappe workbook/Mittelverteilung.xlsx liegt nicht neben dem Programm "
                    "(nur im Quellverzeichnis vorhanden); bitte den Pfad einer Arbeitsmappe angeben.",
                    file=str(_BUNDLED or "workbook/Mittelverteilung.xlsx"),
                )
            ]
        )
    return _BUNDLED
'''

# ---- xl_funcs/readers/cell_values.py -----------------------------------------
MODULES['xl_funcs.readers.cell_values'] = r'''"""One cell's value as the number, text, date or yes/no the contract expects, or the German reason why not.

Floats are taken at their shortest decimal representation, as the engine does
(``0.1`` is one tenth, as Excel shows it). Numbers typed as text are accepted
only where their meaning is unambiguous (``xl_funcs.number_text``).
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from ..engine.notation import german_number
from ..number_text import NumberTextError, parse_number_text
from .snapshot import ERROR_TEXTS, ErrorValue, MissingResult

# Excel keeps 15 significant digits; a larger whole number is no longer exact.
LARGEST_EXACT = 10**15


class CellValueError(ValueError):
    """The German reason a cell's value is not what was expected (without the cell's address)."""


def describe(value: object) -> str:
    """A cell's value as a German reader would recognise it in Excel."""
    if value is None:
        return "leer"
    if isinstance(value, bool):
        return "WAHR" if value else "FALSCH"
    if isinstance(value, ErrorValue):
        return value.text
    if isinstance(value, MissingResult):
        return f"Formel {value.formula}"
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M") if value.time() != time(0) else value.strftime("%d.%m.%Y")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, (time, timedelta)):
        return str(value)
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "…"
        return f"„{shown}“"
    if isinstance(value, float) and math.isfinite(value):
        return german_number(Decimal(repr(value))) if abs(value) < 1e21 else repr(value)
    if isinstance(value, (int, Decimal)):
        return german_number(value)
    return repr(value)


def is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _refuse_non_values(value: object, expected: str) -> None:
    """The reasons shared by every kind of expected value."""
    if isinstance(value, ErrorValue) or (isinstance(value, str) and value.strip() in ERROR_TEXTS):
        text = value.text if isinstance(value, ErrorValue) else value.strip()
        raise CellValueError(f"Die Zelle zeigt den Fehlerwert {text}; erwartet wird {expected}.")
    if isinstance(value, MissingResult):
        raise CellValueError(
            f"Die Zelle enthält eine Formel ohne gespeichertes Ergebnis ({value.formula}). "
            "Bitte die Datei in Excel öffnen, neu berechnen lassen und speichern."
        )
    if is_empty(value):
        raise CellValueError(f"Die Zelle ist leer; erwartet wird {expected}.")


def number(value: object, expected: str = "eine Zahl") -> Decimal:
    """Any finite number, from a number cell or unambiguous text."""
    _refuse_non_values(value, expected)
    if isinstance(value, bool):
        raise CellValueError(f"Die Zelle enthält den Wahrheitswert {describe(value)}; erwartet wird {expected}.")
    if isinstance(value, (datetime, date, time, timedelta)):
        raise CellValueError(f"Die Zelle enthält ein Datum oder eine Uhrzeit ({describe(value)}); erwartet wird {expected}.")
    if isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise CellValueError(f"{describe(value)} ist keine endliche Zahl.")
        result = Decimal(repr(value))
    elif isinstance(value, Decimal):
        result = value
    elif isinstance(value, str):
        try:
            result = parse_number_text(value)
        except NumberTextError as reason:
            detail = str(reason)
            if "mehrdeutig" in detail:
                raise CellValueError(
                    f"Der Text {describe(value)} ist als Zahl mehrdeutig (Tausenderpunkt oder Dezimalzeichen?); "
                    "bitte als Zahl ohne Tausendertrennzeichen eingeben."
                ) from None
            raise CellValueError(f"{describe(value)} ist keine Zahl; erwartet wird {expected}.") from None
    else:
        raise CellValueError(f"{describe(value)} ist keine Zahl; erwartet wird {expected}.")
    if abs(result) >= LARGEST_EXACT:
        raise CellValueError(
            f"Die Zahl {describe(result)} hat mehr als 15 Stellen; so große Zahlen speichert Excel nicht genau."
        )
    return result


def whole_number(value: object, expected: str = "eine ganze Zahl") -> int:
    result = number(value, expected)
    if result != result.to_integral_value():
        raise CellValueError(f"{describe(result)} ist keine ganze Zahl; erwartet wird {expected}.")
    return int(result)


def count(value: object) -> int:
    """A number of people: a whole number, zero or more."""
    result = whole_number(value, "eine Anzahl (ganze Zahl ab 0)")
    if result < 0:
        raise CellValueError(f"Die Anzahl ist negativ ({describe(result)}).")
    return result


def amount(value: object, expected: str = "ein Betrag in Euro") -> Decimal:
    """Money in euros, zero or more, at most to the cent."""
    result = number(value, expected)
    if result < 0:
        raise CellValueError(f"Der Betrag ist negativ ({describe(result)}).")
    if result != result.quantize(Decimal("0.01")):
        raise CellValueError(f"Der Betrag {describe(result)} hat mehr als zwei Nachkommastellen.")
    return result


def text(value: object, expected: str = "ein Text") -> str:
    _refuse_non_values(value, expected)
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value).strip()  # "ë" typed on a Mac is e + combining diaeresis
    raise CellValueError(f"Die Zelle enthält {describe(value)}; erwartet wird {expected}.")


_GERMAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def calendar_date(value: object) -> date:
    """A date cell, or a date typed as text as ``31.03.2025`` or ``2025-03-31``."""
    expected = "ein Datum"
    _refuse_non_values(value, expected)
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        cleaned = value.strip()
        german = _GERMAN_DATE.fullmatch(cleaned)
        iso = _ISO_DATE.fullmatch(cleaned)
        try:
            if german:
                return date(int(german[3]), int(german[2]), int(german[1]))
            if iso:
                return date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            raise CellValueError(f"{describe(value)} ist kein gültiges Datum.") from None
    raise CellValueError(f"Die Zelle enthält {describe(value)}; erwartet wird {expected} (z. B. 31.03.2025).")


_YES = {"ja", "j", "yes", "wahr", "true", "x"}
_NO = {"nein", "n", "no", "falsch", "false"}


def yes_no(value: object, default: bool) -> bool:
    """``ja``/``nein`` (or WAHR/FALSCH); an empty cell means ``default``."""
    if is_empty(value):
        return default
    if isinstance(value, bool):
        return value
    _refuse_non_values(value, "„ja“ oder „nein“")
    if isinstance(value, str):
        folded = value.strip().casefold()
        if folded in _YES:
            return True
        if folded in _NO:
            return False
    raise CellValueError(f"Die Zelle enthält {describe(value)}; erwartet wird „ja“ oder „nein“.")


def fraction_or_percent(value: object) -> Decimal:
    """A share between 0 and 1: ``0,1`` or a percent cell (stored as 0.1) or text ``10 %``."""
    if isinstance(value, str) and value.strip().endswith("%"):
        result = number(value.strip()[:-1], "ein Anteil (z. B. 10 %)") / 100
    else:
        result = number(value, "ein Anteil (z. B. 10 %)")
    if result < 0:
        raise CellValueError(f"Der Anteil ist negativ ({describe(result)}).")
    if result > 1:
        raise CellValueError(
            f"Der Anteil {describe(result)} ist größer als 1 (100 %); bitte als Bruch oder Prozent eingeben "
            "(10 % = 0,1)."
        )
    return result
'''

# ---- xl_funcs/readers/contract.py --------------------------------------------
MODULES['xl_funcs.readers.contract'] = r'''"""The ministry workbook's contract: the defined names and table columns a workbook must have.

Inputs are found by these names, never by fixed cell addresses, so that the
ministry can lay out its own workbook as it likes. The sample workbook is
built from the same constants.
"""

from __future__ import annotations

import re
import unicodedata

TABLE_NAME = "Kreise"

# Defined names (workbook scope), each pointing at one cell.
YEAR = "Haushaltsjahr"
BUDGET = "Budget"
METHOD = "Methode"
UNIT = "Einheit"
REFERENCE_FROM = "Bezugsjahr_von"
REFERENCE_TO = "Bezugsjahr_bis"
STAND = "Stand"
BASE = "Sockelbetrag"
LOSS_CAP = "Verlustbegrenzung"
SUBTOTALS = "Zwischensummen"
SOURCE_NOTE = "Datenquelle"
SAMPLE_DATA = "Beispieldaten"
FINANCING = "Finanzierung"
MAX_GAIN = "Zuwachsbegrenzung"
PHASE_IN = "Übergangsanteil"
TIE_RULE = "Gleichstandsregel"
SEED = "Losnummer"
BOUND_RULE = "Grenzregel"
ISSUER = "Herausgeber"
DEPARTMENT = "Referat"
CONTACT = "Kontakt"
REPLY_DEADLINE = "Rückmeldefrist"

REQUIRED_NAMES = (YEAR, BUDGET, METHOD, UNIT, REFERENCE_FROM, REFERENCE_TO, STAND)
OPTIONAL_NAMES = (BASE, LOSS_CAP, SUBTOTALS, SOURCE_NOTE, SAMPLE_DATA, FINANCING, MAX_GAIN, PHASE_IN, TIE_RULE, SEED,
                  BOUND_RULE, ISSUER, DEPARTMENT, CONTACT, REPLY_DEADLINE)

# What each parameter is, for messages ("Der Name „Budget“ (das Budget in Euro) fehlt").
NAME_MEANINGS = {
    YEAR: "das Haushaltsjahr",
    BUDGET: "das zu verteilende Budget in Euro",
    METHOD: "das Verteilungsverfahren",
    UNIT: "die Auszahlungseinheit in Euro",
    REFERENCE_FROM: "das erste Bezugsjahr",
    REFERENCE_TO: "das letzte Bezugsjahr",
    STAND: "das Datum des Stands",
    BASE: "der Sockelbetrag je Kreis",
    LOSS_CAP: "die Verlustbegrenzung gegenüber dem Vorjahr",
    SUBTOTALS: "ob Zwischensummen je Regierungsbezirk gezeigt werden",
    SOURCE_NOTE: "die Datenquelle (Fußnote)",
    SAMPLE_DATA: "ob es sich um Beispieldaten handelt",
    FINANCING: "wer die Verlustbegrenzung finanziert (alle, Gewinner, Fonds)",
    MAX_GAIN: "die Zuwachsbegrenzung gegenüber dem Vorjahr",
    PHASE_IN: "der Anteil der Vorjahresverteilung beim Übergang",
    TIE_RULE: "die Regel bei Gleichstand (Schlüssel, Gewicht, Los, Rang)",
    SEED: "die Losnummer für den Losentscheid",
    BOUND_RULE: "die Grenzregel (neu verteilen oder Quote)",
    ISSUER: "der Herausgeber (die Behörde, die Tabelle und Kreis-Arbeitsmappen herausgibt)",
    DEPARTMENT: "das zuständige Referat",
    CONTACT: "der Kontakt (E-Mail oder Telefon; dorthin senden die Kreise ihre Rückmeldung)",
    REPLY_DEADLINE: "bis wann die Kreise antworten sollen",
}

# Table columns, found by their header text.
KEY = "Kreisschlüssel"
NAME = "Stadt-/Landkreis"
KIND = "Art"
REGION = "Regierungsbezirk"
LOWER = "Mindestbetrag"
UPPER = "Höchstbetrag"
RANK = "Rang"
COUNT_PREFIX = "Zuweisungen"
AMOUNT_PREFIX = "Mittel"

REQUIRED_COLUMNS = (KEY, NAME)
OPTIONAL_COLUMNS = (KIND, REGION, LOWER, UPPER, RANK)


def count_header(year: int) -> str:
    return f"{COUNT_PREFIX} {year}"


def amount_header(year: int) -> str:
    return f"{AMOUNT_PREFIX} {year}"


def fold_header(text: str) -> str:
    """Header text compared without case and extra spaces: ``" zuweisungen  2023"`` = ``"Zuweisungen 2023"``."""
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


_YEAR_COLUMN = re.compile(r"(zuweisungen|mittel) (\d{4})(?: in €| \(€\)| €)?")


def year_column(header: str) -> tuple[str, int] | None:
    """``"Zuweisungen 2023"`` -> ("Zuweisungen", 2023); ``"Mittel 2024 in €"`` -> ("Mittel", 2024)."""
    match = _YEAR_COLUMN.fullmatch(fold_header(header))
    if not match:
        return None
    prefix = COUNT_PREFIX if match[1] == "zuweisungen" else AMOUNT_PREFIX
    return prefix, int(match[2])
'''

# ---- xl_funcs/readers/districts.py -------------------------------------------
MODULES['xl_funcs.readers.districts'] = r'''"""The table ``Kreise``: one row per Stadt- or Landkreis, columns found by their header text.

Every row is checked against the official list of the 44 Kreise (key, name,
kind, Regierungsbezirk) and every count and amount cell on its own. The
result is in the order of the keys, whatever the order of the table, so that
sorting the table in Excel never changes an amount (ties go to the earlier
row).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..inputs import CellRef, District
from ..kreise import Kreis, all_kreise, kreise_by_key
from . import cell_values as cv
from . import contract as c
from .problem_list import ProblemList
from .snapshot import Area, SheetGrid, TableArea, WorkbookSnapshot, cell_name, column_letters
from .text_compare import fold_text, visible_difference

# Rows below the table that are looked at for stray values.
ROWS_BELOW_TABLE = 50


@dataclass
class _Columns:
    """Column numbers (1-based, on the sheet) by meaning."""

    named: dict[str, int] = field(default_factory=dict)
    counts: dict[int, int] = field(default_factory=dict)  # year -> column
    amounts: dict[int, int] = field(default_factory=dict)  # year -> column


def find_table(snapshot: WorkbookSnapshot, name: str) -> TableArea | None:
    folded = name.casefold()
    return next((t for t in snapshot.tables if t.name.casefold() == folded), None)


def read_districts(
    snapshot: WorkbookSnapshot,
    problems: ProblemList,
    year: int | None,
    reference_years: tuple[int, ...] | None,
) -> tuple[District, ...]:
    """The 44 Districts, or an empty tuple when the table has problems (all of them reported)."""
    table = find_table(snapshot, c.TABLE_NAME)
    if table is None:
        others = ", ".join(f"„{t.name}“ (Blatt {t.sheet})" for t in snapshot.tables)
        hint = f" Gefunden wurden nur: {others}." if others else " Die Arbeitsmappe enthält keine Tabelle."
        problems.add(
            f"Die Tabelle „{c.TABLE_NAME}“ fehlt. Die Kreise müssen in einer Excel-Tabelle (Einfügen > Tabelle) "
            f"mit dem Namen „{c.TABLE_NAME}“ stehen (Tabellenentwurf > Tabellenname).{hint}"
        )
        return ()
    sheet = snapshot.sheet(table.sheet)
    if sheet is None:
        problems.add(f"Die Tabelle „{table.name}“ liegt auf dem Blatt „{table.sheet}“, das nicht gelesen werden konnte.")
        return ()
    if table.header_rows < 1:
        problems.add(
            f"Die Tabelle „{table.name}“ hat keine Überschriftenzeile; die Spalten werden an ihren Überschriften erkannt.",
            sheet.name,
            table.area.a1,
        )
        return ()
    before = len(problems)
    columns = _read_header(sheet, table, problems)
    if columns is None:
        return ()
    _check_reference_columns(sheet, table, columns, reference_years, problems)
    _check_layout(sheet, table, problems)
    first_data = table.area.first_row + table.header_rows
    last_data = table.area.last_row - table.totals_rows
    count_years = _used_count_years(sheet, columns, first_data, last_data, reference_years)
    previous_column = columns.amounts.get(year - 1) if year is not None else None
    if previous_column is not None and _column_empty(sheet, previous_column, first_data, last_data):
        previous_column = None
    rows = []
    for row in range(first_data, last_data + 1):
        district = _read_row(sheet, table, columns, row, count_years, previous_column, problems)
        if district is not None:
            rows.append(district)
    _check_completeness(sheet, table, rows, problems)
    _check_not_all_zero(sheet, table, columns, rows, reference_years, first_data, last_data, problems)
    if len(problems) > before:
        return ()
    return tuple(sorted(rows, key=lambda d: d.key))


def _read_header(sheet: SheetGrid, table: TableArea, problems: ProblemList) -> _Columns | None:
    columns = _Columns()
    header_row = table.area.first_row
    seen: dict[str, int] = {}
    for column in range(table.area.first_column, table.area.last_column + 1):
        value = sheet.value(header_row, column)
        if not isinstance(value, str) or not value.strip():
            continue
        folded = c.fold_header(value)
        if folded in seen:
            problems.add(
                f"Die Spaltenüberschrift „{value.strip()}“ kommt in der Tabelle „{table.name}“ doppelt vor "
                f"(auch in {cell_name(header_row, seen[folded])}).",
                sheet.name,
                cell_name(header_row, column),
            )
            continue
        seen[folded] = column
        year_column = c.year_column(value)
        if year_column is not None:
            prefix, year = year_column
            (columns.counts if prefix == c.COUNT_PREFIX else columns.amounts)[year] = column
            continue
        for header in c.REQUIRED_COLUMNS + c.OPTIONAL_COLUMNS:
            if folded == c.fold_header(header):
                columns.named[header] = column
    header_area = Area(header_row, table.area.first_column, header_row, table.area.last_column).a1
    missing = [h for h in c.REQUIRED_COLUMNS if h not in columns.named]
    for header in missing:
        problems.add(
            f"In der Tabelle „{table.name}“ fehlt die Spalte „{header}“ (Spalten werden an ihrer Überschrift erkannt).",
            sheet.name,
            header_area,
        )
    if not columns.counts:
        problems.add(
            f"In der Tabelle „{table.name}“ fehlt eine Spalte „{c.COUNT_PREFIX} <Jahr>“ (z. B. „{c.count_header(2024)}“).",
            sheet.name,
            header_area,
        )
    return None if missing or not columns.counts else columns


def _check_reference_columns(
    sheet: SheetGrid,
    table: TableArea,
    columns: _Columns,
    reference_years: tuple[int, ...] | None,
    problems: ProblemList,
) -> None:
    if reference_years is None:
        return
    header_row = table.area.first_row
    header_area = Area(header_row, table.area.first_column, header_row, table.area.last_column).a1
    for year in reference_years:
        if year not in columns.counts:
            problems.add(
                f"In der Tabelle „{table.name}“ fehlt die Spalte „{c.count_header(year)}“ für das Bezugsjahr {year} "
                f"(Bezugszeitraum {reference_years[0]}–{reference_years[-1]}).",
                sheet.name,
                header_area,
            )


def _check_layout(sheet: SheetGrid, table: TableArea, problems: ProblemList) -> None:
    area = table.area
    for merged in sheet.merged or ():
        if merged.overlaps(area):
            problems.add(
                f"Verbundene Zellen {merged.a1} in der Tabelle „{table.name}“: bitte den Zellverbund aufheben "
                "(jede Zelle muss ihren eigenen Wert haben).",
                sheet.name,
                merged.a1,
            )
    filters = [f for f in sheet.filters or () if f.overlaps(area)]
    if table.filtered and table.area not in filters:
        filters.insert(0, table.area)
    for filtered in filters:
        problems.add(
            f"Filter in {sheet.name}!{filtered.a1} aktiv: bitte alle Zeilen anzeigen "
            "(Daten > Sortieren und Filtern > Löschen), damit sichtbar ist, was gerechnet wird.",
            sheet.name,
            filtered.a1,
        )
    for column in sorted(sheet.hidden_columns or ()):
        if area.first_column <= column <= area.last_column:
            problems.add(
                f"Spalte {column_letters(column)} der Tabelle „{table.name}“ ist ausgeblendet; bitte einblenden, "
                "damit sichtbar ist, was gerechnet wird.",
                sheet.name,
                cell_name(area.first_row, column),
            )
    for row in sorted(sheet.hidden_rows or ()):
        if area.first_row <= row <= area.last_row and not any(f.first_row <= row <= f.last_row for f in filters):
            problems.add(
                f"Zeile {row} der Tabelle „{table.name}“ ist ausgeblendet; bitte einblenden, damit sichtbar ist, "
                "was gerechnet wird.",
                sheet.name,
                cell_name(row, area.first_column),
            )
    for row in range(area.last_row + 1, area.last_row + 1 + ROWS_BELOW_TABLE):
        filled = [
            col for col in range(area.first_column, area.last_column + 1) if not cv.is_empty(sheet.value(row, col))
        ]
        if not filled:
            break
        problems.add(
            f"Direkt unter der Tabelle „{table.name}“ stehen Werte (Zeile {row}), die nicht zur Tabelle gehören und "
            "nicht gelesen werden. Gehört die Zeile dazu, bitte den Tabellenbereich erweitern "
            "(Tabellenentwurf > Tabellengröße ändern); sonst die Zeile leeren oder eine Leerzeile einfügen.",
            sheet.name,
            cell_name(row, filled[0]),
        )


def _column_empty(sheet: SheetGrid, column: int, first_row: int, last_row: int) -> bool:
    return all(cv.is_empty(sheet.value(row, column)) for row in range(first_row, last_row + 1))


def _used_count_years(
    sheet: SheetGrid, columns: _Columns, first_row: int, last_row: int, reference_years: tuple[int, ...] | None
) -> tuple[int, ...]:
    """Reference years always; other years unless their column is still entirely empty (prepared for later)."""
    used = []
    for year, column in sorted(columns.counts.items()):
        if (reference_years is not None and year in reference_years) or not _column_empty(
            sheet, column, first_row, last_row
        ):
            used.append(year)
    return tuple(used)


def _read_row(
    sheet: SheetGrid,
    table: TableArea,
    columns: _Columns,
    row: int,
    count_years: tuple[int, ...],
    previous_column: int | None,
    problems: ProblemList,
) -> District | None:
    if all(cv.is_empty(sheet.value(row, col)) for col in range(table.area.first_column, table.area.last_column + 1)):
        problems.add(
            f"Zeile {row} der Tabelle „{table.name}“ ist leer; bitte die Zeile aus der Tabelle löschen.",
            sheet.name,
            cell_name(row, table.area.first_column),
        )
        return None
    before = len(problems)

    def place(column: int) -> tuple[str, str]:
        return sheet.name, cell_name(row, column)

    kreis = _read_key(sheet, columns.named[c.KEY], row, problems)
    if isinstance(kreis, _AsNumber):
        kreis = kreis.kreis
    label = kreis.label if kreis else f"Zeile {row}"
    if kreis is not None:
        _check_identity(sheet, columns, row, kreis, problems)
    counts = []
    for year in count_years:
        column = columns.counts[year]
        try:
            counts.append((year, cv.count(sheet.value(row, column))))
        except cv.CellValueError as reason:
            problems.add(f"{c.count_header(year)} für {label}: {reason}", *place(column))
    previous = None
    if previous_column is not None:
        try:
            previous = cv.amount(sheet.value(row, previous_column), "der Betrag des Vorjahres in Euro")
        except cv.CellValueError as reason:
            header = sheet.value(table.area.first_row, previous_column)
            problems.add(f"{header} für {label}: {reason}", *place(previous_column))
    bounds: dict[str, Decimal | None] = {}
    for header in (c.LOWER, c.UPPER):
        column = columns.named.get(header)
        value = sheet.value(row, column) if column else None
        if cv.is_empty(value):
            bounds[header] = None
            continue
        try:
            bounds[header] = cv.amount(value, f"der {header} in Euro")
        except cv.CellValueError as reason:
            problems.add(f"{header} für {label}: {reason}", *place(column))
            bounds[header] = None
    lower, upper = bounds.get(c.LOWER), bounds.get(c.UPPER)
    if lower is not None and upper is not None and lower > upper:
        problems.add(
            f"{c.UPPER} für {label}: {cv.describe(upper)} ist kleiner als der {c.LOWER} {cv.describe(lower)}.",
            *place(columns.named[c.UPPER]),
        )
    rank = None
    rank_column = columns.named.get(c.RANK)
    if rank_column is not None and not cv.is_empty(sheet.value(row, rank_column)):
        try:
            rank = cv.whole_number(sheet.value(row, rank_column), "ein Rang (ganze Zahl, 1 = zuerst)")
        except cv.CellValueError as reason:
            problems.add(f"{c.RANK} für {label}: {reason}", *place(rank_column))
    if kreis is None or len(problems) > before:
        return _Unusable(kreis, row) if kreis is not None else None
    return District(
        key=kreis.key,
        name=kreis.name,
        kind=kreis.kind,
        region=kreis.region,
        counts=tuple(counts),
        previous_amount=previous,
        lower=lower,
        upper=upper,
        row=CellRef(sheet.name, cell_name(row, table.area.first_column)),
        rank=rank,
    )


@dataclass(frozen=True)
class _Unusable:
    """A row whose Kreis is known but whose values have problems: it still counts as present."""

    kreis: Kreis
    sheet_row: int

    @property
    def key(self) -> str:
        return self.kreis.key


@dataclass(frozen=True)
class _AsNumber:
    """A key typed as a number whose Kreis is clear (8111 for 08111): reported once, the Kreis counts as present."""

    kreis: Kreis


_FIVE_DIGITS = re.compile(r"\d{5}")


def _read_key(sheet: SheetGrid, column: int, row: int, problems: ProblemList) -> Kreis | _AsNumber | None:
    value = sheet.value(row, column)
    where = (sheet.name, cell_name(row, column))
    known = kreise_by_key()
    if cv.is_empty(value):
        problems.add(f"{c.KEY}: Die Zelle ist leer; jede Zeile braucht den fünfstelligen Kreisschlüssel.", *where)
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        digits = repr(int(value)) if float(value).is_integer() else repr(value)
        padded = digits.zfill(5)
        if padded in known:
            problems.add(
                f"{c.KEY}: Der Schlüssel ist als Zahl {digits} eingetragen, die führende Null fehlt. Bitte als Text "
                f"„{padded}“ eingeben (Zelle als Text formatieren oder ein Apostroph voranstellen: '{padded}); "
                "ein Zahlenformat wie 00000 zeigt die Null nur an.",
                *where,
            )
            return _AsNumber(known[padded])  # the Kreis is there, only its key is typed wrong: not also "missing"
        else:
            problems.add(f"{c.KEY}: {digits} ist kein Kreisschlüssel in Baden-Württemberg.", *where)
        return None
    if not isinstance(value, str):
        problems.add(f"{c.KEY}: Die Zelle enthält {cv.describe(value)} statt eines Kreisschlüssels.", *where)
        return None
    value = fold_text(value, keep_spaces=True)  # NFC, invisible characters dropped; spaces are reported below
    if value != value.strip() or " " in value or "\u00a0" in value:
        cleaned = "".join(value.split())
        hint = f"; richtig wäre „{cleaned}“" if cleaned in known else ""
        problems.add(f"{c.KEY}: Der Schlüssel {cv.describe(value)} enthält Leerzeichen{hint}.", *where)
        return None
    if not _FIVE_DIGITS.fullmatch(value):
        problems.add(
            f"{c.KEY}: {cv.describe(value)} ist kein Kreisschlüssel; er hat fünf Ziffern wie „08111“.", *where
        )
        return None
    kreis = known.get(value)
    if kreis is None:
        problems.add(f"{c.KEY}: {cv.describe(value)} ist kein Stadt- oder Landkreis in Baden-Württemberg.", *where)
    return kreis


_KIND_WORDS = {"landkreis", "stadtkreis", "stadt", "kreis", "lk", "sk", "regierungsbezirk", "rp"}


def _fold_name(text: str) -> str:
    """``"Landkreis Heilbronn"`` and ``"Heilbronn (Landkreis)"`` compare equal to ``"Heilbronn"``."""
    lowered = re.sub(r"[(),]", " ", fold_text(text).casefold().replace("ß", "ss"))
    return " ".join(word for word in lowered.split() if word not in _KIND_WORDS)


def _check_identity(sheet: SheetGrid, columns: _Columns, row: int, kreis: Kreis, problems: ProblemList) -> None:
    """The name, kind and Regierungsbezirk in the row must belong to the key (catches swapped rows)."""
    name_column = columns.named[c.NAME]
    name = sheet.value(row, name_column)
    if cv.is_empty(name) or not isinstance(name, str):
        problems.add(
            f"{c.NAME}: Die Zelle enthält {cv.describe(name)}; zum Schlüssel {kreis.key} gehört „{kreis.name}“.",
            sheet.name,
            cell_name(row, name_column),
        )
    elif _fold_name(name) != _fold_name(kreis.name):
        problems.add(
            f"{c.NAME}: Zum Kreisschlüssel {kreis.key} gehört „{kreis.name}“ ({kreis.kind}), in der Zeile steht "
            f"{cv.describe(name)}{visible_difference(kreis.name, name)}. Sind Schlüssel oder Namen vertauscht?",
            sheet.name,
            cell_name(row, name_column),
        )
    for header, expected in ((c.KIND, kreis.kind), (c.REGION, kreis.region)):
        column = columns.named.get(header)
        if column is None:
            continue
        value = sheet.value(row, column)
        if isinstance(value, str) and _fold_name(value) == _fold_name(expected) and _fold_name(expected):
            continue
        if isinstance(value, str) and fold_text(value).casefold() == expected.casefold():
            continue
        problems.add(
            f"{header}: Zu {kreis.key} {kreis.name} gehört „{expected}“, eingetragen ist {cv.describe(value)}"
            f"{visible_difference(expected, value) if isinstance(value, str) else ''}.",
            sheet.name,
            cell_name(row, column),
        )


def _check_completeness(sheet: SheetGrid, table: TableArea, rows: list, problems: ProblemList) -> None:
    first_row_of: dict[str, int] = {}
    for item in rows:
        sheet_row = item.sheet_row if isinstance(item, _Unusable) else _row_number(item)
        if item.key in first_row_of:
            problems.add(
                f"{c.KEY}: {item.key} kommt in der Tabelle „{table.name}“ doppelt vor "
                f"(zuerst in Zeile {first_row_of[item.key]}).",
                sheet.name,
                cell_name(sheet_row, table.area.first_column),
            )
        else:
            first_row_of[item.key] = sheet_row
    for kreis in all_kreise():
        if kreis.key not in first_row_of:
            problems.add(
                f"In der Tabelle „{table.name}“ fehlt der Kreis {kreis.key} {kreis.label}.",
                sheet.name,
                table.area.a1,
            )


def _row_number(district: District) -> int:
    return int(re.sub(r"^[A-Z]+", "", district.row.cell))


def _check_not_all_zero(
    sheet: SheetGrid,
    table: TableArea,
    columns: _Columns,
    rows: list,
    reference_years: tuple[int, ...] | None,
    first_row: int,
    last_row: int,
    problems: ProblemList,
) -> None:
    if reference_years is None or any(y not in columns.counts for y in reference_years):
        return
    districts = [d for d in rows if isinstance(d, District)]
    if len(districts) != len(rows) or not districts:
        return  # the rows with problems are reported; their counts are unknown
    if all(count == 0 for d in districts for year, count in d.counts if year in reference_years):
        span = [columns.counts[y] for y in reference_years]
        area = Area(first_row, min(span), last_row, max(span)).a1
        period = f"{reference_years[0]}–{reference_years[-1]}" if len(reference_years) > 1 else str(reference_years[0])
        problems.add(
            f"Alle Zuweisungen im Bezugszeitraum {period} sind 0; so lässt sich das Budget nicht verteilen.",
            sheet.name,
            area,
        )
'''

# ---- xl_funcs/readers/file_guard.py ------------------------------------------
MODULES['xl_funcs.readers.file_guard'] = r'''"""Before any XML parser sees a file: is it really an xlsx, and small enough to unpack safely?

A workbook is a ZIP archive of XML parts. Its size after unpacking and its
number of parts are read from the archive's directory and limited before
anything is unpacked (a "zip bomb" of a few kilobytes could otherwise unpack
to gigabytes). Python's zipfile stops at the declared size of each part and
checks its CRC, so the declared sizes bound the real work. Every part is
then unpacked once to find a truncated or damaged file early.

Other formats are recognised by their first bytes, not by the file name, and
refused with a German message saying what to do: old .xls files, files
encrypted with a password (both are OLE compound files), text files such as
CSV renamed to .xlsx, OpenDocument and binary .xlsb workbooks.

The file is read once into memory and never opened for writing.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..inputs import InputProblems, Problem
from ..os_errors import german_os_reason

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Generous for a ministry workbook (the sample is ~20 KB), small enough to unpack safely."""

    file_bytes: int = 50 * _MIB
    unpacked_bytes: int = 250 * _MIB
    members: int = 2000


DEFAULT_LIMITS = Limits()


def read_workbook_bytes(path: str | os.PathLike, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The bytes of an xlsx/xlsm file that passed every check; InputProblems naming the file otherwise."""
    label = str(path)
    try:
        if Path(path).is_dir():
            _refuse(label, "Das ist ein Ordner, keine Excel-Datei.")
        # Non-blocking, and judged by what was opened: a named pipe would otherwise wait forever for a
        # writer, a device such as /dev/zero never ends; neither can be a workbook.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
        with open(descriptor, "rb") as handle:
            status = os.fstat(descriptor)
            if not stat.S_ISREG(status.st_mode):
                _refuse(label, "Das ist keine gewöhnliche Datei (sondern z. B. eine Pipe oder ein Gerät), keine Excel-Datei.")
            if status.st_size > limits.file_bytes:
                _refuse(
                    label,
                    f"Die Datei ist zu groß ({_mib(status.st_size)}; höchstens {_mib(limits.file_bytes)} werden gelesen).",
                )
            data = handle.read(limits.file_bytes + 1)
    except FileNotFoundError:
        _refuse(label, "Die Datei gibt es nicht.")
    except PermissionError:
        _refuse(label, "Die Datei darf nicht gelesen werden (keine Leseberechtigung).")
    except OSError as error:
        _refuse(label, f"Die Datei kann nicht gelesen werden ({german_os_reason(error)}).")
    if len(data) > limits.file_bytes:
        _refuse(label, f"Die Datei ist zu groß (mehr als {_mib(limits.file_bytes)}).")
    check_workbook_bytes(data, label, limits)
    return data


def check_workbook_bytes(data: bytes, label: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Raise InputProblems unless ``data`` is an Office Open XML workbook within the limits."""
    if not data:
        _refuse(label, "Die Datei ist leer (0 Byte).")
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_STREAM in data:
            _refuse(
                label,
                "Die Datei ist mit einem Kennwort verschlüsselt und kann nicht gelesen werden. Bitte in Excel "
                "öffnen, das Kennwort entfernen (Datei > Informationen > Arbeitsmappe schützen > Mit Kennwort "
                "verschlüsseln) und als .xlsx speichern.",
            )
        _refuse(
            label,
            "Die Datei ist im alten Excel-Format (.xls) oder einem anderen Binärformat gespeichert. Bitte in Excel "
            "öffnen und als „Excel-Arbeitsmappe (*.xlsx)“ speichern.",
        )
    if not data.startswith(_ZIP_MAGICS):
        for magic, kind in _OTHER_FORMATS:
            if data.startswith(magic):
                _refuse(label, f"Die Datei ist {kind}, keine Excel-Arbeitsmappe{_despite_name(label)}.")
        if b"\x00" not in data[:4096]:
            _refuse(
                label,
                f"Die Datei ist {_text_kind(label, data)}, keine Excel-Arbeitsmappe{_despite_name(label)}. "
                "Bitte in Excel öffnen und als „Excel-Arbeitsmappe (*.xlsx)“ speichern.",
            )
        _refuse(label, f"Die Datei ist keine Excel-Arbeitsmappe (.xlsx); ihr Format ist unbekannt{_despite_name(label)}.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, EOFError, ValueError):
        _refuse(label, _DAMAGED)
    with archive:
        members = archive.infolist()
        if len(members) > limits.members:
            _refuse(
                label,
                f"Die Datei besteht aus {len(members)} Teilen (höchstens {limits.members}); sie wird aus "
                "Sicherheitsgründen nicht geöffnet.",
            )
        unpacked = sum(member.file_size for member in members)
        if unpacked > limits.unpacked_bytes:
            _refuse(
                label,
                f"Die Datei wäre entpackt {_mib(unpacked)} groß (höchstens {_mib(limits.unpacked_bytes)}); "
                "sie wird aus Sicherheitsgründen nicht geöffnet (möglicherweise eine „ZIP-Bombe“).",
            )
        names = {member.filename for member in members}
        _check_kind(label, archive, names)
        try:
            damaged = archive.testzip()
        except Exception:  # BadZipFile, zlib.error, EOFError …: any failure to unpack means a damaged file
            damaged = "?"
        if damaged is not None:
            _refuse(label, _DAMAGED)


_DAMAGED = (
    "Die Datei ist beschädigt oder unvollständig (das ZIP-Archiv einer .xlsx-Datei lässt sich nicht lesen). "
    "Bitte die Datei erneut speichern oder erneut herunterladen."
)


def _check_kind(label: str, archive: zipfile.ZipFile, names: set[str]) -> None:
    if "mimetype" in names:
        mimetype = archive.read("mimetype")[:100]
        if b"opendocument.spreadsheet" in mimetype:
            _refuse(
                label,
                "Die Datei ist eine OpenDocument-Tabelle (.ods). Bitte als „Excel-Arbeitsmappe (*.xlsx)“ speichern.",
            )
        _refuse(label, "Die Datei ist ein OpenDocument-Dokument, keine Excel-Arbeitsmappe.")
    # Part names as OPC compares them: some producers write backslashes, a leading slash or another case.
    parts = {name.replace("\\", "/").lstrip("/").casefold(): name for name in names}
    if "xl/workbook.bin" in parts:
        _refuse(
            label,
            "Die Datei ist eine Excel-Binärarbeitsmappe (.xlsb). Bitte als „Excel-Arbeitsmappe (*.xlsx)“ speichern.",
        )
    content_types = parts.get("[content_types].xml")
    if content_types is None or not (
        any(name.startswith("xl/") for name in parts) or _declares_a_workbook(archive, content_types)
    ):
        if any(name.startswith("word/") for name in parts):
            _refuse(label, "Die Datei ist ein Word-Dokument, keine Excel-Arbeitsmappe.")
        _refuse(label, "Die Datei ist ein ZIP-Archiv, aber keine Excel-Arbeitsmappe (.xlsx).")


_WORKBOOK_TYPES = (b"spreadsheetml.sheet.main+xml", b"sheet.macroEnabled.main+xml", b"spreadsheetml.template.main+xml")


def _declares_a_workbook(archive: zipfile.ZipFile, content_types: str) -> bool:
    """A workbook part outside xl/ (allowed by OPC) is still declared as one in [Content_Types].xml."""
    try:
        with archive.open(content_types) as handle:
            declared = handle.read(_MIB)
    except Exception:  # damaged: testzip below says so
        return True
    return any(kind in declared for kind in _WORKBOOK_TYPES)


# Formats recognised by their first bytes, named by what they are.
_OTHER_FORMATS = (
    (b"%PDF-", "ein PDF-Dokument"),
    (b"\x89PNG", "ein Bild (PNG)"),
    (b"\xff\xd8\xff", "ein Bild (JPEG)"),
    (b"{\\rtf", "ein RTF-Textdokument"),
)


def _despite_name(label: str) -> str:
    """Only a file whose name claims to be a workbook is told that its name misleads."""
    suffix = Path(label).suffix.lower()
    return f", auch wenn ihr Name auf {suffix} endet" if suffix in (".xlsx", ".xlsm", ".xls") else ""


def _text_kind(label: str, data: bytes) -> str:
    """What a text file is, by its name and its first lines: CSV, HTML/XML, JSON or plain text."""
    start = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    lines = [line for line in start.splitlines()[:5] if line.strip()]
    suffix = Path(label).suffix.lower()
    if start.startswith(b"<"):
        return "eine HTML- oder XML-Datei (Text)"
    if start.startswith((b"{", b"[")) and suffix == ".json":
        return "eine JSON-Datei (Text)"
    separated = len(lines) > 1 and any(
        lines[0].count(sep) and all(line.count(sep) == lines[0].count(sep) for line in lines) for sep in (b";", b",", b"\t")
    )
    if suffix == ".csv" or separated:
        return "eine CSV-Datei (Text mit Trennzeichen)"
    return "eine Textdatei"


def _refuse(label: str, message: str):
    raise InputProblems([Problem(message, file=label)])


def _mib(size: int) -> str:
    megabytes = size / _MIB
    shown = f"{megabytes:.1f}".replace(".", ",") if megabytes < 100 else f"{megabytes:,.0f}".replace(",", ".")
    return f"{shown} MB"
'''

# ---- xl_funcs/readers/instalments.py -----------------------------------------
MODULES['xl_funcs.readers.instalments'] = r'''"""The optional table ``Abschläge``: the payment dates of the year and each one's share of the budget.

Read like the table ``Kreise``: columns found by their header text, every bad cell
reported with its sheet and cell. Without the table there is no instalment plan
(and nothing else changes).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..inputs import CellRef, Instalment
from . import cell_values as cv
from .districts import find_table
from .problem_list import ProblemList
from .snapshot import Area, WorkbookSnapshot, cell_name

TABLE_NAME = "Abschläge"
DUE = "Fälligkeit"
SHARE = "Anteil"
MAX_INSTALMENTS = 24


def read_instalments(snapshot: WorkbookSnapshot, problems: ProblemList) -> tuple[Instalment, ...]:
    """The instalments by date, or () without the table or with problems (each reported).

    That every date lies in the Haushaltsjahr is checked where the plan is made
    (``payments.plan.require_instalments``): a workbook moved on to the next year can still be
    checked and published before its payment dates are updated.
    """
    table = find_table(snapshot, TABLE_NAME)
    if table is None:
        return ()
    sheet = snapshot.sheet(table.sheet)
    if sheet is None:
        problems.add(f"Die Tabelle „{table.name}“ liegt auf dem Blatt „{table.sheet}“, das nicht gelesen werden konnte.")
        return ()
    header_row = table.area.first_row
    header_area = Area(header_row, table.area.first_column, header_row, table.area.last_column).a1
    columns: dict[str, int] = {}
    for column in range(table.area.first_column, table.area.last_column + 1):
        value = sheet.value(header_row, column)
        if isinstance(value, str):
            for header in (DUE, SHARE):
                if " ".join(value.split()).casefold() == header.casefold():
                    columns[header] = column
    missing = [header for header in (DUE, SHARE) if header not in columns]
    for header in missing:
        problems.add(
            f"In der Tabelle „{table.name}“ fehlt die Spalte „{header}“ (Spalten werden an ihrer Überschrift erkannt).",
            sheet.name,
            header_area,
        )
    if missing or table.header_rows < 1:
        return ()
    before = len(problems)
    first_data = header_row + table.header_rows
    last_data = table.area.last_row - table.totals_rows
    if last_data < first_data:
        problems.add(
            f"Die Tabelle „{table.name}“ hat keine Zeilen; bitte mindestens einen Abschlag eintragen "
            "(oder die Tabelle löschen, wenn kein Auszahlungsplan gebraucht wird).",
            sheet.name,
            header_area,
        )
        return ()
    if last_data - first_data + 1 > MAX_INSTALMENTS:
        problems.add(
            f"Die Tabelle „{table.name}“ hat mehr als {MAX_INSTALMENTS} Zeilen; mehr Abschläge im Jahr sind nicht vorgesehen.",
            sheet.name,
            table.area.a1,
        )
        return ()
    instalments: list[Instalment] = []
    seen: dict[date, str] = {}
    for row in range(first_data, last_data + 1):
        due_cell, share_cell = cell_name(row, columns[DUE]), cell_name(row, columns[SHARE])
        due = share = None
        try:
            due = cv.calendar_date(sheet.value(row, columns[DUE]))
        except cv.CellValueError as reason:
            problems.add(f"{DUE}: {reason}", sheet.name, due_cell)
        if due is not None and due in seen:
            problems.add(
                f"{DUE}: Der {cv.describe(due)} steht schon in {seen[due]}; je Datum bitte nur einen Abschlag.",
                sheet.name,
                due_cell,
            )
        elif due is not None:
            seen[due] = due_cell
        try:
            share = cv.fraction_or_percent(sheet.value(row, columns[SHARE]))
            if share == 0:
                raise cv.CellValueError("Ein Abschlag von 0 % zahlt nichts aus; bitte die Zeile löschen.")
        except cv.CellValueError as reason:
            problems.add(f"{SHARE}: {reason}", sheet.name, share_cell)
            share = None
        if due is not None and share is not None:
            instalments.append(Instalment(due, share, CellRef(sheet.name, due_cell)))
    if len(problems) > before:
        return ()
    total = sum((i.share for i in instalments), Decimal(0))
    if total != 1:
        percent = total * 100
        percent = percent.quantize(Decimal(1)) if percent == percent.to_integral_value() else percent.normalize()
        shares_area = Area(first_data, columns[SHARE], last_data, columns[SHARE]).a1
        problems.add(
            f"{SHARE}: Die Anteile der Abschläge ergeben zusammen {cv.describe(percent)} % statt 100 %; "
            "zusammen muss genau das Budget ausgezahlt werden.",
            sheet.name,
            shares_area,
        )
        return ()
    return tuple(sorted(instalments, key=lambda i: i.due))
'''

# ---- xl_funcs/readers/own_outputs.py -----------------------------------------
MODULES['xl_funcs.readers.own_outputs'] = r'''"""Files this program wrote, recognised when they are given where the ministry workbook is wanted.

A published table, a Kreis workbook, the overview of answers or a comparison of
scenarios lacks the workbook's names (Haushaltsjahr, Budget …); listing them as
missing would not help. Instead the message says what the file is and which
file is wanted. The files are recognised by what they carry, not by their names:
the Kreis workbook by its identity properties, the others by the document title
their template gives them (so an edited template still matches), the comparison
of scenarios by its title or, failing that, its file name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..table.templates import DISTRICTS, load, texts


@dataclass(frozen=True)
class FileFacts:
    """What the document properties of an xlsx file say about it."""

    title: str
    keywords: str
    custom_names: frozenset[str]
    sheet_names: tuple[str, ...]


WANTED = (
    "Bitte die Arbeitsmappe des Ministeriums mit den Eingaben angeben (mit den Namen „Haushaltsjahr“, "
    "„Budget“ … und der Tabelle „Kreise“), z. B. workbook/Mittelverteilung.xlsx."
)


def own_output(path: str, facts: FileFacts) -> str | None:
    """A German sentence saying which of our outputs the file is and what to give instead; None if it is none."""
    districts = load(DISTRICTS)
    if districts["kennung"]["vorgangsnummer"] in facts.custom_names:
        return (
            "Diese Datei ist die Arbeitsmappe eines Kreises (erzeugt von „mittelverteilung share“), nicht die "
            "Arbeitsmappe des Ministeriums. Zurückgesandte Kreis-Arbeitsmappen prüft „mittelverteilung collect "
            "ORDNER“. " + WANTED
        )
    if _matches(districts["uebersicht"]["dateiname_titel"], facts.title):
        return (
            "Diese Datei ist die Übersicht der Rückmeldungen (erzeugt von „mittelverteilung collect“), nicht die "
            "Arbeitsmappe des Ministeriums. " + WANTED
        )
    if _matches(texts()["dokument"]["titel"], facts.title):
        return (
            "Diese Datei ist die veröffentlichte amtliche Tabelle (erzeugt von „mittelverteilung publish“), nicht "
            "die Arbeitsmappe, aus der sie berechnet wurde. " + WANTED
        )
    if "Szenarienvergleich" in facts.title or Path(path).name.startswith("Szenarienvergleich_"):
        return (
            "Diese Datei ist der Szenarienvergleich (erzeugt von „mittelverteilung compare“), nicht die "
            "Arbeitsmappe des Ministeriums. " + WANTED
        )
    return None


def _matches(template: str, text: str) -> bool:
    """Whether ``text`` is ``template`` with its {placeholders} filled in somehow."""
    pieces = re.split(r"\{[a-z_]+\}", template)
    pattern = ".+?".join(re.escape(piece) for piece in pieces)
    return bool(text) and re.fullmatch(pattern, text.strip(), flags=re.DOTALL) is not None
'''

# ---- xl_funcs/readers/parameters.py ------------------------------------------
MODULES['xl_funcs.readers.parameters'] = r'''"""The parameter cells, found through their defined names, checked one by one and against each other."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from ..engine import AllocationError, Method, parse_method
from ..engine.allocation import parse_bound_rule
from ..engine.ties import parse_tie_rule
from ..engine.transition import parse_financing
from ..engine.notation import german_number
from ..inputs import CellRef
from . import cell_values as cv
from . import contract as c
from .problem_list import ProblemList
from .snapshot import CellValue, NameTarget, WorkbookSnapshot

_PLAUSIBLE_YEARS = range(2000, 2101)
_MAX_REFERENCE_YEARS = 20


@dataclass(frozen=True)
class ParameterReading:
    """What could be read; a field is None when its cell had a problem (already reported)."""

    values: dict[str, object]
    cells: dict[str, CellRef]

    def get(self, name: str):
        return self.values.get(name)

    @property
    def reference_years(self) -> tuple[int, ...] | None:
        first, last = self.values.get(c.REFERENCE_FROM), self.values.get(c.REFERENCE_TO)
        if first is None or last is None or first > last or last - first >= _MAX_REFERENCE_YEARS:
            return None
        return tuple(range(first, last + 1))


def find_name(snapshot: WorkbookSnapshot, name: str) -> NameTarget | None:
    """Excel compares names without case."""
    folded = name.casefold()
    return next((n for n in snapshot.names if n.name.casefold() == folded), None)


def _local_definitions(snapshot: WorkbookSnapshot, name: str) -> list[NameTarget]:
    """The sheet-scoped definitions of ``name``; several pointing at the same cell count as one."""
    folded = name.casefold()
    found: dict[tuple, NameTarget] = {}
    for target in snapshot.local_names:
        if target.name.casefold() == folded:
            found.setdefault((target.sheet, target.area, target.refers_to), target)
    return list(found.values())


def _similar_names(snapshot: WorkbookSnapshot, name: str) -> list[str]:
    names = [n.name for n in snapshot.names]
    folded = {n.casefold(): n for n in names}
    close = difflib.get_close_matches(name.casefold(), list(folded), n=3, cutoff=0.6)
    starting = [n for n in names if n.casefold().startswith(name.casefold()) and n.casefold() not in close]
    return [folded[f] for f in close] + starting[:3]


def locate(snapshot: WorkbookSnapshot, name: str, problems: ProblemList, required: bool) -> tuple[CellRef, CellValue] | None:
    """The cell a defined name points at, and its value; None (with a problem if required) otherwise."""
    target = find_name(snapshot, name)
    meaning = c.NAME_MEANINGS.get(name, "")
    if target is None:
        local = _local_definitions(snapshot, name)
        if len(local) == 1:
            target = local[0]  # defined for one sheet only, so unambiguous: Excel shows it in the Namens-Manager too
        elif local:
            sheets = ", ".join(f"„{n.scope}“" for n in local)
            problems.add(
                f"Der Name „{name}“ ({meaning}) ist nur für einzelne Blätter definiert ({sheets}), nicht für die "
                "ganze Arbeitsmappe, und zeigt dort auf verschiedene Zellen. Bitte im Namens-Manager "
                "(Formeln > Namens-Manager) einen davon löschen und beim anderen den Bereich „Arbeitsmappe“ wählen."
            )
            return None
    if target is None:
        if required:
            similar = _similar_names(snapshot, name)
            hint = f" Vorhanden sind ähnliche Namen: {', '.join(f'„{s}“' for s in similar)}." if similar else ""
            problems.add(
                f"Der Name „{name}“ ({meaning}) fehlt in der Arbeitsmappe. Er muss im Namens-Manager "
                f"(Formeln > Namens-Manager) auf die Zelle mit dem Wert zeigen.{hint}"
            )
        return None
    if target.area is None or target.sheet is None:
        problems.add(f"Der Name „{name}“ ({meaning}) verweist auf keine Zelle ({target.refers_to}).")
        return None
    if not target.area.is_cell:
        problems.add(
            f"Der Name „{name}“ ({meaning}) verweist auf mehrere Zellen ({target.area.a1}); "
            "erwartet wird genau eine Zelle.",
            target.sheet,
            target.area.a1,
        )
        return None
    sheet = snapshot.sheet(target.sheet)
    if sheet is None:
        problems.add(f"Der Name „{name}“ ({meaning}) verweist auf das Blatt „{target.sheet}“, das es nicht gibt.")
        return None
    where = CellRef(sheet.name, target.area.a1)
    return where, sheet.value(target.area.first_row, target.area.first_column)


def read_parameters(snapshot: WorkbookSnapshot, problems: ProblemList) -> ParameterReading:
    values: dict[str, object] = {}
    cells: dict[str, CellRef] = {}

    def read(name: str, convert, required: bool = True) -> None:
        found = locate(snapshot, name, problems, required)
        if found is None:
            return
        where, value = found
        cells[name] = where
        try:
            values[name] = convert(value)
        except cv.CellValueError as reason:
            problems.add(f"{name}: {reason}", where.sheet, where.cell)

    read(c.YEAR, _year)
    read(c.BUDGET, _positive("Das Budget", "das Budget in Euro"))
    read(c.METHOD, _method)
    read(c.UNIT, _positive("Die Einheit", "die Auszahlungseinheit in Euro (z. B. 1)"))
    read(c.REFERENCE_FROM, _year)
    read(c.REFERENCE_TO, _year)
    read(c.STAND, cv.calendar_date)
    read(c.BASE, _optional(lambda v: cv.amount(v, "der Sockelbetrag in Euro"), Decimal(0)), required=False)
    read(c.LOSS_CAP, _optional(cv.fraction_or_percent, None), required=False)
    read(c.SUBTOTALS, lambda v: cv.yes_no(v, default=False), required=False)
    read(c.SOURCE_NOTE, _optional(lambda v: cv.text(v, "ein Text"), ""), required=False)
    read(c.SAMPLE_DATA, lambda v: cv.yes_no(v, default=False), required=False)
    read(c.FINANCING, _optional(_choice(parse_financing), "all"), required=False)
    read(c.MAX_GAIN, _optional(_gain_rate, None), required=False)
    read(c.PHASE_IN, _optional(cv.fraction_or_percent, None), required=False)
    read(c.TIE_RULE, _optional(_choice(parse_tie_rule), "key"), required=False)
    read(c.SEED, _optional(_seed, None), required=False)
    read(c.BOUND_RULE, _optional(_choice(parse_bound_rule), "redistribute"), required=False)
    for name in (c.ISSUER, c.DEPARTMENT, c.CONTACT):
        read(name, _optional(lambda v: cv.text(v, "ein Text"), ""), required=False)
    read(c.REPLY_DEADLINE, _optional(cv.calendar_date, None), required=False)
    reading = ParameterReading(values, cells)
    _check_together(reading, problems)
    return reading


def _year(value: CellValue) -> int:
    year = cv.whole_number(value, "eine Jahreszahl")
    if year not in _PLAUSIBLE_YEARS:
        raise cv.CellValueError(f"Die Jahreszahl {year} ist nicht plausibel (erwartet 2000 bis 2100).")
    return year


def _positive(subject: str, expected: str):
    def convert(value: CellValue) -> Decimal:
        result = cv.number(value, expected)
        if result <= 0:
            raise cv.CellValueError(f"{subject} muss größer als 0 sein (eingetragen: {cv.describe(result)}).")
        return result

    return convert


def _method(value: CellValue) -> Method:
    text = cv.text(value, "ein Verfahren (Hare-Niemeyer, Sainte-Laguë oder D'Hondt)")
    try:
        return parse_method(text)
    except AllocationError as error:
        raise cv.CellValueError(error.message) from None


def _choice(parse):
    """A word from a short list (Finanzierung, Gleichstandsregel, Grenzregel), checked by the engine's parser."""

    def convert(value: CellValue) -> str:
        try:
            return parse(cv.text(value, "ein Wort aus der Liste"))
        except AllocationError as error:
            raise cv.CellValueError(error.message) from None

    return convert


def _gain_rate(value: CellValue) -> Decimal:
    """A share at least 0; a gain may exceed 100 %."""
    if isinstance(value, str) and value.strip().endswith("%"):
        result = cv.number(value.strip()[:-1], "ein Anteil (z. B. 10 %)") / 100
    else:
        result = cv.number(value, "ein Anteil (z. B. 10 %)")
    if result < 0:
        raise cv.CellValueError(f"Der Anteil ist negativ ({cv.describe(result)}).")
    return result


def _seed(value: CellValue) -> str:
    """The seed as the text everyone can type again: a number stays a number, a date becomes TT.MM.JJJJ."""
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = cv.number(value, "eine Losnummer")
        return str(int(number)) if number == number.to_integral_value() else format(number, "f")
    return cv.text(value, "eine Losnummer (Text oder Zahl)").strip()


def _optional(convert, default):
    def read(value: CellValue):
        return default if cv.is_empty(value) else convert(value)

    return read


def _check_together(reading: ParameterReading, problems: ProblemList) -> None:
    values, cells = reading.values, reading.cells
    unit = values.get(c.UNIT)
    budget = values.get(c.BUDGET)
    if unit is not None and budget is not None and (Fraction(budget) / Fraction(unit)).denominator != 1:
        where = cells[c.BUDGET]
        cents = " (bei der Einheit 1 € sind keine Cent möglich)" if unit == 1 else ""
        problems.add(
            f"{c.BUDGET}: {german_number(budget)} ist kein ganzzahliges Vielfaches der Einheit "
            f"{german_number(unit)}{cents}.",
            where.sheet,
            where.cell,
        )
    base = values.get(c.BASE)
    if unit is not None and base and (Fraction(base) / Fraction(unit)).denominator != 1:
        where = cells[c.BASE]
        problems.add(
            f"{c.BASE}: {german_number(base)} ist kein ganzzahliges Vielfaches der Einheit {german_number(unit)}.",
            where.sheet,
            where.cell,
        )
    first, last = values.get(c.REFERENCE_FROM), values.get(c.REFERENCE_TO)
    if first is not None and last is not None:
        where = cells[c.REFERENCE_TO]
        if first > last:
            problems.add(
                f"{c.REFERENCE_TO}: Das letzte Bezugsjahr ({last}) liegt vor dem ersten ({first}).",
                where.sheet,
                where.cell,
            )
        elif last - first >= _MAX_REFERENCE_YEARS:
            problems.add(
                f"{c.REFERENCE_TO}: Der Bezugszeitraum {first}–{last} ist länger als {_MAX_REFERENCE_YEARS} Jahre.",
                where.sheet,
                where.cell,
            )
    # A Rückmeldefrist before the Stand is normal once the answers are in (the final table in autumn);
    # only sending workbooks out with it is wrong, and ``share`` refuses that.
    stand = values.get(c.STAND)
    if isinstance(stand, date) and stand.year < 2000:
        where = cells[c.STAND]
        problems.add(f"{c.STAND}: Das Datum {cv.describe(stand)} ist nicht plausibel.", where.sheet, where.cell)
'''

# ---- xl_funcs/readers/parse.py -----------------------------------------------
MODULES['xl_funcs.readers.parse'] = r'''"""From a workbook snapshot to Inputs, by the one set of rules every host shares."""

from __future__ import annotations

from decimal import Decimal

from ..inputs import Inputs, Parameters
from . import contract as c
from .districts import read_districts
from .instalments import read_instalments
from .parameters import read_parameters
from .problem_list import ProblemList
from .snapshot import WorkbookSnapshot


def inputs_from_snapshot(snapshot: WorkbookSnapshot) -> Inputs:
    """The Inputs, or InputProblems with every problem found, each at its sheet and cell."""
    problems = ProblemList(snapshot.source)
    reading = read_parameters(snapshot, problems)
    districts = read_districts(snapshot, problems, reading.get(c.YEAR), reading.reference_years)
    instalments = read_instalments(snapshot, problems)
    problems.raise_if_any()
    values = reading.values
    parameters = Parameters(
        year=values[c.YEAR],
        budget=values[c.BUDGET],
        method=values[c.METHOD],
        unit=values[c.UNIT],
        reference_years=reading.reference_years,
        stand=values[c.STAND],
        base=values.get(c.BASE, Decimal(0)),
        loss_cap=values.get(c.LOSS_CAP),
        subtotals=values.get(c.SUBTOTALS, False),
        source_note=values.get(c.SOURCE_NOTE, ""),
        sample_data=values.get(c.SAMPLE_DATA, False),
        financing=values.get(c.FINANCING, "all"),
        max_gain=values.get(c.MAX_GAIN),
        phase_in=values.get(c.PHASE_IN),
        tie_rule=values.get(c.TIE_RULE, "key"),
        seed=values.get(c.SEED),
        bound_rule=values.get(c.BOUND_RULE, "redistribute"),
        issuer=values.get(c.ISSUER, ""),
        department=values.get(c.DEPARTMENT, ""),
        contact=values.get(c.CONTACT, ""),
        reply_deadline=values.get(c.REPLY_DEADLINE),
    )
    return Inputs(parameters=parameters, districts=districts, instalments=instalments)
'''

# ---- xl_funcs/readers/problem_list.py ----------------------------------------
MODULES['xl_funcs.readers.problem_list'] = r'''"""Collecting every problem of a workbook before giving up, each at its sheet and cell."""

from __future__ import annotations

from ..inputs import CellRef, InputProblems, Problem


class ProblemList:
    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def add(self, message: str, sheet: str | None = None, cell: str | None = None) -> None:
        where = CellRef(sheet, cell) if sheet is not None and cell is not None else None
        self.problems.append(Problem(message, where=where, file=self.source))

    def __bool__(self) -> bool:
        return bool(self.problems)

    def __len__(self) -> int:
        return len(self.problems)

    def raise_if_any(self) -> None:
        if self.problems:
            raise InputProblems(self.problems)
'''

# ---- xl_funcs/readers/scenarios.py -------------------------------------------
MODULES['xl_funcs.readers.scenarios'] = r'''"""The optional table ``Szenarien``: one variant of the key per row, columns found by their heading.

An empty cell means "as on the Parameter sheet"; the Parameter sheet's own key
is always the first variant ("Vorgesehene Verteilung"). Every cell is checked
on its own and against the workbook (reference years present, previous amounts
for transition rules, multiples of the unit), and every problem is reported
with its sheet and cell, together with the problems of the rest of the workbook.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from decimal import Decimal

from ..engine.allocation import parse_bound_rule
from ..engine.ties import parse_tie_rule
from ..engine.transition import parse_financing
from ..inputs import CellRef, InputProblems, Inputs
from ..scenarios.variant import PLANNED, ComparisonInputs, Variant
from . import cell_values as cv
from . import contract as c
from .districts import find_table
from .parameters import _choice, _gain_rate, _method, _positive, _seed, _year
from .problem_list import ProblemList
from .snapshot import Area, SheetGrid, TableArea, WorkbookSnapshot, cell_name

TABLE_NAME = "Szenarien"

NAME = "Szenario"
COMPARED = "Vergleich"
# The rules' columns are headed like the Parameter sheet's names.
FINANCING = c.FINANCING
MAX_GAIN = c.MAX_GAIN
PHASE_IN = c.PHASE_IN
TIE_RULE = c.TIE_RULE
SEED = c.SEED
BOUND_RULE = c.BOUND_RULE

# Heading -> the Parameters field it overrides (the reference years are combined into one field).
FIELDS = {
    c.METHOD: "method",
    c.REFERENCE_FROM: "reference_years",
    c.REFERENCE_TO: "reference_years",
    c.BUDGET: "budget",
    c.BASE: "base",
    c.LOSS_CAP: "loss_cap",
    FINANCING: "financing",
    MAX_GAIN: "max_gain",
    PHASE_IN: "phase_in",
    TIE_RULE: "tie_rule",
    SEED: "seed",
    BOUND_RULE: "bound_rule",
}
HEADINGS = (NAME,) + tuple(FIELDS) + (COMPARED,)

# Words accepted in a cell (folded: lower case, single spaces) -> the agreed value of the field.
# Typed into a rule's cell: the variant has no such rule even if the Parameter sheet has one.
NONE_WORDS = {"keine", "kein", "ohne", "nein"}
# Rules that work on last year's amounts.
NEEDS_PREVIOUS = ("loss_cap", "max_gain", "phase_in")


def read_comparison_file(path: str | os.PathLike) -> ComparisonInputs:
    """The workbook file's inputs and variants; InputProblems with every problem of both otherwise."""
    from .file_reader import snapshot_of_file

    return comparison_from_snapshot(snapshot_of_file(path))


def read_comparison_book(book) -> ComparisonInputs:
    """The same from an open ``xlwings.Book`` (classic, Server or Lite)."""
    from .xlwings_reader import snapshot_of_book

    return comparison_from_snapshot(snapshot_of_book(book))


def comparison_from_snapshot(snapshot: WorkbookSnapshot) -> ComparisonInputs:
    from .parse import inputs_from_snapshot

    earlier: tuple = ()
    inputs = None
    try:
        inputs = inputs_from_snapshot(snapshot)
    except InputProblems as problems:
        earlier = problems.problems
    problems = ProblemList(snapshot.source)
    variants = read_scenarios(snapshot, problems, inputs)
    if earlier or problems:
        raise InputProblems(list(earlier) + problems.problems)
    return ComparisonInputs(inputs, variants)


def read_scenarios(snapshot: WorkbookSnapshot, problems: ProblemList, inputs: Inputs | None) -> tuple[Variant, ...]:
    """The Parameter sheet's key and then one Variant per row; checks needing ``inputs`` only if they exist."""
    table = find_table(snapshot, TABLE_NAME)
    if table is None:
        problems.add(
            f"Für den Szenarienvergleich fehlt die Tabelle „{TABLE_NAME}“: eine Excel-Tabelle (Einfügen > Tabelle) "
            f"mit dem Namen „{TABLE_NAME}“, einer Spalte „{NAME}“ und je einer Spalte für jeden Parameter, den ein "
            f"Szenario anders setzt (z. B. „{c.METHOD}“, „{c.LOSS_CAP}“)."
        )
        return ()
    sheet = snapshot.sheet(table.sheet)
    if sheet is None or table.header_rows < 1:
        problems.add(
            f"Die Tabelle „{table.name}“ braucht eine Überschriftenzeile; die Spalten werden an ihren Überschriften "
            "erkannt.",
            table.sheet,
            table.area.a1,
        )
        return ()
    columns = _read_header(sheet, table, problems)
    if columns is None:
        return ()
    variants = [Variant(PLANNED)]
    seen = {PLANNED.casefold(): None}
    first = table.area.first_row + table.header_rows
    for row in range(first, table.area.last_row - table.totals_rows + 1):
        variant = _RowReader(sheet, table, columns, row, problems, inputs).read()
        if variant is None:
            continue
        folded = variant.name.casefold()
        if folded in seen:
            where = seen[folded]
            earlier = f"in {where}" if where else "so heißt die Verteilung nach dem Parameterblatt"
            problems.add(
                f"{NAME}: Den Namen „{variant.name}“ gibt es schon ({earlier}); jedes Szenario braucht einen eigenen "
                "Namen.",
                sheet.name,
                cell_name(row, columns[NAME]),
            )
            continue
        seen[folded] = cell_name(row, columns[NAME])
        variants.append(variant)
    if len(variants) == 1 and not problems:
        problems.add(
            f"Die Tabelle „{table.name}“ enthält kein Szenario; bitte mindestens eine Zeile mit einem Namen in der "
            f"Spalte „{NAME}“ eintragen.",
            sheet.name,
            table.area.a1,
        )
    compared = [v for v in variants if v.compared]
    for extra in compared[1:]:
        problems.add(
            f"{COMPARED}: Nur ein Szenario kann mit „ja“ für den Vergleich markiert sein (schon „{compared[0].name}“).",
            extra.row.sheet,
            _same_row(extra.row.cell, columns[COMPARED]),
        )
    return tuple(variants)


def _fold(text: str) -> str:
    return " ".join(text.replace("_", " ").split()).casefold()


def _read_header(sheet: SheetGrid, table: TableArea, problems: ProblemList) -> dict[str, int] | None:
    row = table.area.first_row
    known = {_fold(heading): heading for heading in HEADINGS}
    columns: dict[str, int] = {}
    before = len(problems)
    for column in range(table.area.first_column, table.area.last_column + 1):
        value = sheet.value(row, column)
        if not isinstance(value, str) or not value.strip():
            continue
        heading = known.get(_fold(value))
        if heading is None:
            close = difflib.get_close_matches(_fold(value), list(known), n=1, cutoff=0.8)
            if close:  # a typo would otherwise silently leave the parameter as on the Parameter sheet
                problems.add(
                    f"Die Spaltenüberschrift „{value.strip()}“ der Tabelle „{table.name}“ ist unbekannt; gemeint ist "
                    f"wohl „{known[close[0]]}“.",
                    sheet.name,
                    cell_name(row, column),
                )
            continue  # other columns (notes) are the user's own
        if heading in columns:
            problems.add(
                f"Die Spaltenüberschrift „{heading}“ kommt in der Tabelle „{table.name}“ doppelt vor "
                f"(auch in {cell_name(row, columns[heading])}).",
                sheet.name,
                cell_name(row, column),
            )
            continue
        columns[heading] = column
    if NAME not in columns:
        header = Area(row, table.area.first_column, row, table.area.last_column).a1
        problems.add(f"In der Tabelle „{table.name}“ fehlt die Spalte „{NAME}“ mit dem Namen jedes Szenarios.", sheet.name, header)
    return None if len(problems) > before else columns


def _same_row(cell: str, column: int) -> str:
    row = int("".join(ch for ch in cell if ch.isdigit()))
    return cell_name(row, column)


@dataclass
class _RowReader:
    sheet: SheetGrid
    table: TableArea
    columns: dict[str, int]
    row: int
    problems: ProblemList
    inputs: Inputs | None

    def where(self, heading: str) -> tuple[str, str]:
        return self.sheet.name, cell_name(self.row, self.columns[heading])

    def value(self, heading: str):
        column = self.columns.get(heading)
        return None if column is None else self.sheet.value(self.row, column)

    def report(self, heading: str, message: str) -> None:
        self.problems.add(f"{heading}: {message}", *self.where(heading))

    def read(self) -> Variant | None:
        area = self.table.area
        if all(cv.is_empty(self.sheet.value(self.row, col)) for col in range(area.first_column, area.last_column + 1)):
            self.problems.add(
                f"Zeile {self.row} der Tabelle „{self.table.name}“ ist leer; bitte die Zeile aus der Tabelle löschen.",
                self.sheet.name,
                cell_name(self.row, area.first_column),
            )
            return None
        before = len(self.problems)
        name = self._name()
        values: dict[str, object] = {}
        for heading, convert in (
            (c.METHOD, _method),
            (c.BUDGET, _positive("Das Budget", "das Budget in Euro")),
            (c.BASE, lambda v: cv.amount(v, "der Sockelbetrag in Euro")),
            (c.LOSS_CAP, _optional_share(cv.fraction_or_percent)),
            (FINANCING, _choice(parse_financing)),
            (MAX_GAIN, _optional_share(_gain_rate)),
            (PHASE_IN, _optional_share(cv.fraction_or_percent)),
            (TIE_RULE, _choice(parse_tie_rule)),
            (SEED, _seed),
            (BOUND_RULE, _choice(parse_bound_rule)),
            (c.REFERENCE_FROM, _year),
            (c.REFERENCE_TO, _year),
        ):
            value = self.value(heading)
            if cv.is_empty(value):
                continue
            try:
                values[heading] = convert(value)
            except cv.CellValueError as reason:
                self.report(heading, str(reason))
        compared = False
        try:
            compared = cv.yes_no(self.value(COMPARED), default=False)
        except cv.CellValueError as reason:
            self.report(COMPARED, str(reason))
        if len(self.problems) > before or name is None:
            return None
        overrides = self._overrides(values)
        if len(self.problems) > before:
            return None
        return Variant(name, overrides, CellRef(self.sheet.name, cell_name(self.row, self.columns[NAME])), compared)

    def _name(self) -> str | None:
        value = self.value(NAME)
        if cv.is_empty(value):
            self.report(NAME, "Die Zelle ist leer; jedes Szenario braucht einen Namen.")
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return cv.describe(value)
        try:
            return " ".join(cv.text(value, "ein Name").split())
        except cv.CellValueError as reason:
            self.report(NAME, str(reason))
            return None

    def _overrides(self, values: dict[str, object]) -> tuple[tuple[str, object], ...]:
        """Cell values as Parameters fields, checked against the Parameter sheet's values and the Kreise."""
        base = self.inputs.parameters if self.inputs is not None else None
        overrides: dict[str, object] = {}
        for heading in self.columns:
            field = FIELDS.get(heading)
            if field is None or heading not in values or field == "reference_years":
                continue
            overrides[field] = values[heading]
        if c.REFERENCE_FROM in values or c.REFERENCE_TO in values:
            years = self._reference_years(values, base)
            if years is not None:
                overrides["reference_years"] = years
        if base is None:
            return tuple(overrides.items())
        effective = {name: overrides.get(name, getattr(base, name)) for name in ("budget", "base", "loss_cap", "financing")}
        unit = base.unit
        for heading, name in ((c.BUDGET, "budget"), (c.BASE, "base")):
            if name in overrides and (overrides[name] / unit) != (overrides[name] / unit).to_integral_value():
                self.report(heading, f"{cv.describe(overrides[name])} ist kein ganzzahliges Vielfaches der Einheit {cv.describe(unit)}.")
        has_previous = all(d.previous_amount is not None for d in self.inputs.districts)
        for heading in (c.LOSS_CAP, MAX_GAIN, PHASE_IN):
            name = FIELDS[heading]
            if overrides.get(name) is not None and name in NEEDS_PREVIOUS and not has_previous:
                self.report(
                    heading,
                    f"Diese Regel geht vom Vorjahresbetrag jedes Kreises aus, in der Tabelle „{c.TABLE_NAME}“ fehlen "
                    f"aber die Mittel des Vorjahres (Spalte „{c.amount_header(base.previous_year)}“).",
                )
        if "financing" in overrides and effective["loss_cap"] is None:
            self.report(
                FINANCING,
                "Eine Finanzierung ist nur mit einer Verlustbegrenzung sinnvoll; weder das Szenario noch das "
                "Parameterblatt setzt eine.",
            )
        return tuple(overrides.items())

    def _reference_years(self, values: dict, base) -> tuple[int, ...] | None:
        first = values.get(c.REFERENCE_FROM, base.reference_years[0] if base else None)
        last = values.get(c.REFERENCE_TO, base.reference_years[-1] if base else None)
        if first is None or last is None:
            return None
        heading = c.REFERENCE_TO if c.REFERENCE_TO in values else c.REFERENCE_FROM
        if first > last:
            self.report(heading, f"Das letzte Bezugsjahr ({last}) liegt vor dem ersten ({first}).")
            return None
        years = tuple(range(first, last + 1))
        if self.inputs is not None:
            missing = [y for y in years if any(y not in dict(d.counts) for d in self.inputs.districts)]
            if missing:
                if c.REFERENCE_FROM in values and first in missing:
                    heading = c.REFERENCE_FROM  # the cell that reaches back to a year without counts
                self.report(
                    heading,
                    f"Für den Bezugszeitraum {first}–{last} fehlen in der Tabelle „{c.TABLE_NAME}“ die Zuweisungen "
                    f"{', '.join(str(y) for y in missing)} (Spalte „{c.count_header(missing[0])}“ fehlt oder ist leer).",
                )
                return None
        return years


def _optional_share(convert):
    def read(value) -> Decimal | None:
        if isinstance(value, str) and value.strip().casefold() in NONE_WORDS:
            return None
        return convert(value)

    return read
'''

# ---- xl_funcs/readers/snapshot.py --------------------------------------------
MODULES['xl_funcs.readers.snapshot'] = r'''"""What a reader hands to the parser: the cells, defined names and tables of a workbook, nothing more.

A file on disk (its XML parts) and an open workbook (xlwings: classic add-in, Server
or Lite) are first turned into this neutral snapshot; one parser then turns the
snapshot into Inputs. So every host validates by the same rules and reports the
same cells.

Cell values are plain Python values (None, str, int, float, bool, date,
datetime, time, timedelta) or one of the two markers below. Hosts that cannot
tell merged cells, hidden rows or columns or filters leave those fields as
None ("unknown"), which the parser then does not check.

A snapshot holds only the cells the contract can ask for (the defined names'
cells, the tables and the rows below them), never a whole used range: a stray
formatted cell at XFD1048576 costs nothing. Such a sheet is ``sparse``: its
``cells`` map (row, column) to values; cells not in the map are empty.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

# Excel's error values; Office.js and COM hand them over as text.
ERROR_TEXTS = frozenset(
    {
        "#NULL!",
        "#DIV/0!",
        "#VALUE!",
        "#REF!",
        "#NAME?",
        "#NUM!",
        "#N/A",
        "#GETTING_DATA",
        "#SPILL!",
        "#CALC!",
        "#FIELD!",
        "#BLOCKED!",
        "#CONNECT!",
        "#BUSY!",
        "#UNKNOWN!",
        "#DATA!",
    }
)


@dataclass(frozen=True)
class ErrorValue:
    """A cell showing an Excel error such as #DIV/0!."""

    text: str


@dataclass(frozen=True)
class MissingResult:
    """A formula cell saved without its result (files written by programs, not by Excel)."""

    formula: str


CellValue = None | str | int | float | bool | date | datetime | time | timedelta | ErrorValue | MissingResult


def column_letters(column: int) -> str:
    """1 -> "A", 27 -> "AA"."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def cell_name(row: int, column: int) -> str:
    return f"{column_letters(column)}{row}"


_AREA = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?")


@dataclass(frozen=True, order=True)
class Area:
    """A rectangle of cells, 1-based and inclusive."""

    first_row: int
    first_column: int
    last_row: int
    last_column: int

    @classmethod
    def parse(cls, text: str) -> Area | None:
        """``"$A$3:$L$47"`` or ``"B4"`` -> Area; anything else -> None."""
        match = _AREA.fullmatch(text.strip())
        if not match:
            return None
        first_column, first_row = column_number(match[1]), int(match[2])
        if match[3]:
            last_column, last_row = column_number(match[3]), int(match[4])
        else:
            last_column, last_row = first_column, first_row
        if first_row < 1 or last_row < 1:
            return None
        return cls(
            min(first_row, last_row), min(first_column, last_column), max(first_row, last_row), max(first_column, last_column)
        )

    @property
    def a1(self) -> str:
        first = cell_name(self.first_row, self.first_column)
        if self.is_cell:
            return first
        return f"{first}:{cell_name(self.last_row, self.last_column)}"

    @property
    def is_cell(self) -> bool:
        return self.first_row == self.last_row and self.first_column == self.last_column

    def overlaps(self, other: Area) -> bool:
        return not (
            other.last_row < self.first_row
            or other.first_row > self.last_row
            or other.last_column < self.first_column
            or other.first_column > self.last_column
        )


@dataclass(frozen=True)
class SheetGrid:
    """The values of one sheet from A1 on; cells beyond the grid are empty."""

    name: str
    rows: tuple[tuple[CellValue, ...], ...]
    merged: tuple[Area, ...] | None = None  # None: the host cannot tell
    hidden_rows: frozenset[int] | None = None  # 1-based row numbers; None: the host cannot tell
    hidden_columns: frozenset[int] | None = None  # 1-based column numbers; None: the host cannot tell
    filters: tuple[Area, ...] | None = None  # areas with an active filter (AutoFilter criteria); None: unknown
    cells: Mapping[tuple[int, int], CellValue] | None = None  # sparse sheets: the cells read, by (row, column)

    def value(self, row: int, column: int) -> CellValue:
        if self.cells is not None:
            return self.cells.get((row, column))
        if row < 1 or column < 1 or row > len(self.rows):
            return None
        cells = self.rows[row - 1]
        return cells[column - 1] if column <= len(cells) else None

    @property
    def last_row(self) -> int:
        if self.cells is not None:
            return max((row for row, _ in self.cells), default=0)
        return len(self.rows)


@dataclass(frozen=True)
class NameTarget:
    """A defined name and where it points (sheet and area), if it points at cells."""

    name: str
    refers_to: str  # as Excel shows it, e.g. "=Parameter!$B$4" or "=#REF!"
    sheet: str | None
    area: Area | None
    scope: str | None = None  # None: the whole workbook; else the sheet it is defined for (Namens-Manager "Bereich")


@dataclass(frozen=True)
class TableArea:
    """An Excel table (ListObject): its name, sheet and full range including header and totals rows."""

    name: str
    sheet: str
    area: Area
    header_rows: int = 1
    totals_rows: int = 0
    filtered: bool = False  # the table's own AutoFilter has criteria set


@dataclass(frozen=True)
class WorkbookSnapshot:
    source: str  # the file or book name, for messages
    sheets: tuple[SheetGrid, ...]
    names: tuple[NameTarget, ...]  # workbook scope
    tables: tuple[TableArea, ...]
    local_names: tuple[NameTarget, ...] = ()  # defined for one sheet only (scope set)

    def sheet(self, name: str) -> SheetGrid | None:
        for sheet in self.sheets:
            if sheet.name == name:
                return sheet
        folded = name.casefold()
        return next((sheet for sheet in self.sheets if sheet.name.casefold() == folded), None)


_REFERENCE = re.compile(r"^=?(?:'((?:[^']|'')+)'|([^'!]+))!(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)$")


def parse_reference(text: str) -> tuple[str, Area] | None:
    """``"=Parameter!$B$4"`` or ``"'Mein Blatt'!A1:B2"`` -> (sheet, Area); anything else -> None."""
    match = _REFERENCE.match(text.strip())
    if not match:
        return None
    sheet = match[1].replace("''", "'") if match[1] is not None else match[2]
    area = Area.parse(match[3])
    return (sheet, area) if area else None
'''

# ---- xl_funcs/readers/text_compare.py ----------------------------------------
MODULES['xl_funcs.readers.text_compare'] = r'''"""Text compared as a person sees it, and the difference shown when one remains.

Names pasted from macOS arrive decomposed (Unicode NFD: "ö" as o + combining
diaeresis), web pages bring no-break and thin spaces, some editors leave
zero-width characters. On screen none of that is visible, so it must not
decide a comparison. Where texts still differ but look alike (a Cyrillic "о"
for a Latin "o"), the message names the differing characters, since quoting
both texts would show the same word twice.
"""

from __future__ import annotations

import difflib
import unicodedata

# Characters that take no room on screen: zero-width space, joiners, word joiner, byte order mark, soft hyphen.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def fold_text(text: str, keep_spaces: bool = False) -> str:
    """NFC, without invisible characters; spaces of every kind (no-break, thin …) as one space, unless kept."""
    folded = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return folded if keep_spaces else " ".join(folded.split())


def _character(text: str) -> str:
    if not text:
        return "nichts"
    return ", ".join(f"„{c}“ ({unicodedata.name(c, 'ohne Namen')}, U+{ord(c):04X})" for c in text)


def visible_difference(expected: str, found: str) -> str:
    """`` (Unterschied: …)`` naming the first differing characters when the two texts look alike; else ``""``."""
    a, b = fold_text(expected), fold_text(found)
    if a == b or difflib.SequenceMatcher(None, a.casefold(), b.casefold()).ratio() < 0.8:
        return ""
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            return f" (Unterschied an Stelle {j1 + 1}: dort steht {_character(b[j1:j2])} statt {_character(a[i1:i2])})"
    return ""
'''

# ---- xl_funcs/readers/xlwings_reader.py --------------------------------------
MODULES['xl_funcs.readers.xlwings_reader'] = r'''"""An open workbook, through xlwings' Book API -> WorkbookSnapshot.

Works with every xlwings host: the classic add-in (COM), and the Book that
xlwings Server and xlwings Lite build from the Office.js workbook JSON. Only
the portable API is used: ``book.names``, ``sheet.tables``, ``range.value``.
A few values are read in one call per sheet (COM calls are slow); errors come
as text (``err_to_str``) so that #DIV/0! is reported, not mistaken for an
empty cell. Merged cells, hidden rows and hidden columns are only known where
the host tells them synchronously (classic); Server and Lite leave them unknown.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from .districts import ROWS_BELOW_TABLE
from .snapshot import ERROR_TEXTS, Area, ErrorValue, NameTarget, SheetGrid, TableArea, WorkbookSnapshot, parse_reference


def snapshot_of_book(book) -> WorkbookSnapshot:
    every_name = tuple(_names(book))
    names = tuple(n for n in every_name if n.scope is None)
    # Excel's own sheet names (print area, filter range) are no inputs; they may span whole columns.
    local_names = tuple(n for n in every_name if n.scope is not None and n.name not in _EXCEL_OWN_NAMES)
    tables = tuple(_tables(book))
    extents: dict[str, tuple[int, int]] = {}

    def extend(sheet: str, row: int, column: int) -> None:
        rows, columns = extents.get(sheet, (1, 1))
        extents[sheet] = (max(rows, row), max(columns, column))

    for name in names + local_names:
        if name.sheet and name.area:
            extend(name.sheet, name.area.last_row, name.area.last_column)
    for table, _ in tables:
        extend(table.sheet, table.area.last_row + ROWS_BELOW_TABLE, table.area.last_column)
    sheets = []
    for sheet in book.sheets:
        if sheet.name not in extents:
            continue
        rows, columns = extents[sheet.name]
        values = sheet.range((1, 1), (rows, columns)).options(ndim=2, err_to_str=True).value
        ranges = [xl_range for table, xl_range in tables if table.sheet == sheet.name]
        sheets.append(
            SheetGrid(
                sheet.name,
                tuple(tuple(_cell(v) for v in row) for row in values),
                merged=_merged(ranges),
                hidden_rows=_hidden_rows(ranges),
                hidden_columns=_hidden_columns(ranges),
            )
        )
    return WorkbookSnapshot(
        source=book.name,
        sheets=tuple(sheets),
        names=names,
        tables=tuple(table for table, _ in tables),
        local_names=local_names,
    )


_EXCEL_OWN_NAMES = frozenset({"Print_Area", "Print_Titles", "_FilterDatabase", "Criteria", "Extract"})


def _names(book):
    """Every defined name; a sheet-scoped one ("Parameter!Budget", "'Mein Blatt'!Budget") with its sheet as scope."""
    for name in book.names:
        full = name.name
        scope, _, bare = full.rpartition("!")
        bare = bare.removeprefix("_xlnm.")
        refers_to = name.refers_to or ""
        target = parse_reference(refers_to)
        sheet, area = target if target else (None, None)
        scope = scope[1:-1].replace("''", "'") if scope.startswith("'") and scope.endswith("'") else scope
        yield NameTarget(name=bare, refers_to=refers_to, sheet=sheet, area=area, scope=scope or None)


def _tables(book):
    for sheet in book.sheets:
        for table in sheet.tables:
            xl_range = table.range
            area = Area.parse(xl_range.address) if xl_range is not None else None
            if area is None:
                continue
            header_rows = 1 if table.show_headers else 0
            totals_rows = 1 if table.show_totals else 0
            yield TableArea(table.name, sheet.name, area, header_rows, totals_rows), xl_range


def _cell(value):
    if isinstance(value, str) and value in ERROR_TEXTS:
        return ErrorValue(value)
    if value is None or isinstance(value, (str, int, float, bool, date, datetime, time, timedelta)):
        return value
    return str(value)


def _merged(ranges) -> tuple[Area, ...] | None:
    """Merged areas within the tables; None where the host cannot tell without a round trip."""
    found: set[Area] = set()
    try:
        for xl_range in ranges:
            if xl_range.merge_cells is False:
                continue
            for cell in xl_range:  # only when something is merged: one call per cell is slow
                if cell.merge_cells:
                    area = Area.parse(cell.merge_area.address)
                    if area is not None:
                        found.add(area)
    except Exception:  # Server/Lite: merge state needs an async call
        return None
    return tuple(sorted(found))


def _hidden_rows(ranges) -> frozenset[int] | None:
    hidden: set[int] = set()
    try:
        for xl_range in ranges:
            state = xl_range.rows.hidden
            if state is False:
                continue
            for row in xl_range.rows:
                if row.rows.hidden:
                    hidden.add(row.row)
    except Exception:  # Server/Lite: hidden state needs an async call
        return None
    return frozenset(hidden)


def _hidden_columns(ranges) -> frozenset[int] | None:
    """Columns of the tables that are hidden: Excel reports a hidden column's width as 0. None where the host
    cannot read widths synchronously (Server/Lite)."""
    hidden: set[int] = set()
    try:
        for xl_range in ranges:
            for column in xl_range.columns:
                if column.column_width == 0:
                    hidden.add(column.column)
    except Exception:  # Server/Lite: NotImplementedError, the width needs an async call
        return None
    return frozenset(hidden)
'''

# ---- xl_funcs/render/__init__.py ---------------------------------------------
MODULES['xl_funcs.render'] = r'''"""Renderers of the table model: ``xlsx`` (openpyxl), ``csv``, ``html`` (one self-contained page),
``pdf`` (Chromium prints the page; ``pdf_archive`` makes it PDF/A with pikepdf) and ``book`` (into an open workbook through xlwings' Book API). ``layout`` is the arrangement the
xlsx and book renderers share. Import the submodule you need; each pulls in only its own dependencies.
"""
'''

# ---- xl_funcs/render/book.py -------------------------------------------------
MODULES['xl_funcs.render.book'] = r'''"""Draw a Document into an open workbook through xlwings' Book API.

The same code serves the classic add-in (COM, ``xw.Book.caller()``) and
xlwings Server/Lite (Office.js: each property set becomes an action that
Excel replays). Only Book API features that the Office.js action set
implements are used: adding, clearing and activating a sheet, values,
number formats, font (name, size, bold, colour), fill colour, wrap text,
merging a heading's cells, row height and column width. Alignment and borders are left to the files
(xlsx, PDF), because Office.js and COM do not share them in xlwings.

Each table owns the sheet with its name: that sheet is cleared and redrawn,
or added at the end; no other sheet, name or cell of the workbook is touched.
Number formats are set before values, so that keys such as "08111" arrive in
cells already formatted as text and keep their leading zero.
"""

from __future__ import annotations

from ..table.model import Document, Table
from ..table.templates import styles
from .chart_sheets import ChartSheet, chart_sheet
from .layout import HEADER, SheetGrid, layout

# Office.js measures column widths in points, COM in characters of the standard font
# (Calibri 11: 7 pixels a digit, 5 pixels of padding; 0.75 points a pixel).
DIGIT_PIXELS = 7
PADDING_PIXELS = 5
POINTS_PER_PIXEL = 0.75


def draw_document(book, document: Document) -> tuple[SheetGrid, ...]:
    """Draw every table and every chart on its own sheet and show the first table."""
    grids = tuple(draw_table(book, table) for table in document.sheets)
    for chart in document.charts:
        draw_chart(book, chart)
    find_sheet(book, document.sheets[0].sheet_name).activate()
    return grids


def draw_chart(book, chart) -> ChartSheet:
    """A chart's sheet as cells: the same values, formats and fills as in the xlsx.

    The Book API has no charts and no fill patterns in Office.js, so the bars stay
    a sorted table here (the xlsx adds the native chart) and hatched tiles are
    plain fills; the signed value on every tile still tells gain from loss.
    """
    grid = chart_sheet(chart)
    sheet = _values_on_owned_sheet(book, grid)
    for cell in grid.cells:
        target = sheet.range((cell.row, cell.column))
        if cell.fill:
            target.color = "#" + cell.fill
        if cell.bold:
            target.font.bold = True
        if cell.size:
            target.font.size = cell.size
        if cell.font_colour and cell.font_colour != "000000":
            target.font.color = "#" + cell.font_colour
        if cell.wrap:
            target.wrap_text = True
    _sizes(book, sheet, grid)
    return grid


def draw_table(book, table: Table) -> SheetGrid:
    grid = layout(table)
    sheet = _values_on_owned_sheet(book, grid)
    look = styles()
    for first, final, role in _role_runs(grid):
        spec = look["rollen"].get(role, {})
        spans = any(key in spec for key in ("hintergrund", "rahmen_oben", "rahmen_unten"))
        target = sheet.range((first, 1), (final, grid.last_column if spans else 1))
        if spec.get("fett"):
            target.font.bold = True
        if "groesse" in spec:
            target.font.size = spec["groesse"]
        if "farbe" in spec:
            target.font.color = "#" + spec["farbe"]
        if "hintergrund" in spec:
            target.color = "#" + spec["hintergrund"]
        if role == HEADER:
            target.wrap_text = True
    for cell in grid.cells:
        if cell.span > 1:
            sheet.range((cell.row, cell.column), (cell.row, cell.column + cell.span - 1)).merge()
        if cell.wrap:
            sheet.range((cell.row, cell.column)).wrap_text = True
    _sizes(book, sheet, grid)
    return grid


def _values_on_owned_sheet(book, grid: SheetGrid | ChartSheet):
    """The grid's sheet emptied (or added), with the standard font, the number formats and then the values."""
    sheet = owned_sheet(book, grid.name)
    look = styles()
    last = (grid.last_row, grid.last_column)
    sheet.range((1, 1), last).font.name = look["schrift"]["name"]
    sheet.range((1, 1), last).font.size = look["schrift"]["groesse"]
    for (column, first, final), number_format in _format_runs(grid):
        sheet.range((first, column), (final, column)).number_format = number_format
    sheet.range((1, 1), last).value = grid.matrix()
    return sheet


def _sizes(book, sheet, grid: SheetGrid | ChartSheet) -> None:
    office_js = is_office_js(book)
    for row, height in grid.row_heights:
        sheet.range((row, 1), (row, grid.last_column)).row_height = height
    for column, width in enumerate(grid.widths, start=1):
        sheet.range((1, column)).column_width = column_points(width) if office_js else width


def owned_sheet(book, name: str):
    """The sheet called ``name``, emptied; or a new one at the end."""
    sheet = find_sheet(book, name)
    if sheet is None:
        return book.sheets.add(name=name, after=book.sheets[len(book.sheets) - 1])
    sheet.clear()
    return sheet


def find_sheet(book, name: str):
    """Excel compares sheet names without regard to case."""
    for sheet in book.sheets:
        if sheet.name.casefold() == name.casefold():
            return sheet
    return None


def is_office_js(book) -> bool:
    api = book.api
    return isinstance(api, dict) and api.get("client") == "Office.js"


def column_points(characters: float) -> float:
    return round((characters * DIGIT_PIXELS + PADDING_PIXELS) * POINTS_PER_PIXEL, 2)


def _format_runs(grid: SheetGrid | ChartSheet):
    """((column, first row, last row), format) for runs of equal formats down each column."""
    formats = {(cell.row, cell.column): cell.number_format for cell in grid.cells if cell.number_format != "General"}
    runs = []
    for column in range(1, grid.last_column + 1):
        start = None
        current = None
        for row in range(1, grid.last_row + 2):
            value = formats.get((row, column))
            if value != current:
                if current is not None:
                    runs.append(((column, start, row - 1), current))
                start, current = row, value
    return runs


def _role_runs(grid: SheetGrid):
    """(first row, last row, role) for consecutive rows of the same role."""
    runs = []
    for row, role in grid.row_roles:
        if runs and runs[-1][2] == role and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row, role)
        else:
            runs.append((row, row, role))
    return runs
'''

# ---- xl_funcs/render/chart_sheets.py -----------------------------------------
MODULES['xl_funcs.render.chart_sheets'] = r'''"""Where each piece of a chart lands on a sheet: the one arrangement the xlsx and book renderers draw.

A bar chart becomes its title, its text alternative (one sentence a cell) and
the sorted values as a table, beside which the xlsx places a native Excel chart.
A tile map becomes a grid of coloured cells, two rows a tile (Kürzel, value),
with an empty row and a narrow empty column between the tiles, a legend and the
list of every tile's Kreis and value to its right (rows of ordinary height
between the tiles, so that the legend and the list beside them stay readable). Values are numbers with the chart's
number format, so a reader of the file gets the figures, not only the colours.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..charts.model import BarChart, Chart, TileMap
from .layout import spreadsheet_value, value_matrix

TITLE_SIZE = 14
TEXT_FORMAT = "@"
KEY_HEADING = "Kreis-\nschlüssel"
NAME_HEADING = "Stadt-/Landkreis"
ABBREVIATION_HEADING = "Kürzel"
HEADING_FILL = "DCE6F1"  # as the table's heading row (templates/stile.toml, rollen.kopf)
TILE_WIDTH = 9.0  # characters
GAP_WIDTH = 1.0
TILE_ROW_POINTS = (20.0, 16.0)  # Kürzel, value
HEADER_POINTS = 25.5


@dataclass(frozen=True)
class ChartCell:
    row: int  # 1-based
    column: int  # 1-based
    value: object  # str, int, float or None (a coloured cell without text)
    number_format: str = "General"
    bold: bool = False
    size: float | None = None  # points; None: the standard size
    fill: str | None = None  # hex without '#'
    font_colour: str | None = None
    hatched: bool = False  # a pattern over the fill where the file format has one
    align: str = "left"
    wrap: bool = False


@dataclass(frozen=True)
class BarData:
    """Where the native chart finds its data: label and value columns over the rows of the bars."""

    first_row: int
    last_row: int
    label_column: int
    value_column: int
    anchor: str  # top-left cell of the chart, e.g. "F5"


@dataclass(frozen=True)
class ChartSheet:
    chart: Chart
    cells: tuple[ChartCell, ...]
    widths: tuple[float, ...]  # per column, in characters
    row_heights: tuple[tuple[int, float], ...]
    last_row: int
    landscape: bool
    bar_data: BarData | None = None

    @property
    def name(self) -> str:
        return self.chart.sheet_name

    @property
    def last_column(self) -> int:
        return len(self.widths)

    def matrix(self) -> list[list[object]]:
        return value_matrix(self.cells, self.last_row, self.last_column)


def chart_sheet(chart: Chart) -> ChartSheet:
    if isinstance(chart, BarChart):
        return _bar_sheet(chart)
    if isinstance(chart, TileMap):
        return _tile_sheet(chart)
    raise TypeError(f"not a chart: {chart!r}")


def _heading(chart: Chart) -> tuple[list[ChartCell], int]:
    cells = [ChartCell(1, 1, chart.title, bold=True, size=TITLE_SIZE)]
    for offset, sentence in enumerate(chart.sentences, start=2):
        cells.append(ChartCell(offset, 1, sentence))
    return cells, len(chart.sentences) + 1


def _bar_sheet(chart: BarChart) -> ChartSheet:
    cells, row = _heading(chart)
    header = row + 2
    headings = (KEY_HEADING, NAME_HEADING, ABBREVIATION_HEADING, chart.value_heading)
    for column, text in enumerate(headings, start=1):
        cells.append(ChartCell(header, column, text, bold=True, fill=HEADING_FILL, align="center", wrap=True))
    for offset, bar in enumerate(chart.bars, start=1):
        line = header + offset
        cells.append(ChartCell(line, 1, bar.key, TEXT_FORMAT, align="center"))
        cells.append(ChartCell(line, 2, bar.label))
        cells.append(ChartCell(line, 3, bar.abbreviation, align="center"))
        cells.append(ChartCell(line, 4, spreadsheet_value(bar.value), chart.number_format, align="right"))
    last = header + len(chart.bars)
    for offset, note in enumerate(chart.notes, start=2):
        cells.append(ChartCell(last + offset, 1, note))
    data = BarData(header + 1, last, 2, 4, f"F{header}")
    return ChartSheet(
        chart=chart,
        cells=tuple(cells),
        widths=(9.0, 27.0, 8.0, 17.0),
        row_heights=((header, HEADER_POINTS),),
        last_row=last + (len(chart.notes) + 1 if chart.notes else 0),
        landscape=False,
        bar_data=data,
    )


def _tile_sheet(chart: TileMap) -> ChartSheet:
    cells, row = _heading(chart)
    top = row + 2
    heights: list[tuple[int, float]] = []
    for tile_row in range(chart.rows):
        first = top + 3 * tile_row
        heights += [(first, TILE_ROW_POINTS[0]), (first + 1, TILE_ROW_POINTS[1])]
    for tile in chart.tiles:
        colour_class = chart.classes[tile.colour_class]
        first, column = top + 3 * tile.row, 1 + 2 * tile.column
        look = dict(fill=colour_class.fill, font_colour=colour_class.text_colour, hatched=colour_class.hatched)
        cells.append(ChartCell(first, column, tile.abbreviation, bold=True, align="center", **look))
        value = "–" if tile.value is None else spreadsheet_value(tile.value)
        cells.append(ChartCell(first + 1, column, value, chart.number_format, size=9, align="center", **look))
    map_columns = 2 * chart.columns - 1
    widths = [TILE_WIDTH if column % 2 == 0 else GAP_WIDTH for column in range(map_columns)]
    legend = map_columns + 2  # one empty column after the map
    widths += [2.0, 8.0, 27.0, 18.0]
    cells.append(ChartCell(top, legend, chart.value_heading, bold=True))
    for offset, colour_class in enumerate(chart.classes, start=1):
        look = dict(fill=colour_class.fill, hatched=colour_class.hatched)
        cells.append(ChartCell(top + offset, legend, None, **look))
        cells.append(ChartCell(top + offset, legend + 1, colour_class.label))
    header = top + len(chart.classes) + 2
    for column, text in enumerate((ABBREVIATION_HEADING, NAME_HEADING, chart.value_heading), start=legend):
        cells.append(ChartCell(header, column, text, bold=True, fill=HEADING_FILL, align="center"))
    for offset, tile in enumerate(chart.tiles, start=1):
        value = "–" if tile.value is None else spreadsheet_value(tile.value)
        cells.append(ChartCell(header + offset, legend, tile.abbreviation, align="center"))
        cells.append(ChartCell(header + offset, legend + 1, tile.label))
        cells.append(ChartCell(header + offset, legend + 2, value, chart.number_format, align="right"))
    last = max(header + len(chart.tiles), top + 3 * chart.rows - 1)
    for offset, note in enumerate(chart.notes, start=2):
        cells.append(ChartCell(last + offset, 1, note))
    return ChartSheet(
        chart=chart,
        cells=tuple(cells),
        widths=tuple(widths),
        row_heights=tuple(sorted(heights)),
        last_row=last + len(chart.notes) + 1,
        landscape=True,
    )
'''

# ---- xl_funcs/render/layout.py -----------------------------------------------
MODULES['xl_funcs.render.layout'] = r'''"""Where every piece of a Table lands on a sheet: the one arrangement the xlsx and book renderers draw.

Heading block (title, subtitle, notes, warnings), a blank row, the column
headings, the body, a blank row, the footnotes. Every sentence stays in one
cell, so that a copied cell holds the whole sentence: a long text wraps
inside its cell (a heading or footnote in one cell across the table's width),
and the row is made as high as the lines it needs, counted here from the
column widths, because neither openpyxl nor Excel's file format sizes rows
by themselves.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

from ..table.templates import styles
from ..table.model import ColumnKind, PrintSettings, RowRole, Table, cell_format, plain_value

# Style roles, named as in templates/stile.toml [rollen.*].
TITLE, SUBTITLE, NOTE, WARNING = "titel", "untertitel", "hinweis", "warnung"
HEADER, FOOTNOTE = "kopf", "fussnote"
BODY_ROLES = {
    RowRole.DATA: "daten",
    RowRole.SUBTOTAL: "zwischensumme",
    RowRole.TOTAL: "summe",
    RowRole.SECTION: "abschnitt",
    RowRole.HIGHLIGHT: "hervorhebung",
}
LINE_HEIGHT_POINTS = 12.75  # one line of 10 pt text, as Excel spaces it
# Column widths count the widest digit; average letters of a proportional font are narrower,
# so a text of up to this many times the width still fits on one line.
TEXT_FIT = 1.15


@dataclass(frozen=True)
class GridCell:
    row: int  # 1-based sheet row
    column: int  # 1-based sheet column
    value: object  # str, int, float, date or None: what a spreadsheet cell holds
    number_format: str
    role: str  # style role from templates/stile.toml
    align: str = "left"
    span: int = 1  # columns the cell covers (merged), for a heading or footnote across the table
    wrap: bool = False  # the text wraps inside the cell; its row is as high as the lines it needs


@dataclass(frozen=True)
class SheetGrid:
    table: Table
    cells: tuple[GridCell, ...]
    widths: tuple[float, ...]  # per column, in characters
    row_roles: tuple[tuple[int, str], ...]  # (sheet row, style role) for every used row
    row_heights: tuple[tuple[int, float], ...]  # (sheet row, points) where not the default
    header_row: int
    body_rows: tuple[int, ...]  # the sheet row where each model row starts, in model order
    last_row: int

    @property
    def name(self) -> str:
        return self.table.sheet_name

    @property
    def last_column(self) -> int:
        return len(self.widths)

    @property
    def print_settings(self) -> PrintSettings:
        return self.table.print_settings

    def matrix(self) -> list[list[object]]:
        """All values as rows × columns (None where empty), for writing in one go."""
        return value_matrix(self.cells, self.last_row, self.last_column)


def value_matrix(cells, last_row: int, last_column: int) -> list[list[object]]:
    """Cells with 1-based ``row``, ``column`` and ``value`` as rows × columns, None where empty."""
    grid: list[list[object]] = [[None] * last_column for _ in range(last_row)]
    for cell in cells:
        grid[cell.row - 1][cell.column - 1] = cell.value
    return grid


def layout(table: Table) -> SheetGrid:
    cells: list[GridCell] = []
    roles: list[tuple[int, str]] = []
    heights: list[tuple[int, float]] = []
    total_width = sum(column.width for column in table.columns)
    row = 0

    def across(text: str, role: str) -> None:
        """One row, one cell across the table; wrapped and heightened where the text needs more lines."""
        nonlocal row
        row += 1
        count = len(_lines(text, total_width * TEXT_FIT * _size_ratio(role)))
        if count > 1:
            cells.append(GridCell(row, 1, text, "General", role, span=len(table.columns), wrap=True))
            heights.append((row, count * _line_height(role)))
        else:
            cells.append(GridCell(row, 1, text, "General", role))
        roles.append((row, role))

    heading = across

    heading(table.title, TITLE)
    if table.subtitle:
        heading(table.subtitle, SUBTITLE)
    for note in table.notes:
        heading(note, NOTE)
    for warning in table.warnings:
        heading(warning, WARNING)
    row += 1  # blank

    row += 1
    header_row = row
    roles.append((row, HEADER))
    lines = max(column.header.count("\n") + 1 for column in table.columns)
    heights.append((row, lines * LINE_HEIGHT_POINTS))
    for index, column in enumerate(table.columns, start=1):
        cells.append(GridCell(row, index, column.header, "General", HEADER, "center"))

    body_rows = []
    for model_row in table.rows:
        row += 1
        body_rows.append(row)
        role = BODY_ROLES[model_row.role]
        lines_needed = 1
        for index, (column, cell) in enumerate(zip(table.columns, model_row.cells), start=1):
            value = plain_value(cell)
            if value is None:
                continue
            wrap = (
                isinstance(value, str)
                and column.kind is ColumnKind.TEXT
                and model_row.role is not RowRole.SECTION  # a heading runs on over the empty cells beside it
                and len(value) > column.width * TEXT_FIT
            )
            if wrap:
                lines_needed = max(lines_needed, len(_lines(value, column.width * TEXT_FIT)))
            cells.append(
                GridCell(
                    row,
                    index,
                    spreadsheet_value(value, column.kind),
                    cell_format(cell, column),
                    role,
                    column.align,
                    wrap=wrap,
                )
            )
        roles.append((row, role))
        if lines_needed > 1:
            heights.append((row, lines_needed * _line_height(role)))

    if table.footnotes:
        row += 1  # blank
        for footnote in table.footnotes:
            across(footnote, FOOTNOTE)

    return SheetGrid(
        table=table,
        cells=tuple(cells),
        widths=tuple(column.width for column in table.columns),
        row_roles=tuple(roles),
        row_heights=tuple(heights),
        header_row=header_row,
        body_rows=tuple(body_rows),
        last_row=row,
    )


def spreadsheet_value(value, kind: ColumnKind = ColumnKind.NUMBER):
    """An exact value as a spreadsheet cell holds it: whole numbers as int, others as the nearest float.

    Amounts are whole euros in practice and stay ints; a float appears only for
    shares, ratios and fractional reference counts, whose displayed digits the
    number format rounds.
    """
    if value is None or isinstance(value, (str, datetime, date)):
        return value
    if kind is ColumnKind.KEY:
        return str(value)
    if isinstance(value, bool):
        raise TypeError("booleans are not table values")
    if isinstance(value, int):
        return value
    if isinstance(value, Fraction):
        return value.numerator if value.denominator == 1 else value.numerator / value.denominator
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"not a table value: {value!r}")


def _line_height(role: str) -> float:
    """Points one line of a role's text takes, as Excel spaces lines (12.75 pt for 10 pt text)."""
    return round(LINE_HEIGHT_POINTS / _size_ratio(role), 2)


def _size_ratio(role: str) -> float:
    """How many more characters fit in a role's smaller font than in the standard one."""
    look = styles()
    standard = look["schrift"]["groesse"]
    return standard / look["rollen"].get(role, {}).get("groesse", standard)


def _lines(text: str, width: float) -> list[str]:
    """Lines of at most ``width`` characters, breaking at spaces; explicit line breaks kept."""
    limit = max(int(width), 10)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(textwrap.wrap(paragraph, limit, break_long_words=False, break_on_hyphens=False) or [""])
    return lines
'''

# ---- xl_funcs/scenarios/__init__.py ------------------------------------------
MODULES['xl_funcs.scenarios'] = r'''"""Szenarienvergleich: variants of the key, each calculated as usual, compared side by side."""
'''

# ---- xl_funcs/scenarios/comparison.py ----------------------------------------
MODULES['xl_funcs.scenarios.comparison'] = r'''"""Every variant through the ordinary calculation, and the same variant without its cushion.

Variants often share a key (a grid of loss caps shares one key without cap), so
each distinct set of parameters is calculated once. An engine refusal is
reported at the variant's row in the table Szenarien; all variants are tried
before giving up, so every problem is reported at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from fractions import Fraction
from decimal import Decimal

from ..calculation import Calculation, calculate
from ..inputs import InputProblems, Parameters, Problem
from .variant import ComparisonInputs, Variant, has_cushion, without_cushion

# Progress is reported when there are more variants than this, every PROGRESS_STEP variants.
PROGRESS_FROM = 20
PROGRESS_STEP = 50


# Per Kreis (change in €, exact as int or Decimal; change ÷ last year) against last year; None without last year's amount.
Changes = tuple[tuple[int | Decimal, Fraction | None] | None, ...]


@dataclass(frozen=True)
class Calculated:
    """One calculation and its changes against last year, computed once: the summary and the Kreis table
    both read them, for every variant that shares the calculation."""

    calculation: Calculation
    changes: Changes
    paid: int | Decimal  # the sum of the amounts


def calculated_of(calculation: Calculation) -> Calculated:
    changes = tuple(
        None if row.previous is None else (row.amount - row.previous, row.change_ratio) for row in calculation.rows
    )
    return Calculated(calculation, changes, sum(row.amount for row in calculation.rows))


@dataclass(frozen=True)
class VariantResult:
    variant: Variant
    result: Calculated
    uncushioned: Calculated | None  # the same key without loss cap, gain cap and phase-in; None: no cushion

    @property
    def calculation(self) -> Calculation:
        return self.result.calculation

    @property
    def changes(self) -> Changes:
        return self.result.changes

    @property
    def parameters(self) -> Parameters:
        return self.calculation.inputs.parameters


@dataclass(frozen=True)
class Comparison:
    source: ComparisonInputs
    results: tuple[VariantResult, ...]  # in the order of the variants, the Parameter sheet's first

    @property
    def first(self) -> VariantResult:
        return self.results[0]

    @property
    def compared(self) -> VariantResult:
        """The variant the pictures set against the first: the one marked Vergleich = ja, else the second."""
        marked = [r for r in self.results if r.variant.compared]
        return marked[0] if marked else self.results[min(1, len(self.results) - 1)]


def compare(source: ComparisonInputs, progress: Callable[[str], None] = lambda message: None) -> Comparison:
    """Calculate every variant; InputProblems naming each variant the calculation refuses."""
    calculations: dict[Parameters, Calculated | InputProblems] = {}
    base = source.inputs
    problems: list[Problem] = []
    results = []
    count = len(source.variants)

    def calculated(parameters: Parameters, variant: Variant) -> Calculated | None:
        if parameters not in calculations:
            try:
                calculations[parameters] = calculated_of(calculate(replace(base, parameters=parameters)))
            except InputProblems as refused:
                calculations[parameters] = refused
        found = calculations[parameters]
        if not isinstance(found, InputProblems):
            return found
        if variant.row is None:  # the Parameter sheet's key: the problems as the official table reports them
            reported = list(found.problems)
        else:
            text = "; ".join(str(p) for p in found.problems)
            reported = [Problem(f"Szenario „{variant.name}“ lässt sich nicht berechnen: {text}", variant.row)]
        problems.extend(p for p in reported if p not in problems)
        return None

    for number, variant in enumerate(source.variants, start=1):
        if count > PROGRESS_FROM and (number == 1 or number % PROGRESS_STEP == 0 or number == count):
            progress(f"Berechne Szenario {number} von {count} …")
        parameters = variant.parameters(base.parameters)
        calculation = calculated(parameters, variant)
        uncushioned = calculated(without_cushion(parameters), variant) if has_cushion(parameters) else None
        if calculation is not None and (uncushioned is not None or not has_cushion(parameters)):
            results.append(VariantResult(variant, calculation, uncushioned))
    if problems:
        raise InputProblems(problems)
    return Comparison(source, tuple(results))
'''

# ---- xl_funcs/scenarios/document.py ------------------------------------------
MODULES['xl_funcs.scenarios.document'] = r'''"""The comparison as a Document of the immutable table model: overview, Kreis table, Berechnungsgrundlagen.

Every renderer draws it (xlsx, the open workbook, and PDF and HTML once they
draw tables of this model); every figure comes from the calculations and
``summary``, every sentence from ``wording``. The pictures (the chart model,
``pictures``) are made from the same Comparison and travel in ``charts``.
"""

from __future__ import annotations

import textwrap
from dataclasses import replace
from fractions import Fraction

from .. import __version__
from ..engine.exact import whole_or_exact
from ..table.model import Cell, Column, ColumnKind, Document, PrintSettings, Row, RowRole, Table
from ..table.templates import fill, styles
from ..table.text import german_date
from .comparison import Comparison, VariantResult
from .pictures import BAR_CHARTS_AT_MOST, bars_left_out, comparison_charts
from .summary import VariantSummary, summarize
from .wording import (
    bound_rule_words,
    financing_words,
    price_in_words,
    reference_words,
    rules_in_words,
    tie_rule_words,
    words,
)


def comparison_document(comparison: Comparison) -> Document:
    texts = words()["dokument"]
    p = comparison.source.inputs.parameters
    summaries = tuple(summarize(result) for result in comparison.results)
    return Document(
        title=fill(texts["titel"], jahr=p.year),
        file_stem=fill(texts["dateiname"], jahr=p.year),
        stand=p.stand,
        sheets=(
            overview_table(comparison, summaries),
            district_table(comparison),
            basis_table(comparison),
        ),
        author=fill(texts["autor"], version=__version__),
        language=texts["sprache"],
        subject=texts["betreff"],
        keywords=fill(texts["stichworte"], jahr=p.year),
        charts=comparison_charts(comparison),
    )


# --- overview -----------------------------------------------------------------------------------


def overview_table(comparison: Comparison, summaries: tuple[VariantSummary, ...]) -> Table:
    texts = words()["uebersicht"]
    p = comparison.source.inputs.parameters
    formats = styles()["zahlenformate"]
    widths = words()["breiten"]
    money = _money_format(s.paid for s in summaries)
    change_money = _change_format(money)
    spec = (
        ("nr", ColumnKind.NUMBER, formats["nummer"], widths["nr"], "right"),
        ("name", ColumnKind.TEXT, formats["text"], widths["name"], "left"),
        ("budget", ColumnKind.AMOUNT, money, widths["budget"], "right"),
        ("rules", ColumnKind.TEXT, formats["text"], widths["rules"], "left"),
        ("gaining", ColumnKind.NUMBER, formats["nummer"], widths["anzahl"], "right"),
        ("losing", ColumnKind.NUMBER, formats["nummer"], widths["anzahl"], "right"),
        ("unchanged", ColumnKind.NUMBER, formats["nummer"], widths["anzahl"], "right"),
        ("gain_amount", ColumnKind.AMOUNT, change_money, widths["betrag"], "right"),
        ("gain_ratio", ColumnKind.NUMBER, formats["veraenderung_anteil"], widths["anteil"], "right"),
        ("gain_kreis", ColumnKind.TEXT, formats["text"], widths["kreis"], "left"),
        ("loss_amount", ColumnKind.AMOUNT, change_money, widths["betrag"], "right"),
        ("loss_ratio", ColumnKind.NUMBER, formats["veraenderung_anteil"], widths["anteil"], "right"),
        ("loss_kreis", ColumnKind.TEXT, formats["text"], widths["kreis"], "left"),
        ("over_10", ColumnKind.NUMBER, formats["nummer"], widths["anzahl"], "right"),
        ("over_20", ColumnKind.NUMBER, formats["nummer"], widths["anzahl"], "right"),
        ("moved", ColumnKind.AMOUNT, money, widths["polster"], "right"),
        ("price", ColumnKind.TEXT, formats["text"], widths["price"], "left"),
        ("person_high", ColumnKind.NUMBER, formats["betrag_cent"], widths["person"], "right"),
        ("person_low", ColumnKind.NUMBER, formats["betrag_cent"], widths["person"], "right"),
        ("person_spread", ColumnKind.NUMBER, formats["betrag_cent"], widths["person"], "right"),
    )
    columns = tuple(
        Column(key, texts["spalten"][key], kind, number_format, float(width), align)
        for key, kind, number_format, width, align in spec
    )
    rows = []
    for number, (result, summary) in enumerate(zip(comparison.results, summaries), start=1):
        values = overview_values(number, result, summary)
        rows.append(Row(tuple(values[column.key] for column in columns)))
    fields = dict(jahr=p.year, vorjahr=p.previous_year)
    footnotes = [fill(texts[key], **fields) for key in ("fussnote_veraenderung", "fussnote_groesste", "fussnote_polster", "fussnote_person")]
    if summaries and summaries[0].gaining is None:
        footnotes.append(texts["fussnote_ohne_vorjahr"])
    if bars_left_out(comparison):
        footnotes.append(fill(texts["fussnote_grafiken"], gezeigt=BAR_CHARTS_AT_MOST, anzahl=len(comparison.results)))
    return _table(comparison, texts["blatt"], fill(texts["titel"], **fields), fill(texts["untertitel"], **fields), columns, rows, footnotes)


def overview_values(number: int, result: VariantResult, summary: VariantSummary) -> dict:
    gain, loss, price = summary.largest_gain, summary.largest_loss, summary.price
    high, low = summary.per_person_high, summary.per_person_low
    return {
        "nr": number,
        "name": result.variant.name,
        "budget": summary.budget,
        "rules": rules_in_words(result.parameters),
        "gaining": summary.gaining,
        "losing": summary.losing,
        "unchanged": summary.unchanged,
        "gain_amount": None if gain is None else whole_or_exact(gain.value),
        "gain_ratio": None if gain is None else gain.ratio,
        "gain_kreis": None if gain is None else gain.district.label,
        "loss_amount": None if loss is None else whole_or_exact(loss.value),
        "loss_ratio": None if loss is None else loss.ratio,
        "loss_kreis": None if loss is None else loss.district.label,
        "over_10": summary.losing_more_than[0],
        "over_20": summary.losing_more_than[1],
        "moved": None if price is None else price.moved,
        "price": price_in_words(result.parameters, price),
        "person_high": None if high is None else high.value,
        "person_low": None if low is None else low.value,
        "person_spread": summary.per_person_spread,
    }


# --- Kreis table --------------------------------------------------------------------------------


def district_table(comparison: Comparison) -> Table:
    texts = words()["kreise"]
    p = comparison.source.inputs.parameters
    formats = styles()["zahlenformate"]
    widths = words()["breiten"]
    first = comparison.first
    has_previous = first.calculation.has_previous
    money = _money_format(row.amount for result in comparison.results for row in result.calculation.rows)
    change_money = _change_format(money)
    fields = dict(jahr=p.year, vorjahr=p.previous_year, erstes=first.variant.name)
    columns = [
        Column("key", texts["key"], ColumnKind.KEY, formats["text"], float(widths["key"]), "center"),
        Column("name", texts["name"], ColumnKind.TEXT, formats["text"], float(widths["kreis_name"])),
    ]
    if has_previous:
        previous_money = _money_format(row.previous for row in first.calculation.rows)
        columns.append(Column("previous", fill(texts["previous"], **fields), ColumnKind.AMOUNT, previous_money, float(widths["betrag"]), "right"))
    for index, result in enumerate(comparison.results):
        columns.append(Column(f"amount_{index}", fill(texts["amount"], name=result.variant.name), ColumnKind.AMOUNT, money, float(widths["betrag"]), "right"))
        if has_previous:
            columns.append(Column(f"change_{index}", fill(texts["change"], **fields), ColumnKind.AMOUNT, change_money, float(widths["betrag"]), "right"))
            columns.append(Column(f"ratio_{index}", fill(texts["change_ratio"], **fields), ColumnKind.NUMBER, formats["veraenderung_anteil"], float(widths["anteil"]), "right"))
        if index:
            header = fill(texts["versus_first"], **fields)
            columns.append(Column(f"versus_{index}", header, ColumnKind.AMOUNT, change_money, float(widths["betrag"]), "right"))
    keys = [column.key for column in columns]
    rows = []
    for position, district in enumerate(comparison.source.inputs.districts):
        values = {"key": district.key, "name": district.label, "previous": _exact(district.previous_amount)}
        first_amount = first.calculation.rows[position].amount
        for index, result in enumerate(comparison.results):
            amount = result.calculation.rows[position].amount
            change = result.changes[position]
            values[f"amount_{index}"] = whole_or_exact(amount)
            values[f"change_{index}"] = None if change is None else whole_or_exact(change[0])
            values[f"ratio_{index}"] = None if change is None else change[1]
            values[f"versus_{index}"] = whole_or_exact(amount - first_amount)
        rows.append(Row(tuple(values.get(key) for key in keys)))
    total = _total_values(comparison)
    rows.append(Row(tuple(total.get(key) for key in keys), RowRole.TOTAL))
    footnotes = [fill(texts["fussnote"], **fields)] if has_previous else []
    return _table(comparison, texts["blatt"], fill(texts["titel"], **fields), fill(texts["untertitel"], **fields), tuple(columns), rows, footnotes)


def _total_values(comparison: Comparison) -> dict:
    first_total = comparison.first.result.paid
    previous = comparison.first.calculation.previous_total  # the same Kreise and last year's amounts in every variant
    values = {"name": words()["kreise"]["summe"], "previous": _exact(previous)}
    for index, result in enumerate(comparison.results):
        paid = result.result.paid
        values[f"amount_{index}"] = whole_or_exact(paid)
        values[f"change_{index}"] = None if previous is None else whole_or_exact(paid - previous)
        values[f"ratio_{index}"] = Fraction(paid - previous) / Fraction(previous) if previous else None
        values[f"versus_{index}"] = whole_or_exact(paid - first_total)
    return values


def _fit_heading(header: str, width: float) -> str:
    """Each line of a heading broken further where it is wider than its column: the layout sizes the heading
    row by its lines, so a line Excel wraps on its own would be cut off."""
    limit = max(int(width * 0.85), 6)  # headings are bold: wider letters than the body text
    lines = []
    for line in header.split("\n"):
        lines.extend(textwrap.wrap(line, limit, break_on_hyphens=False, break_long_words=False) or [line])
    return "\n".join(lines)


# --- Berechnungsgrundlagen ----------------------------------------------------------------------


def basis_table(comparison: Comparison) -> Table:
    texts = words()["grundlagen"]
    source = comparison.source
    p = source.inputs.parameters
    formats = styles()["zahlenformate"]
    widths = words()["breiten"]
    rows: list[Row] = [Row((texts["abschnitt_nachweis"], None), RowRole.SECTION)]

    def line(label: str, value) -> None:
        rows.append(Row((label, value)))

    line(texts["pruefsumme_eingaben"], source.inputs.digest)
    line(texts["pruefsumme_szenarien"], source.digest)
    line("", texts["pruefsumme_hinweis"])
    line(texts["programm"], fill(texts["programm_wert"], version=__version__))
    line(texts["anzahl"], Cell(len(comparison.results), formats["nummer"]))
    for number, result in enumerate(comparison.results, start=1):
        v = result.parameters
        money = formats["betrag" if all(isinstance(whole_or_exact(x), int) for x in (v.budget, v.unit, v.base)) else "betrag_cent"]
        rows.append(Row((fill(texts["abschnitt_szenario"], nummer=number, name=result.variant.name), None), RowRole.SECTION))
        line(texts["herkunft"], str(result.variant.row) if result.variant.row else texts["herkunft_parameter"])
        changed = [_field_heading(name, texts) for name, _ in result.variant.overrides]
        line(texts["abweichend"], ", ".join(dict.fromkeys(changed)) or texts["abweichend_nichts"])
        line(texts["haushaltsjahr"], Cell(v.year, formats["nummer"]))
        line(texts["budget"], Cell(whole_or_exact(v.budget), money))
        line(texts["verfahren"], v.method.label)
        line(texts["einheit"], Cell(whole_or_exact(v.unit), money))
        line(texts["bezugszeitraum"], reference_words(v))
        line(texts["sockel"], Cell(whole_or_exact(v.base), money))
        line(texts["verlustbegrenzung"], _share_or_none(v.loss_cap, texts, formats))
        if v.loss_cap is not None:
            line(texts["finanzierung"], financing_words(v))
        line(texts["zuwachsbegrenzung"], _share_or_none(v.max_gain, texts, formats))
        line(texts["uebergang"], _share_or_none(v.phase_in, texts, formats))
        line(texts["gleichstand"], tie_rule_words(v))
        if v.tie_rule == "lot":
            line(texts["losnummer"], v.seed or texts["keine"])
        line(texts["grenzregel"], bound_rule_words(v))
        line(texts["vergleich"], texts["ja"] if result is comparison.compared else texts["nein"])
    columns = (
        Column("label", texts["spalte_angabe"], ColumnKind.TEXT, formats["text"], float(widths["angabe"])),
        Column("value", texts["spalte_wert"], ColumnKind.TEXT, formats["text"], float(widths["wert"])),
    )
    return _table(comparison, texts["blatt"], fill(texts["titel"], jahr=p.year), "", columns, rows, (), portrait=True)


_FIELD_HEADINGS = {
    "method": "verfahren",
    "reference_years": "bezugszeitraum",
    "budget": "budget",
    "base": "sockel",
    "loss_cap": "verlustbegrenzung",
    "financing": "finanzierung",
    "max_gain": "zuwachsbegrenzung",
    "phase_in": "uebergang",
    "tie_rule": "gleichstand",
    "seed": "losnummer",
    "bound_rule": "grenzregel",
}


def _field_heading(name: str, texts: dict) -> str:
    return texts[_FIELD_HEADINGS[name]] if name in _FIELD_HEADINGS else name


def _share_or_none(value, texts: dict, formats: dict):
    return texts["keine"] if value is None else Cell(Fraction(value), formats["anteil"])


# --- shared -------------------------------------------------------------------------------------


def _table(comparison: Comparison, sheet: str, title: str, subtitle: str, columns, rows, footnotes, portrait: bool = False) -> Table:
    texts = words()
    p = comparison.source.inputs.parameters
    document_title = fill(texts["dokument"]["titel"], jahr=p.year)
    settings = texts["druck"]
    notes = (fill(texts["dokument"]["stand"], datum=german_date(p.stand)), texts["dokument"]["vorbehalt"])
    columns = tuple(replace(column, header=_fit_heading(column.header, column.width)) for column in columns)
    return Table(
        sheet_name=sheet,
        title=title,
        subtitle=subtitle,
        notes=notes,
        warnings=(texts["dokument"]["beispieldaten"],) if p.sample_data else (),
        columns=columns,
        rows=tuple(rows),
        footnotes=tuple(footnotes),
        print_settings=PrintSettings(
            paper=settings["papier"],
            orientation="portrait" if portrait else settings["ausrichtung"],
            footer_left=fill(texts["dokument"]["stand"], datum=german_date(p.stand)),
            footer_center="Seite &P von &N",
            footer_right=document_title.replace("&", "&&"),
            margins_cm=tuple(float(x) for x in settings["raender"]),
        ),
    )


def _exact(value):
    return None if value is None else whole_or_exact(value)


def _money_format(values) -> str:
    formats = styles()["zahlenformate"]
    whole = all(value is None or isinstance(whole_or_exact(value), int) for value in values)
    return formats["betrag" if whole else "betrag_cent"]


def _change_format(money: str) -> str:
    formats = styles()["zahlenformate"]
    return formats["veraenderung_betrag" if money == formats["betrag"] else "veraenderung_betrag_cent"]


'''

# ---- xl_funcs/scenarios/pictures.py ------------------------------------------
MODULES['xl_funcs.scenarios.pictures'] = r'''"""The comparison's pictures from the chart model: each variant's bars and the map of two variants.

Each chart gets its own sheet name and id, distinct from the official table's
"Grafiken" and "Kreiskarte", so that drawing the comparison into the open
workbook never overwrites the published table's sheets. With a grid of hundreds
of variants only the first ``BAR_CHARTS_AT_MOST`` get bars (the overview says
so); the Kreis table holds every amount.
"""

from __future__ import annotations

from dataclasses import replace

from ..charts.difference_map import difference_map
from ..charts.model import Chart
from ..charts.variant_bars import variant_bars
from .comparison import Comparison

BAR_CHARTS_AT_MOST = 12
BAR_SHEET = "Szenario {nummer} Grafik"
MAP_SHEET = "Szenarien Kreiskarte"


def comparison_charts(comparison: Comparison) -> tuple[Chart, ...]:
    """Bars for each of the first variants, then the first variant against the compared one (if there are two)."""
    charts: list[Chart] = []
    for number, result in enumerate(comparison.results[:BAR_CHARTS_AT_MOST], start=1):
        chart = variant_bars(result.calculation, result.variant.name)
        charts.append(replace(chart, name=f"szenario-{number}-{chart.name}", sheet_name=BAR_SHEET.format(nummer=number)))
    first, compared = comparison.first, comparison.compared
    if compared is not first:
        tiles = difference_map(first.calculation, compared.calculation, first.variant.name, compared.variant.name)
        charts.append(replace(tiles, name="szenarien-kreiskarte", sheet_name=MAP_SHEET))
    return tuple(charts)


def bars_left_out(comparison: Comparison) -> int:
    """How many variants have no bar chart."""
    return max(0, len(comparison.results) - BAR_CHARTS_AT_MOST)
'''

# ---- xl_funcs/scenarios/summary.py -------------------------------------------
MODULES['xl_funcs.scenarios.summary'] = r'''"""The figures of one variant's summary row, exactly, from its calculation and its uncushioned twin.

Nothing here knows how a transition rule works: the money a cushion moves is
the difference to the same key without it, the fund it needs is what is paid
beyond the budget, and what it leaves the Kreise that pay for it is read off
their amounts. So the figures stay true for whatever rules the calculation has.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from ..calculation import DistrictResult
from ..engine.exact import whole_or_exact
from ..inputs import District
from .comparison import VariantResult

THRESHOLDS = (Fraction(1, 10), Fraction(2, 10))  # "Kreise mit mehr als 10 % / 20 % Verlust"


@dataclass(frozen=True)
class Extreme:
    district: District
    value: int | Decimal | Fraction  # € (a change, exact) or € per person (a Fraction)
    ratio: Fraction | None = None  # the change as a fraction of last year


@dataclass(frozen=True)
class CushionPrice:
    """What the loss cap, gain cap or phase-in costs, against the same key without them."""

    moved: int | Decimal  # total of what the protected Kreise get more (= what the others or a fund give)
    receivers: int  # Kreise that get more than without the cushion
    payers: int  # Kreise that get less
    fund: int | Decimal  # paid beyond the budget (the hardship fund); 0 when the budget finances it
    payers_highest_gain: Fraction | None  # the largest gain against last year left to a paying Kreis
    payers_highest_gain_without: Fraction | None  # … and what it was without the cushion
    payers_kept: Fraction | None  # the paying Kreise's gains with the cushion ÷ without (together)


@dataclass(frozen=True)
class VariantSummary:
    budget: int | Decimal
    paid: int | Decimal
    gaining: int | None  # None: no previous amounts in the workbook
    losing: int | None
    unchanged: int | None
    largest_gain: Extreme | None
    largest_loss: Extreme | None
    losing_more_than: tuple[int | None, ...]  # per THRESHOLDS
    price: CushionPrice | None  # None: the variant has no cushion
    per_person_high: Extreme | None
    per_person_low: Extreme | None

    @property
    def per_person_spread(self) -> Fraction | None:
        if self.per_person_high is None or self.per_person_low is None:
            return None
        return self.per_person_high.value - self.per_person_low.value


def summarize(result: VariantResult) -> VariantSummary:
    rows = result.calculation.rows
    with_previous = all(change is not None for change in result.changes)
    changes = [(row, change, ratio) for row, (change, ratio) in zip(rows, result.changes)] if with_previous else []
    gains = [(row, change, ratio) for row, change, ratio in changes if change > 0]
    losses = [(row, change, ratio) for row, change, ratio in changes if change < 0]
    per_person = [(row, Fraction(row.amount) / row.reference) for row in rows if row.reference > 0]
    return VariantSummary(
        budget=whole_or_exact(result.parameters.budget),
        paid=whole_or_exact(result.result.paid),
        gaining=len(gains) if with_previous else None,
        losing=len(losses) if with_previous else None,
        unchanged=len(changes) - len(gains) - len(losses) if with_previous else None,
        largest_gain=_extreme(gains, max),
        largest_loss=_extreme(losses, min),
        losing_more_than=tuple(
            sum(1 for _, _, ratio in losses if ratio is not None and -ratio > limit) if with_previous else None
            for limit in THRESHOLDS
        ),
        price=cushion_price(result),
        per_person_high=_per_person(per_person, max),
        per_person_low=_per_person(per_person, min),
    )


def cushion_price(result: VariantResult) -> CushionPrice | None:
    twin = result.uncushioned
    if twin is None:
        return None
    rows, twin_rows = result.calculation.rows, twin.calculation.rows
    # Amounts are ints or Decimals with at most two places: their differences and sums are exact as they are.
    differences = [row.amount - other.amount for row, other in zip(rows, twin_rows)]
    payers = [i for i, d in enumerate(differences) if d < 0]
    paid_beyond = result.result.paid - result.parameters.budget
    with_gain = [i for i in payers if twin.changes[i] is not None and twin.changes[i][0] > 0]
    gains_without = Fraction(sum(twin.changes[i][0] for i in with_gain))
    gains_with = Fraction(sum(result.changes[i][0] for i in with_gain))
    ratios = [result.changes[i][1] for i in payers if result.changes[i] is not None and result.changes[i][1] is not None]
    ratios_without = [twin.changes[i][1] for i in payers if twin.changes[i] is not None and twin.changes[i][1] is not None]
    return CushionPrice(
        moved=whole_or_exact(sum(d for d in differences if d > 0)),
        receivers=sum(1 for d in differences if d > 0),
        payers=len(payers),
        fund=whole_or_exact(max(paid_beyond, 0)),
        payers_highest_gain=max(ratios) if ratios else None,
        payers_highest_gain_without=max(ratios_without) if ratios_without else None,
        payers_kept=gains_with / gains_without if gains_without else None,
    )


def _extreme(items: list[tuple[DistrictResult, int | Decimal, Fraction | None]], pick) -> Extreme | None:
    """The largest gain (max) or loss (min) in €; on equal € the Kreis first in key order."""
    if not items:
        return None
    value = pick(change for _, change, _ in items)
    row, _, ratio = next(item for item in items if item[1] == value)
    return Extreme(row.district, value, ratio)


def _per_person(items: list[tuple[DistrictResult, Fraction]], pick) -> Extreme | None:
    if not items:
        return None
    value = pick(amount for _, amount in items)
    row = next(row for row, amount in items if amount == value)
    return Extreme(row.district, value)
'''

# ---- xl_funcs/scenarios/variant.py -------------------------------------------
MODULES['xl_funcs.scenarios.variant'] = r'''"""A variant of the key: a name and the parameters it sets differently from the Parameter sheet.

A variant is nothing but overrides of ``Parameters`` fields; its amounts come
from the ordinary single-variant calculation, so every rule the calculation
knows (bounds, transition rules, ties) applies to variants without any code here.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import Enum

from ..inputs import CellRef, Inputs, Parameters

# The Parameter sheet's own key is always the first variant, under this name.
PLANNED = "Vorgesehene Verteilung"

# The fields that cushion the change against last year; "without cushion" clears them.
CUSHION_FIELDS = ("loss_cap", "max_gain", "phase_in")


@dataclass(frozen=True)
class Variant:
    name: str
    overrides: tuple[tuple[str, object], ...] = ()  # (Parameters field, value) in the order of the columns
    row: CellRef | None = None  # the variant's row in the table Szenarien; None for the Parameter sheet's key
    compared: bool = False  # column Vergleich = ja: the variant the pictures set against the first

    def parameters(self, base: Parameters) -> Parameters:
        return replace(base, **dict(self.overrides))

    def inputs(self, base: Inputs) -> Inputs:
        return replace(base, parameters=self.parameters(base.parameters)) if self.overrides else base


@dataclass(frozen=True)
class ComparisonInputs:
    """What a comparison is made of: the workbook's inputs and the variants, the Parameter sheet's first."""

    inputs: Inputs
    variants: tuple[Variant, ...]

    @property
    def digest(self) -> str:
        """SHA-256 of the inputs' digest and every variant's name and overrides, in a canonical form."""
        canonical = {
            "inputs": self.inputs.digest,
            "variants": [[v.name, [[key, _canonical(value)] for key, value in v.overrides], v.compared] for v in self.variants],
        }
        text = json.dumps(canonical, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def has_cushion(parameters: Parameters) -> bool:
    return any(getattr(parameters, name) is not None for name in CUSHION_FIELDS)


def without_cushion(parameters: Parameters) -> Parameters:
    """The same key with no loss cap, gain cap or phase-in (and so nothing to finance)."""
    return replace(parameters, financing="all", **{name: None for name in CUSHION_FIELDS})


def _canonical(value: object) -> object:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, tuple):
        return [_canonical(item) for item in value]
    return value
'''

# ---- xl_funcs/scenarios/wording.py -------------------------------------------
MODULES['xl_funcs.scenarios.wording'] = r'''"""A variant's rules and the price of its cushion in German words, generated from the values that decided them."""

from __future__ import annotations

from fractions import Fraction

from ..engine.exact import whole_or_exact
from ..engine.notation import german_number
from ..inputs import Parameters
from ..table.templates import SCENARIOS, fill, load
from ..table.text import percent_text
from .summary import CushionPrice


def words() -> dict:
    return load(SCENARIOS)


def reference_words(p: Parameters) -> str:
    rules = words()["regeln"]
    template = rules["bezug_ein_jahr"] if len(p.reference_years) == 1 else rules["bezug_mittelwert"]
    return fill(template, zeitraum=p.reference_period)


def rules_in_words(p: Parameters) -> str:
    """``Hare-Niemeyer; Zuweisungen Ø 2022–2024; Verlust höchstens 20 % gegenüber 2024, getragen von …``."""
    rules = words()["regeln"]
    parts = [p.method.label, reference_words(p)]
    if p.base:
        parts.append(fill(rules["sockel"], sockel=german_number(whole_or_exact(p.base))))
    if p.loss_cap is not None:
        cap = fill(rules["verlustbegrenzung"], prozent=_percent(p.loss_cap), vorjahr=p.previous_year)
        parts.append(f"{cap}, {rules['finanzierung'][p.financing]}")
    if p.max_gain is not None:
        parts.append(fill(rules["zuwachsbegrenzung"], prozent=_percent(p.max_gain), vorjahr=p.previous_year))
    if p.phase_in is not None:
        parts.append(fill(rules["uebergang"], prozent=_percent(p.phase_in), vorjahr=p.previous_year))
    if p.tie_rule != "key":
        parts.append(fill(rules["gleichstand"], regel=rules["gleichstandsregel"][p.tie_rule]))
        if p.tie_rule == "lot" and p.seed:
            parts.append(fill(rules["losnummer"], losnummer=p.seed))
    if p.bound_rule != "redistribute":
        parts.append(fill(rules["grenzen"], regel=rules["grenzregel"][p.bound_rule]))
    return rules["trenner"].join(parts)


def tie_rule_words(p: Parameters) -> str:
    return words()["regeln"]["gleichstandsregel"][p.tie_rule]


def bound_rule_words(p: Parameters) -> str:
    return words()["regeln"]["grenzregel"][p.bound_rule]


def financing_words(p: Parameters) -> str:
    return words()["regeln"]["finanzierung"][p.financing]


def price_in_words(p: Parameters, price: CushionPrice | None) -> str:
    """Who paid for the cushion and what it cost, read off the amounts (empty: no cushion)."""
    texts = words()
    if price is None:
        return texts["uebersicht"]["kein_polster"]
    if not price.moved and not price.fund:
        return texts["preis"]["nichts"]
    numbers = dict(
        fonds=german_number(price.fund),
        betrag=german_number(price.moved),
        empfaenger=price.receivers,
        zahler=price.payers,
    )
    if price.fund:
        return fill(texts["preis"]["fund"], **numbers)
    if p.financing == "gainers" and None not in (price.payers_highest_gain, price.payers_highest_gain_without, price.payers_kept):
        return fill(
            texts["preis"]["gainers"],
            hoechst=percent_text(price.payers_highest_gain),
            hoechst_ohne=percent_text(price.payers_highest_gain_without),
            behalten=percent_text(price.payers_kept),
            **numbers,
        )
    return fill(texts["preis"]["all"], **numbers)


def _percent(value) -> str:
    return percent_text(Fraction(value), places=None)
'''

# ---- xl_funcs/table/__init__.py ----------------------------------------------
MODULES['xl_funcs.table'] = r'''"""Tables as immutable data (``model``), the official table built from a Calculation (``official``).

Renderers in ``xl_funcs.render`` draw these models; nothing here writes a file.
"""

from .model import Cell, Column, ColumnKind, Document, PrintSettings, Row, RowRole, Table, cell_format, plain_value
from .official import basis_table, official_columns, official_document, official_table

__all__ = [
    "Cell",
    "Column",
    "ColumnKind",
    "Document",
    "PrintSettings",
    "Row",
    "RowRole",
    "Table",
    "basis_table",
    "cell_format",
    "official_columns",
    "official_document",
    "official_table",
    "plain_value",
]
'''

# ---- xl_funcs/table/explanation.py -------------------------------------------
MODULES['xl_funcs.table.explanation'] = r'''"""One row's amount retold in German sentences, from the engine's RowExplanation.

Staff must be able to retrace every euro by hand: the exact quota, what was cut
off, where the row stood among the remainders (or which divisor applied), and
whether a bound or a tie decided it. Numbers are in euros; a quota that does
not end is shown to six places and marked with "…".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from fractions import Fraction

from ..engine import Allocation, RowExplanation
from ..engine.exact import decimal_of
from ..engine.methods import Method
from ..engine.notation import ROW_REFERENCE, german_number, row_list
from ..engine.transition import Transition


# How EXPLAIN states the tie rule of ALLOCATE: the row that comes first.
ROW_ORDER_RULE = "bei Gleichstand geht die frühere Zeile vor"


def explanation_text(
    allocation: Allocation, row: int, labels: Sequence[str] | None = None, tie_rule: str = ROW_ORDER_RULE
) -> str:
    """E.g. ``Zeile 2: 3.072.884 € (Hare-Niemeyer). Exakte Quote 3.072.883,86… € …``.

    With ``labels`` (one per row, e.g. the Kreise's names) every "Zeile 2" names the row instead;
    ``tie_rule`` is the clause that says who goes first at a tie, as the caller's parameters decide.
    """
    text = _explanation(allocation, row, tie_rule)
    return _named(text, labels) if labels is not None else text


def _explanation(allocation: Allocation, row: int, tie_rule: str) -> str:
    detail = allocation.explain(row)
    euro = EuroText(allocation.unit)
    parts = [f"Zeile {row + 1}: {euro(detail.units)} ({detail.method.label})."]
    if detail.base:
        parts.append(f"Sockelbetrag {euro(detail.base)}, dazu der Anteil am Rest.")
    if detail.bound is not None:
        parts.append(_bound(detail, euro))
    elif detail.method is Method.HARE_NIEMEYER:
        parts.extend(_largest_remainder(detail, euro))
    else:
        parts.extend(_divisor(detail, euro))
    if detail.tie is not None:
        parts.append(_tie(detail, tie_rule))
    return " ".join(parts)


def transition_text(
    transition: Transition, row: int, labels: Sequence[str] | None = None, tie_rule: str = ROW_ORDER_RULE
) -> str:
    """What the transition rules did to one row, then how the key it started from gave its amount.

    E.g. ``Zeile 1: 450 € mit Übergangsregeln; nach dem Schlüssel ohne Regel 100 €, Differenz +350 €.
    Verlustbegrenzung 10 %: mindestens 450 € …``.
    """
    key = _explanation(transition.key, row, tie_rule).removeprefix(f"Zeile {row + 1}: ")
    text = " ".join(_transition_sentences(transition, row)) + " Der Schlüssel, von dem die Regeln ausgehen: " + key
    return _named(text, labels) if labels is not None else text


def _transition_sentences(transition: Transition, row: int) -> list[str]:
    detail = transition.rows[row]
    euro = EuroText(transition.unit)
    sign = "+" if detail.difference > 0 else ""
    parts = [
        f"Zeile {row + 1}: {euro(detail.total)} mit Übergangsregeln; nach dem Schlüssel ohne Regel "
        f"{euro(detail.without)}, Differenz {sign}{euro(detail.difference)}."
    ]
    if transition.phase_in is not None:
        old = transition.phase_in
        parts.append(
            f"Übergangsanteil {_percent(old)}: Anteil = {_percent(old)} × Anteil am Vorjahr + "
            f"{_percent(1 - old)} × Anteil am Gewicht; darauf beruht der Betrag nach dem Schlüssel "
            f"{euro(transition.key.units[row])}."
        )
    if detail.minimum is not None:
        parts.append(
            f"Verlustbegrenzung {_percent(transition.max_loss)}: mindestens {euro(detail.minimum)} "
            f"(Vorjahr {euro(detail.previous)} abzüglich {_percent(transition.max_loss)}, aufgerundet)."
        )
        if detail.capped_loss:
            parts.append(_who_paid(transition, detail, euro))
    if detail.maximum is not None:
        parts.append(
            f"Zuwachsbegrenzung {_percent(transition.max_gain)}: höchstens {euro(detail.maximum)} "
            f"(Vorjahr {euro(detail.previous)} zuzüglich {_percent(transition.max_gain)}, abgerundet)"
            + ("; sie greift, der Rest geht an die übrigen Zeilen." if detail.capped_gain and
               transition.key.units[row] == detail.maximum else ".")
        )
    if transition.financing == "gainers" and transition.gain_rate is not None and detail.units < transition.key.units[row]:
        rate = transition.gain_rate
        parts.append(
            f"Diese Zeile gewinnt gegenüber dem Vorjahr und trägt die Verlustbegrenzung mit: Ihr Zuwachs ist auf die "
            f"für alle Gewinner gleiche Rate {_percent(rate)} des Vorjahres begrenzt, höchstens "
            f"{euro(detail.previous * (1 + rate))}, auf die Einheit gerundet nach den größten Resten: "
            f"{euro(detail.units)} statt {euro(transition.key.units[row])}."
        )
    return parts


def _who_paid(transition: Transition, detail, euro: EuroText) -> str:
    if transition.financing == "fund":
        return (
            f"Der Schlüssel gibt {euro(detail.units)}; den Rest von {euro(detail.top_up)} zahlt der Härtefonds "
            f"außerhalb des Budgets (insgesamt {euro(transition.fund_units)})."
        )
    if transition.financing == "gainers":
        return (
            f"Die Zeile wird auf {euro(detail.minimum)} angehoben; das zahlen die Zeilen, die gegenüber dem Vorjahr "
            f"gewinnen, mit einer einheitlichen Zuwachsrate von {_percent(transition.gain_rate)}."
        )
    return (
        f"Die Zeile erhält genau {euro(detail.minimum)}; das Geld dafür tragen alle übrigen Zeilen, unter denen der "
        "Rest nach dem Verfahren verteilt wird."
    )


def _percent(rate: Fraction) -> str:
    return german_number(Fraction(rate) * 100, 4) + " %"


class EuroText:
    """Units of an allocation as euro text, e.g. ``6.687.722 €``, ``0,01 €`` or ``1.736.123,456789… €``."""

    def __init__(self, unit: Fraction) -> None:
        self.unit = unit

    def __call__(self, units: int | Fraction) -> str:
        return self.of_euros(Fraction(units) * self.unit)

    @staticmethod
    def of_euros(value) -> str:
        return exact_number_text(value) + " €"

    @property
    def unit_text(self) -> str:
        return self(1)


def exact_number_text(value) -> str:
    """An exact value in German notation; one whose decimals do not end is cut at six places and marked "…"."""
    return german_number(decimal_of(Fraction(value)))


def _share(detail: RowExplanation) -> str:
    return german_number(detail.share * 100, 4) + " %"


def _largest_remainder(detail: RowExplanation, euro: EuroText) -> list[str]:
    sentences = [
        f"Exakte Quote {euro(detail.quota)} (Anteil {_share(detail)}); abgerundet {euro(detail.floor)}."
    ]
    extra = detail.extra_units
    if extra <= 0:
        sentences.append("Nach dem Abrunden blieb kein Betrag übrig.")
        return sentences
    units_text = "der übrige Betrag" if extra == 1 else f"die {german_number(extra)} übrigen Beträge"
    ranks = "Rang 1" if extra == 1 else f"die Ränge 1 bis {german_number(extra)}"
    sentences.append(
        f"Der Rest {euro(detail.remainder)} steht auf Rang {german_number(detail.rank)} "
        f"von {german_number(detail.remainder_rows)}; {units_text} zu je {euro.unit_text} "
        f"{'geht' if extra == 1 else 'gehen'} an {ranks}."
    )
    if detail.got_extra:
        sentences.append(f"Daher {euro(detail.floor)} + {euro.unit_text}.")
    else:
        sentences.append(f"Daher bleibt es bei {euro(detail.floor)}.")
    return sentences


def _divisor(detail: RowExplanation, euro: EuroText) -> list[str]:
    multiplier = detail.multiplier
    rounding = "abgerundet" if detail.method is Method.DHONDT else "kaufmännisch gerundet"
    sentences = [f"Exakte Quote {euro(detail.quota)} (Anteil {_share(detail)})."]
    if not multiplier:
        sentences.append("Ohne Gewicht erhält die Zeile nichts.")
        return sentences
    divisor = 1 / multiplier
    product = detail.weight * multiplier
    sentences.append(
        f"Divisor {german_number(divisor)}: Gewicht {german_number(detail.weight)} ÷ Divisor = "
        f"{german_number(product)} Beträge zu je {euro.unit_text}, {rounding} "
        f"{german_number(detail.units - detail.base)}."
    )
    return sentences


def _bound(detail: RowExplanation, euro: EuroText) -> str:
    name = "Untergrenze (Mindestbetrag)" if detail.bound == "lower" else "Obergrenze (Höchstbetrag)"
    return (
        f"Die {name} greift: die Zeile erhält genau {euro(detail.units)}; "
        "der Rest des Budgets wird unter den übrigen Zeilen verteilt."
    )


def _tie(detail: RowExplanation, tie_rule: str) -> str:
    tie = detail.tie
    others = [r for r in tie.rows if r != detail.row]
    won = detail.row in tie.winners
    outcome = (
        "diese Zeile erhielt den umstrittenen Betrag"
        if won
        else f"der umstrittene Betrag ging an {row_list(tie.winners)}"
    )
    return (
        f"Gleichstand mit {row_list(others)} (exakt gleicher Anspruch): {tie_rule}, {outcome}."
    )


def _named(text: str, labels: Sequence[str]) -> str:
    def replace(match: re.Match) -> str:
        numbers = [int(n) for n in re.findall(r"\d+", match.group("numbers"))]
        names = [labels[n - 1] if 0 < n <= len(labels) else f"Zeile {n}" for n in numbers]
        return ", ".join(names) + (match.group("more") or "")

    return re.sub(ROW_REFERENCE, replace, text)
'''

# ---- xl_funcs/table/model.py -------------------------------------------------
MODULES['xl_funcs.table.model'] = r'''"""Tables as immutable data: what a published table says, before anyone draws it.

A Document is one or more Tables (one sheet each). Values stay exact (ints,
Fractions, Decimals, dates, text); how they look is said by each column's
Excel number format, which every renderer reads: the xlsx writer stores it,
the CSV writer turns it into German number text, the book renderer sends it
to Excel. Renderers never compute a figure, they only draw these values.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Union


class ColumnKind(enum.Enum):
    """What a column holds; decides how a value is converted for a file."""

    TEXT = "text"  # words; Excel format "@" is not forced
    KEY = "key"  # digits that must stay text ("08111", leading zero)
    NUMBER = "number"  # counts, shares, ratios: exact numbers shown by the number format
    AMOUNT = "amount"  # money in whole euros (int) or exact Decimals


class RowRole(enum.Enum):
    DATA = "data"
    SUBTOTAL = "subtotal"
    TOTAL = "total"
    SECTION = "section"  # a heading inside a table, text in the first cell only
    HIGHLIGHT = "highlight"  # the one value the eye must find first (a Kreis's amount)


@dataclass(frozen=True)
class Cell:
    """A value with its own number format, where one column holds mixed kinds of values."""

    value: "Value"
    number_format: str | None = None


Value = Union[str, int, Decimal, Fraction, date, None]
CellValue = Union[Value, Cell]


@dataclass(frozen=True)
class Column:
    key: str  # stable name for code ("amount"), never shown
    header: str  # shown; "\n" marks a line break in the heading
    kind: ColumnKind
    number_format: str  # Excel notation ("#,##0 \"€\"", "0.00 %", "@", "General")
    width: float  # in characters of the standard font, as Excel counts column widths
    align: str = "left"  # left | right | center

    @property
    def header_line(self) -> str:
        """The heading on one line, for CSV and messages: "Kreis-\nschlüssel" -> "Kreisschlüssel"."""
        text = ""
        for part in (part.strip() for part in self.header.split("\n")):
            if text.endswith("-") and part[:1].islower():
                text = text[:-1] + part
            else:
                text = f"{text} {part}" if text else part
        return text


@dataclass(frozen=True)
class Row:
    cells: tuple[CellValue, ...]
    role: RowRole = RowRole.DATA


@dataclass(frozen=True)
class PrintSettings:
    paper: str = "A4"
    orientation: str = "portrait"  # portrait | landscape
    fit_to_width: bool = True  # all columns on one page; as many pages down as needed
    repeat_header: bool = True  # the column headings on every printed page
    footer_left: str = ""
    footer_center: str = ""
    footer_right: str = ""
    margins_cm: tuple[float, float, float, float] = (1.5, 1.5, 1.5, 1.5)  # left, right, top, bottom


@dataclass(frozen=True)
class Table:
    """One sheet: a heading block, a grid of columns and rows, footnotes below."""

    sheet_name: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    subtitle: str = ""
    notes: tuple[str, ...] = ()  # lines under the title: Stand, provisional note
    warnings: tuple[str, ...] = ()  # lines that must not be overlooked, e.g. that the data is invented
    footnotes: tuple[str, ...] = ()
    print_settings: PrintSettings = field(default_factory=PrintSettings)

    def __post_init__(self) -> None:
        width = len(self.columns)
        for number, row in enumerate(self.rows, start=1):
            if len(row.cells) != width:
                raise ValueError(f"row {number} has {len(row.cells)} cells for {width} columns")
        keys = [column.key for column in self.columns]
        if len(set(keys)) != len(keys):
            raise ValueError(f"column keys are not unique: {keys}")
        if len(self.sheet_name) > 31 or any(ch in self.sheet_name for ch in "[]:*?/\\"):
            raise ValueError(f"not a valid sheet name: {self.sheet_name!r}")

    def column_index(self, key: str) -> int:
        for index, column in enumerate(self.columns):
            if column.key == key:
                return index
        raise KeyError(key)

    def has_column(self, key: str) -> bool:
        return any(column.key == key for column in self.columns)

    def rows_with(self, role: RowRole) -> tuple[Row, ...]:
        return tuple(row for row in self.rows if row.role is role)

    def values(self, key: str, role: RowRole = RowRole.DATA) -> tuple[Value, ...]:
        """The plain values of one column over the rows of one role."""
        index = self.column_index(key)
        return tuple(plain_value(row.cells[index]) for row in self.rows if row.role is role)

    def with_rows(self, rows) -> "Table":
        return replace(self, rows=tuple(rows))


@dataclass(frozen=True)
class Document:
    """What one file holds: sheets in order, and the properties every renderer stamps on it."""

    title: str
    file_stem: str  # file name without extension, e.g. "Mittelverteilung_Integrationsmanagement_2025"
    stand: date  # the date the document states; also every timestamp inside the files
    sheets: tuple[Table, ...]
    author: str = ""  # never a person: the program or the authority
    language: str = "de-DE"
    subject: str = ""
    keywords: str = ""
    charts: tuple = ()  # xl_funcs.charts models, each drawn on its own sheet after the tables
    publisher: str = ""  # the issuing authority (and its department), for the document properties
    contact: str = ""  # how to reach it, for the document properties

    def __post_init__(self) -> None:
        names = [sheet.sheet_name.casefold() for sheet in self.sheets]
        names += [chart.sheet_name.casefold() for chart in self.charts]
        if len(set(names)) != len(names):
            raise ValueError("sheet names are not unique")
        if not self.sheets:
            raise ValueError("a document needs at least one sheet")

    def sheet(self, name: str) -> Table:
        for table in self.sheets:
            if table.sheet_name == name:
                return table
        raise KeyError(name)


def plain_value(cell: CellValue) -> Value:
    return cell.value if isinstance(cell, Cell) else cell


def cell_format(cell: CellValue, column: Column) -> str:
    if isinstance(cell, Cell) and cell.number_format is not None:
        return cell.number_format
    return column.number_format
'''

# ---- xl_funcs/table/official.py ----------------------------------------------
MODULES['xl_funcs.table.official'] = r'''"""The official table "Vorläufige Mittelverteilung Integrationsmanagement <Jahr>" from a Calculation.

Two sheets: the table itself and "Berechnungsgrundlagen" (parameters, the
method in words, bounds and ties that decided an amount, the inputs' SHA-256,
the program version). Every figure comes from the Calculation; this module
only arranges, sums for subtotals, and words.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from .. import __version__
from ..calculation import Calculation, DistrictResult, Totals, totals
from ..charts import publication_charts
from ..engine.exact import decimal_of, whole_or_exact
from ..engine.notation import german_number
from .model import (
    Cell,
    Column,
    ColumnKind,
    Document,
    PrintSettings,
    Row,
    RowRole,
    Table,
)
from .templates import fill, styles, texts
from .text import german_date, percent_text


def official_document(calculation: Calculation) -> Document:
    """Both sheets and the charts, with the file properties every renderer stamps on the output."""
    words = texts()["dokument"]
    p = calculation.inputs.parameters
    table = official_table(calculation)
    return Document(
        title=table.title,
        file_stem=fill(words["dateiname"], jahr=p.year),
        stand=p.stand,
        sheets=(table, basis_table(calculation)),
        author=p.issuer or fill(words["autor"], version=__version__),
        language=words["sprache"],
        subject=words["betreff"],
        keywords=fill(words["stichworte"], jahr=p.year),
        charts=publication_charts(calculation),
        publisher=publisher_of(p),
        contact=p.contact,
    )


def official_table(calculation: Calculation) -> Table:
    words = texts()["tabelle"]
    p = calculation.inputs.parameters
    title = fill(texts()["dokument"]["titel"], jahr=p.year)
    columns = official_columns(calculation)
    keys = [column.key for column in columns]

    rows: list[Row] = []
    number = 0
    for region, results in _groups(calculation):
        for result in results:
            number += 1
            rows.append(_row(keys, _data_cells(number, result)))
        if region is not None:
            label = fill(words["zwischensumme"], bezirk=region)
            rows.append(_row(keys, _sum_cells(label, totals(results)), RowRole.SUBTOTAL))
    total = totals(calculation.rows)
    if total.amount != whole_or_exact(calculation.allocation.budget):
        raise AssertionError("the amounts do not add up to the budget")  # the engine guarantees it
    rows.append(_row(keys, _sum_cells(words["summe"], total), RowRole.TOTAL))

    notes = (fill(words["stand"], datum=german_date(p.stand)), fill(words["vorbehalt"], jahr=p.year))
    notes += issuer_lines(p)
    return Table(
        sheet_name=fill(words["blatt"], jahr=p.year),
        title=title,
        subtitle=words["untertitel"],
        notes=notes,
        warnings=_warnings(p),
        columns=columns,
        rows=tuple(rows),
        footnotes=_footnotes(calculation),
        print_settings=_print_settings(title, p.stand, styles()["druck"]),
    )


def official_columns(calculation: Calculation) -> tuple[Column, ...]:
    """The columns of the official table; the previous year's three only where its amounts exist."""
    p = calculation.inputs.parameters
    look = styles()
    formats = look["zahlenformate"]
    whole_references = all(r.reference.denominator == 1 for r in calculation.rows)
    reference_format = formats["anzahl" if whole_references else "anzahl_bruch"]
    cents = not all(_whole_or_none(r.amount) for r in calculation.rows)
    previous_cents = not all(_whole_or_none(r.previous) for r in calculation.rows)
    kinds = {
        "nr": (ColumnKind.NUMBER, formats["nummer"]),
        "key": (ColumnKind.KEY, formats["text"]),
        "name": (ColumnKind.TEXT, formats["text"]),
        "kind": (ColumnKind.TEXT, formats["text"]),
        "region": (ColumnKind.TEXT, formats["text"]),
        "reference": (ColumnKind.NUMBER, reference_format),
        "share": (ColumnKind.NUMBER, formats["anteil"]),
        "amount": (ColumnKind.AMOUNT, formats["betrag_cent" if cents else "betrag"]),
        "previous": (ColumnKind.AMOUNT, formats["betrag_cent" if previous_cents else "betrag"]),
        "change": (
            ColumnKind.AMOUNT,
            formats["veraenderung_betrag_cent" if cents or previous_cents else "veraenderung_betrag"],
        ),
        "change_ratio": (ColumnKind.NUMBER, formats["veraenderung_anteil"]),
    }
    fields = dict(jahr=p.year, vorjahr=p.previous_year, bezug_kurz=_reference_short(calculation))
    columns = []
    for spec in texts()["tabelle"]["spalten"]:
        if spec.get("nur_mit_vorjahr") and not calculation.has_previous:
            continue
        key = spec["schluessel"]
        kind, number_format = kinds[key]
        columns.append(
            Column(
                key=key,
                header=fill(spec["kopf"], **fields),
                kind=kind,
                number_format=number_format,
                width=float(look["breiten"][key]),
                align=look["ausrichtung"].get(key, "left"),
            )
        )
    return tuple(columns)


def basis_table(calculation: Calculation) -> Table:
    """Sheet "Berechnungsgrundlagen": everything needed to retrace the amounts by hand."""
    words = texts()["grundlagen"]
    inputs = calculation.inputs
    p = inputs.parameters
    formats = styles()["zahlenformate"]
    title = fill(texts()["dokument"]["titel"], jahr=p.year)
    yes, no = words["ja"], words["nein"]
    whole_euros = all(isinstance(whole_or_exact(value), int) for value in (p.budget, p.unit, p.base))
    money = formats["betrag" if whole_euros else "betrag_cent"]

    rows: list[Row] = [_section(words["abschnitt_parameter"])]

    def line(label: str, value) -> None:
        rows.append(Row((label, value)))

    line(words["haushaltsjahr"], Cell(p.year, formats["nummer"]))
    line(words["budget"], Cell(whole_or_exact(p.budget), money))
    line(words["verfahren"], p.method.label)
    line(words["einheit"], Cell(whole_or_exact(p.unit), money))
    line(words["bezugszeitraum"], p.reference_period)
    line(words["gewichtung"], _year_weights_text(p) or words["gewichtung_gleich"])
    line(words["sockel"], Cell(whole_or_exact(p.base), money))
    line(
        words["verlustbegrenzung"],
        words["verlustbegrenzung_keine"] if p.loss_cap is None else Cell(Fraction(p.loss_cap), formats["anteil"]),
    )
    _transition_parameter_lines(calculation, line, money, formats)
    line(words["kreise"], Cell(len(inputs.districts), formats["nummer"]))
    total_reference = calculation.total_reference
    line(
        words["bezug_summe"],
        Cell(total_reference, formats["anzahl"] if total_reference.denominator == 1 else formats["anzahl_bruch"]),
    )
    if calculation.previous_total is not None:
        line(fill(words["vorjahr_summe"], vorjahr=p.previous_year), Cell(whole_or_exact(calculation.previous_total), money))
    line(words["zwischensummen"], yes if p.subtotals else no)
    line(words["stand"], Cell(p.stand, formats["datum"]))
    if p.source_note:
        line(words["datenquelle"], p.source_note)
    line(words["beispieldaten"], yes if p.sample_data else no)

    rows.append(_section(words["abschnitt_verfahren"]))
    for number, sentence in enumerate(method_in_words(calculation), start=1):
        line(f"{number}.", sentence)

    rows.append(_section(words["abschnitt_grenzen"]))
    bounded = [r for r in calculation.rows if r.explanation.bound is not None]
    if not bounded:
        line("", words["keine_grenze"])
    for result in bounded:
        side = words["untergrenze"] if result.explanation.bound == "lower" else words["obergrenze"]
        line(result.district.label, side)

    if calculation.transition is not None:
        rows.append(_section(words["abschnitt_uebergang"]))
        changed = transition_lines(calculation)
        if not changed:
            line("", words["kein_uebergang"])
        for label, text in changed:
            line(label, text)

    rows.append(_section(words["abschnitt_gleichstand"]))
    if not calculation.ties:
        line("", words["kein_gleichstand"])
    for number, sentence in enumerate(tie_sentences(calculation), start=1):
        line(f"{number}.", sentence)

    rows.append(_section(words["abschnitt_pruefung"]))
    line(words["pruefsumme"], inputs.digest)
    line("", words["pruefsumme_hinweis"])
    line(words["programm"], fill(words["programm_wert"], version=__version__))

    look = styles()
    settings = _print_settings(title, p.stand, {**look["druck"], **look["grundlagen"]["druck"]})
    return Table(
        sheet_name=words["blatt"],
        title=fill(words["titel"], titel=title),
        notes=(fill(texts()["tabelle"]["stand"], datum=german_date(p.stand)), *issuer_lines(p)),
        # No second sample-data notice: the table above carries it, and "Beispieldaten: ja" stands here.
        columns=(
            Column("label", words["spalte_angabe"], ColumnKind.TEXT, formats["text"], float(look["breiten"]["angabe"])),
            Column("value", words["spalte_wert"], ColumnKind.TEXT, formats["text"], float(look["breiten"]["wert"])),
        ),
        rows=tuple(rows),
        print_settings=settings,
    )


def method_in_words(calculation: Calculation) -> tuple[str, ...]:
    """The rule as sentences a person can follow with a pocket calculator."""
    words = texts()["grundlagen"]["methode"]
    p = calculation.inputs.parameters
    if p.unit == 1:
        unit_words = words["einheit_euro"]
    else:
        unit_words = fill(words["einheit_vielfaches"], einheit=german_number(p.unit))
    fields = dict(
        bezug=_reference_text(calculation, words),
        einheit_wort=unit_words,
        budget=german_number(whole_or_exact(p.budget)),
    )
    sentences = [fill(sentence, **fields) for sentence in words[p.method.value]]
    # The tie rule goes before the closing sentence about the sum.
    sentences.insert(len(sentences) - 1, tie_rule_sentence(p))
    if p.base:
        sentences.append(fill(words["sockel"], sockel=german_number(whole_or_exact(p.base))))
    sentences.extend(_transition_sentences(calculation, words, unit_words))
    bounded = any(d.lower is not None or d.upper is not None for d in calculation.inputs.districts)
    capped = p.max_gain is not None or (p.loss_cap is not None and p.financing == "all")
    if bounded or capped:
        quota = p.bound_rule == "quota" and p.method.value == "hare-niemeyer"
        sentences.append(words["grenzen_quote" if quota else "grenzen"])
    return tuple(sentences)


def tie_rule_sentence(p) -> str:
    """The published sentence on exact ties, from the parameters that decide them."""
    return fill(texts()["grundlagen"]["methode"]["gleichstand"][p.tie_rule], losnummer=p.seed or "")


def tie_rule_reason(p) -> str:
    """The same rule as a clause: "…, weil {reason}."."""
    return fill(texts()["grundlagen"]["methode"]["gleichstand_grund"][p.tie_rule], losnummer=p.seed or "")


def transition_lines(calculation: Calculation) -> list[tuple[str, str]]:
    """Per Kreis whose amount a transition rule changed: without the rule, with it, the difference."""
    words = texts()["grundlagen"]
    transition = calculation.transition
    if transition is None:
        return []
    euro = lambda units: german_number(whole_or_exact(decimal_of(units * transition.unit))) + " €"  # noqa: E731
    lines = []
    for result, row in zip(calculation.rows, transition.rows):
        if row.difference == 0 and not row.top_up:
            continue
        values = dict(
            ohne=euro(row.without),
            mit=euro(row.units),
            fonds=euro(row.top_up),
            zusammen=euro(row.total),
            differenz=("+" if row.difference > 0 else "") + euro(row.difference),
        )
        template = words["uebergang_zeile_fonds" if transition.financing == "fund" else "uebergang_zeile"]
        lines.append((result.district.label, fill(template, **values)))
    return lines


def _transition_parameter_lines(calculation: Calculation, line, money, formats) -> None:
    """The parameters of the transition rules and conventions, on the Berechnungsgrundlagen sheet."""
    words = texts()["grundlagen"]
    p = calculation.inputs.parameters
    transition = calculation.transition
    if p.loss_cap is not None:
        line(words["finanzierung"], words[f"finanzierung_{p.financing}"])
    if p.max_gain is not None:
        line(words["zuwachsbegrenzung"], Cell(Fraction(p.max_gain), formats["anteil"]))
    if p.phase_in is not None:
        line(words["uebergangsanteil"], Cell(Fraction(p.phase_in), formats["anteil"]))
    if transition is not None and transition.gain_rate is not None:
        line(words["gewinnrate"], Cell(transition.gain_rate, formats["anteil"]))
    if transition is not None and transition.financing == "fund":
        line(words["fonds"], Cell(whole_or_exact(transition.fund), money))
    if transition is not None:
        moved = transition.moved_units * transition.unit
        line(words["bewegt"], Cell(whole_or_exact(decimal_of(moved)), money))
    line(words["gleichstandsregel"], words[f"gleichstandsregel_{p.tie_rule}"])
    if p.tie_rule == "lot":
        line(words["losnummer"], p.seed or "")
    if p.bound_rule != "redistribute":
        line(words["grenzregel"], words[f"grenzregel_{p.bound_rule}"])


def _transition_sentences(calculation: Calculation, words: dict, unit_words: str) -> list[str]:
    p = calculation.inputs.parameters
    transition = calculation.transition
    fields = dict(vorjahr=p.previous_year, einheit_wort=unit_words)
    sentences = []
    if p.phase_in is not None:
        old = Fraction(p.phase_in)
        sentences.append(
            fill(words["uebergang"], alt=percent_text(old, places=None), neu=percent_text(1 - old, places=None), **fields)
        )
    if p.loss_cap is not None:
        percent = percent_text(Fraction(p.loss_cap), places=None)
        if p.financing == "gainers":
            rate = None if transition is None else transition.gain_rate
            if rate is None:
                sentences.append(fill(words["verlust_gewinner_ohne"], prozent=percent, **fields))
            else:
                sentences.append(fill(words["verlust_gewinner"], prozent=percent, rate=_rate_text(rate), **fields))
        elif p.financing == "fund":
            fund = 0 if transition is None else transition.fund
            sentences.append(fill(words["verlust_fonds"], prozent=percent, fonds=german_number(whole_or_exact(fund)), **fields))
        else:
            sentences.append(fill(words["verlust_alle"], prozent=percent, **fields))
    if p.max_gain is not None:
        sentences.append(fill(words["zuwachs"], prozent=percent_text(Fraction(p.max_gain), places=None), **fields))
    return sentences


def _rate_text(rate: Fraction) -> str:
    """A rate in percent, exact where it ends, else to four places marked "…"."""
    return german_number(rate * 100, 4)


def tie_sentences(calculation: Calculation) -> tuple[str, ...]:
    words = texts()["grundlagen"]
    districts = calculation.inputs.districts
    unit = calculation.allocation.unit
    sentences = []
    reason = tie_rule_reason(calculation.inputs.parameters)
    for tie in calculation.ties:
        value = tie.value * unit if not calculation.allocation.method.is_divisor_method else tie.value
        sentences.append(
            fill(
                words["gleichstand"],
                wert=german_number(value),
                gewinner=", ".join(districts[i].label for i in tie.winners),
                verlierer=", ".join(districts[i].label for i in tie.losers),
                regel=reason,
            )
        )
    return tuple(sentences)


# --- rows ---------------------------------------------------------------------------------------


def _groups(calculation: Calculation):
    """(region, results) in the order of the input; one group without a region when no subtotals."""
    if not calculation.inputs.parameters.subtotals:
        return [(None, calculation.rows)]
    order: dict[str, list[DistrictResult]] = {}
    for result in calculation.rows:
        order.setdefault(result.district.region, []).append(result)
    return list(order.items())


def _data_cells(number: int, result: DistrictResult) -> dict:
    d = result.district
    previous = None if result.previous is None else whole_or_exact(result.previous)
    change = None if result.change is None else whole_or_exact(result.change)
    return {
        "nr": number,
        "key": d.key,
        "name": d.name,
        "kind": d.kind,
        "region": d.region,
        "reference": result.reference,
        "share": result.shown_share,
        "amount": whole_or_exact(result.amount),
        "previous": previous,
        "change": change,
        "change_ratio": result.change_ratio,
    }


def _sum_cells(label: str, sums: Totals) -> dict:
    return {
        "name": label,
        "reference": sums.reference,
        "share": sums.shown_share,
        "amount": whole_or_exact(sums.amount),
        "previous": None if sums.previous is None else whole_or_exact(sums.previous),
        "change": None if sums.change is None else whole_or_exact(sums.change),
        "change_ratio": sums.change_ratio,
    }


def _row(keys: list[str], values: dict, role: RowRole = RowRole.DATA) -> Row:
    return Row(tuple(values.get(key) for key in keys), role)


def _section(text: str) -> Row:
    return Row((text, None), RowRole.SECTION)


# --- wording ------------------------------------------------------------------------------------


def _footnotes(calculation: Calculation) -> tuple[str, ...]:
    words = texts()["fussnoten"]
    p = calculation.inputs.parameters
    notes = [_reference_text(calculation, words)]
    unit_words = texts()["einheit"]
    if p.unit == 1:
        unit_text = unit_words["euro"]
    elif p.unit == Decimal("0.01"):
        unit_text = unit_words["cent"]
    else:
        unit_text = fill(unit_words["vielfaches"], einheit=german_number(p.unit))
    budget = german_number(whole_or_exact(p.budget))
    notes.append(fill(words["verfahren"], verfahren=p.method.label, einheit=unit_text, budget=budget))
    notes.append(words["anteil"])
    if p.base:
        notes.append(fill(words["sockel"], sockel=german_number(whole_or_exact(p.base))))
    transition = calculation.transition
    if p.phase_in is not None:
        old = Fraction(p.phase_in)
        notes.append(fill(words["uebergang"], alt=percent_text(old, places=None), neu=percent_text(1 - old, places=None)))
    if p.loss_cap is not None:
        percent = percent_text(Fraction(p.loss_cap), places=None)
        if p.financing == "gainers" and transition is not None and transition.gain_rate is not None:
            notes.append(fill(words["verlustbegrenzung_gewinner"], prozent=percent, rate=_rate_text(transition.gain_rate)))
        elif p.financing == "fund" and transition is not None:
            fund = german_number(whole_or_exact(transition.fund))
            notes.append(fill(words["verlustbegrenzung_fonds"], prozent=percent, fonds=fund))
        else:
            notes.append(fill(words["verlustbegrenzung"], prozent=percent))
    if p.max_gain is not None:
        notes.append(fill(words["zuwachsbegrenzung"], prozent=percent_text(Fraction(p.max_gain), places=None)))
    bounded = sum(1 for r in calculation.rows if r.explanation.bound is not None)
    if bounded:
        notes.append(fill(words["grenzen"], anzahl=bounded))
    if calculation.ties:
        notes.append(fill(words["gleichstand"], satz=tie_rule_sentence(p)))
    elif p.tie_rule != "key":
        notes.append(fill(words["gleichstandsregel"], satz=tie_rule_sentence(p)))
    if calculation.has_previous and any(r.change_ratio is None for r in calculation.rows):
        notes.append(words["kein_vorjahr"])
    if p.source_note:
        notes.append(fill(words["datenquelle"], quelle=p.source_note))
    return tuple(notes)  # the sample-data notice is in the heading (warnings), once


def publisher_of(p) -> str:
    """Herausgeber and Referat for the document properties ("" when neither is given)."""
    return ", ".join(part for part in (p.issuer, p.department) if part)


def issuer_lines(p) -> tuple[str, ...]:
    """The issuing authority for a title block: one line of Herausgeber, Referat, Kontakt (what is given)."""
    words = texts()["tabelle"]
    parts = [
        fill(words[key], wert=value)
        for key, value in (("herausgeber", p.issuer), ("referat", p.department), ("kontakt", p.contact))
        if value
    ]
    return (words["herausgeber_trenner"].join(parts),) if parts else ()


def _warnings(p) -> tuple[str, ...]:
    return (texts()["tabelle"]["beispieldaten"],) if p.sample_data else ()


def _reference_variant(calculation: Calculation) -> str:
    p = calculation.inputs.parameters
    if len(p.reference_years) == 1:
        return "ein_jahr"
    if p.year_weights is None or len(set(p.year_weights)) == 1:
        return "mittelwert"
    return "gewichtet"


def _year_weights_text(p) -> str:
    if p.year_weights is None or len(set(p.year_weights)) == 1:
        return ""
    return "; ".join(f"{year}: {german_number(weight)}" for year, weight in zip(p.reference_years, p.year_weights))


def _reference_short(calculation: Calculation) -> str:
    p = calculation.inputs.parameters
    variant = _reference_variant(calculation)
    return fill(texts()["bezug"][variant], von=p.reference_years[0], zeitraum=p.reference_period)


def _reference_text(calculation: Calculation, words: dict) -> str:
    """The reference count in words, from ``words["bezug_<variant>"]`` (footnote or method text)."""
    p = calculation.inputs.parameters
    variant = _reference_variant(calculation)
    return fill(words[f"bezug_{variant}"], zeitraum=p.reference_period, gewichte=_year_weights_text(p))


def _print_settings(title: str, stand, settings: dict) -> PrintSettings:
    words = texts()["tabelle"]
    return PrintSettings(
        paper=settings["papier"],
        orientation=settings["ausrichtung"],
        fit_to_width=True,
        repeat_header=True,
        footer_left=fill(words["fusszeile_links"], datum=german_date(stand)),
        footer_center=words["fusszeile_mitte"],
        footer_right=fill(words["fusszeile_rechts"], titel=title.replace("&", "&&")),
        margins_cm=tuple(float(x) for x in settings["raender"]),
    )


def _whole_or_none(value) -> bool:
    return value is None or isinstance(whole_or_exact(value), int)
'''

# ---- xl_funcs/table/templates.py ---------------------------------------------
MODULES['xl_funcs.table.templates'] = r'''"""The texts and styles of the published tables, read from ``templates/*.toml`` at the repository root.

Wording and looks are data, not code, so that one edit changes every output
(xlsx, PDF, CSV and the sheet drawn into an open workbook) at once.
Where no files lie next to the code (xlwings Lite keeps everything in one
``main.py``), the bundle carries the TOML files as package data of ``xl_funcs``
in the folder ``PACKAGE_FOLDER``, read through importlib.resources.
"""

from __future__ import annotations

import functools
import tomllib
from importlib import resources
from pathlib import Path

from ..os_errors import german_os_reason

TEXTS = "amtliche_tabelle.toml"
STYLES = "stile.toml"
DISTRICTS = "kreis_arbeitsmappe.toml"  # the Kreis workbooks (xl_funcs.districts)
SCENARIOS = "szenarienvergleich.toml"  # the comparison of variants (xl_funcs.scenarios)
PAYMENTS = "auszahlung.toml"  # instalment plan, settlement and what changed (xl_funcs.payments)
TEMPLATE_FILES = (TEXTS, STYLES, DISTRICTS, SCENARIOS, PAYMENTS)
PACKAGE_FOLDER = "templates"

# Lite executes the bundled source without a file behind it, hence no __file__ there.
_SOURCE = globals().get("__file__")
_CHECKOUT = Path(_SOURCE).resolve().parents[2] / "templates" if _SOURCE else None
# A checkout (or editable install) reads the files at the root; an installed wheel and Lite carry them as package data.
TEMPLATE_DIR = _CHECKOUT if _CHECKOUT and _CHECKOUT.is_dir() else resources.files("xl_funcs") / PACKAGE_FOLDER

# File name -> TOML text; consulted before TEMPLATE_DIR (lets a test try an edit without touching the files).
EMBEDDED: dict[str, str] = {}


class TemplateError(Exception):
    """A template file is missing or not valid TOML; the message is German."""


@functools.lru_cache(maxsize=None)
def load(name: str) -> dict:
    text = EMBEDDED.get(name)
    if text is None:
        path = TEMPLATE_DIR / name
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise TemplateError(f"Die Vorlage {path} kann nicht gelesen werden ({german_os_reason(error)}).") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TemplateError(f"Die Vorlage {name} ist kein gültiges TOML: {error}") from None


def texts() -> dict:
    return load(TEXTS)


def styles() -> dict:
    return load(STYLES)


def fill(template: str, **values) -> str:
    """``"Mittel {jahr}"`` with ``jahr=2025`` -> ``"Mittel 2025"``; a missing field is an error."""
    return template.format_map(values)
'''

# ---- xl_funcs/table/text.py --------------------------------------------------
MODULES['xl_funcs.table.text'] = r'''"""Exact values as the German text a reader sees, following a column's Excel number format.

Used where a renderer writes text instead of numbers (CSV) and for wording
(footnotes, dates). Rounding is done on the exact value, half away from zero
as Excel displays it, never through floats.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

from ..engine import round_half_away
from ..engine.notation import german_number


def german_date(value: date) -> str:
    return f"{value.day:02d}.{value.month:02d}.{value.year}"


WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")


def german_weekday(value: date) -> str:
    """The weekday's German name, independent of the locale."""
    return WEEKDAYS[value.weekday()]


@dataclass(frozen=True)
class NumberPattern:
    """What matters of an Excel number format for writing a number as text."""

    places: int
    percent: bool
    grouping: bool
    date: bool
    text: bool


_QUOTED = re.compile(r'"[^"]*"|\\.')


def number_pattern(number_format: str) -> NumberPattern:
    """``'#,##0 "€"'`` -> 0 places, grouped; ``'0.00 %'`` -> 2 places, percent (first section only)."""
    section = _QUOTED.sub("", number_format.split(";")[0])
    if section.strip() == "@":
        return NumberPattern(0, False, False, False, True)
    lowered = section.lower()
    is_date = any(token in lowered for token in ("yy", "dd", "mm")) and "0" not in section
    digits = re.search(r"[#0?][#0?,]*(\.[0?#]+)?", section)
    places = 0
    grouping = False
    if digits:
        whole, _, fraction = digits.group(0).partition(".")
        places = len(fraction)
        grouping = "," in whole
    return NumberPattern(places, "%" in section, grouping, is_date, False)


def display_text(value, number_format: str, *, units: bool = False, signs: bool = False) -> str:
    """The value as German text: ``1318182`` -> ``1.318.182``, 0.1153 -> ``11,53`` (percent).

    With ``units`` the format's unit follows: ``1.318.182 €``, ``11,53 %``. With ``signs`` a
    positive value gets the plus sign its format shows (``+#,##0;-#,##0;0`` -> ``+790.738``).
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (date, datetime)):
        return german_date(value)
    pattern = number_pattern(number_format)
    exact = Fraction(value)
    if pattern.text or pattern.date:
        pattern = NumberPattern(_natural_places(exact), False, False, False, False)
    if pattern.percent:
        exact *= 100
    scaled = round_half_away(exact * 10**pattern.places)
    text = german_number(Decimal(scaled).scaleb(-pattern.places))
    if not pattern.grouping:
        text = text.replace(".", "")
    if signs and exact > 0 and _QUOTED.sub("", number_format.split(";")[0]).lstrip().startswith("+"):
        text = "+" + text
    if units:
        text += unit_suffix(number_format)
    return text


def unit_suffix(number_format: str) -> str:
    """``'#,##0 "€"'`` -> ``" €"``, ``'0.00 %'`` -> ``" %"``: what follows the digits in the first section."""
    section = number_format.split(";")[0]
    literals = "".join(part.strip('"') for part in re.findall(r'"[^"]*"', section))
    if "%" in _QUOTED.sub("", section):
        literals += "%"
    return " " + literals.strip() if literals.strip() else ""


def percent_text(value: Fraction, places: int | None = 2) -> str:
    """``Fraction(1, 10)`` -> ``"10"`` (places=None: as many as the exact value needs, up to 6)."""
    hundred = Fraction(value) * 100
    if places is None:
        places = _natural_places(hundred)
    return display_text(hundred, "0." + "0" * places if places else "0")


def _natural_places(value: Fraction, limit: int = 6) -> int:
    for places in range(limit + 1):
        if (value * 10**places).denominator == 1:
            return places
    return limit
'''

# Package data: location as importlib.resources sees it -> content, exactly as in the files.
FILES = {}

# ---- xl_funcs/data/kreis_kacheln.csv -----------------------------------------
FILES['xl_funcs/data/kreis_kacheln.csv'] = r'''# Kacheln der Kreiskarte: eine Kachel je Stadt- und Landkreis Baden-Württembergs.
# Quelle: Die Koordinaten sind die ungefähre Lage des Sitzes der Kreisverwaltung (Stadtmitte), aus allgemein
# bekanntem geografischem Wissen angegeben und auf 0,01 Grad gerundet (etwa 1 km); nicht aus einem Datensatz oder
# Kartenwerk übernommen, nicht amtlich.
# Zeile und Spalte (0 = Norden bzw. Westen) leitet xl_funcs/charts/tile_grid.py aus den Koordinaten ab
# (Kachelkante 25 km); tests/charts/test_tile_positions.py prüft, dass diese Datei damit übereinstimmt.
# Kürzel: das Kfz-Kennzeichen des Kreises; teilen sich Stadt- und Landkreis eines, trägt der Landkreis „-L“.
ags,kuerzel,sitz,breite,laenge,zeile,spalte
08111,S,Stuttgart,48.78,9.18,4,4
08115,BB,Böblingen,48.68,9.01,4,3
08116,ES,Esslingen am Neckar,48.74,9.31,4,5
08117,GP,Göppingen,48.70,9.65,4,6
08118,LB,Ludwigsburg,48.90,9.19,3,4
08119,WN,Waiblingen,48.83,9.32,3,5
08121,HN,Heilbronn,49.14,9.22,2,4
08125,HN-L,Heilbronn,49.14,9.22,1,4
08126,KÜN,Künzelsau,49.28,9.69,1,5
08127,SHA,Schwäbisch Hall,49.11,9.74,2,6
08128,TBB,Tauberbischofsheim,49.62,9.66,0,5
08135,HDH,Heidenheim an der Brenz,48.68,10.15,4,7
08136,AA,Aalen,48.84,10.09,3,7
08211,BAD,Baden-Baden,48.76,8.24,4,1
08212,KA,Karlsruhe,49.01,8.40,2,2
08215,KA-L,Karlsruhe,49.01,8.40,2,1
08216,RA,Rastatt,48.86,8.21,3,1
08221,HD,Heidelberg,49.40,8.67,0,3
08222,MA,Mannheim,49.49,8.47,0,2
08225,MOS,Mosbach,49.35,9.14,0,4
08226,HD-L,Heidelberg,49.40,8.67,1,2
08231,PF,Pforzheim,48.89,8.70,3,2
08235,CW,Calw,48.71,8.74,4,2
08236,PF-L,Pforzheim,48.89,8.70,3,3
08237,FDS,Freudenstadt,48.46,8.41,5,2
08311,FR,Freiburg im Breisgau,47.99,7.85,7,0
08315,FR-L,Freiburg im Breisgau,47.99,7.85,7,1
08316,EM,Emmendingen,48.12,7.85,6,0
08317,OG,Offenburg,48.47,7.94,5,0
08325,RW,Rottweil,48.17,8.63,6,2
08326,VS,Villingen-Schwenningen,48.06,8.46,7,2
08327,TUT,Tuttlingen,47.98,8.82,7,3
08335,KN,Konstanz,47.66,9.18,8,4
08336,LÖ,Lörrach,47.61,7.66,8,0
08337,WT,Waldshut-Tiengen,47.62,8.21,8,1
08415,RT,Reutlingen,48.49,9.21,5,4
08416,TÜ,Tübingen,48.52,9.06,5,3
08417,BL,Balingen,48.27,8.85,6,3
08421,UL,Ulm,48.40,9.99,5,6
08425,UL-L,Ulm,48.40,9.99,5,7
08426,BC,Biberach an der Riß,48.10,9.79,6,6
08435,FN,Friedrichshafen,47.65,9.48,8,5
08436,RV,Ravensburg,47.78,9.61,7,5
08437,SIG,Sigmaringen,48.09,9.22,6,4
'''

# ---- xl_funcs/data/kreise.csv ------------------------------------------------
FILES['xl_funcs/data/kreise.csv'] = r'''ags,name,kind,regierungsbezirk
08111,Stuttgart,Stadtkreis,Stuttgart
08115,Böblingen,Landkreis,Stuttgart
08116,Esslingen,Landkreis,Stuttgart
08117,Göppingen,Landkreis,Stuttgart
08118,Ludwigsburg,Landkreis,Stuttgart
08119,Rems-Murr-Kreis,Landkreis,Stuttgart
08121,Heilbronn,Stadtkreis,Stuttgart
08125,Heilbronn,Landkreis,Stuttgart
08126,Hohenlohekreis,Landkreis,Stuttgart
08127,Schwäbisch Hall,Landkreis,Stuttgart
08128,Main-Tauber-Kreis,Landkreis,Stuttgart
08135,Heidenheim,Landkreis,Stuttgart
08136,Ostalbkreis,Landkreis,Stuttgart
08211,Baden-Baden,Stadtkreis,Karlsruhe
08212,Karlsruhe,Stadtkreis,Karlsruhe
08215,Karlsruhe,Landkreis,Karlsruhe
08216,Rastatt,Landkreis,Karlsruhe
08221,Heidelberg,Stadtkreis,Karlsruhe
08222,Mannheim,Stadtkreis,Karlsruhe
08225,Neckar-Odenwald-Kreis,Landkreis,Karlsruhe
08226,Rhein-Neckar-Kreis,Landkreis,Karlsruhe
08231,Pforzheim,Stadtkreis,Karlsruhe
08235,Calw,Landkreis,Karlsruhe
08236,Enzkreis,Landkreis,Karlsruhe
08237,Freudenstadt,Landkreis,Karlsruhe
08311,Freiburg im Breisgau,Stadtkreis,Freiburg
08315,Breisgau-Hochschwarzwald,Landkreis,Freiburg
08316,Emmendingen,Landkreis,Freiburg
08317,Ortenaukreis,Landkreis,Freiburg
08325,Rottweil,Landkreis,Freiburg
08326,Schwarzwald-Baar-Kreis,Landkreis,Freiburg
08327,Tuttlingen,Landkreis,Freiburg
08335,Konstanz,Landkreis,Freiburg
08336,Lörrach,Landkreis,Freiburg
08337,Waldshut,Landkreis,Freiburg
08415,Reutlingen,Landkreis,Tübingen
08416,Tübingen,Landkreis,Tübingen
08417,Zollernalbkreis,Landkreis,Tübingen
08421,Ulm,Stadtkreis,Tübingen
08425,Alb-Donau-Kreis,Landkreis,Tübingen
08426,Biberach,Landkreis,Tübingen
08435,Bodenseekreis,Landkreis,Tübingen
08436,Ravensburg,Landkreis,Tübingen
08437,Sigmaringen,Landkreis,Tübingen
'''

# ---- templates/amtliche_tabelle.toml -----------------------------------------
FILES['xl_funcs/templates/amtliche_tabelle.toml'] = r'''# Texte der amtlichen Tabelle „Vorläufige Mittelverteilung Integrationsmanagement <Jahr>“.
# Jede Änderung hier ändert xlsx, PDF, CSV und das Blatt in der offenen Arbeitsmappe zugleich.
# Platzhalter in geschweiften Klammern werden beim Erzeugen gefüllt, z. B. {jahr}, {vorjahr}, {datum}.

[dokument]
dateiname = "Mittelverteilung_Integrationsmanagement_{jahr}"
titel = "Vorläufige Mittelverteilung Integrationsmanagement {jahr}"
betreff = "Verteilung der Landesmittel für das Integrationsmanagement auf die Stadt- und Landkreise"
stichworte = "Integrationsmanagement; Mittelverteilung; Baden-Württemberg; {jahr}"
# Kein Personenname: der Herausgeber (Name „Herausgeber“ der Arbeitsmappe) steht als Verfasser in den
# Dateieigenschaften, ohne ihn das Programm.
autor = "mittelverteilung {version}"
sprache = "de-DE"

[tabelle]
blatt = "Mittelverteilung {jahr}"
untertitel = "Landesmittel für das Integrationsmanagement der Stadt- und Landkreise in Baden-Württemberg"
stand = "Stand: {datum}"
vorbehalt = "Vorläufige Verteilung: vorbehaltlich der Beschlussfassung des Landtags über den Staatshaushaltsplan {jahr}."
# Der Hinweis auf Beispieldaten steht genau einmal je Ausgabe: im Kopf der Tabelle.
beispieldaten = "BEISPIELDATEN: Die Zuweisungszahlen sind frei erfunden (grob bevölkerungsproportional); die Beträge sind keine amtlichen Angaben, und die tatsächliche Verteilungsregel des Ministeriums ist nicht öffentlich."
summe = "Baden-Württemberg insgesamt"
zwischensumme = "Regierungsbezirk {bezirk}"
fusszeile_links = "Stand: {datum}"
# Kopf jeder Ausgabe, aus den Namen „Herausgeber“, „Referat“ und „Kontakt“ der Arbeitsmappe; leere Angaben entfallen.
herausgeber = "Herausgeber: {wert}"
referat = "{wert}"
kontakt = "Kontakt: {wert}"
herausgeber_trenner = " · "
fusszeile_mitte = "Seite &P von &N"
fusszeile_rechts = "{titel}"

# Spalten in der Reihenfolge der Tabelle. „nur_mit_vorjahr“: nur wenn Beträge des Vorjahres vorliegen.
[[tabelle.spalten]]
schluessel = "nr"
kopf = "Nr."

[[tabelle.spalten]]
schluessel = "key"
kopf = "Kreis-\nschlüssel"

[[tabelle.spalten]]
schluessel = "name"
kopf = "Stadt-/Landkreis"

[[tabelle.spalten]]
schluessel = "kind"
kopf = "Art"

[[tabelle.spalten]]
schluessel = "region"
kopf = "Regierungs-\nbezirk"

[[tabelle.spalten]]
schluessel = "reference"
kopf = "Bezugsgröße¹\n{bezug_kurz}"

[[tabelle.spalten]]
schluessel = "share"
kopf = "Anteil\nin %"

[[tabelle.spalten]]
schluessel = "amount"
kopf = "Mittel {jahr}\nin €"

[[tabelle.spalten]]
schluessel = "previous"
kopf = "Mittel {vorjahr}\nin €"
nur_mit_vorjahr = true

[[tabelle.spalten]]
schluessel = "change"
kopf = "Veränderung\nin €"
nur_mit_vorjahr = true

[[tabelle.spalten]]
schluessel = "change_ratio"
kopf = "Veränderung\nin %"
nur_mit_vorjahr = true

# Kurzform der Bezugsgröße im Spaltenkopf.
[bezug]
ein_jahr = "Zuweisungen {von}"
mittelwert = "Zuweisungen\nØ {zeitraum}"
gewichtet = "Zuweisungen gewichtet\n{zeitraum}"

[fussnoten]
bezug_mittelwert = "¹ Bezugsgröße: Zuweisungen von Geflüchteten aus der Erstaufnahme des Landes an den Kreis, Mittelwert der Jahre {zeitraum}."
bezug_ein_jahr = "¹ Bezugsgröße: Zuweisungen von Geflüchteten aus der Erstaufnahme des Landes an den Kreis im Jahr {zeitraum}."
bezug_gewichtet = "¹ Bezugsgröße: Zuweisungen von Geflüchteten aus der Erstaufnahme des Landes an den Kreis, gewichteter Mittelwert der Jahre {zeitraum} (Gewichte {gewichte})."
verfahren = "Verteilung nach {verfahren}, {einheit}; Summe entspricht exakt dem Förderbetrag von {budget} €."
anteil = "Anteil in %: Anteil an der Summe der Bezugsgrößen, in Hundertsteln eines Prozents ebenfalls nach Hare-Niemeyer verteilt (10.000 Hundertstel), damit die Anteile zusammen genau 100,00 % ergeben; jeder weicht um weniger als 0,01 Prozentpunkte vom exakten Anteil ab."
sockel = "Jeder Kreis erhält vorab einen Sockelbetrag von {sockel} €; verteilt wird der Rest."
verlustbegrenzung = "Verlustbegrenzung: Kein Kreis erhält mehr als {prozent} % weniger als im Vorjahr."
verlustbegrenzung_gewinner = "Verlustbegrenzung: Kein Kreis erhält mehr als {prozent} % weniger als im Vorjahr; finanziert von den Kreisen, die gegenüber dem Vorjahr gewinnen (Zuwachs einheitlich auf {rate} % begrenzt)."
verlustbegrenzung_fonds = "Verlustbegrenzung: Kein Kreis erhält mehr als {prozent} % weniger als im Vorjahr; die Differenz von insgesamt {fonds} € zahlt ein Härtefonds außerhalb des Förderbetrags (Spalte „Mittel“ ohne diese Aufstockung)."
zuwachsbegrenzung = "Zuwachsbegrenzung: Kein Kreis erhält mehr als {prozent} % mehr als im Vorjahr; der freiwerdende Betrag geht an die übrigen Kreise."
uebergang = "Übergang: Verteilt wird nach einer Mischung der Anteile, {alt} % nach dem Anteil an den Mitteln des Vorjahres und {neu} % nach dem Anteil an der Bezugsgröße."
gleichstandsregel = "{satz}"
grenzen = "Mindest- oder Höchstbeträge begrenzen die Mittel von {anzahl} Kreisen (siehe Blatt „Berechnungsgrundlagen“)."
gleichstand = "Ein Gleichstand hat mindestens einen Betrag entschieden. {satz} (Siehe Blatt „Berechnungsgrundlagen“.)"
datenquelle = "Datenquelle: {quelle}"
kein_vorjahr = "Veränderung in %: leer, wo im Vorjahr keine Mittel gezahlt wurden."

[einheit]
euro = "auf volle Euro"
vielfaches = "auf Vielfache von {einheit} €"
cent = "auf volle Cent"

[grundlagen]
blatt = "Berechnungsgrundlagen"
titel = "Berechnungsgrundlagen: {titel}"
spalte_angabe = "Angabe"
spalte_wert = "Wert"
abschnitt_parameter = "Parameter"
abschnitt_verfahren = "Verfahren in Worten"
abschnitt_grenzen = "Kreise an einer Grenze"
abschnitt_gleichstand = "Gleichstände, die einen Betrag entschieden haben"
abschnitt_pruefung = "Nachweis"
haushaltsjahr = "Haushaltsjahr"
budget = "Förderbetrag"
verfahren = "Verteilungsverfahren"
einheit = "Auszahlungseinheit"
bezugszeitraum = "Bezugszeitraum"
gewichtung = "Gewichtung der Bezugsjahre"
gewichtung_gleich = "gleich (einfacher Mittelwert)"
sockel = "Sockelbetrag je Kreis"
verlustbegrenzung = "Verlustbegrenzung gegenüber dem Vorjahr"
verlustbegrenzung_keine = "keine"
finanzierung = "Finanzierung der Verlustbegrenzung"
finanzierung_all = "alle übrigen Kreise"
finanzierung_gainers = "nur die gewinnenden Kreise (einheitliche Zuwachsrate)"
finanzierung_fund = "Härtefonds außerhalb des Förderbetrags"
zuwachsbegrenzung = "Zuwachsbegrenzung gegenüber dem Vorjahr"
uebergangsanteil = "Übergangsanteil (Gewicht der Vorjahresverteilung)"
gewinnrate = "Einheitliche Zuwachsrate der Gewinner"
fonds = "Härtefonds (außerhalb des Förderbetrags)"
bewegt = "Durch die Übergangsregeln bewegt"
gleichstandsregel = "Gleichstandsregel"
gleichstandsregel_key = "Kreisschlüssel"
gleichstandsregel_weight = "größere Bezugsgröße"
gleichstandsregel_lot = "Los"
gleichstandsregel_order = "Rang"
losnummer = "Losnummer"
grenzregel = "Grenzregel (Hare-Niemeyer mit Grenzen)"
grenzregel_redistribute = "Rest unter den übrigen Kreisen neu verteilen"
grenzregel_quota = "Quote auf den ganzen Förderbetrag behalten"
abschnitt_uebergang = "Übergangsregeln: ohne Regel, mit Regel, Differenz"
uebergang_zeile = "ohne Regel {ohne}, mit Regel {mit}, Differenz {differenz}"
uebergang_zeile_fonds = "ohne Regel {ohne}, aus dem Förderbetrag {mit}, aus dem Härtefonds {fonds}, zusammen {zusammen}, Differenz {differenz}"
kein_uebergang = "Die Übergangsregeln ändern keinen Betrag."
bezug_summe = "Summe der Bezugsgrößen"
kreise = "Anzahl der Kreise"
vorjahr = "Mittel des Vorjahres {vorjahr}"
vorjahr_summe = "Summe der Mittel {vorjahr}"
zwischensummen = "Zwischensummen je Regierungsbezirk"
stand = "Stand"
datenquelle = "Datenquelle"
beispieldaten = "Beispieldaten"
ja = "ja"
nein = "nein"
kein_gleichstand = "Kein Gleichstand hat einen Betrag entschieden."
gleichstand = "Gleicher Anspruch ({wert}): {gewinner} erhielt den Vorzug vor {verlierer}, weil {regel}."
keine_grenze = "Kein Kreis liegt an einer Grenze."
untergrenze = "an der Untergrenze (Mindestbetrag oder Verlustbegrenzung)"
obergrenze = "an der Obergrenze (Höchstbetrag)"
pruefsumme = "SHA-256 der Eingaben"
pruefsumme_hinweis = "Gleiche Prüfsumme bedeutet: gleiche Eingaben, also gleiche Beträge."
programm = "Programm"
programm_wert = "mittelverteilung {version}"

# Das Verfahren in Worten, je Methode; {bezug}, {einheit_wort} und {budget} werden gefüllt.
[grundlagen.methode]
hare-niemeyer = [
  "Für jeden Kreis wird die Bezugsgröße gebildet ({bezug}).",
  "Quote eines Kreises = Förderbetrag × eigene Bezugsgröße ÷ Summe aller Bezugsgrößen; gerechnet wird exakt mit Brüchen, ohne Rundung.",
  "Jeder Kreis erhält zunächst seine Quote, abgerundet {einheit_wort}.",
  "Was danach noch fehlt, geht in einzelnen Beträgen zu je einer Auszahlungseinheit an die Kreise mit den größten Resten nach dem Komma (Hare-Niemeyer, Verfahren der größten Reste).",
  "Die Summe aller Beträge ist damit genau der Förderbetrag von {budget} €.",
]
sainte-lague = [
  "Für jeden Kreis wird die Bezugsgröße gebildet ({bezug}).",
  "Gesucht wird ein Divisor, so dass die Quotienten Bezugsgröße ÷ Divisor, jeweils kaufmännisch gerundet {einheit_wort}, zusammen genau den Förderbetrag ergeben (Sainte-Laguë/Schepers, Divisorverfahren mit Standardrundung).",
  "Gerechnet wird exakt mit Brüchen, ohne Gleitkommarundung.",
  "Die Summe aller Beträge ist damit genau der Förderbetrag von {budget} €.",
]
dhondt = [
  "Für jeden Kreis wird die Bezugsgröße gebildet ({bezug}).",
  "Gesucht wird ein Divisor, so dass die Quotienten Bezugsgröße ÷ Divisor, jeweils abgerundet {einheit_wort}, zusammen genau den Förderbetrag ergeben (D'Hondt, Divisorverfahren mit Abrundung).",
  "Gerechnet wird exakt mit Brüchen, ohne Gleitkommarundung.",
  "Die Summe aller Beträge ist damit genau der Förderbetrag von {budget} €.",
]
sockel = "Vorab erhält jeder Kreis den Sockelbetrag von {sockel} €; nach dem Verfahren verteilt wird nur der Rest."
grenzen = "Kreise, deren Anteil unter ihrer Untergrenze (Mindestbetrag, Verlustbegrenzung) oder über ihrer Obergrenze (Höchstbetrag) läge, erhalten genau diese Grenze; der übrige Betrag wird unter den anderen Kreisen nach demselben Verfahren verteilt."
grenzen_quote = "Kreise, deren Quote auf den ganzen Förderbetrag unter ihrer Untergrenze (Mindestbetrag, Verlustbegrenzung) oder über ihrer Obergrenze (Höchstbetrag) läge, erhalten genau diese Grenze; alle anderen behalten ihre abgerundete Quote auf den ganzen Förderbetrag, und die übrigen Einheiten gehen an die größten ursprünglichen Reste unter ihnen (Grenzregel „Quote“)."
verlust_alle = "Verlustbegrenzung: Kein Kreis erhält weniger als seine Mittel {vorjahr} abzüglich {prozent} % (aufgerundet {einheit_wort}); das Geld dafür tragen alle übrigen Kreise, unter denen der Rest nach demselben Verfahren verteilt wird."
verlust_gewinner = "Verlustbegrenzung: Kein Kreis erhält weniger als seine Mittel {vorjahr} abzüglich {prozent} % (aufgerundet {einheit_wort}); das Geld dafür tragen nur die Kreise, die gegenüber {vorjahr} gewinnen: Ihr Zuwachs wird auf einheitlich {rate} % ihrer Mittel {vorjahr} begrenzt (exakt so bestimmt, dass der Förderbetrag genau aufgeht; auf die Einheit gerundet nach den größten Resten). Alle anderen Kreise behalten ihren Betrag nach dem Schlüssel."
verlust_gewinner_ohne = "Verlustbegrenzung: Kein Kreis erhält weniger als seine Mittel {vorjahr} abzüglich {prozent} % (aufgerundet {einheit_wort}); zu finanzieren wären Zuwächse der gewinnenden Kreise, doch kein Kreis liegt unter dieser Grenze."
verlust_fonds = "Verlustbegrenzung: Kein Kreis erhält weniger als seine Mittel {vorjahr} abzüglich {prozent} % (aufgerundet {einheit_wort}); der Schlüssel bleibt unverändert, die Differenz zahlt ein Härtefonds außerhalb des Förderbetrags, insgesamt {fonds} €."
zuwachs = "Zuwachsbegrenzung: Kein Kreis erhält mehr als seine Mittel {vorjahr} zuzüglich {prozent} % (abgerundet {einheit_wort}); der freiwerdende Betrag wird unter den übrigen Kreisen nach demselben Verfahren verteilt."
uebergang = "Übergang: Die Bezugsgröße wird mit den Mitteln {vorjahr} gemischt: Anteil eines Kreises = {alt} % × Anteil an den Mitteln {vorjahr} + {neu} % × Anteil an der Bezugsgröße, exakt mit Brüchen; verteilt wird nach diesen Anteilen."

bezug_mittelwert = "Mittelwert der Zuweisungen aus der Erstaufnahme in den Jahren {zeitraum}"
bezug_ein_jahr = "Zuweisungen aus der Erstaufnahme im Jahr {zeitraum}"
bezug_gewichtet = "gewichteter Mittelwert der Zuweisungen aus der Erstaufnahme in den Jahren {zeitraum}, Gewichte {gewichte}"
einheit_euro = "auf volle Euro"
einheit_vielfaches = "auf Vielfache von {einheit} €"

# Der Satz über Gleichstände, je Regel (Parameter „Gleichstandsregel“); {losnummer} wird gefüllt.
[grundlagen.methode.gleichstand]
key = "Bei genau gleichem Anspruch auf den letzten Betrag geht der Kreis mit dem kleineren Kreisschlüssel vor, gleich in welcher Reihenfolge die Kreise in der Arbeitsmappe stehen."
weight = "Bei genau gleichem Anspruch auf den letzten Betrag geht der Kreis mit der größeren Bezugsgröße vor, bei gleicher Bezugsgröße der mit dem kleineren Kreisschlüssel."
lot = "Bei genau gleichem Anspruch auf den letzten Betrag entscheidet das Los mit der Losnummer „{losnummer}“: Für jeden Kreis wird SHA-256 von Losnummer, Zeilenumbruch und Kreisschlüssel gebildet; der kleinste Wert geht vor. So kann jeder die Ziehung wiederholen."
order = "Bei genau gleichem Anspruch auf den letzten Betrag geht der Kreis mit dem kleineren Rang (Spalte „Rang“ der Tabelle „Kreise“) vor."

# Der Grund im Satz über einen einzelnen Gleichstand („…, weil {regel}.“).
[grundlagen.methode.gleichstand_grund]
key = "bei gleichem Anspruch der kleinere Kreisschlüssel vorgeht"
weight = "bei gleichem Anspruch die größere Bezugsgröße vorgeht (dann der kleinere Kreisschlüssel)"
lot = "bei gleichem Anspruch das Los mit der Losnummer „{losnummer}“ entscheidet"
order = "bei gleichem Anspruch der kleinere Rang vorgeht"
'''

# ---- templates/auszahlung.toml -----------------------------------------------
FILES['xl_funcs/templates/auszahlung.toml'] = r'''# Texte der Auszahlungsdateien: Auszahlungsplan (xlsx, CSV für die Zahlstelle), Schlussabrechnung und
# Änderungsnachweis (xlsx, PDF und die Blätter in der offenen Arbeitsmappe).
# Eine Änderung hier ändert alle diese Ausgaben zugleich. Platzhalter in geschweiften Klammern werden beim
# Erzeugen gefüllt; Fehlermeldungen stehen nicht hier, sondern im Programm (wie bei den anderen Vorlagen).

# Was alle Auszahlungsdateien gemeinsam haben.
[dokument]
autor = "mittelverteilung {version}"
betreff = "Mittelverteilung Integrationsmanagement Baden-Württemberg"
# Anmerkungszeile unter dem Titel und linke Fußzeile beim Druck.
stand = "Stand: {datum}"
# Mittlere Fußzeile beim Druck (&P = Seite, &N = Seitenzahl, Excel-Kopf- und Fußzeilencodes).
seite = "Seite &P von &N"
# Warnzeile über jeder Tabelle, wenn die Arbeitsmappe die erfundenen Beispieldaten enthält.
beispieldaten = "FIKTIVE BEISPIELDATEN – keine echten Zahlen, nicht zur Auszahlung bestimmt."
# Erste Zelle der Summenzeile.
summe = "Summe"

# Die ersten drei Spalten von Auszahlungsplan und Schlussabrechnung.
[kreisspalten]
nr = "Nr."
key = "Kreis-\nschlüssel"
name = "Stadt-/Landkreis"

# Auszahlungsplan: je Kreis und Termin ein Abschlag.
[plan]
dateiname = "Auszahlungsplan_{jahr}"
blatt = "Auszahlungsplan {jahr}"
titel = "Auszahlungsplan Integrationsmanagement {jahr}"
untertitel = "Abschläge je Stadt- und Landkreis, euro-genau"
stichworte = "Auszahlungsplan, Abschläge, {jahr}"
# Spaltenköpfe: der Jahresbetrag und je Termin ein Abschlag ({prozent}: sein Anteil am Budget).
betrag = "Mittel {jahr}\nin €"
abschlag = "{nummer}. Abschlag\n{datum}\n({prozent} %)"
# Fußnoten: wie der Plan gerechnet wird (dieselben Sätze in jeder Ausgabe).
verfahren = [
    "Jeder Abschlag ist sein Anteil am Budget; ist dieser Anteil kein ganzer Betrag in der Einheit, werden die Anteile nach größten Resten (Hare-Niemeyer) gerundet, bei gleichem Rest zugunsten des früheren Termins.",
    "Der genaue Wert eines Kreises für einen Termin ist sein Jahresbetrag mal Abschlagsbetrag geteilt durch das Budget; eingetragen ist dieser Wert ab- oder aufgerundet, höchstens eine Einheit daneben.",
    "Auf- und abgerundet wird so, dass die Abschläge jedes Kreises genau seinen Jahresbetrag und jede Spalte genau ihren Abschlagsbetrag ergeben (Rundung mit festen Zeilen- und Spaltensummen); aufgerundet werden zuerst die Werte mit den größten Nachkommaanteilen, bei Gleichstand der frühere Kreis, dann der frühere Termin.",
]

# Einlesedatei der Zahlstelle (zweites Blatt des Plans und die CSV): je Kreis und Termin eine Zeile.
# Die Spaltennamen sind mit der Zahlstelle vereinbart und bewusst ohne Umlaute; nur nach Absprache ändern.
[zahlungen]
blatt = "Zahlungen {jahr}"
titel = "Zahlungen Integrationsmanagement {jahr}"
# Verwendungszweck der Überweisung; nach dem Füllen auf 140 Zeichen gekürzt (SEPA).
verwendungszweck = "Integrationsmanagement {jahr} Kreis {schluessel} {name} Abschlag {nummer} von {anzahl}"

[zahlungen.spalten]
key = "Kreisschluessel"
name = "Empfaenger"
due = "Faelligkeit"
cents = "Betrag_Cent"
reference = "Verwendungszweck"

# Schlussabrechnung: endgültige Mittel, gezahlte Abschläge, was noch zu zahlen oder zurückzuzahlen ist.
[schlussabrechnung]
dateiname = "Schlussabrechnung_{jahr}"
blatt = "Schlussabrechnung {jahr}"
titel = "Schlussabrechnung Integrationsmanagement {jahr}"
untertitel = "Endgültige Mittel, gezahlte Abschläge und Ausgleich je Stadt- und Landkreis"
stichworte = "Schlussabrechnung, Änderungsnachweis, {jahr}"
# Anmerkungszeile: {termine} sind die bis zum Stichtag fälligen Termine, durch termin_trenner getrennt,
# oder keine_termine, wenn bis dahin nichts fällig war.
stichtag = "Stichtag: {datum}; als gezahlt gelten die Abschläge vom {termine}."
termin_trenner = ", "
keine_termine = "keine"
fussnoten = [
    "Gezahlt: die Abschläge des vorläufigen Auszahlungsplans, die bis zum Stichtag fällig waren.",
    "Der Rest (endgültig minus gezahlt; negativ: zurückzuzahlen) wird auf die noch offenen Termine nach ihren Anteilen verteilt, mit festen Zeilen- und Spaltensummen: Gezahltes und Rest ergeben je Kreis genau den endgültigen Betrag.",
    "Gründe der Änderungen je Kreis: Blatt „Änderungsnachweis“.",
]

# Spaltenköpfe der Schlussabrechnung.
[schlussabrechnung.spalten]
provisional = "Vorläufig\n{jahr} in €"
final = "Endgültig\n{jahr} in €"
difference = "Differenz\nin €"
paid = "Gezahlt bis\n{datum}\nin €"
# Je noch offener Termin eine Spalte; liegt kein Termin mehr voraus, eine einzige Ausgleichsspalte.
remaining_date = "Noch offen\n{datum}\nin €"
remaining_single = "Ausgleich\nzum Stichtag\nin €"
remaining = "Noch zu zahlen (+)\nzurück (−) in €"

# Änderungsnachweis: welche Eingaben sich zwischen vorläufiger und endgültiger Tabelle geändert haben
# und wie viel jede davon an der Änderung jedes Kreises ausmacht.
[aenderungsnachweis]
blatt = "Änderungsnachweis"
titel = "Änderungsnachweis Integrationsmanagement {jahr}"
untertitel = "Was sich zwischen vorläufiger und endgültiger Verteilung geändert hat"
spalte_kreis = "Kreis / Eingabe"
spalte_aenderung = "Änderung und ihre Gründe"
abschnitt_eingaben = "Geänderte Eingaben"
abschnitt_kreise = "Änderung je Kreis"
# Erste Spalte einer geänderten Eingabe: laufende Nummer und wessen Eingabe (ein Kreis oder „Parameter“).
eingabe_nummer = "{nummer}. {wer}"
parameter = "Parameter"
# Steht im Abschnitt der Eingaben und hinter dem Betragssatz jedes Kreises, wenn sich nichts geändert hat.
keine_aenderung = "Keine Eingabe hat sich geändert."
fussnoten = [
    "Die Eingaben werden einzeln und in fester Reihenfolge von vorläufig auf endgültig umgestellt, nach jeder Umstellung wird neu gerechnet: zuerst die Parameter (Budget, Verfahren, Einheit, Bezugszeitraum, Gewichte, Sockelbetrag, Verlustbegrenzung), dann die Kreise in der Reihenfolge ihrer Schlüssel (Zuweisungen je Jahr, Mittel des Vorjahres, Mindest-, Höchstbetrag).",
    "Der Teil einer Eingabe ist die Änderung des Betrags bei ihrer Umstellung; die Teile ergeben zusammen genau die Änderung. Wo sich Eingaben gegenseitig beeinflussen, hängt die Aufteilung von dieser Reihenfolge ab.",
]

# Die Sätze des Änderungsnachweises, aus den Beträgen und den geänderten Eingaben gebildet.
[aenderungsnachweis.saetze]
# Eine geänderte Eingabe; mit {kreis}, wenn sie einem anderen Kreis gehört als dem, von dem die Rede ist.
eingabe = "{eingabe} {vorher} → {nachher}"
eingabe_kreis = "{eingabe} von {kreis} {vorher} → {nachher}"
# Verbindet Eingaben, die nur zusammen umgestellt werden konnten.
zusammen = " zusammen mit "
# Der Teil, den die Eingaben aller übrigen Kreise zusammen ausmachen.
andere_kreise = "Änderungen bei anderen Kreisen"
# Der Satz je Kreis: die Beträge, dann (wenn sich etwas geändert hat) die Teile in Umstellungsreihenfolge.
betraege = "Vorläufig {vorlaeufig}, endgültig {endgueltig} ({aenderung})."
teile = "{betraege} Davon (in dieser Reihenfolge umgestellt): {teile}."
teil = "{was}: {betrag}"
teil_trenner = "; "
# Vorzeichen einer Änderung in Euro; ohne Änderung der ganze Text „null“.
plus = "+"
minus = "−"
null = "±0 €"

# Die Namen der Eingaben im Änderungsnachweis (Schlüssel: die Felder der Eingaben im Programm).
[aenderungsnachweis.eingaben]
budget = "Budget"
method = "Verfahren"
unit = "Einheit"
reference_years = "Bezugszeitraum"
year_weights = "Gewichte der Bezugsjahre"
base = "Sockelbetrag"
loss_cap = "Verlustbegrenzung"
financing = "Finanzierung"
max_gain = "Zuwachsbegrenzung"
phase_in = "Übergangsanteil"
tie_rule = "Gleichstandsregel"
seed = "Losnummer"
bound_rule = "Grenzregel"
counts = "Zuweisungen {jahr}"
previous_amount = "Mittel {vorjahr}"
lower = "Mindestbetrag"
upper = "Höchstbetrag"

# Wie die Werte der Eingaben vorher und nachher geschrieben werden.
[aenderungsnachweis.werte]
euro = "{betrag} €"
# Ein leerer Betrag oder eine leere Zahl.
leer = "–"
# Ohne Anteil (Verlustbegrenzung, Zuwachsbegrenzung, Übergang) und ohne Losnummer.
keine = "keine"
gewichte_gleich = "gleich"
gewicht = "{jahr}: {gewicht}"
gewichte_trenner = "; "

# Die Wörter des Parameterblatts für jede Wahl (das Einlesen versteht sie).
[aenderungsnachweis.werte.financing]
all = "alle"
gainers = "Gewinner"
fund = "Fonds"

[aenderungsnachweis.werte.tie_rule]
key = "Kreisschlüssel"
weight = "Gewicht"
lot = "Los"
order = "Rang"

[aenderungsnachweis.werte.bound_rule]
redistribute = "neu verteilen"
quota = "Quote"
'''

# ---- templates/kreis_arbeitsmappe.toml ---------------------------------------
FILES['xl_funcs/templates/kreis_arbeitsmappe.toml'] = r'''# Texte und Aussehen der Arbeitsmappen für die 44 Kreise, der Versandliste und der Übersicht der Rückmeldungen.
# Platzhalter in geschweiften Klammern werden beim Erzeugen gefüllt, z. B. {jahr}, {kreis}, {schluessel}.
# Die amtliche Tabelle in jeder Arbeitsmappe kommt unverändert aus amtliche_tabelle.toml.

[dokument]
titel = "Mittelverteilung Integrationsmanagement {jahr}: {kreis}"
betreff = "Arbeitsmappe des Kreises {kreis} zur vorläufigen Mittelverteilung Integrationsmanagement {jahr}"
stichworte = "Integrationsmanagement; Mittelverteilung; {jahr}; {schluessel}"

# Dateinamen: nur ASCII (Umlaute umschrieben), damit jedes E-Mail-Programm und jedes Dateisystem sie annimmt.
[dateien]
arbeitsmappe = "{schluessel}_{name}_{art}.xlsx"
zip = "Kreis-Arbeitsmappen_{jahr}_Regierungsbezirk_{bezirk}.zip"
versandliste = "Versandliste"
rueckmeldungen = "Rueckmeldungen_{jahr}.xlsx"
ordner = "Kreis-Arbeitsmappen_{jahr}"
# Ordner neben der Arbeitsmappe, in den die Antworten der Kreise gelegt werden (klassisches Add-in).
eingang = "Eingang_Rueckmeldungen_{jahr}"

[kreisblatt]
blatt = "Kreis {schluessel}"
titel = "{kreis}: Mittel für das Integrationsmanagement {jahr}"
untertitel = "Ihre Zahlen und der Nachweis Ihres Betrags, zum Nachrechnen von Hand"
vertraulich = "Dieses Blatt enthält nicht veröffentlichte Zuweisungszahlen nur Ihres Kreises."
spalte_angabe = "Angabe"
spalte_wert = "Wert"
# Die erste Zeile des Blatts: der Betrag, groß und farbig hinterlegt.
betrag_oben = "Ihre Mittel {jahr}"
abschnitt_absender = "Absender und Rückmeldung"
herausgeber = "Herausgeber"
kontakt = "Kontakt für Fragen und Ihre Rückmeldung"
frist = "Rückmeldung bitte bis"
frist_wert = "{wochentag}, {datum} (Blatt „Rückmeldung“)"
# Zeile unter dem Titel, wenn eine Frist gesetzt ist; {an} ist der Kontakt oder das Ministerium.
frist_hinweis = "Bitte senden Sie die Rückmeldung (Blatt „Rückmeldung“) bis {wochentag}, {datum} an {an}."
abschnitt_kreis = "Ihr Kreis"
kreisschluessel = "Kreisschlüssel"
name = "Stadt-/Landkreis"
art = "Art"
bezirk = "Regierungsbezirk"
abschnitt_zahlen = "Zuweisungen aus der Erstaufnahme des Landes an Ihren Kreis"
zuweisungen = "Zuweisungen {jahr}"
zuweisungen_bezug = "Zuweisungen {jahr} (Bezugsjahr)"
abschnitt_ergebnis = "Ihre Mittel {jahr}"
bezugsgroesse = "Bezugsgröße ({bezug})"
bezug_ein_jahr = "Zuweisungen {zeitraum}"
bezug_mittelwert = "Mittelwert {zeitraum}"
bezug_gewichtet = "gewichteter Mittelwert {zeitraum}, Gewichte {gewichte}"
bezug_rechnung = "Bezugsgröße gerechnet"
anteil = "Anteil an der Summe aller Bezugsgrößen"
mittel = "Mittel {jahr}"
vorjahr = "Mittel {vorjahr}"
veraenderung = "Veränderung gegenüber {vorjahr} in €"
veraenderung_anteil = "Veränderung gegenüber {vorjahr} in %"
kein_vorjahr = "keine Mittel im Vorjahr"
abschnitt_abschlaege = "Ihre Abschläge {jahr} (Auszahlungsplan)"
abschlag = "{nummer}. Abschlag am {datum} ({anteil} % des Budgets)"
abschlaege_summe = "Summe Ihrer Abschläge (= Ihre Mittel {jahr})"
abschnitt_nachweis = "Berechnungsnachweis"
foerderbetrag = "Förderbetrag (Summe aller 44 Kreise)"
sockel = "Sockelbetrag je Kreis"
verteilt = "Nach dem Verfahren verteilter Betrag"
verteilt_grenzen = "Nach dem Verfahren verteilter Betrag (ohne Kreise an einer Grenze)"
summe_bezug = "Summe der Bezugsgrößen aller Kreise (amtliche Tabelle)"
summe_bezug_grenzen = "Summe der Bezugsgrößen der Kreise ohne Grenze"
eigene_bezug = "Ihre Bezugsgröße"
quote = "Quote = {verteilt} × {eigene} ÷ {summe} (exakt)"
abgerundet = "Quote abgerundet {einheit_wort}"
rest = "Rest nach dem Komma"
uebrig = "Nach dem Abrunden aller Quoten noch zu verteilen"
uebrig_wert = "{betrag}: je {einheit} an die {anzahl} Kreise mit den größten Resten"
uebrig_keiner = "nichts"
rang = "Rang Ihres Restes (1 = größter Rest)"
rang_wert = "{rang} von {von}"
zusatz = "Zusätzlich {einheit} für Ihren Kreis"
ja = "ja"
nein = "nein"
divisor = "Divisor"
quotient = "Bezugsgröße ÷ Divisor (gezählt in Beträgen zu je {einheit})"
gerundet_kaufmaennisch = "kaufmännisch gerundet"
gerundet_ab = "abgerundet"
gerundet = "Anzahl dieser Beträge nach Rundung ({rundung})"
grenze = "Grenze"
untergrenze = "Untergrenze (Mindestbetrag oder Verlustbegrenzung) greift: Ihr Kreis erhält genau diesen Betrag"
obergrenze = "Obergrenze (Höchstbetrag) greift: Ihr Kreis erhält genau diesen Betrag"
untergrenze_wert = "Ihre Untergrenze"
obergrenze_wert = "Ihre Obergrenze"
gleichstand = "Gleichstand"
uebergang_ohne = "Betrag nach dem Schlüssel ohne Übergangsregel"
uebergang_minimum = "Mindestens (Verlustbegrenzung gegenüber {vorjahr})"
uebergang_maximum = "Höchstens (Zuwachsbegrenzung gegenüber {vorjahr})"
uebergang_rate = "Zuwachs begrenzt auf die einheitliche Rate der Gewinner"
uebergang_budget = "Aus dem Förderbetrag mit Übergangsregel"
uebergang_fonds = "Aus dem Härtefonds"
uebergang_differenz = "Differenz durch die Übergangsregel"
ergebnis = "Ergebnis: Mittel {jahr}"
in_worten = "In Worten"
mit_fonds = "Zusammen mit der Aufstockung aus dem Härtefonds"
abschnitt_verfahren = "Das Verfahren für alle Kreise"

[rueckmeldung]
blatt = "Rückmeldung"
titel = "Rückmeldung des Kreises {kreis} zur Mittelverteilung {jahr}"
anleitung = [
  "Bitte füllen Sie nur die gelb hinterlegten Felder in der Spalte „Ihre Angabe“ aus; alles andere ist gegen versehentliches Ändern geschützt.",
  "Speichern Sie die Datei danach als Excel-Arbeitsmappe (.xlsx, ohne Makros) unter beliebigem Namen und senden Sie sie an {an} zurück{bis}.",
]
# Einsetzungen in die Anleitung: an wen (Kontakt, sonst dies) und bis wann (nur mit Frist).
an_ministerium = "das Ministerium"
bis_frist = ", spätestens am {wochentag}, {datum}"
abschnitt_absender = "Absender und Frist"
herausgeber = "Herausgeber"
kontakt = "Kontakt"
frist = "Rückmeldung bis"
frist_wert = "{wochentag}, {datum}"
spalte_angabe = "Angabe"
spalte_ministerium = "Stand des Ministeriums"
spalte_eingabe = "Ihre Angabe"
abschnitt_zuordnung = "Zuordnung (bitte nicht ändern)"
vorgangsnummer = "Vorgangsnummer"
kreisschluessel = "Kreisschlüssel"
kreis = "Stadt-/Landkreis"
mittel = "Mittel {jahr}"
abschnitt_antwort = "Ihre Rückmeldung"
bestaetigung = "Bestätigung: Zahlen und Betrag stimmen (ja/nein)"
ansprechperson = "Ansprechperson"
email = "E-Mail"
telefon = "Telefon"
bemerkungen = "Bemerkungen"
abschnitt_korrektur = "Korrekturen der Zuweisungszahlen (nur ausfüllen, wo Ihre Zahl abweicht)"
zuweisungen = "Zuweisungen {jahr}"
# Auswahlliste der Bestätigung; der erste Wert heißt „bestätigt“.
auswahl_bestaetigung = ["ja", "nein"]
eingabe_titel = "Ihre Angabe"
hinweis_bestaetigung = "Bitte „ja“ oder „nein“ auswählen."
hinweis_anzahl = "Bitte eine ganze Zahl ab 0 eingeben, nur wenn Ihre Zahl von der des Ministeriums abweicht."
fehler_titel = "Ungültige Eingabe"
fehler_bestaetigung = "Bitte „ja“ oder „nein“ auswählen."
fehler_anzahl = "Bitte eine ganze Zahl ab 0 eingeben."

# Dokumenteigenschaften, an denen „collect“ eine zurückgesandte Datei erkennt (keine personenbezogenen Daten).
[kennung]
vorgangsnummer = "Vorgangsnummer"
kreisschluessel = "Kreisschlüssel"
haushaltsjahr = "Haushaltsjahr"
stand = "Stand"
pruefwert = "Prüfwert"
eingabezellen = "Eingabezellen"
programm = "Programm"
rueckmeldefrist = "Rückmeldefrist"

[versand]
blatt = "Versand an die Kreise"
titel = "Versandliste: Arbeitsmappen für die Kreise {jahr}"
hinweise = [
  "Jeder Kreis erhält eine eigene Arbeitsmappe (Datei) mit der amtlichen Tabelle, seinen Zahlen mit dem Berechnungsnachweis und dem Blatt „Rückmeldung“; je Regierungsbezirk bündelt eine ZIP-Datei die Arbeitsmappen.",
  "Die Dateien schreibt der Befehl „mittelverteilung share“ oder im klassischen xlwings-Add-in die Funktion „share“ der Datei Mittelverteilung.py; xlwings Server und xlwings Lite können keine Dateien auf Ihrem Rechner speichern und zeigen deshalb nur diese Liste.",
  "Die Rückmeldungen liest „mittelverteilung collect ORDNER --issued Versandliste.json“ (oder im klassischen Add-in „collect“) und prüft dabei jede Datei.",
]
nr = "Nr."
kreisschluessel = "Kreis-\nschlüssel"
kreis = "Stadt-/Landkreis"
bezirk = "Regierungs-\nbezirk"
mittel = "Mittel {jahr}\nin €"
datei = "Datei"
zip = "ZIP-Datei"
vorgangsnummer = "Vorgangs-\nnummer"
summe = "Baden-Württemberg insgesamt"

[uebersicht]
dateiname_titel = "Rückmeldungen der Kreise: Mittelverteilung Integrationsmanagement {jahr}"
blatt = "Rückmeldungen"
titel = "Rückmeldungen der Kreise zur Mittelverteilung Integrationsmanagement {jahr}"
stand = "Stand der Verteilung: {datum}"
zusammenfassung = "{eingegangen} von {kreise} Kreisen haben geantwortet, {bestaetigt} bestätigt; {fehlen} fehlen; {beanstandet} Dateien mit Problemen (siehe Blatt „Probleme“)."
ohne_versandliste = "Ohne Versandliste geprüft: Jede Datei wurde nur gegen den Prüfwert in ihren eigenen Dokumenteigenschaften verglichen; welche Zelle geändert wurde, kann so nicht gesagt werden."
nr = "Nr."
kreisschluessel = "Kreis-\nschlüssel"
kreis = "Stadt-/Landkreis"
bezirk = "Regierungs-\nbezirk"
status = "Rückmeldung"
pruefung = "Prüfung"
bestaetigt = "Bestätigt"
ansprechperson = "Ansprechperson"
email = "E-Mail"
telefon = "Telefon"
bemerkungen = "Bemerkungen"
korrektur = "Korrektur\n{jahr}"
differenz = "Differenz\n{jahr}"
datei = "Datei"
# Nur mit Rückmeldefrist: wann der Kreis seine Antwort gespeichert hat, und ob das in der Frist war.
gespeichert = "Gespeichert\nam"
frist_spalte = "Frist"
frist_rechtzeitig = "rechtzeitig"
frist_verspaetet = "{tage} zu spät"
frist_ohne_datum = "Datum unbekannt"
frist_offen = "noch {tage}"
frist_heute = "Frist endet heute"
frist_abgelaufen = "Frist seit {tage} abgelaufen"
frist_zeile = "Rückmeldefrist: {wochentag}, {datum}; heute ({heute}): {lage}. {verspaetet} verspätet eingegangen."
tag_eins = "1 Tag"
tage = "{anzahl} Tage"
tage_dativ = "{anzahl} Tagen"
status_eingegangen = "eingegangen"
status_fehlt = "fehlt"
status_mehrfach = "mehrfach, widersprüchlich"
status_doppelt = "eingegangen (Datei doppelt)"
status_abgelehnt = "nur unbrauchbare Datei"
pruefung_ok = "in Ordnung"
pruefung_beanstandet = "Beanstandung, siehe „Probleme“"
bestaetigt_ja = "ja"
bestaetigt_nein = "nein"
bestaetigt_unklar = "unklar"
probleme_blatt = "Probleme"
probleme_titel = "Probleme in den eingegangenen Dateien"
probleme_keine = "Keine Probleme gefunden."
spalte_datei = "Datei"
spalte_kreis = "Kreis laut Inhalt"
spalte_art = "Art"
spalte_meldung = "Meldung"

# Arten von Problemen; „abgelehnt“ heißt: die Angaben der Datei wurden nicht übernommen.
[uebersicht.arten]
unlesbar = "unlesbar, abgelehnt"
dateityp = "Dateityp, abgelehnt"
makros = "Makros, abgelehnt"
fremd = "nicht von uns, abgelehnt"
gesperrt = "gesperrte Zelle geändert"
doppelt = "mehrfach"
dateiname = "Dateiname"
angabe = "Angabe prüfen"
ordner = "übersprungen"

[stil]
# Hintergrund der Eingabefelder (hex ohne #) und Höhe des Bemerkungsfelds in Zeilen.
eingabe_hintergrund = "FFF2CC"
bemerkungen_zeilen = 5
zahlenformat_eingabe_text = "@"
zahlenformat_anzahl = "#,##0"

[stil.breiten]
gespeichert = 11
frist = 30
angabe = 52
wert = 62
ministerium = 24
eingabe = 40
nr = 4.5
key = 8.5
name = 27
region = 12
status = 20
pruefung = 22
bestaetigt = 10
ansprechperson = 22
email = 26
telefon = 16
bemerkungen = 40
korrektur = 10
differenz = 10
datei = 36
zip = 40
amount = 13.5
vorgang = 22
art = 22
meldung = 90

# Meldungen von „collect“ je Datei; die Art steht in [uebersicht.arten].
[pruefung]
ordner_text = "Ein Unterordner; Unterordner werden nicht gelesen."
keine_kennung = "Keine Vorgangsnummer gefunden: Diese Datei ist keine der vom Ministerium ausgegebenen Arbeitsmappen (oder ihr Inhalt wurde ersetzt). Nicht ausgewertet."
kennung_widerspruch = "Die Vorgangsnummer in den Dokumenteigenschaften ({eigenschaft}) ist eine andere als auf dem Blatt „Rückmeldung“ ({blatt}); die Datei wurde verändert. Nicht ausgewertet."
unbekannter_kreis = "Die Vorgangsnummer nennt den Kreisschlüssel {schluessel}, den es in Baden-Württemberg nicht gibt. Nicht ausgewertet."
unbekannte_kennung = "Die Vorgangsnummer {nummer} steht nicht in der Versandliste (eine andere Versandrunde oder ein anderes Haushaltsjahr?). Nicht ausgewertet."
makros_text = "Die Datei ist eine Arbeitsmappe mit Makros (.xlsm oder mit VBA-Teil). Aus Sicherheitsgründen nicht ausgewertet; bitte als Excel-Arbeitsmappe (.xlsx) speichern und erneut senden lassen."
keine_eingabezellen = "Die Datei nennt ihre Eingabezellen nicht; ohne Versandliste kann sie nicht ausgewertet werden."
kein_pruefwert = "Die Datei trägt keinen Prüfwert; ohne Versandliste lässt sich nicht prüfen, ob gesperrte Zellen geändert wurden."
pruefwert_falsch = "Gesperrte Zellen wurden geändert (der Prüfwert stimmt nicht). Welche, zeigt „collect“ mit der Versandliste (--issued Versandliste.json)."
blatt_fehlt = "Das Blatt „{blatt}“ fehlt."
blatt_neu = "Das Blatt „{blatt}“ wurde hinzugefügt."
blatt_geaendert = "Auf dem Blatt „{blatt}“ wurden gesperrte Zellen geändert (die ausgegebene Datei liegt nicht mehr unverändert neben der Versandliste, daher ohne Zelladresse)."
zelle_geaendert = "{zelle} wurde geändert: ausgegeben {vorher}, jetzt {jetzt}."
weitere_zellen = "… und {anzahl} weitere geänderte Zellen auf dem Blatt „{blatt}“."
dateiname_text = "Der Dateiname nennt den Kreis {genannt}, der Inhalt ist die Arbeitsmappe eines anderen Kreises; ausgewertet wird der Inhalt."
bestaetigung_unklar = "Bestätigung „{wert}“ ist weder „ja“ noch „nein“; bitte nachfragen."
email_unklar = "Die E-Mail-Adresse „{wert}“ enthält kein @."
anzahl_unklar = "Korrektur {jahr} ({zelle}): „{wert}“ ist keine ganze Zahl ab 0; bitte nachfragen."
doppelt_gleich = "Der Kreis hat mehrmals mit gleichen Angaben geantwortet ({dateien}); gezählt wird die Antwort einmal."
doppelt_verschieden = "Der Kreis hat mehrmals mit verschiedenen Angaben geantwortet ({dateien}); keine der Antworten wurde übernommen, bitte nachfragen."
'''

# ---- templates/stile.toml ----------------------------------------------------
FILES['xl_funcs/templates/stile.toml'] = r'''# Aussehen der amtlichen Tabelle, für alle Ausgaben (xlsx, PDF über LibreOffice, Blatt in der offenen Mappe).
# Zahlenformate in Excels eigener Schreibweise (US-Notation); Excel und LibreOffice zeigen sie
# in deutscher Umgebung als 1.234.568 € und 11,53 %.

[schrift]
name = "Arial"
groesse = 10

# Rollen der Zeilen: Schriftgröße, fett, Hintergrundfarbe (hex ohne #), Rahmen oben/unten.
[rollen.titel]
groesse = 14
fett = true

[rollen.untertitel]
groesse = 11

[rollen.hinweis]
groesse = 10

[rollen.warnung]
groesse = 10
fett = true
farbe = "C00000"

[rollen.kopf]
fett = true
hintergrund = "DCE6F1"
rahmen_unten = "thin"
umbruch = true
zeilen = 3

[rollen.daten]

[rollen.zwischensumme]
fett = true
hintergrund = "F2F2F2"
rahmen_oben = "thin"

[rollen.summe]
fett = true
hintergrund = "DCE6F1"
rahmen_oben = "thin"
rahmen_unten = "double"

# Der eine Wert, den das Auge zuerst finden soll (der Betrag eines Kreises).
[rollen.hervorhebung]
groesse = 14
fett = true
hintergrund = "E2EFDA"
rahmen_oben = "medium"
rahmen_unten = "medium"

[rollen.abschnitt]
fett = true
groesse = 11

[rollen.fussnote]
groesse = 9

[zahlenformate]
text = "@"
nummer = "0"
anzahl = "#,##0"
anzahl_bruch = "#,##0.00"
anteil = "0.00 %"
betrag = '#,##0 "€"'
betrag_cent = '#,##0.00 "€"'
veraenderung_betrag = '+#,##0 "€";-#,##0 "€";0 "€"'
veraenderung_betrag_cent = '+#,##0.00 "€";-#,##0.00 "€";0.00 "€"'
veraenderung_anteil = "+0.00 %;-0.00 %;0.00 %"
datum = "DD.MM.YYYY"

# Spaltenbreiten in Zeichen der Standardschrift (wie Excel sie zählt).
[breiten]
nr = 4.5
key = 8.5
name = 27
kind = 11
region = 12
reference = 13
share = 8.5
amount = 13.5
previous = 13.5
change = 13
change_ratio = 11
angabe = 42
wert = 72

[ausrichtung]
nr = "right"
key = "center"
reference = "right"
share = "right"
amount = "right"
previous = "right"
change = "right"
change_ratio = "right"

[druck]
papier = "A4"
ausrichtung = "portrait"
# Ränder in cm: links, rechts, oben, unten
raender = [1.5, 1.5, 1.5, 1.8]

[grundlagen.druck]
ausrichtung = "portrait"
'''

# ---- templates/szenarienvergleich.toml ---------------------------------------
FILES['xl_funcs/templates/szenarienvergleich.toml'] = r'''# Texte des Szenarienvergleichs „Szenarienvergleich Integrationsmanagement <Jahr>“.
# Eine Änderung hier ändert xlsx und die Blätter in der offenen Arbeitsmappe zugleich (später auch PDF und HTML).
# Platzhalter in geschweiften Klammern werden beim Erzeugen gefüllt.

[dokument]
dateiname = "Szenarienvergleich_Integrationsmanagement_{jahr}"
titel = "Szenarienvergleich Integrationsmanagement {jahr}"
betreff = "Modellrechnungen: Varianten der Verteilung der Landesmittel für das Integrationsmanagement"
stichworte = "Integrationsmanagement; Szenarienvergleich; Modellrechnung; Baden-Württemberg; {jahr}"
autor = "mittelverteilung {version}"
sprache = "de-DE"
stand = "Stand: {datum}"
vorbehalt = "Modellrechnung zur Entscheidung: keine Festsetzung. Jedes Szenario ist mit denselben Eingaben gerechnet; Abweichungen vom Parameterblatt stehen bei jedem Szenario."
beispieldaten = "BEISPIELDATEN: Die Zuweisungszahlen sind frei erfunden; die Beträge sind keine amtlichen Angaben."

[uebersicht]
blatt = "Szenarienvergleich"
titel = "Szenarienvergleich Integrationsmanagement {jahr}: Übersicht"
untertitel = "Je Szenario: Regeln, Gewinner und Verlierer gegenüber {vorjahr}, was ein Polster kostet und wer es trägt"
fussnote_veraenderung = "Veränderungen gegenüber den Mitteln {vorjahr}; „mehr als 10 % / 20 % Verlust“ zählt Kreise, deren Verlust diesen Anteil übersteigt."
fussnote_groesste = "Größter Zuwachs und Verlust: der Kreis mit der größten Veränderung in Euro; bei gleichem Betrag der mit dem kleineren Kreisschlüssel."
fussnote_polster = "Umverteilt durch das Polster (Verlust- oder Zuwachsbegrenzung, Übergang): Summe dessen, was Kreise gegenüber demselben Szenario ohne Polster mehr erhalten."
fussnote_person = "€ je Person: Mittel des Kreises ÷ seine Bezugsgröße (Zuweisungen im Bezugszeitraum des Szenarios)."
fussnote_ohne_vorjahr = "Ohne Mittel des Vorjahres in der Arbeitsmappe bleiben die Spalten zur Veränderung gegenüber dem Vorjahr leer."
fussnote_grafiken = "Balkendiagramme nur für die ersten {gezeigt} der {anzahl} Szenarien, damit die Dateien handlich bleiben; die Mittel jedes Szenarios stehen in der Tabelle „Szenarien je Kreis“."
kein_polster = "kein Polster"

[uebersicht.spalten]
nr = "Nr."
name = "Szenario"
budget = "Budget\nin €"
rules = "Verfahren und Regeln"
gaining = "Kreise mit\nZuwachs"
losing = "Kreise mit\nVerlust"
unchanged = "Kreise\nunverändert"
gain_amount = "Größter\nZuwachs in €"
gain_ratio = "Größter\nZuwachs in %"
gain_kreis = "Größter Zuwachs:\nKreis"
loss_amount = "Größter\nVerlust in €"
loss_ratio = "Größter\nVerlust in %"
loss_kreis = "Größter Verlust:\nKreis"
over_10 = "Verlust\n> 10 %"
over_20 = "Verlust\n> 20 %"
moved = "Umverteilt durch\ndas Polster in €"
price = "Wer das Polster trägt\nund was es kostet"
person_high = "€ je Person\nhöchster"
person_low = "€ je Person\nniedrigster"
person_spread = "€ je Person\nSpanne"

[kreise]
blatt = "Szenarien je Kreis"
titel = "Szenarienvergleich Integrationsmanagement {jahr}: Mittel je Kreis"
untertitel = "Je Szenario: Mittel {jahr}, Veränderung gegenüber {vorjahr} und gegenüber „{erstes}“"
key = "Kreis-\nschlüssel"
name = "Stadt-/Landkreis"
previous = "Mittel {vorjahr}\nin €"
amount = "{name}\nin €"
change = "ggü. {vorjahr}\nin €"
change_ratio = "ggü. {vorjahr}\nin %"
versus_first = "ggü. {erstes}\nin €"
summe = "Baden-Württemberg insgesamt"
fussnote = "Je Szenario vier Spalten: die Mittel {jahr}, ihre Veränderung gegenüber {vorjahr} in € und in %, und der Unterschied zu „{erstes}“ in €."

[grundlagen]
blatt = "Grundlagen Szenarienvergleich"
titel = "Berechnungsgrundlagen: Szenarienvergleich Integrationsmanagement {jahr}"
spalte_angabe = "Angabe"
spalte_wert = "Wert"
abschnitt_nachweis = "Nachweis"
pruefsumme_eingaben = "SHA-256 der Eingaben (wie in der amtlichen Tabelle)"
pruefsumme_szenarien = "SHA-256 der Eingaben und aller Szenarien"
pruefsumme_hinweis = "Gleiche Prüfsummen bedeuten: gleiche Eingaben und Szenarien, also gleiche Beträge."
programm = "Programm"
programm_wert = "mittelverteilung {version}"
anzahl = "Anzahl der Szenarien"
abschnitt_szenario = "Szenario {nummer}: {name}"
herkunft = "Festgelegt in"
herkunft_parameter = "Blatt „Parameter“ (die vorgesehene Verteilung)"
abweichend = "Abweichend vom Parameterblatt"
abweichend_nichts = "nichts"
haushaltsjahr = "Haushaltsjahr"
budget = "Förderbetrag"
verfahren = "Verteilungsverfahren"
einheit = "Auszahlungseinheit"
bezugszeitraum = "Bezugszeitraum"
sockel = "Sockelbetrag je Kreis"
verlustbegrenzung = "Verlustbegrenzung gegenüber dem Vorjahr"
finanzierung = "Finanzierung der Verlustbegrenzung"
zuwachsbegrenzung = "Zuwachsbegrenzung gegenüber dem Vorjahr"
uebergang = "Übergangsanteil"
gleichstand = "Gleichstandsregel"
losnummer = "Losnummer"
grenzregel = "Grenzregel (Hare-Niemeyer mit Mindest- oder Höchstbeträgen)"
keine = "keine"
vergleich = "Vergleich in den Bildern"
ja = "ja"
nein = "nein"

# Die Regeln eines Szenarios in Worten (Spalte „Verfahren und Regeln“ und Berechnungsgrundlagen).
[regeln]
bezug_ein_jahr = "Zuweisungen {zeitraum}"
bezug_mittelwert = "Zuweisungen Ø {zeitraum}"
sockel = "Sockelbetrag {sockel} € je Kreis"
verlustbegrenzung = "Verlust höchstens {prozent} % gegenüber {vorjahr}"
zuwachsbegrenzung = "Zuwachs höchstens {prozent} % gegenüber {vorjahr}"
uebergang = "Übergang: {prozent} % nach der Verteilung {vorjahr}, der Rest nach dem neuen Schlüssel"
gleichstand = "bei Gleichstand: {regel}"
losnummer = "Losnummer „{losnummer}“"
grenzen = "Grenzen: {regel}"
trenner = "; "

[regeln.finanzierung]
all = "getragen von allen übrigen Kreisen"
gainers = "getragen von den Kreisen mit Zuwachs"
fund = "getragen von einem Härtefonds außerhalb des Budgets"

[regeln.gleichstandsregel]
key = "kleinerer Kreisschlüssel"
weight = "größere Bezugsgröße"
lot = "Los"
order = "Rangfolge (Spalte „Rang“)"

[regeln.grenzregel]
redistribute = "Kreise an einer Grenze fest, der Rest neu verteilt"
quota = "jeder Kreis behält seine Quote auf das ganze Budget, nur Kreise unter dem Mindestbetrag werden angehoben"

# Was das Polster kostet, je Finanzierung; die Zahlen kommen aus den Beträgen selbst.
[preis]
fund = "Härtefonds {fonds} € zusätzlich zum Budget, für {empfaenger} Kreise"
gainers = "{zahler} Kreise mit Zuwachs geben {betrag} €; ihnen bleibt ein Zuwachs von höchstens {hoechst} % (ohne Polster bis {hoechst_ohne} %), zusammen {behalten} % ihres Zuwachses"
all = "{zahler} Kreise geben zusammen {betrag} € an {empfaenger} Kreise"
nichts = "wirkt nicht: kein Kreis erhält etwas anderes als ohne Polster"

# Spaltenbreiten in Zeichen der Standardschrift; Zahlenformate stehen in stile.toml [zahlenformate].
[breiten]
nr = 4.5
name = 22
budget = 12.5
rules = 36
anzahl = 11.5
betrag = 12.5
anteil = 11.5
kreis = 18
price = 36
person = 11
polster = 15
key = 8.5
kreis_name = 32
angabe = 42
wert = 72

[druck]
papier = "A4"
ausrichtung = "landscape"
raender = [1.0, 1.0, 1.5, 1.8]
'''

# ---- what the importer needs to know -----------------------------------------
PACKAGES = frozenset({'xl_funcs', 'xl_funcs.charts', 'xl_funcs.districts', 'xl_funcs.engine', 'xl_funcs.excel', 'xl_funcs.payments', 'xl_funcs.readers', 'xl_funcs.render', 'xl_funcs.scenarios', 'xl_funcs.table'})
LEFT_OUT = {
    'xl_funcs.readers.file_reader': 'es liest xlsx-Dateien (ihre XML-Teile, mit defusedxml); in Excel wird die offene Mappe gelesen (read_xlwings_book)',
}

# ---- importer ----------------------------------------------------------------

import errno  # noqa: E402
import importlib.abc  # noqa: E402
import importlib.util  # noqa: E402
import io  # noqa: E402
import linecache  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from importlib.resources.abc import Traversable, TraversableResources  # noqa: E402


class BundledModules(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Imports the modules above by name, ahead of any installed copy, and serves FILES as their resources."""

    bundles_xl_funcs = True

    def find_spec(self, fullname, path=None, target=None):
        if fullname not in MODULES:
            if fullname.partition(".")[0] == "xl_funcs":
                # The package lives only in this file: an installed copy must not fill a gap.
                reason = LEFT_OUT.get(fullname, "es wird hier nicht gebraucht")
                raise ModuleNotFoundError(f"{fullname} ist nicht in main.py enthalten: {reason}.", name=fullname)
            return None
        return importlib.util.spec_from_loader(
            fullname, self, origin=self.filename(fullname), is_package=fullname in PACKAGES
        )

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        name = module.__name__
        filename = self.filename(name)
        source = MODULES[name]
        # Tracebacks then show the lines of the bundled module.
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        exec(compile(source, filename, "exec"), module.__dict__)

    def get_resource_reader(self, fullname):
        package = fullname if fullname in PACKAGES else fullname.rpartition(".")[0]
        return BundledResources(package)

    @staticmethod
    def filename(name):
        suffix = "/__init__.py" if name in PACKAGES else ".py"
        return "main.py:" + name.replace(".", "/") + suffix


class BundledResources(TraversableResources):
    def __init__(self, package):
        self.package = package

    def files(self):
        return BundledFile(self.package.replace(".", "/"))


class BundledFile(Traversable):
    """A file or folder of FILES, with the part of pathlib.Path that importlib.resources offers."""

    def __init__(self, location):
        self.location = location

    @property
    def name(self):
        return self.location.rpartition("/")[2]

    def joinpath(self, *descendants):
        texts = [self.location, *(str(descendant) for descendant in descendants)]
        return BundledFile("/".join(part for text in texts for part in text.split("/") if part))

    def iterdir(self):
        prefix = self.location + "/"
        children = {key[len(prefix):].partition("/")[0] for key in FILES if key.startswith(prefix)}
        return iter([BundledFile(prefix + child) for child in sorted(children)])

    def is_file(self):
        return self.location in FILES

    def is_dir(self):
        return any(key.startswith(self.location + "/") for key in FILES)

    def open(self, mode="r", *args, **kwargs):
        if not self.is_file():
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), self.location)
        content = FILES[self.location]
        data = io.BytesIO(content.encode("utf-8") if isinstance(content, str) else content)
        return data if "b" in mode else io.TextIOWrapper(data, *args, **kwargs)

    def __repr__(self):
        return "main.py:" + self.location


def install():
    """Lite runs main.py again after every edit: drop the copies an earlier run imported."""
    sys.meta_path[:] = [finder for finder in sys.meta_path if not getattr(finder, "bundles_xl_funcs", False)]
    for name in [name for name in sys.modules if name == "xl_funcs" or name.startswith("xl_funcs.")]:
        del sys.modules[name]
    sys.meta_path.insert(0, BundledModules())


install()

# ---- what Lite registers -------------------------------------------------------

from xl_funcs.excel.functions import *  # noqa: E402,F401,F403
from xl_funcs.excel.scripts import *  # noqa: E402,F401,F403
