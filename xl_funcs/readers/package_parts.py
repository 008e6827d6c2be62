"""What the parts of an xlsx package say, for the reader: part names, relationships, and a sheet's layout.

An xlsx file is a ZIP archive of XML parts that point at each other through
relationships (``_rels/*.rels``). Producers differ in how they name the parts:
outside ``xl/``, with backslashes, in another case, absolute or relative. Part
names are therefore compared as OPC compares them (case-insensitive, ``/`` as
the separator) and targets resolved against the part that names them.

The XML itself is parsed in ``file_reader`` (through defusedxml); this module
only interprets what the parser reports. ``SheetReader`` is the parser's target
for one sheet: it keeps hidden rows and columns, merged cells, active filters
and the cells of the wanted areas while everything else streams past, so memory
grows with the areas, not with the sheet. ``SharedStrings`` keeps only the
strings those cells use and ends the parse after the last of them. Values are
converted as openpyxl converts them (its date helpers are used), so a file
gives the same values as before.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote

from .snapshot import Area, ErrorValue, MissingResult, column_number

OFFICE_DOCUMENT = "/officeDocument"
WORKSHEET = "/worksheet"
TABLE = "/table"
STYLES = "/styles"
SHARED_STRINGS = "/sharedStrings"


def part_key(name: str) -> str:
    """A part name as OPC compares it: ``xl\\Worksheets\\Sheet1.xml`` and ``/xl/worksheets/sheet1.xml`` are one part."""
    return unquote(name.replace("\\", "/")).lstrip("/").casefold()


def resolve(source_part: str, target: str) -> str:
    """The part a relationship of ``source_part`` points at (``""`` is the package root)."""
    target = target.replace("\\", "/")
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/")
    joined = posixpath.join(posixpath.dirname(source_part), target)
    return posixpath.normpath(joined).lstrip("/")


def relationships_part(part: str) -> str:
    """``xl/workbook.xml`` -> ``xl/_rels/workbook.xml.rels``; the package root -> ``_rels/.rels``."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def local(tag: str) -> str:
    """``{namespace}row`` or ``row`` -> ``row``: strict and transitional files, any prefix."""
    return tag.rpartition("}")[2]


def attribute(attributes: dict, name: str) -> str | None:
    """An attribute by its local name, whatever its namespace (``r:id`` is ``id`` in one of two namespaces)."""
    if name in attributes:
        return attributes[name]
    return next((value for key, value in attributes.items() if local(key) == name), None)


def is_true(value: str | None) -> bool:
    return value is not None and value.strip().lower() in ("1", "true")


def whole(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


class Enough(Exception):
    """Raised by a parser target once it has everything it needs: the rest of the part is not parsed."""


class PastCells(Exception):
    """Raised by SheetReader at the first row below the last needed one: the remaining cells need no parsing."""


@dataclass(frozen=True)
class RawCell:
    """One cell as the sheet's XML holds it; ``value_of`` turns it into a snapshot value."""

    kind: str  # the t attribute: n, s, str, inlineStr, b, e, d
    style: int
    value: str | None  # the <v> text; for a formula its saved result
    formula: str | None  # None: no formula
    inline: str | None  # the text of an inline string


class SheetReader:
    """Parser target for one worksheet: the cells inside ``areas``, hidden rows and columns, merged cells, filters.

    Every other cell streams past without being kept, so memory grows with the areas, not with the sheet.
    """

    def __init__(self, areas: list[Area], skip_past_cells: bool = True) -> None:
        self.skip_past_cells = skip_past_cells
        self.areas = sorted(set(areas))
        self.cells: dict[tuple[int, int], RawCell] = {}
        self.hidden_rows: set[int] = set()
        self.hidden_columns: set[int] = set()
        self.merged: list[Area] = []
        self.filters: list[Area] = []
        self._first_row = min((a.first_row for a in self.areas), default=0)
        self._last_row = max((a.last_row for a in self.areas), default=0)
        self._row = 0
        self._column = 0
        self._cell: dict | None = None  # the wanted cell being read
        self._text: list[str] | None = None  # collecting the text of <v>, <f> or <t>
        self._phonetic = 0
        self._filter: Area | None = None
        self._criteria = False

    def _wanted(self, row: int, column: int) -> bool:
        if not self._first_row <= row <= self._last_row:
            return False
        return any(
            a.first_row <= row <= a.last_row and a.first_column <= column <= a.last_column for a in self.areas
        )

    def start(self, tag: str, attributes: dict) -> None:
        name = local(tag)
        if name == "c":
            reference = attributes.get("r")
            position = cell_position(reference) if reference else None
            if position is None:
                self._column += 1
                position = (self._row, self._column)
            self._column = position[1]
            if self._wanted(*position):
                style = whole(attributes.get("s")) or 0
                kind = attributes.get("t", "n")
                self._cell = {"at": position, "kind": kind, "style": style, "v": None, "f": None, "is": None}
            return
        cell = self._cell
        if cell is not None:
            if name in ("v", "f") or (name == "t" and not self._phonetic and cell["is"] is not None):
                self._text = []
            elif name == "is":
                cell["is"] = []
            elif name == "rPh":
                self._phonetic += 1
            return
        if name == "row":
            number = whole(attributes.get("r"))
            self._row = number if number is not None and number > 0 else self._row + 1
            self._column = 0
            if self._row > self._last_row and self.skip_past_cells:
                raise PastCells
            if is_true(attributes.get("hidden")):
                self.hidden_rows.add(self._row)
        elif name == "col":
            first, last = whole(attributes.get("min")), whole(attributes.get("max"))
            if is_true(attributes.get("hidden")) and first is not None and last is not None:
                self.hidden_columns.update(range(max(first, 1), min(last, 16384) + 1))
        elif name == "mergeCell":
            area = Area.parse(attributes.get("ref", ""))
            if area is not None:
                self.merged.append(area)
        elif name == "autoFilter":
            self._filter = Area.parse(attributes.get("ref", ""))
            self._criteria = False
        elif name == "filterColumn":
            self._criteria = True

    def end(self, tag: str) -> None:
        cell = self._cell
        name = local(tag)
        if cell is not None:
            if name == "c":
                inline = "".join(cell["is"]) if cell["is"] is not None else None
                self.cells[cell["at"]] = RawCell(cell["kind"], cell["style"], cell["v"], cell["f"], inline)
                self._cell = None
            elif name in ("v", "f") and self._text is not None:
                cell[name] = "".join(self._text)
                self._text = None
            elif name == "t" and self._text is not None:
                cell["is"].append("".join(self._text))
                self._text = None
            elif name == "rPh":
                self._phonetic -= 1
        elif name == "autoFilter":
            if self._filter is not None and self._criteria:
                self.filters.append(self._filter)
            self._filter = None

    def data(self, text: str) -> None:
        if self._text is not None:
            self._text.append(text)

    def close(self) -> SheetReader:
        return self

    def restarted(self) -> SheetReader:
        """A fresh reader for the same areas that parses every row (where skipping was not possible)."""
        return SheetReader(self.areas, skip_past_cells=False)


class SharedStrings:
    """Parser target for the shared strings: only the entries with the wanted indices; stops after the last."""

    def __init__(self, wanted: set[int]) -> None:
        self.wanted = wanted
        self.found: dict[int, str] = {}
        self._last = max(wanted, default=-1)
        self._index = -1
        self._parts: list[str] | None = None
        self._in_text = False
        self._phonetic = 0

    def start(self, tag: str, attributes: dict) -> None:
        name = local(tag)
        if name == "si":
            self._index += 1
            self._parts = [] if self._index in self.wanted else None
        elif name == "rPh":
            self._phonetic += 1
        elif name == "t":
            self._in_text = self._parts is not None and not self._phonetic

    def end(self, tag: str) -> None:
        name = local(tag)
        if name == "t":
            self._in_text = False
        elif name == "rPh":
            self._phonetic -= 1
        elif name == "si":
            if self._parts is not None:
                self.found[self._index] = "".join(self._parts).replace("x005F_", "")  # as openpyxl reads them
            if self._index >= self._last:
                raise Enough

    def data(self, text: str) -> None:
        if self._in_text:
            self._parts.append(text)

    def close(self) -> SharedStrings:
        return self


_CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})")


