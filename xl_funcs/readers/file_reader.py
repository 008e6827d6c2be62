"""An xlsx/xlsm file on disk -> WorkbookSnapshot: only what the contract can ask for, in bounded time and memory.

Ministry workbooks grow for years: pivot tables, a logo, raw-data sheets of
half a million rows, a formatted cell at XFD1048576. None of that is read.

1. The package's structure is read from its XML parts directly, through
   defusedxml: the workbook part (sheets, defined names with their scope), the
   relationships and the table parts. Pivot caches, drawings, charts, comments
   and styles are never parsed, so they cannot make a workbook unreadable.
2. Only the sheets that a defined name or a table points at are opened. Their
   XML streams through a parser target that keeps hidden rows and columns,
   merged cells and active filters, not the cells.
3. The cells of the needed areas (the names' cells, each table and the rows
   below it) are read with openpyxl in read-only mode, which streams the sheet
   and stops after the last needed row; where openpyxl refuses a file that
   Excel opens, python-calamine reads the values instead.
4. Excel saves the last result of each formula next to it; python-calamine
   reads those results. It shows an error result (#DIV/0!) and a missing
   result alike as an empty text, so for those few cells openpyxl is asked a
   second time, for the saved results only, to tell them apart.

Nothing a library prints reaches standard output. Macros in an .xlsm are
neither run nor kept.
"""

from __future__ import annotations

import contextlib
import io
import os
import warnings
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from ..inputs import InputProblems, Problem
from . import contract
from . import package_parts as parts
from .districts import ROWS_BELOW_TABLE
from .file_guard import DEFAULT_LIMITS, Limits, read_workbook_bytes
from .snapshot import Area, ErrorValue, MissingResult, NameTarget, SheetGrid, TableArea, WorkbookSnapshot, parse_reference

# An area of more cells than this is no contract input (the Kreise table has about 500): a name or a table
# spanning raw data is listed, but its cells are not read. The contract's own table is always read.
LARGEST_AREA_READ = 100_000
_CHUNK = 64 * 1024


def snapshot_of_file(path: str | os.PathLike, limits: Limits = DEFAULT_LIMITS) -> WorkbookSnapshot:
    label = str(path)
    data = read_workbook_bytes(path, limits)
    return snapshot_of_bytes(data, label)


def snapshot_of_bytes(data: bytes, label: str) -> WorkbookSnapshot:
    """``data`` must have passed ``file_guard.check_workbook_bytes``."""
    with _quiet():
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            package = _Package(archive, label)
            structure = package.structure()
            wanted = _wanted_areas(structure)
            layouts = {sheet: package.layout(structure.sheet_parts[sheet], sheet) for sheet in wanted}
        values, formulas = _cell_values(data, label, wanted)
        if formulas:
            _fill_formula_results(data, label, values, formulas)
    sheets = tuple(
        SheetGrid(
            sheet,
            (),
            merged=tuple(sorted(set(layouts[sheet].merged), key=lambda a: a.a1)),
            hidden_rows=frozenset(layouts[sheet].hidden_rows),
            hidden_columns=frozenset(layouts[sheet].hidden_columns),
            filters=tuple(layouts[sheet].filters),
            cells=values.get(sheet, {}),
        )
        for sheet in structure.sheet_parts
        if sheet in wanted
    )
    return WorkbookSnapshot(
        source=label, sheets=sheets, names=structure.names, tables=structure.tables, local_names=structure.local_names
    )


@contextlib.contextmanager
def _quiet():
    """Libraries warn about features they do not keep, and some print; neither may reach our output."""
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        yield


# -- 1. the package's structure -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Structure:
    sheet_parts: dict[str, str]  # worksheet name -> its part, in the workbook's order
    names: tuple[NameTarget, ...]
    local_names: tuple[NameTarget, ...]
    tables: tuple[TableArea, ...]


_UNSAFE = (
    "Die Datei enthält unzulässige XML-Konstrukte (Entitäten oder eine DTD) und wird aus Sicherheitsgründen "
    "nicht geöffnet."
)


