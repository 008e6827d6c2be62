"""The sorted bar chart: change against last year per Kreis in % (diverging), or the amount per Kreis."""

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
