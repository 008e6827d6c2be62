"""Reading what a renderer wrote, the way other programs read it."""

from __future__ import annotations

import zipfile
from xml.etree import ElementTree

from xl_funcs.render.layout import layout
from xl_funcs.table.model import RowRole, Table, plain_value

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def xml(path, member: str) -> ElementTree.Element:
    with zipfile.ZipFile(path) as archive:
        return ElementTree.fromstring(archive.read(member))


def expected_body(table: Table) -> list[tuple]:
    """The model's rows as a reader of the file should see them: keys text, amounts ints, fractions as floats."""
    rows = []
    for row in table.rows:
        values = []
        for cell in row.cells:
            value = plain_value(cell)
            if hasattr(value, "denominator") and not isinstance(value, int):
                value = value.numerator / value.denominator if value.denominator != 1 else value.numerator
            values.append(value)
        rows.append((row.role, tuple(values)))
    return rows


def same_number(read, expected) -> bool:
    if expected is None:
        return read in (None, "")
    if isinstance(expected, str):
        return read == expected
    return abs(float(read) - float(expected)) <= 1e-9 * max(1.0, abs(float(expected)))


def assert_body_matches(read_rows: list[list], table: Table) -> None:
    """``read_rows`` are the sheet's rows as a reader returns them (0-based list of lists)."""
    body_rows = layout(table).body_rows
    for offset, (role, values) in enumerate(expected_body(table)):
        read = read_rows[body_rows[offset] - 1]
        for column, (got, want) in enumerate(zip(read, values)):
            assert same_number(got, want), (role, offset, column, got, want)
        if role is RowRole.DATA:
            key = values[1]
            assert read[1] == key and isinstance(read[1], str) and key.startswith("08")