def _damaged(label: str, detail: str):
    raise InputProblems(
        [
            Problem(
                "Die Datei ist beschädigt oder keine gültige Excel-Arbeitsmappe und kann nicht gelesen werden: "
                f"{detail} Bitte in Excel öffnen und erneut als .xlsx speichern.",
                file=label,
            )
        ]
    )


class _Package:
    """The parts of one guarded archive, found by their names as OPC compares them."""

    def __init__(self, archive: zipfile.ZipFile, label: str) -> None:
        self.archive = archive
        self.label = label
        self.members = {parts.part_key(info.filename): info.filename for info in archive.infolist()}

    def has(self, part: str) -> bool:
        return parts.part_key(part) in self.members

    def _open(self, part: str):
        return self.archive.open(self.members[parts.part_key(part)])

    def xml(self, part: str, what: str):
        """The parsed root element of a small part (relationships, workbook, table)."""
        from defusedxml import DefusedXmlException
        from defusedxml.ElementTree import ParseError, fromstring

        with self._open(part) as handle:
            text = handle.read()
        try:
            return fromstring(text)
        except DefusedXmlException:
            raise InputProblems([Problem(_UNSAFE, file=self.label)]) from None
        except ParseError as error:
            _damaged(self.label, f"Der Teil „{part}“ ({what}) ist kein gültiges XML ({_position(error)}).")

    def relationships(self, part: str) -> list[tuple[str, str, str]]:
        """(type, id, target part) of every relationship of ``part``, in their order; none if it has no .rels part."""
        rels = parts.relationships_part(part)
        if not self.has(rels):
            return []
        found = []
        for element in self.xml(rels, "Verweise zwischen den Teilen"):
            if parts.local(element.tag) != "Relationship" or element.get("TargetMode") == "External":
                continue
            target = element.get("Target")
            if target:
                found.append((element.get("Type", ""), element.get("Id", ""), parts.resolve(part, target)))
        return found

    def workbook_part(self) -> str:
        for kind, _, target in self.relationships(""):
            if kind.endswith(parts.OFFICE_DOCUMENT) and self.has(target):
                return target
        if self.has("xl/workbook.xml"):
            return "xl/workbook.xml"
        _damaged(self.label, "Der Teil mit den Blättern und Namen (xl/workbook.xml) fehlt.")

    def structure(self) -> _Structure:
        book_part = self.workbook_part()
        root = self.xml(book_part, "die Liste der Blätter und Namen")
        targets = {rid: (kind, target) for kind, rid, target in self.relationships(book_part)}
        order: list[tuple[str, str | None]] = []  # every sheet (chart sheets too: localSheetId counts them)
        for element in root.iter():
            if parts.local(element.tag) == "sheet":
                kind, target = targets.get(parts.attribute(element.attrib, "id") or "", ("", None))
                worksheet = target if kind.endswith(parts.WORKSHEET) and target and self.has(target) else None
                order.append((element.get("name", ""), worksheet))
        sheet_parts = {name: part for name, part in order if part is not None}
        names: dict[str, NameTarget] = {}
        local_names = []
        for element in root.iter():
            if parts.local(element.tag) != "definedName" or not element.get("name"):
                continue
            text = (element.text or "").strip()
            target = parse_reference(text)
            sheet, area = target if target else (None, None)
            scope_index = parts.whole(element.get("localSheetId"))
            if scope_index is None:
                names[element.get("name")] = NameTarget(element.get("name"), "=" + text, sheet, area)
            elif 0 <= scope_index < len(order) and not element.get("name").startswith("_xlnm."):
                scope = order[scope_index][0]
                local_names.append(NameTarget(element.get("name"), "=" + text, sheet, area, scope=scope))
        tables = []
        for sheet, part in sheet_parts.items():
            for kind, _, target in self.relationships(part):
                if kind.endswith(parts.TABLE) and self.has(target):
                    table = self._table(target, sheet)
                    if table is not None:
                        tables.append(table)
        return _Structure(sheet_parts, tuple(names.values()), tuple(local_names), tuple(tables))

    def _table(self, part: str, sheet: str) -> TableArea | None:
        root = self.xml(part, f"eine Tabelle auf dem Blatt „{sheet}“")
        area = Area.parse(root.get("ref") or "")
        if area is None:
            return None
        header_rows = parts.whole(root.get("headerRowCount"))
        filtered = any(
            parts.local(child.tag) == "autoFilter" and any(parts.local(c.tag) == "filterColumn" for c in child)
            for child in root
        )
        return TableArea(
            name=root.get("displayName") or root.get("name") or "",
            sheet=sheet,
            area=area,
            header_rows=1 if header_rows is None else header_rows,
            totals_rows=parts.whole(root.get("totalsRowCount")) or 0,
            filtered=filtered,
        )

    def layout(self, part: str, sheet: str) -> parts.SheetLayout:
        """Hidden rows and columns, merged cells and filters of one sheet, streamed: memory does not grow with it."""
        from defusedxml import DefusedXmlException
        from defusedxml.ElementTree import ParseError, XMLParser

        parser = XMLParser(target=parts.SheetLayout())
        try:
            with self._open(part) as handle:
                while chunk := handle.read(_CHUNK):
                    parser.feed(chunk)
            return parser.close()
        except DefusedXmlException:
            raise InputProblems([Problem(_UNSAFE, file=self.label)]) from None
        except ParseError as error:
            _damaged(self.label, f"Der Teil „{part}“ (das Blatt „{sheet}“) ist kein gültiges XML ({_position(error)}).")


