"""Draw a Document into an open workbook through xlwings' Book API.

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