def cell_position(reference: str) -> tuple[int, int] | None:
    match = _CELL.fullmatch(reference)
    if not match:
        return None
    return int(match[2]), column_number(match[1])


@dataclass(frozen=True)
class NumberStyles:
    """Which cell styles show a number as a date or as a duration, and the workbook's date system."""

    dates: frozenset[int] = frozenset()
    durations: frozenset[int] = frozenset()
    date1904: bool = False


def number_styles(styles_root, date1904: bool) -> NumberStyles:
    """From the parsed styles part: the styles (indices into cellXfs) whose number format is a date or duration."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

    if styles_root is None:
        return NumberStyles(date1904=date1904)
    custom: dict[int, str] = {}
    formats: list[int | None] = []
    for child in styles_root:
        if local(child.tag) == "numFmts":
            for fmt in child:
                number = whole(fmt.get("numFmtId"))
                if number is not None:
                    custom[number] = fmt.get("formatCode", "")
        elif local(child.tag) == "cellXfs":
            formats = [whole(xf.get("numFmtId")) or 0 for xf in child if local(xf.tag) == "xf"]
    dates, durations = set(), set()
    for index, number in enumerate(formats):
        code = custom.get(number, BUILTIN_FORMATS.get(number))
        if code is None:
            continue
        if is_date_format(code):
            dates.add(index)
        if is_timedelta_format(code):
            durations.add(index)
    return NumberStyles(frozenset(dates), frozenset(durations), date1904)


def value_of(cell: RawCell, strings: dict[int, str], styles: NumberStyles):
    """A cell's value as openpyxl reads it (numbers, texts, dates by their format, errors as ErrorValue);
    a formula without a saved result as MissingResult."""
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel, from_ISO8601

    saved = cell.value or None
    if cell.formula is not None and saved is None and cell.kind != "inlineStr":
        text = cell.formula
        return MissingResult(text if text.startswith("=") else "=" + text)
    kind = cell.kind
    if kind == "inlineStr":
        return cell.inline
    if saved is None:
        return None
    if kind == "s":
        index = whole(saved)
        return strings.get(index) if index is not None else None
    if kind == "str":
        return saved
    if kind == "b":
        return saved.strip() in ("1", "true")
    if kind == "e":
        return ErrorValue(saved)
    if kind == "d":
        try:
            return from_ISO8601(saved)
        except ValueError:
            return ErrorValue("#VALUE!")
    try:
        number = float(saved) if any(mark in saved for mark in ".Ee") else int(saved)
    except ValueError:
        return ErrorValue("#VALUE!")
    if cell.style in styles.dates:
        epoch = CALENDAR_MAC_1904 if styles.date1904 else CALENDAR_WINDOWS_1900
        try:
            return from_excel(number, epoch, timedelta=cell.style in styles.durations)
        except (OverflowError, ValueError):
            return ErrorValue("#VALUE!")  # a date outside the calendar, as openpyxl treats it
    return number