def _position(error) -> str:
    line, column = getattr(error, "position", (None, None))
    return f"Zeile {line}, Spalte {column}" if line is not None else str(error)


def _wanted_areas(structure: _Structure) -> dict[str, list[Area]]:
    """The areas whose cells the contract can ask for, by sheet: names' targets, tables and the rows below."""
    by_folded = {name.casefold(): name for name in structure.sheet_parts}
    wanted: dict[str, list[Area]] = {}

    def want(sheet: str | None, area: Area | None, always: bool = False) -> None:
        found = None if sheet is None else sheet if sheet in structure.sheet_parts else by_folded.get(sheet.casefold())
        if found is None or area is None:
            return
        if always or _cells(area) <= LARGEST_AREA_READ:
            wanted.setdefault(found, []).append(area)

    for name in structure.names + structure.local_names:
        want(name.sheet, name.area)
    for table in structure.tables:
        area = table.area
        below = Area(area.first_row, area.first_column, area.last_row + ROWS_BELOW_TABLE, area.last_column)
        want(table.sheet, below, always=table.name.casefold() == contract.TABLE_NAME.casefold())
    return wanted


def _cells(area: Area) -> int:
    return (area.last_row - area.first_row + 1) * (area.last_column - area.first_column + 1)


def _passes(areas: list[Area]) -> list[Area]:
    """One streaming pass over the box around all areas when it is small, else one pass per area."""
    box = Area(
        min(a.first_row for a in areas),
        min(a.first_column for a in areas),
        max(a.last_row for a in areas),
        max(a.last_column for a in areas),
    )
    return [box] if _cells(box) <= LARGEST_AREA_READ else sorted(set(areas))


# -- 3. the cells -----------------------------------------------------------------------------------------

Cells = dict[tuple[int, int], object]


def _cell_values(data: bytes, label: str, wanted: dict[str, list[Area]]) -> tuple[dict[str, Cells], dict[str, dict]]:
    """Values of the wanted cells by sheet, and the formulas among them (their results come later)."""
    if not wanted:
        return {}, {}
    try:
        return _openpyxl_values(data, wanted)
    except Exception as error:  # openpyxl refuses some files that Excel writes (and opens); calamine reads them
        from defusedxml import DefusedXmlException

        if _caused_by(error, DefusedXmlException):
            raise InputProblems([Problem(_UNSAFE, file=label)]) from None
        values = _calamine_values(data, wanted)
        if values is None:
            _damaged(label, f"Die Zellen lassen sich nicht lesen (technische Ursache: {type(error).__name__}).")
        return values, {}


