"""The payment documents as table models: Auszahlungsplan, the paying office's import list,
Schlussabrechnung and Änderungsnachweis. Arranging and wording only; every figure comes from the
plan, the settlement or the change record (and through them from the engine).
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from .. import __version__
from ..table.model import Column, ColumnKind, Document, PrintSettings, Row, RowRole, Table
from ..table.templates import styles
from ..table.text import german_date, percent_text
from .changes import ChangeRecord
from .money import euros
from .plan import InstalmentPlan, plan_instalments, rule_in_words
from .settlement import Settlement

AUTHOR = f"mittelverteilung {__version__}"
PLAN_STEM = "Auszahlungsplan_{jahr}"
SETTLEMENT_STEM = "Schlussabrechnung_{jahr}"
PROGRAMME = "Integrationsmanagement"


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
    f = _formats()
    return [
        _column("nr", "Nr.", ColumnKind.NUMBER, f["nummer"], 4.5, "right"),
        _column("key", "Kreis-\nschlüssel", ColumnKind.KEY, f["text"], 9),
        _column("name", "Stadt-/Landkreis", ColumnKind.TEXT, f["text"], 30),
    ]


def _print(title: str, stand: date, orientation: str = "landscape") -> PrintSettings:
    return PrintSettings(
        orientation=orientation,
        footer_left=f"Stand: {german_date(stand)}",
        footer_center="Seite &P von &N",
        footer_right=title.replace("&", "&&"),
    )


def instalment_label(plan_dates: tuple[date, ...], index: int) -> str:
    return f"{index + 1}. Abschlag {german_date(plan_dates[index])}"


def payment_reference(year: int, key: str, name: str, index: int, count: int) -> str:
    """The Verwendungszweck: programme, year, Kreis and instalment, at most 140 characters (SEPA)."""
    return f"{PROGRAMME} {year} Kreis {key} {name} Abschlag {index + 1} von {count}"[:140]


# --- Auszahlungsplan ----------------------------------------------------------------------------


def plan_table(plan: InstalmentPlan, stand: date, sample_data: bool = False) -> Table:
    money = _money_format(plan.unit)
    columns = _identity_columns() + [
        _column("amount", f"Mittel {plan.year}\nin €", ColumnKind.AMOUNT, money, 14, "right")
    ]
    for j, (due, share) in enumerate(zip(plan.dates, plan.shares)):
        header = f"{j + 1}. Abschlag\n{german_date(due)}\n({percent_text(Fraction(share), places=None)} %)"
        columns.append(_column(f"instalment_{j + 1}", header, ColumnKind.AMOUNT, money, 14, "right"))
    rows = []
    for i, district in enumerate(plan.districts):
        cells = [i + 1, district.key, district.label, euros(plan.amounts[i], plan.unit)]
        cells += [euros(entry, plan.unit) for entry in plan.entries[i]]
        rows.append(Row(tuple(cells)))
    total = [None, None, "Summe", euros(sum(plan.amounts), plan.unit)]
    total += [euros(value, plan.unit) for value in plan.column_totals]
    rows.append(Row(tuple(total), RowRole.TOTAL))
    title = f"Auszahlungsplan Integrationsmanagement {plan.year}"
    return Table(
        sheet_name=f"Auszahlungsplan {plan.year}",
        title=title,
        subtitle="Abschläge je Stadt- und Landkreis, euro-genau",
        notes=(f"Stand: {german_date(stand)}",),
        warnings=_sample_warning(sample_data),
        columns=tuple(columns),
        rows=tuple(rows),
        footnotes=rule_in_words(),
        print_settings=_print(title, stand),
    )


def payment_list(plan: InstalmentPlan) -> Table:
    """The paying office's import: one row per Kreis and date, the amount in cents, keys as text."""
    f = _formats()
    columns = (
        _column("key", "Kreisschluessel", ColumnKind.KEY, f["text"], 9),
        _column("name", "Empfaenger", ColumnKind.TEXT, f["text"], 30),
        _column("due", "Faelligkeit", ColumnKind.NUMBER, f["datum"], 11),
        _column("cents", "Betrag_Cent", ColumnKind.NUMBER, f["nummer"], 14, "right"),
        _column("reference", "Verwendungszweck", ColumnKind.TEXT, f["text"], 60),
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
        sheet_name=f"Zahlungen {plan.year}",
        title=f"Zahlungen Integrationsmanagement {plan.year}",
        columns=columns,
        rows=tuple(rows),
    )


