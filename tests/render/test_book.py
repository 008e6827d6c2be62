"""The book renderer through xlwings' Office.js Book (Server/Lite): the actions write what the xlsx holds."""

from __future__ import annotations

import datetime
import io
import math

import openpyxl
import pytest

from xl_funcs.render.book import column_points
from xl_funcs.render.xlsx import xlsx_bytes

from .office_js import SimulatedWorkbook, book_json, office_js_actions, run_python


@pytest.fixture(scope="module")
def existing():
    return [
        ("Parameter", [["Haushaltsjahr", 2025], ["Budget", 58000000]]),
        ("Zuweisungen", [["Kreisschlüssel", "Stadt-/Landkreis"], ["08111", "Stuttgart"]]),
        ("Mittelverteilung 2025", [["alter Stand", None], [None, 123]]),
        ("Notizen", [["bleibt", "wie es ist"]]),
    ]


DRAW = """
import json, sys
import xlwings as xw
from tests.table.inputs_factory import make_inputs
from xl_funcs.calculation import calculate
from xl_funcs.render.book import draw_document
from xl_funcs.table import official_document

book = xw.Book(json=json.load(sys.stdin))
draw_document(book, official_document(calculate(make_inputs(subtotals=True))))
print(json.dumps(book.json()["actions"], default=str))
"""


def drawn_actions(data: dict) -> list[dict]:
    """The actions xlwings' Office.js Book records when the book renderer draws the test document."""
    return run_python(DRAW, data)


@pytest.fixture(scope="module")
def drawn(existing):
    data = book_json(existing)
    actions = drawn_actions(data)
    workbook = SimulatedWorkbook(data)
    workbook.apply(actions)
    return actions, workbook


def test_only_office_js_actions_are_used(drawn):
    actions, _ = drawn
    used = {action["func"] for action in actions}
    assert used <= office_js_actions(), used - office_js_actions()
    assert used <= {
        "addSheet", "sheetClear", "activateSheet", "setValues", "setNumberFormat", "setFontProperty",
        "setRangeColor", "setWrapText", "setRowHeight", "setColumnWidth", "rangeMerge",
    }


def test_owned_sheet_is_cleared_the_other_one_added_the_rest_untouched(drawn, existing):
    actions, workbook = drawn
    assert [s.name for s in workbook.sheets] == [
        "Parameter", "Zuweisungen", "Mittelverteilung 2025", "Notizen", "Berechnungsgrundlagen", "Grafiken", "Kreiskarte",
    ]
    assert [a["args"] for a in actions if a["func"] == "addSheet"] == [
        [4, "Berechnungsgrundlagen"], [5, "Grafiken"], [6, "Kreiskarte"],
    ]
    assert [a["sheet_position"] for a in actions if a["func"] == "sheetClear"] == [2]
    assert {a["sheet_position"] for a in actions if a["sheet_position"] is not None} == {2, 4, 5, 6}
    for name, values in existing:
        if name != "Mittelverteilung 2025":
            sheet = workbook.sheet(name)
            assert not sheet.touched
            assert sheet.values[(1, 1)] == values[0][0]
    assert workbook.sheet("Mittelverteilung 2025").values.get((2, 2)) != 123  # the old content is gone
    assert workbook.active == 2


