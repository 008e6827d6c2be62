"""An open workbook, through xlwings' Book API -> WorkbookSnapshot.

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
