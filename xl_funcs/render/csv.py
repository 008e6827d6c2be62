"""A Table as CSV for German Excel: semicolons, UTF-8 with byte order mark, German number text.

Layout: title and notes, a blank line, the column headings, one line per row
(subtotals and total included), a blank line, the footnotes. Numbers are
written as shown in the table, without units where the heading names them:
``1.318.182`` and ``3,30`` for 3,30 %. A text that a spreadsheet could take
for a formula (starting with = + - @, tab or carriage return) gets a leading
apostrophe, so that opening the file never runs anything.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..table.model import Cell, RowRole, Table, cell_format, plain_value
from ..table.text import display_text

BYTE_ORDER_MARK = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(table: Table) -> str:
    """The CSV as text (without the byte order mark)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    width = len(table.columns)

    def line(*cells: str) -> None:
        writer.writerow(list(cells) + [""] * (width - len(cells)) if cells else [])

    line(safe_text(table.title))
    if table.subtitle:
        line(safe_text(table.subtitle))
    for note in (*table.notes, *table.warnings):
        line(safe_text(note))
    line()
    line(*(safe_text(column.header_line) for column in table.columns))
    for row in table.rows:
        cells = []
        for column, cell in zip(table.columns, row.cells):
            # A cell with its own format has no heading naming its unit: the unit goes with the number.
            own_format = isinstance(cell, Cell) and cell.number_format is not None
            cells.append(cell_text(plain_value(cell), cell_format(cell, column), units=own_format))
        if row.role is RowRole.SECTION:
            cells = [cells[0]] + [""] * (width - 1)
        line(*cells)
    if table.footnotes:
        line()
        for footnote in table.footnotes:
            line(safe_text(footnote))
    return buffer.getvalue()


def csv_bytes(table: Table) -> bytes:
    return (BYTE_ORDER_MARK + csv_text(table)).encode("utf-8")


def records_csv_bytes(table: Table) -> bytes:
    """A Table as a plain import file: the column headings, then one line per data row, nothing else.

    For programs that import the file (the paying office): no title, notes or sums; numbers as the
    column format shows them (``"0"``: digits only), texts with the same formula guard.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([safe_text(column.header_line) for column in table.columns])
    for row in table.rows_with(RowRole.DATA):
        writer.writerow(
            [cell_text(plain_value(cell), cell_format(cell, column)) for column, cell in zip(table.columns, row.cells)]
        )
    return (BYTE_ORDER_MARK + buffer.getvalue()).encode("utf-8")


def write_csv(table: Table, path: str | Path) -> Path:
    path = Path(path)
    path.write_bytes(csv_bytes(table))
    return path


def cell_text(value, number_format: str, *, units: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return safe_text(value)
    return display_text(value, number_format, units=units)


def safe_text(text: str) -> str:
    """Text that no spreadsheet evaluates: a leading formula character is preceded by an apostrophe."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