def plan_document(plan: InstalmentPlan, stand: date, sample_data: bool = False) -> Document:
    table = plan_table(plan, stand, sample_data)
    return Document(
        title=table.title,
        file_stem=PLAN_STEM.format(jahr=plan.year),
        stand=stand,
        sheets=(table, payment_list(plan)),
        author=AUTHOR,
        subject="Mittelverteilung Integrationsmanagement Baden-Württemberg",
        keywords=f"Auszahlungsplan, Abschläge, {plan.year}",
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
    columns = _identity_columns() + [
        _column("provisional", f"Vorläufig\n{y} in €", ColumnKind.AMOUNT, money, 14, "right"),
        _column("final", f"Endgültig\n{y} in €", ColumnKind.AMOUNT, money, 14, "right"),
        _column("difference", "Differenz\nin €", ColumnKind.AMOUNT, change, 13, "right"),
        _column("paid", f"Gezahlt bis\n{german_date(settlement.as_of)}\nin €", ColumnKind.AMOUNT, money, 14, "right"),
    ]
    single = settlement.remaining_dates == (settlement.as_of,)  # no instalment date ahead
    for j, due in enumerate(settlement.remaining_dates):
        header = "Ausgleich\nzum Stichtag" if single else f"Noch offen\n{german_date(due)}"
        columns.append(_column(f"remaining_{j + 1}", header + "\nin €", ColumnKind.AMOUNT, change, 14, "right"))
    columns.append(
        _column("remaining", "Noch zu zahlen (+)\nzurück (−) in €", ColumnKind.AMOUNT, change, 16, "right")
    )
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
    sums = [None, None, "Summe"] + [
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
    paid = ", ".join(german_date(d) for d in settlement.paid_dates) or "keine"
    title = f"Schlussabrechnung Integrationsmanagement {y}"
    return Table(
        sheet_name=f"Schlussabrechnung {y}",
        title=title,
        subtitle="Endgültige Mittel, gezahlte Abschläge und Ausgleich je Stadt- und Landkreis",
        notes=(f"Stichtag: {german_date(settlement.as_of)}; als gezahlt gelten die Abschläge vom {paid}.",),
        warnings=_sample_warning(sample_data),
        columns=tuple(columns),
        rows=tuple(rows),
        footnotes=(
            "Gezahlt: die Abschläge des vorläufigen Auszahlungsplans, die bis zum Stichtag fällig waren.",
            "Der Rest (endgültig minus gezahlt; negativ: zurückzuzahlen) wird auf die noch offenen Termine nach "
            "ihren Anteilen verteilt, mit festen Zeilen- und Spaltensummen: Gezahltes und Rest ergeben je Kreis "
            "genau den endgültigen Betrag.",
            "Gründe der Änderungen je Kreis: Blatt „Änderungsnachweis“.",
        ),
        print_settings=_print(title, settlement.as_of),
    )


def change_table(record: ChangeRecord, stand: date, year: int, sample_data: bool = False) -> Table:
    f = _formats()
    columns = (
        _column("label", "Kreis / Eingabe", ColumnKind.TEXT, f["text"], 34),
        _column("value", "Änderung und ihre Gründe", ColumnKind.TEXT, f["text"], 110),
    )
    rows: list[Row] = [Row(("Geänderte Eingaben", None), RowRole.SECTION)]
    labels = {d.key: d.label for d in record.districts}
    if not record.changes:
        rows.append(Row(("", "Keine Eingabe hat sich geändert.")))
    for number, change in enumerate(record.changes, start=1):
        whose = labels[change.key] if change.key else "Parameter"
        rows.append(Row((f"{number}. {whose}", change.words())))
    rows.append(Row(("Änderung je Kreis", None), RowRole.SECTION))
    for i, district in enumerate(record.districts):
        rows.append(Row((district.label, record.sentence(i))))
    title = f"Änderungsnachweis Integrationsmanagement {year}"
    return Table(
        sheet_name="Änderungsnachweis",
        title=title,
        subtitle="Was sich zwischen vorläufiger und endgültiger Verteilung geändert hat",
        notes=(f"Stand: {german_date(stand)}",),
        warnings=_sample_warning(sample_data),
        columns=columns,
        rows=tuple(rows),
        footnotes=(
            "Die Eingaben werden einzeln und in fester Reihenfolge von vorläufig auf endgültig umgestellt, nach "
            "jeder Umstellung wird neu gerechnet: zuerst die Parameter (Budget, Verfahren, Einheit, "
            "Bezugszeitraum, Gewichte, Sockelbetrag, Verlustbegrenzung), dann die Kreise in der Reihenfolge ihrer "
            "Schlüssel (Zuweisungen je Jahr, Mittel des Vorjahres, Mindest-, Höchstbetrag).",
            "Der Teil einer Eingabe ist die Änderung des Betrags bei ihrer Umstellung; die Teile ergeben zusammen "
            "genau die Änderung. Wo sich Eingaben gegenseitig beeinflussen, hängt die Aufteilung von dieser "
            "Reihenfolge ab.",
        ),
        print_settings=_print(title, stand, orientation="portrait"),
    )


def settlement_document(settlement: Settlement, record: ChangeRecord, sample_data: bool = False) -> Document:
    table = settlement_table(settlement, sample_data)
    return Document(
        title=table.title,
        file_stem=SETTLEMENT_STEM.format(jahr=settlement.year),
        stand=settlement.as_of,
        sheets=(table, change_table(record, settlement.as_of, settlement.year, sample_data)),
        author=AUTHOR,
        subject="Mittelverteilung Integrationsmanagement Baden-Württemberg",
        keywords=f"Schlussabrechnung, Änderungsnachweis, {settlement.year}",
    )


def _sample_warning(sample_data: bool) -> tuple[str, ...]:
    return ("FIKTIVE BEISPIELDATEN – keine echten Zahlen, nicht zur Auszahlung bestimmt.",) if sample_data else ()
