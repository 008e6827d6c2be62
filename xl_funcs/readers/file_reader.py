"""An xlsx/xlsm file on disk -> WorkbookSnapshot, with openpyxl (XML parsed through defusedxml).

openpyxl reads the structure (defined names, tables, merged cells, hidden
rows) and every cell with its formula, if any. Excel saves the last result of
each formula next to it; python-calamine reads those results quickly. It shows
an error result (#DIV/0!) and a missing result alike as an empty text, so for
those few cells openpyxl is asked a second time, for the saved results only,
to tell them apart. Macros in an .xlsm are neither run nor kept.
"""

from __future__ import annotations

import io
import os
import warnings
from datetime import date, datetime, time, timedelta

from ..inputs import InputProblems, Problem
from .file_guard import DEFAULT_LIMITS, Limits, read_workbook_bytes
from .snapshot import Area, ErrorValue, MissingResult, NameTarget, SheetGrid, TableArea, WorkbookSnapshot, parse_reference


def snapshot_of_file(path: str | os.PathLike, limits: Limits = DEFAULT_LIMITS) -> WorkbookSnapshot:
    label = str(path)
    data = read_workbook_bytes(path, limits)
    return snapshot_of_bytes(data, label)


def snapshot_of_bytes(data: bytes, label: str) -> WorkbookSnapshot:
    """``data`` must have passed ``file_guard.check_workbook_bytes``."""
    workbook = _load(data, label, data_only=False)
    names = tuple(_names(workbook))
    tables = tuple(_tables(workbook))
    wanted = {n.sheet for n in names if n.sheet} | {t.sheet for t in tables}
    sheets = []
    formulas: dict[str, dict[tuple[int, int], str]] = {}
    for worksheet in workbook.worksheets:
        if worksheet.title not in wanted:
            continue
        grid, sheet_formulas = _grid(worksheet)
        sheets.append(grid)
        if sheet_formulas:
            formulas[worksheet.title] = sheet_formulas
    if formulas:
        sheets = _with_formula_results(data, label, sheets, formulas)
    return WorkbookSnapshot(source=label, sheets=tuple(sheets), names=names, tables=tables)


def facts_of_bytes(data: bytes, label: str):
    """The document properties and sheet names of a checked file (to recognise our own outputs)."""
    from .own_outputs import FileFacts

    workbook = _load(data, label, data_only=True, read_only=True)
    try:
        properties = workbook.properties
        return FileFacts(
            title=properties.title or "",
            keywords=properties.keywords or "",
            custom_names=frozenset(prop.name for prop in workbook.custom_doc_props.props),
            sheet_names=tuple(workbook.sheetnames),
        )
    finally:
        workbook.close()


def _load(data: bytes, label: str, data_only: bool, read_only: bool = False):
    import openpyxl
    from defusedxml import DefusedXmlException

    try:
        with warnings.catch_warnings():
            # openpyxl warns about Excel features it does not keep (data validation, conditional formats …).
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(
                io.BytesIO(data), read_only=read_only, data_only=data_only, keep_links=False, keep_vba=False, rich_text=False
            )
    except Exception as error:  # openpyxl raises many kinds of errors on malformed parts, wrapping some
        if _caused_by(error, DefusedXmlException):
            message = (
                "Die Datei enthält unzulässige XML-Konstrukte (Entitäten oder eine DTD) und wird aus "
                "Sicherheitsgründen nicht geöffnet."
            )
        else:
            message = (
                "Die Datei ist beschädigt oder keine gültige Excel-Arbeitsmappe und kann nicht gelesen werden "
                f"(technische Ursache: {type(error).__name__}). Bitte in Excel öffnen und erneut als .xlsx speichern."
            )
        raise InputProblems([Problem(message, file=label)]) from None


def _caused_by(error: BaseException, kind: type) -> bool:
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, kind):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def _names(workbook):
    for name, definition in workbook.defined_names.items():
        text = definition.attr_text or ""
        target = parse_reference(text)
        sheet, area = target if target else (None, None)
        yield NameTarget(name=name, refers_to="=" + text, sheet=sheet, area=area)


def _tables(workbook):
    for worksheet in workbook.worksheets:
        for table in worksheet.tables.values():
            area = Area.parse(table.ref or "")
            if area is None:
                continue
            yield TableArea(
                name=table.displayName or table.name,
                sheet=worksheet.title,
                area=area,
                header_rows=1 if table.headerRowCount is None else int(table.headerRowCount),
                totals_rows=int(table.totalsRowCount or 0),
            )


