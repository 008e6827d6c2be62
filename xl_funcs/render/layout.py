"""Where every piece of a Table lands on a sheet: the one arrangement the xlsx and book renderers draw.

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
