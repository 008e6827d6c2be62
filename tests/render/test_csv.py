"""The CSV for German Excel: BOM, semicolons, German number text, no cell that could run as a formula."""

from __future__ import annotations

import csv
import dataclasses
import io
from fractions import Fraction

import pandas as pd

from xl_funcs.calculation import calculate
from xl_funcs.render.csv import csv_bytes, csv_text, safe_text
from xl_funcs.table import official_document
from xl_funcs.table.model import RowRole

from ..table.inputs_factory import make_inputs


def parsed(table) -> list[list[str]]:
    data = csv_bytes(table)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def test_heading_table_and_footnotes(document):
    table = document.sheets[0]
    lines = parsed(table)
    assert lines[0][0] == "Vorläufige Mittelverteilung Integrationsmanagement 2025"
    assert all(len(line) in (0, len(table.columns)) for line in lines)
    header_index = next(i for i, line in enumerate(lines) if line and line[0] == "Nr.")
    assert lines[header_index][1] == "Kreisschlüssel"
    assert lines[header_index][7] == "Mittel 2025 in €"
    body = lines[header_index + 1 : header_index + 1 + len(table.rows)]
    assert body[0][:3] == ["1", "08111", "Stuttgart"]
    assert body[-1][2] == "Baden-Württemberg insgesamt"
    assert body[-1][7] == "58.000.000"
    assert body[-1][6] == "100,00"
    assert any(line and line[0].startswith("Verteilung nach Hare-Niemeyer") for line in lines[header_index:])


def test_numbers_are_the_tables_values_in_german_notation(document):
    table = document.sheets[0]
    lines = parsed(table)
    header_index = next(i for i, line in enumerate(lines) if line and line[0] == "Nr.")
    for row, line in zip(table.rows, lines[header_index + 1 :]):
        cells = dict(zip((c.key for c in table.columns), row.cells))
        assert int(line[7].replace(".", "")) == cells["amount"]
        if cells["previous"] is not None:
            assert int(line[8].replace(".", "")) == cells["previous"]
            assert int(line[9].replace(".", "")) == cells["change"]
        share = Fraction(line[6].replace(",", ".")) / 100
        assert abs(share - cells["share"]) <= Fraction(1, 20000)


def test_pandas_reads_it_with_german_settings(document):
    table = document.sheets[0]
    lines = parsed(table)
    header_index = next(i for i, line in enumerate(lines) if line and line[0] == "Nr.")
    frame = pd.read_csv(
        io.BytesIO(csv_bytes(table)),
        sep=";",
        encoding="utf-8-sig",
        skiprows=header_index,
        nrows=len(table.rows),
        thousands=".",
        decimal=",",
        dtype={"Kreisschlüssel": str},
    )
    data = frame[frame["Nr."].notna()]
    assert len(data) == 44
    assert data["Kreisschlüssel"].iloc[0] == "08111"
    assert int(data["Mittel 2025 in €"].sum()) == 58_000_000
    assert frame["Mittel 2025 in €"].iloc[-1] == 58_000_000
    subtotals = table.rows_with(RowRole.SUBTOTAL)
    assert len(frame) == 44 + len(subtotals) + 1


def test_cells_that_look_like_formulas_are_neutralised():
    inputs = make_inputs()
    names = ["=HYPERLINK(\"http://x\")", "+49 Kreis", "-Kreis", "@SUM(A1)", "\tKreis", "\rKreis"]
    districts = tuple(
        dataclasses.replace(d, name=names[i]) if i < len(names) else d for i, d in enumerate(inputs.districts)
    )
    table = official_document(calculate(dataclasses.replace(inputs, districts=districts))).sheets[0]
    text = csv_text(table)
    lines = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    written_names = [line[2] for line in lines if len(line) > 2]
    for name in names:
        assert "'" + name in written_names
    for line in lines:
        for cell in line:
            if cell[:1] in ("=", "+", "@", "\t", "\r"):
                raise AssertionError(f"not neutralised: {cell!r}")
            if cell.startswith("-"):  # only negative numbers may start with a minus
                assert cell[1:].replace(".", "").replace(",", "").isdigit(), cell
    assert safe_text("Stuttgart") == "Stuttgart"


def test_basis_sheet_csv_carries_units(document):
    lines = parsed(document.sheets[1])
    values = {line[0]: line[1] for line in lines if len(line) == 2}
    assert values["Förderbetrag"] == "58.000.000 €"
    assert values["Stand"] == "14.03.2025"
    assert values["Anzahl der Kreise"] == "44"


def test_same_table_same_bytes(document):
    assert csv_bytes(document.sheets[0]) == csv_bytes(document.sheets[0])