def _grid(worksheet) -> tuple[SheetGrid, dict[tuple[int, int], str]]:
    formulas: dict[tuple[int, int], str] = {}
    rows = []
    for cells in worksheet.iter_rows(min_row=1, min_col=1, max_row=worksheet.max_row, max_col=worksheet.max_column):
        values = []
        for cell in cells:
            value = cell.value
            kind = cell.data_type
            if kind == "f":
                formulas[(cell.row, cell.column)] = _formula_text(value)
                value = None  # filled in from the saved results
            elif kind == "e":
                value = ErrorValue(str(value))
            elif not isinstance(value, (type(None), str, int, float, bool, date, datetime, time, timedelta)):
                value = str(value)
            values.append(value)
        rows.append(tuple(values))
    merged = tuple(
        Area(r.min_row, r.min_col, r.max_row, r.max_col) for r in sorted(worksheet.merged_cells.ranges, key=str)
    )
    hidden = frozenset(number for number, dimension in worksheet.row_dimensions.items() if dimension.hidden)
    return SheetGrid(worksheet.title, tuple(rows), merged=merged, hidden_rows=hidden), formulas


def _formula_text(value) -> str:
    text = getattr(value, "text", value)  # ArrayFormula keeps its text in .text
    text = str(text) if text is not None else ""
    return text if text.startswith("=") else "=" + text


def _with_formula_results(
    data: bytes, label: str, sheets: list[SheetGrid], formulas: dict[str, dict[tuple[int, int], str]]
) -> list[SheetGrid]:
    results = _calamine_results(data, formulas)
    unclear = {
        sheet: {cell for cell in cells if results.get(sheet, {}).get(cell, "") == ""}
        for sheet, cells in formulas.items()
    }
    if any(unclear.values()):
        saved = _openpyxl_results(data, label, unclear)
        for sheet, cells in unclear.items():
            for cell in cells:
                results.setdefault(sheet, {})[cell] = saved.get(sheet, {}).get(cell)
    updated = []
    for grid in sheets:
        sheet_formulas = formulas.get(grid.name)
        if not sheet_formulas:
            updated.append(grid)
            continue
        rows = [list(row) for row in grid.rows]
        for (row, column), formula in sheet_formulas.items():
            value = results.get(grid.name, {}).get((row, column))
            rows[row - 1][column - 1] = MissingResult(formula) if value is None else value
        updated.append(SheetGrid(grid.name, tuple(tuple(r) for r in rows), grid.merged, grid.hidden_rows))
    return updated


def _calamine_results(data: bytes, formulas: dict[str, dict[tuple[int, int], str]]) -> dict[str, dict]:
    from python_calamine import CalamineWorkbook

    results: dict[str, dict] = {}
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        for sheet, cells in formulas.items():
            values = workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
            found = results[sheet] = {}
            for row, column in cells:
                if row <= len(values) and column <= len(values[row - 1]):
                    found[(row, column)] = values[row - 1][column - 1]
    except Exception:  # calamine is only the fast path; openpyxl below settles every unclear cell
        return {}
    return results


def _openpyxl_results(data: bytes, label: str, wanted: dict[str, set[tuple[int, int]]]) -> dict[str, dict]:
    """Saved formula results: None where none was saved, ErrorValue for #DIV/0! and the like."""
    workbook = _load(data, label, data_only=True, read_only=True)
    results: dict[str, dict] = {}
    try:
        _collect_results(workbook, wanted, results)
    except Exception:  # read-only sheets are parsed only now
        raise InputProblems(
            [Problem("Die Datei ist beschädigt und kann nicht vollständig gelesen werden.", file=label)]
        ) from None
    finally:
        workbook.close()
    return results


def _collect_results(workbook, wanted: dict[str, set[tuple[int, int]]], results: dict[str, dict]) -> None:
    for sheet, cells in wanted.items():
        if not cells:
            continue
        worksheet = workbook[sheet]
        found = results[sheet] = {}
        last_row = max(row for row, _ in cells)
        for cells_of_row in worksheet.iter_rows(min_row=1, max_row=last_row):
            for cell in cells_of_row:
                position = (getattr(cell, "row", None), getattr(cell, "column", None))
                if position in cells:
                    value = cell.value
                    if cell.data_type == "e":
                        value = ErrorValue(str(value))
                    found[position] = value
