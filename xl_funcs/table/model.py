"""Tables as immutable data: what a published table says, before anyone draws it.

A Document is one or more Tables (one sheet each). Values stay exact (ints,
Fractions, Decimals, dates, text); how they look is said by each column's
Excel number format, which every renderer reads: the xlsx writer stores it,
the CSV writer turns it into German number text, the book renderer sends it
to Excel. Renderers never compute a figure, they only draw these values.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Union


class ColumnKind(enum.Enum):
    """What a column holds; decides how a value is converted for a file."""

    TEXT = "text"  # words; Excel format "@" is not forced
    KEY = "key"  # digits that must stay text ("08111", leading zero)
    NUMBER = "number"  # counts, shares, ratios: exact numbers shown by the number format
    AMOUNT = "amount"  # money in whole euros (int) or exact Decimals


class RowRole(enum.Enum):
    DATA = "data"
    SUBTOTAL = "subtotal"
    TOTAL = "total"
    SECTION = "section"  # a heading inside a table, text in the first cell only
    HIGHLIGHT = "highlight"  # the one value the eye must find first (a Kreis's amount)


@dataclass(frozen=True)
class Cell:
    """A value with its own number format, where one column holds mixed kinds of values."""

    value: "Value"
    number_format: str | None = None


Value = Union[str, int, Decimal, Fraction, date, None]
CellValue = Union[Value, Cell]


@dataclass(frozen=True)
class Column:
    key: str  # stable name for code ("amount"), never shown
    header: str  # shown; "\n" marks a line break in the heading
    kind: ColumnKind
    number_format: str  # Excel notation ("#,##0 \"€\"", "0.00 %", "@", "General")
    width: float  # in characters of the standard font, as Excel counts column widths
    align: str = "left"  # left | right | center

    @property
    def header_line(self) -> str:
        """The heading on one line, for CSV and messages: "Kreis-\nschlüssel" -> "Kreisschlüssel"."""
        text = ""
        for part in (part.strip() for part in self.header.split("\n")):
            if text.endswith("-") and part[:1].islower():
                text = text[:-1] + part
            else:
                text = f"{text} {part}" if text else part
        return text


@dataclass(frozen=True)
class Row:
    cells: tuple[CellValue, ...]
    role: RowRole = RowRole.DATA


@dataclass(frozen=True)
class PrintSettings:
    paper: str = "A4"
    orientation: str = "portrait"  # portrait | landscape
    fit_to_width: bool = True  # all columns on one page; as many pages down as needed
    repeat_header: bool = True  # the column headings on every printed page
    footer_left: str = ""
    footer_center: str = ""
    footer_right: str = ""
    margins_cm: tuple[float, float, float, float] = (1.5, 1.5, 1.5, 1.5)  # left, right, top, bottom


@dataclass(frozen=True)
class Table:
    """One sheet: a heading block, a grid of columns and rows, footnotes below."""

    sheet_name: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    subtitle: str = ""
    notes: tuple[str, ...] = ()  # lines under the title: Stand, provisional note
    warnings: tuple[str, ...] = ()  # lines that must not be overlooked, e.g. that the data is invented
    footnotes: tuple[str, ...] = ()
    print_settings: PrintSettings = field(default_factory=PrintSettings)

    def __post_init__(self) -> None:
        width = len(self.columns)
        for number, row in enumerate(self.rows, start=1):
            if len(row.cells) != width:
                raise ValueError(f"row {number} has {len(row.cells)} cells for {width} columns")
        keys = [column.key for column in self.columns]
        if len(set(keys)) != len(keys):
            raise ValueError(f"column keys are not unique: {keys}")
        if len(self.sheet_name) > 31 or any(ch in self.sheet_name for ch in "[]:*?/\\"):
            raise ValueError(f"not a valid sheet name: {self.sheet_name!r}")

    def column_index(self, key: str) -> int:
        for index, column in enumerate(self.columns):
            if column.key == key:
                return index
        raise KeyError(key)

    def has_column(self, key: str) -> bool:
        return any(column.key == key for column in self.columns)

    def rows_with(self, role: RowRole) -> tuple[Row, ...]:
        return tuple(row for row in self.rows if row.role is role)

    def values(self, key: str, role: RowRole = RowRole.DATA) -> tuple[Value, ...]:
        """The plain values of one column over the rows of one role."""
        index = self.column_index(key)
        return tuple(plain_value(row.cells[index]) for row in self.rows if row.role is role)

    def with_rows(self, rows) -> "Table":
        return replace(self, rows=tuple(rows))


@dataclass(frozen=True)
class Document:
    """What one file holds: sheets in order, and the properties every renderer stamps on it."""

    title: str
    file_stem: str  # file name without extension, e.g. "Mittelverteilung_Integrationsmanagement_2025"
    stand: date  # the date the document states; also every timestamp inside the files
    sheets: tuple[Table, ...]
    author: str = ""  # never a person: the program or the authority
    language: str = "de-DE"
    subject: str = ""
    keywords: str = ""
    charts: tuple = ()  # xl_funcs.charts models, each drawn on its own sheet after the tables
    publisher: str = ""  # the issuing authority (and its department), for the document properties
    contact: str = ""  # how to reach it, for the document properties

    def __post_init__(self) -> None:
        names = [sheet.sheet_name.casefold() for sheet in self.sheets]
        names += [chart.sheet_name.casefold() for chart in self.charts]
        if len(set(names)) != len(names):
            raise ValueError("sheet names are not unique")
        if not self.sheets:
            raise ValueError("a document needs at least one sheet")

    def sheet(self, name: str) -> Table:
        for table in self.sheets:
            if table.sheet_name == name:
                return table
        raise KeyError(name)


def plain_value(cell: CellValue) -> Value:
    return cell.value if isinstance(cell, Cell) else cell


def cell_format(cell: CellValue, column: Column) -> str:
    if isinstance(cell, Cell) and cell.number_format is not None:
        return cell.number_format
    return column.number_format
