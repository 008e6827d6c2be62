"""What a reader hands to the parser: the cells, defined names and tables of a workbook, nothing more.

A file on disk (its XML parts) and an open workbook (xlwings: classic add-in, Server
or Lite) are first turned into this neutral snapshot; one parser then turns the
snapshot into Inputs. So every host validates by the same rules and reports the
same cells.

Cell values are plain Python values (None, str, int, float, bool, date,
datetime, time, timedelta) or one of the two markers below. Hosts that cannot
tell merged cells, hidden rows or columns or filters leave those fields as
None ("unknown"), which the parser then does not check.

A snapshot holds only the cells the contract can ask for (the defined names'
cells, the tables and the rows below them), never a whole used range: a stray
formatted cell at XFD1048576 costs nothing. Such a sheet is ``sparse``: its
``cells`` map (row, column) to values; cells not in the map are empty.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

# Excel's error values; Office.js and COM hand them over as text.
ERROR_TEXTS = frozenset(
    {
        "#NULL!",
        "#DIV/0!",
        "#VALUE!",
        "#REF!",
        "#NAME?",
        "#NUM!",
        "#N/A",
        "#GETTING_DATA",
        "#SPILL!",
        "#CALC!",
        "#FIELD!",
        "#BLOCKED!",
        "#CONNECT!",
        "#BUSY!",
        "#UNKNOWN!",
        "#DATA!",
    }
)


@dataclass(frozen=True)
class ErrorValue:
    """A cell showing an Excel error such as #DIV/0!."""

    text: str


@dataclass(frozen=True)
class MissingResult:
    """A formula cell saved without its result (files written by programs, not by Excel)."""

    formula: str


CellValue = None | str | int | float | bool | date | datetime | time | timedelta | ErrorValue | MissingResult


def column_letters(column: int) -> str:
    """1 -> "A", 27 -> "AA"."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def cell_name(row: int, column: int) -> str:
    return f"{column_letters(column)}{row}"


_AREA = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?")


@dataclass(frozen=True, order=True)
class Area:
    """A rectangle of cells, 1-based and inclusive."""

    first_row: int
    first_column: int
    last_row: int
    last_column: int

    @classmethod
    def parse(cls, text: str) -> Area | None:
        """``"$A$3:$L$47"`` or ``"B4"`` -> Area; anything else -> None."""
        match = _AREA.fullmatch(text.strip())
        if not match:
            return None
        first_column, first_row = column_number(match[1]), int(match[2])
        if match[3]:
            last_column, last_row = column_number(match[3]), int(match[4])
        else:
            last_column, last_row = first_column, first_row
        if first_row < 1 or last_row < 1:
            return None
        return cls(
            min(first_row, last_row), min(first_column, last_column), max(first_row, last_row), max(first_column, last_column)
        )

    @property
    def a1(self) -> str:
        first = cell_name(self.first_row, self.first_column)
        if self.is_cell:
            return first
        return f"{first}:{cell_name(self.last_row, self.last_column)}"

    @property
    def is_cell(self) -> bool:
        return self.first_row == self.last_row and self.first_column == self.last_column

    def overlaps(self, other: Area) -> bool:
        return not (
            other.last_row < self.first_row
            or other.first_row > self.last_row
            or other.last_column < self.first_column
            or other.first_column > self.last_column
        )


@dataclass(frozen=True)
class SheetGrid:
    """The values of one sheet from A1 on; cells beyond the grid are empty."""

    name: str
    rows: tuple[tuple[CellValue, ...], ...]
    merged: tuple[Area, ...] | None = None  # None: the host cannot tell
    hidden_rows: frozenset[int] | None = None  # 1-based row numbers; None: the host cannot tell
    hidden_columns: frozenset[int] | None = None  # 1-based column numbers; None: the host cannot tell
    filters: tuple[Area, ...] | None = None  # areas with an active filter (AutoFilter criteria); None: unknown
    cells: Mapping[tuple[int, int], CellValue] | None = None  # sparse sheets: the cells read, by (row, column)

    def value(self, row: int, column: int) -> CellValue:
        if self.cells is not None:
            return self.cells.get((row, column))
        if row < 1 or column < 1 or row > len(self.rows):
            return None
        cells = self.rows[row - 1]
        return cells[column - 1] if column <= len(cells) else None

    @property
    def last_row(self) -> int:
        if self.cells is not None:
            return max((row for row, _ in self.cells), default=0)
        return len(self.rows)


@dataclass(frozen=True)
class NameTarget:
    """A defined name and where it points (sheet and area), if it points at cells."""

    name: str
    refers_to: str  # as Excel shows it, e.g. "=Parameter!$B$4" or "=#REF!"
    sheet: str | None
    area: Area | None
    scope: str | None = None  # None: the whole workbook; else the sheet it is defined for (Namens-Manager "Bereich")


@dataclass(frozen=True)
class TableArea:
    """An Excel table (ListObject): its name, sheet and full range including header and totals rows."""

    name: str
    sheet: str
    area: Area
    header_rows: int = 1
    totals_rows: int = 0
    filtered: bool = False  # the table's own AutoFilter has criteria set


@dataclass(frozen=True)
class WorkbookSnapshot:
    source: str  # the file or book name, for messages
    sheets: tuple[SheetGrid, ...]
    names: tuple[NameTarget, ...]  # workbook scope
    tables: tuple[TableArea, ...]
    local_names: tuple[NameTarget, ...] = ()  # defined for one sheet only (scope set)

    def sheet(self, name: str) -> SheetGrid | None:
        for sheet in self.sheets:
            if sheet.name == name:
                return sheet
        folded = name.casefold()
        return next((sheet for sheet in self.sheets if sheet.name.casefold() == folded), None)


_REFERENCE = re.compile(r"^=?(?:'((?:[^']|'')+)'|([^'!]+))!(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)$")


def parse_reference(text: str) -> tuple[str, Area] | None:
    """``"=Parameter!$B$4"`` or ``"'Mein Blatt'!A1:B2"`` -> (sheet, Area); anything else -> None."""
    match = _REFERENCE.match(text.strip())
    if not match:
        return None
    sheet = match[1].replace("''", "'") if match[1] is not None else match[2]
    area = Area.parse(match[3])
    return (sheet, area) if area else None
