"""The payment documents as table models: Auszahlungsplan, the paying office's import list,
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
