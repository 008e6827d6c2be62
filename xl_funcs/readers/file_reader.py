"""An xlsx/xlsm file on disk -> WorkbookSnapshot: only what the contract can ask for, in bounded time and memory.

Ministry workbooks grow for years: pivot tables, a logo, raw-data sheets of
half a million rows, a formatted cell at XFD1048576. None of that is read.
Every part is parsed here, through defusedxml, from bytes the file guard has
checked:

1. the structure: the workbook part (sheets, defined names with their scope,
   the date system), the relationships and the table parts. Pivot caches,
   drawings, charts, comments and the like are never parsed, so they cannot
   make a workbook unreadable; parts are found through the relationships, so
   packages whose parts lie outside ``xl/`` or have backslash names are read;
2. only the sheets that a defined name or a table points at; each streams
   through a parser target that keeps the cells of the needed areas (the
   names' cells, each table and the rows below it), hidden rows and columns,
   merged cells and active filters, and nothing else;
3. of the shared strings only those the needed cells use (the parse ends
   after the last of them), and of the styles which ones show dates.

A formula cell is read with the result Excel saved next to it; one without a
saved result is reported as such. Values are converted as openpyxl converts
them, with its date helpers. Nothing a library prints reaches standard
output; macros in an .xlsm are neither run nor kept.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import warnings
import zipfile
from dataclasses import dataclass

from ..inputs import InputProblems, Problem
from . import contract
from . import package_parts as parts
from .districts import ROWS_BELOW_TABLE
from .file_guard import DEFAULT_LIMITS, Limits, read_workbook_bytes
from .snapshot import Area, NameTarget, SheetGrid, TableArea, WorkbookSnapshot, parse_reference

# An area of more cells than this is no contract input (the Kreise table has about 500): a name or a table
# spanning raw data is listed, but its cells are not read. The contract's own table is always read.
LARGEST_AREA_READ = 100_000
_CHUNK = 64 * 1024
_OVERLAP = 64  # bytes kept from the previous chunk, so that a tag split between two chunks is found
# A sheet's root start tag (any prefix) and the end of its cells, found in the raw bytes of a UTF-8 part.
_ROOT_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?worksheet[\s>][^>]*>")
_END_OF_CELLS = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?sheetData\s*>")


def snapshot_of_file(path: str | os.PathLike, limits: Limits = DEFAULT_LIMITS) -> WorkbookSnapshot:
    label = str(path)
    data = read_workbook_bytes(path, limits)
    return snapshot_of_bytes(data, label)


def snapshot_of_bytes(data: bytes, label: str) -> WorkbookSnapshot:
    """``data`` must have passed ``file_guard.check_workbook_bytes``."""
    with _quiet(), zipfile.ZipFile(io.BytesIO(data)) as archive:
        package = _Package(archive, label)
        structure = package.structure()
        wanted = _wanted_areas(structure)
        readers = {sheet: package.sheet(structure.sheet_parts[sheet], sheet, wanted[sheet]) for sheet in wanted}
        cells = [cell for reader in readers.values() for cell in reader.cells.values()]
        used = {int(c.value) for c in cells if c.kind == "s" and (c.value or "").isdigit()}
        strings = package.shared_strings(structure.strings_part, used)
        styles = parts.number_styles(package.styles(structure.styles_part), structure.date1904)
    sheets = tuple(
        SheetGrid(
            sheet,
            (),
            merged=tuple(sorted(set(reader.merged), key=lambda a: a.a1)),
            hidden_rows=frozenset(reader.hidden_rows),
            hidden_columns=frozenset(reader.hidden_columns),
            filters=tuple(reader.filters),
            cells={position: parts.value_of(cell, strings, styles) for position, cell in reader.cells.items()},
        )
        for sheet, reader in readers.items()
    )
    return WorkbookSnapshot(
        source=label, sheets=sheets, names=structure.names, tables=structure.tables, local_names=structure.local_names
    )


def facts_of_bytes(data: bytes, label: str):
    """The document properties and sheet names of a checked file, to recognise our own outputs.

    Read from the package's parts like everything else here; a part that cannot be read just says nothing.
    """
    from .own_outputs import FileFacts

    title = keywords = ""
    custom: set[str] = set()
    sheet_names: tuple[str, ...] = ()
    with _quiet(), zipfile.ZipFile(io.BytesIO(data)) as archive:
        present = set(archive.namelist())
        try:
            sheet_names = tuple(_Package(archive, label).structure().sheet_parts)
        except InputProblems:
            pass
        if "docProps/core.xml" in present:
            core = _facts_root(archive, "docProps/core.xml")
            if core is not None:
                title = _child_text(core, "title")
                keywords = _child_text(core, "keywords")
        if "docProps/custom.xml" in present:
            properties = _facts_root(archive, "docProps/custom.xml")
            if properties is not None:
                custom = {element.get("name", "") for element in properties}
    return FileFacts(title=title, keywords=keywords, custom_names=frozenset(custom), sheet_names=sheet_names)


def _facts_root(archive: zipfile.ZipFile, part: str):
    from defusedxml import ElementTree

    try:
        return ElementTree.fromstring(archive.read(part))
    except Exception:  # unsafe or damaged: no facts from this part
        return None


def _child_text(root, local_name: str) -> str:
    for element in root:
        if element.tag.rsplit("}", 1)[-1] == local_name:
            return (element.text or "").strip()
    return ""


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
    strings_part: str | None
    styles_part: str | None
    date1904: bool


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
        for element in _children(root, "sheets"):
            if parts.local(element.tag) == "sheet":
                kind, target = targets.get(parts.attribute(element.attrib, "id") or "", ("", None))
                worksheet = target if kind.endswith(parts.WORKSHEET) and target and self.has(target) else None
                order.append((element.get("name", ""), worksheet))
        sheet_parts = {name: part for name, part in order if part is not None}
        names: dict[str, NameTarget] = {}
        local_names = []
        for element in _children(root, "definedNames"):
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
        def part_of(kind_suffix: str) -> str | None:
            return next((t for kind, t in targets.values() if kind.endswith(kind_suffix) and self.has(t)), None)

        date1904 = any(parts.local(e.tag) == "workbookPr" and parts.is_true(e.get("date1904")) for e in root)
        return _Structure(
            sheet_parts,
            tuple(names.values()),
            tuple(local_names),
            tuple(tables),
            part_of(parts.SHARED_STRINGS),
            part_of(parts.STYLES),
            date1904,
        )

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

    def _stream(self, part: str, what: str, target):
        """Feed ``part`` to a defused parser with ``target`` in chunks; the target may end it early (Enough), or
        skip the rest of a sheet's cells (PastCells), after which only what follows the cells is parsed."""
        from defusedxml import DefusedXmlException
        from defusedxml.ElementTree import ParseError, XMLParser

        try:
            with self._open(part) as handle:
                parser = XMLParser(target=target)
                head, previous = None, b""
                while chunk := handle.read(_CHUNK):
                    head = chunk if head is None else head
                    try:
                        parser.feed(chunk)
                    except parts.PastCells:
                        done = self._after_cells(handle, head, previous + chunk, target)
                        return done if done is not None else self._stream(part, what, target.restarted())
                    previous = chunk[-_OVERLAP:]
                return parser.close()
        except parts.Enough:
            return target
        except DefusedXmlException:
            raise InputProblems([Problem(_UNSAFE, file=self.label)]) from None
        except ParseError as error:
            _damaged(self.label, f"Der Teil „{part}“ ({what}) ist kein gültiges XML ({_position(error)}).")

    @staticmethod
    def _after_cells(handle, head: bytes, window: bytes, target):
        """Parse what follows ``</sheetData>`` (merged cells, filters …) under the sheet's own root tag, without
        parsing the remaining cells; None where that cannot be done safely (then the whole sheet is parsed)."""
        from defusedxml.ElementTree import ParseError, XMLParser

        root = _ROOT_TAG.search(head)
        if root is None:
            return None
        while (end := _END_OF_CELLS.search(window)) is None:
            more = handle.read(_CHUNK)
            if not more:
                return None
            window = window[-_OVERLAP:] + more
        parser = XMLParser(target=target)
        try:
            parser.feed(root.group(0))
            parser.feed(window[end.end() :])
            while chunk := handle.read(_CHUNK):
                parser.feed(chunk)
            return parser.close()
        except ParseError:
            return None

    def sheet(self, part: str, sheet: str, areas: list[Area]) -> parts.SheetReader:
        """The wanted cells and the layout of one sheet, streamed: memory grows with the areas, not the sheet,
        and cells below the last needed row are skipped, not parsed."""
        return self._stream(part, f"das Blatt „{sheet}“", parts.SheetReader(areas))

    def shared_strings(self, part: str | None, wanted: set[int]) -> dict[int, str]:
        if not wanted or part is None:
            return {}
        return self._stream(part, "die Texte der Zellen", parts.SharedStrings(wanted)).found

    def styles(self, part: str | None):
        return None if part is None else self.xml(part, "die Formate der Zellen")


def _children(root, name: str) -> list:
    """The children of the root's child ``name`` (``sheets``, ``definedNames``), not same-named elements elsewhere."""
    return [child for element in root if parts.local(element.tag) == name for child in element]


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
