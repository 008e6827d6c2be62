"""The arrangement the xlsx and book renderers share: rows, long texts broken into lines, values for cells."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from xl_funcs.render.layout import layout, spreadsheet_value
from xl_funcs.table.model import Cell, Column, ColumnKind, Row, RowRole, Table


def table(rows, **extra) -> Table:
    columns = (
        Column("label", "Angabe", ColumnKind.TEXT, "@", 12),
        Column("value", "Wert", ColumnKind.TEXT, "@", 20),
    )
    return Table("Blatt", "Titel", columns, tuple(rows), **extra)


def test_heading_block_header_body_and_footnotes_in_order():
    grid = layout(table([Row(("a", "b"))], subtitle="Unter", notes=("Stand",), warnings=("Achtung",), footnotes=("Fuß",)))
    by_row = {(c.row, c.column): c for c in grid.cells}
    assert [by_row[(r, 1)].value for r in (1, 2, 3, 4)] == ["Titel", "Unter", "Stand", "Achtung"]
    assert grid.header_row == 6 and by_row[(6, 1)].value == "Angabe"
    assert grid.body_rows == (7,)
    assert by_row[(9, 1)].value == "Fuß" and grid.last_row == 9
    assert dict(grid.row_roles)[4] == "warnung"


def test_a_long_sentence_stays_in_one_cell_that_wraps_in_a_row_as_high_as_its_lines():
    sentence = "Dies ist ein langer Satz, der nicht in eine Spalte von zwanzig Zeichen passt."
    grid = layout(table([Row(("1.", sentence)), Row(("2.", "kurz")), Row(("Abschnitt mit langem Titel", None), RowRole.SECTION)]))
    first, second, section = grid.body_rows
    assert second == first + 1 and section == second + 1  # no continuation rows
    (cell,) = [c for c in grid.cells if c.row == first and c.column == 2]
    assert cell.value == sentence and cell.wrap and cell.span == 1
    heights = dict(grid.row_heights)
    assert heights[first] >= 4 * 12.75  # 78 characters in lines of at most 23
    assert second not in heights
    assert [c.value for c in grid.cells if c.row == second] == ["2.", "kurz"]
    assert [c.value for c in grid.cells if c.row == section] == ["Abschnitt mit langem Titel"]  # not wrapped
    assert not any(c.wrap for c in grid.cells if c.row in (second, section))


def test_a_long_footnote_is_one_cell_across_the_table():
    footnote = "Eine Fußnote, die über die ganze Breite der Tabelle läuft und trotzdem nicht in eine Zeile passt."
    grid = layout(table([Row(("a", "b"))], footnotes=(footnote, "kurz")))
    long, short = [c for c in grid.cells if c.role == "fussnote"]
    assert long.value == footnote and long.span == 2 and long.wrap
    assert dict(grid.row_heights)[long.row] > 12.75
    assert short.value == "kurz" and short.span == 1 and not short.wrap and short.row == long.row + 1


def test_cells_keep_their_own_number_format():
    grid = layout(table([Row(("Budget", Cell(58_000_000, '#,##0 "€"')))]))
    (cell,) = [c for c in grid.cells if c.value == 58_000_000]
    assert cell.number_format == '#,##0 "€"'


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        (Fraction(6, 3), ColumnKind.NUMBER, 2),
        (Fraction(1, 3), ColumnKind.NUMBER, 1 / 3),
        (Decimal("1250.00"), ColumnKind.AMOUNT, 1250),
        (Decimal("0.01"), ColumnKind.AMOUNT, 0.01),
        (8111, ColumnKind.KEY, "8111"),
        ("08111", ColumnKind.KEY, "08111"),
        (date(2025, 3, 31), ColumnKind.TEXT, date(2025, 3, 31)),
        (None, ColumnKind.NUMBER, None),
    ],
)
def test_spreadsheet_values(value, kind, expected):
    got = spreadsheet_value(value, kind)
    assert got == expected and type(got) is type(expected)