def test_values_formats_and_styles_equal_the_xlsx(drawn, document):
    _, workbook = drawn
    written = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(document)))
    for table in document.sheets:
        sheet = written[table.sheet_name]
        simulated = workbook.sheet(table.sheet_name)
        cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
        assert len(cells) == len(simulated.values)
        for cell in cells:
            key = (cell.row, cell.column)
            value = cell.value
            if isinstance(value, datetime.datetime):
                value = value.date().isoformat()  # xlwings sends dates as ISO text; Excel parses them
            got = simulated.values[key]
            if isinstance(value, float):
                # openpyxl stores floats with 16 significant digits, JSON carries 17
                assert math.isclose(got, value, rel_tol=1e-14), (table.sheet_name, cell.coordinate)
            else:
                assert got == value and type(got) is type(value), (table.sheet_name, cell.coordinate)
            if cell.number_format != "General":
                assert simulated.formats[key] == cell.number_format, (table.sheet_name, cell.coordinate)
            font = simulated.fonts.get(key, {})
            assert bool(font.get("bold")) == bool(cell.font.b), cell.coordinate
            assert font.get("size") == cell.font.sz and font.get("name") == cell.font.name
            if cell.fill.fill_type == "solid":
                assert simulated.fills[key] == "#" + cell.fill.fgColor.rgb[-6:]
        for index, column in enumerate(table.columns, start=1):
            assert simulated.column_widths[index] == column_points(column.width)


def test_keys_get_the_text_format_before_their_values(drawn):
    actions, workbook = drawn
    sheet = workbook.sheet("Mittelverteilung 2025")
    key_cells = [k for k, v in sheet.values.items() if isinstance(v, str) and v.startswith("081")]
    assert len(key_cells) == 13 and all(sheet.formats[k] == "@" for k in key_cells)
    first_values = min(i for i, a in enumerate(actions) if a["func"] == "setValues" and a["sheet_position"] == 2)
    text_formats = [
        i for i, a in enumerate(actions) if a["func"] == "setNumberFormat" and a["args"] == ["@"] and a["sheet_position"] == 2
    ]
    assert text_formats and max(text_formats) < first_values


def test_drawing_again_replaces_instead_of_adding(drawn):
    actions, workbook = drawn
    again = drawn_actions(book_json([(s.name, [[None]]) for s in workbook.sheets]))
    assert not [a for a in again if a["func"] == "addSheet"]
    assert sorted(a["sheet_position"] for a in again if a["func"] == "sheetClear") == [2, 4, 5, 6]


def test_column_width_points():
    assert column_points(10) == 56.25  # (10 × 7 + 5) px × 0.75 pt/px


def test_chart_sheets_hold_the_xlsx_values_formats_and_fills(drawn, document):
    """Grafiken and Kreiskarte as cells in the open book: what the xlsx holds, fills included
    (a hatched tile's colour arrives as its plain fill: Office.js has no patterns)."""
    _, workbook = drawn
    written = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(document)))
    assert [chart.sheet_name for chart in document.charts] == ["Grafiken", "Kreiskarte"]
    for chart in document.charts:
        sheet = written[chart.sheet_name]
        simulated = workbook.sheet(chart.sheet_name)
        cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
        assert len(cells) == len(simulated.values) > 44
        for cell in cells:
            key = (cell.row, cell.column)
            got = simulated.values[key]
            if isinstance(cell.value, float):
                assert math.isclose(got, cell.value, rel_tol=1e-14), (chart.sheet_name, cell.coordinate)
            else:
                assert got == cell.value, (chart.sheet_name, cell.coordinate)
            if cell.number_format != "General":
                assert simulated.formats[key] == cell.number_format, (chart.sheet_name, cell.coordinate)
            assert bool(simulated.fonts.get(key, {}).get("bold")) == bool(cell.font.b), cell.coordinate
        for row in sheet.iter_rows():
            for cell in row:
                fill = cell.fill
                colour = {"solid": fill.fgColor.rgb, "lightUp": fill.bgColor.rgb}.get(fill.patternType)
                if colour:
                    assert simulated.fills[(cell.row, cell.column)] == "#" + colour[-6:], cell.coordinate
    tiles = document.charts[1]
    stuttgart = next(tile for tile in tiles.tiles if tile.abbreviation == "S")
    filled = [key for key, value in workbook.sheet("Kreiskarte").values.items() if value == "S"]
    assert workbook.sheet("Kreiskarte").fills[min(filled, key=lambda key: key[1])] == "#" + tiles.classes[stuttgart.colour_class].fill
