"""The workbook JSON that xlwings' Office.js client sends (xlwings Server and Lite), made from an xlsx file.

It follows the client's ``getBookData`` in xlwings_server/static/js/custom-scripts:
values from A1 to the end of the used range with "" for empty cells, dates as
ISO strings (only where the number format is a date format), error values as
their text, defined names with ``refers_to``/``sheet_index``/``address``, and
tables with unqualified addresses. Formula cells carry what Excel would show;
cells whose formula has no saved result (as openpyxl writes them) become "".
"""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import xlwings


def _value(cell):
    value = cell.value
    if value is None:
        return ""
    if cell.data_type == "f":
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if isinstance(value, date):
        return value.strftime("%Y-%m-%dT00:00:00.000Z")
    if isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def _address(ref: str) -> str:
    return ref.replace("$", "")


def book_json(path, book_name: str = "Mittelverteilung.xlsx") -> dict:
    workbook = openpyxl.load_workbook(path)
    sheet_index = {sheet.title: index for index, sheet in enumerate(workbook.worksheets)}
    names = []
    for name, definition in workbook.defined_names.items():
        text = definition.attr_text
        destinations = list(definition.destinations) if definition.type == "RANGE" else []
        single = destinations[0] if len(destinations) == 1 else None
        names.append(
            {
                "name": name,
                "refers_to": "=" + text,
                "type": "Range" if single else "Formula",
                "sheet_index": sheet_index[single[0]] if single else None,
                "address": _address(single[1]) if single else None,
                "scope_sheet_name": None,
                "scope_sheet_index": None,
                "book_scope": True,
            }
        )
    sheets = []
    for sheet in workbook.worksheets:
        last_row, last_column = sheet.max_row, sheet.max_column
        values = [
            [_value(cell) for cell in row]
            for row in sheet.iter_rows(min_row=1, min_col=1, max_row=last_row, max_col=last_column)
        ]
        tables = []
        for table in sheet.tables.values():
            first, last = table.ref.split(":")
            first_row = int("".join(ch for ch in first if ch.isdigit()))
            first_column = "".join(ch for ch in first if ch.isalpha())
            last_row_t = int("".join(ch for ch in last if ch.isdigit()))
            last_column_t = "".join(ch for ch in last if ch.isalpha())
            totals = int(table.totalsRowCount or 0)
            tables.append(
                {
                    "name": table.displayName,
                    "range_address": table.ref,
                    "row_count": last_row_t - first_row + 1,
                    "column_count": len(table.tableColumns),
                    "columns": [column.name for column in table.tableColumns],
                    "header_row_range_address": f"{first_column}{first_row}:{last_column_t}{first_row}",
                    "data_body_range_address": f"{first_column}{first_row + 1}:{last_column_t}{last_row_t - totals}",
                    "total_row_range_address": f"{first_column}{last_row_t}:{last_column_t}{last_row_t}" if totals else None,
                    "show_headers": True,
                    "show_totals": bool(totals),
                    "table_style": "TableStyleMedium2",
                    "show_autofilter": True,
                    "show_table_style_first_column": False,
                    "show_table_style_last_column": False,
                    "show_table_style_row_stripes": True,
                    "show_table_style_column_stripes": False,
                }
            )
        sheets.append(
            {
                "name": sheet.title,
                "visibility": "Visible",
                "show_gridlines": True,
                "print_area": None,
                "notes": [],
                "notes_supported": True,
                "used_range_address": f"A1:{sheet.cell(last_row, last_column).coordinate}",
                "used_range_row_count": last_row,
                "used_range_column_count": last_column,
                "values": values,
                "pictures": [],
                "shapes": [],
                "charts": [],
                "tables": tables,
                "pivot_tables": [],
            }
        )
    return {
        "client": "Office.js",
        "version": xlwings.__version__,
        "book": {"name": book_name, "active_sheet_index": 0, "selection": "A1", "calculation": "Automatic"},
        "names": names,
        "sheets": sheets,
    }
