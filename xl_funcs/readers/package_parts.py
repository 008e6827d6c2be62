"""What the parts of an xlsx package say, for the reader: part names, relationships, and a sheet's layout.

An xlsx file is a ZIP archive of XML parts that point at each other through
relationships (``_rels/*.rels``). Producers differ in how they name the parts:
outside ``xl/``, with backslashes, in another case, absolute or relative. Part
names are therefore compared as OPC compares them (case-insensitive, ``/`` as
the separator) and targets resolved against the part that names them.

The XML itself is parsed in ``file_reader`` (through defusedxml); this module
only interprets what the parser reports: ``SheetLayout`` is the parser's
target for one sheet and keeps its hidden rows and columns, merged cells and
active filters while the cells stream past. Its memory does not grow with the
number of cells.
"""

from __future__ import annotations

import posixpath
from urllib.parse import unquote

from .snapshot import Area

OFFICE_DOCUMENT = "/officeDocument"
WORKSHEET = "/worksheet"
TABLE = "/table"


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


class SheetLayout:
    """Parser target for one worksheet: hidden rows and columns, merged cells, active filters."""

    def __init__(self) -> None:
        self.hidden_rows: set[int] = set()
        self.hidden_columns: set[int] = set()
        self.merged: list[Area] = []
        self.filters: list[Area] = []
        self._row = 0
        self._filter: Area | None = None
        self._criteria = False

    def start(self, tag: str, attributes: dict) -> None:
        name = local(tag)
        if name in ("c", "v", "f", "is", "t"):
            return  # the cells: the most frequent elements, nothing to keep here
        if name == "row":
            number = whole(attributes.get("r"))
            self._row = number if number is not None and number > 0 else self._row + 1
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
        if local(tag) == "autoFilter":
            if self._filter is not None and self._criteria:
                self.filters.append(self._filter)
            self._filter = None

    def data(self, text: str) -> None:
        pass

    def close(self) -> SheetLayout:
        return self
