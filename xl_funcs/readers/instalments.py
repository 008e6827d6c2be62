"""The optional table ``Abschläge``: the payment dates of the year and each one's share of the budget.

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