def _openpyxl_values(data: bytes, wanted: dict[str, list[Area]]) -> tuple[dict[str, Cells], dict[str, dict]]:
    workbook = _load(data, data_only=False)
    values: dict[str, Cells] = {}
    formulas: dict[str, dict[tuple[int, int], str]] = {}
    try:
        for sheet, areas in wanted.items():
            found = values[sheet] = {}
            worksheet = workbook[sheet]
            for area in _passes(areas):
                rows = worksheet.iter_rows(
                    min_row=area.first_row, max_row=area.last_row, min_col=area.first_column, max_col=area.last_column
                )
                for row, cells in enumerate(rows, start=area.first_row):
                    for column, cell in enumerate(cells, start=area.first_column):
                        value, kind = cell.value, cell.data_type
                        if value is None or not any(_inside(a, row, column) for a in areas):
                            continue
                        if kind == "f":
                            formulas.setdefault(sheet, {})[(row, column)] = _formula_text(value)
                            continue  # filled in from the saved results
                        if kind == "e":
                            value = ErrorValue(str(value))
                        elif not isinstance(value, (str, int, float, bool, date, datetime, time, timedelta)):
                            value = str(value)
                        found[(row, column)] = value
    finally:
        workbook.close()
    return values, formulas


def _inside(area: Area, row: int, column: int) -> bool:
    return area.first_row <= row <= area.last_row and area.first_column <= column <= area.last_column


def _calamine_values(data: bytes, wanted: dict[str, list[Area]]) -> dict[str, Cells] | None:
    """The saved values (formula results included) of the wanted cells; None if calamine cannot read them either."""
    from python_calamine import CalamineWorkbook

    from .snapshot import ERROR_TEXTS

    values: dict[str, Cells] = {}
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        for sheet, areas in wanted.items():
            found = values[sheet] = {}
            last_row = max(a.last_row for a in areas)
            rows = workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
            for row, cells in enumerate(rows[:last_row], start=1):
                for column, value in enumerate(cells, start=1):
                    if value == "" or value is None or not any(_inside(a, row, column) for a in areas):
                        continue
                    found[(row, column)] = ErrorValue(value) if isinstance(value, str) and value in ERROR_TEXTS else value
    except Exception:
        return None
    return values


def _load(data: bytes, data_only: bool):
    import openpyxl

    return openpyxl.load_workbook(
        io.BytesIO(data), read_only=True, data_only=data_only, keep_links=False, keep_vba=False, rich_text=False
    )


def _caused_by(error: BaseException, kind: type) -> bool:
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, kind):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def _formula_text(value) -> str:
    text = getattr(value, "text", value)  # ArrayFormula keeps its text in .text
    text = str(text) if text is not None else ""
    return text if text.startswith("=") else "=" + text


# -- 4. saved formula results -----------------------------------------------------------------------------


def _fill_formula_results(data: bytes, label: str, values: dict[str, Cells], formulas: dict[str, dict]) -> None:
    results = _calamine_results(data, formulas)
    unclear = {
        sheet: {cell for cell in cells if results.get(sheet, {}).get(cell, "") == ""} for sheet, cells in formulas.items()
    }
    if any(unclear.values()):
        saved = _openpyxl_results(data, label, unclear)
        for sheet, cells in unclear.items():
            for cell in cells:
                results.setdefault(sheet, {})[cell] = saved.get(sheet, {}).get(cell)
    for sheet, cells in formulas.items():
        for position, formula in cells.items():
            value = results.get(sheet, {}).get(position)
            values.setdefault(sheet, {})[position] = MissingResult(formula) if value is None else value


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
    results: dict[str, dict] = {}
    try:
        workbook = _load(data, data_only=True)
        try:
            for sheet, cells in wanted.items():
                if not cells:
                    continue
                found = results[sheet] = {}
                rows = workbook[sheet].iter_rows(
                    min_row=min(r for r, _ in cells),
                    max_row=max(r for r, _ in cells),
                    min_col=min(c for _, c in cells),
                    max_col=max(c for _, c in cells),
                )
                first_row, first_column = min(r for r, _ in cells), min(c for _, c in cells)
                for row, row_cells in enumerate(rows, start=first_row):
                    for column, cell in enumerate(row_cells, start=first_column):
                        if (row, column) in cells:
                            found[(row, column)] = ErrorValue(str(cell.value)) if cell.data_type == "e" else cell.value
        finally:
            workbook.close()
    except Exception:
        _damaged(label, "Die gespeicherten Ergebnisse der Formeln lassen sich nicht lesen.")
    return results
