"""The comparison as a Document of the immutable table model: overview, Kreis table, Berechnungsgrundlagen.

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


