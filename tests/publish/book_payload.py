"""A workbook file as the xlwings add-in (Server/Lite) sends it to Python: the book JSON of ``getBookData``.

Built from the xlsx with openpyxl, in the shape of xlwings Server's JavaScript:
each sheet's values from A1 to its last used cell ("" for empty cells, dates
as ISO text), defined names with their formula and unqualified address, Excel
tables with their ranges. Formulas arrive as their cached values, as Excel
would send what it has calculated.
"""

from __future__ import annotations

import importlib.metadata
from datetime import date, datetime, time, timezone
from pathlib import Path

import openpyxl
from openpyxl.utils.cell import range_boundaries


def book_payload(path: Path) -> dict:
    workbook = openpyxl.load_workbook(path, data_only=True)
    positions = {sheet.title: index for index, sheet in enumerate(workbook.worksheets)}
    return {
        "client": "Office.js",
        "version": importlib.metadata.version("xlwings"),
        "book": {"name": path.name, "active_sheet_index": 0, "selection": "A1"},
        "names": [_name(name, positions) for name in workbook.defined_names.values()],
        "sheets": [_sheet(sheet) for sheet in workbook.worksheets],
    }


def _sheet(sheet) -> dict:
    rows, columns = sheet.max_row, sheet.max_column
    values = [[_value(sheet.cell(r, c).value) for c in range(1, columns + 1)] for r in range(1, rows + 1)]
    return {
        "name": sheet.title,
        "visibility": "Visible" if sheet.sheet_state == "visible" else "Hidden",
        "values": values,
        "pictures": [],
        "shapes": [],
        "charts": [],
        "notes": [],
        "tables": [_table(table) for table in sheet.tables.values()],
        "used_range_address": f"A1:{sheet.cell(rows, columns).coordinate}",
    }


def _table(table) -> dict:
    first_column, first_row, last_column, last_row = range_boundaries(table.ref)
    header = table.headerRowCount or 0
    totals = table.totalsRowCount or 0

    def area(top, bottom):
        return _address(first_column, top, last_column, bottom)

    return {
        "name": table.displayName,
        "range_address": table.ref,
        "row_count": last_row - first_row + 1,
        "column_count": last_column - first_column + 1,
        "columns": [column.name for column in table.tableColumns],
        "header_row_range_address": area(first_row, first_row) if header else None,
        "data_body_range_address": area(first_row + header, last_row - totals),
        "total_row_range_address": area(last_row, last_row) if totals else None,
        "show_headers": bool(header),
        "show_totals": bool(totals),
        "table_style": table.tableStyleInfo.name if table.tableStyleInfo else None,
        "show_autofilter": True,
        "show_table_style_first_column": False,
        "show_table_style_last_column": False,
        "show_table_style_row_stripes": True,
        "show_table_style_column_stripes": False,
    }


def _name(name, positions: dict) -> dict:
    destinations = list(name.destinations)
    sheet, address = destinations[0] if len(destinations) == 1 else (None, None)
    return {
        "name": name.name,
        "refers_to": "=" + name.attr_text,
        "type": "Range" if sheet else "Error",
        "sheet_index": positions.get(sheet),
        "address": address.replace("$", "") if address else None,
        "scope_sheet_name": None,
        "scope_sheet_index": None,
        "book_scope": True,
    }


def _address(first_column, first_row, last_column, last_row) -> str:
    from openpyxl.utils import get_column_letter

    start = f"{get_column_letter(first_column)}{first_row}"
    end = f"{get_column_letter(last_column)}{last_row}"
    return start if start == end else f"{start}:{end}"


def _value(value):
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.replace(tzinfo=timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    if isinstance(value, date):
        return datetime.combine(value, time(), timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return value
