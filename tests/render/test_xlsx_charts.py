"""The chart sheets of the official xlsx, read back as XML (the chart part) and as cells (fills, values),
and opened by LibreOffice; a changed count shows in the bar and in the tile."""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree

import openpyxl
import pytest

from xl_funcs.calculation import calculate
from xl_funcs.charts import palette
from xl_funcs.charts.labels import signed_percent
from xl_funcs.render.xlsx import xlsx_bytes
from xl_funcs.table import official_document

from ..table.inputs_factory import make_inputs, with_count
from .libreoffice import export_csv_as_shown, export_pdf, pdf_text

CHART = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
DRAWING = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
LOWEST = "08336"  # Lörrach: the largest loss in the invented data


def written(inputs) -> tuple[bytes, object]:
    document = official_document(calculate(inputs))
    return xlsx_bytes(document), document


@pytest.fixture(scope="module")
def before():
    return written(make_inputs())


@pytest.fixture(scope="module")
def after():
    """The same inputs with one count raised: Lörrach turns from the largest loss into the largest gain."""
    return written(with_count(make_inputs(), LOWEST, 2024, 20_000))


def chart_xml(data: bytes) -> ElementTree.Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        (name,) = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        return ElementTree.fromstring(archive.read(name))


def bar_colours(root) -> list[tuple[str, bool]]:
    """(colour, hatched) of each data point, in order."""
    points = []
    for point in root.iter(f"{CHART}dPt"):
        shape = point.find(f"{CHART}spPr")
        pattern = shape.find(f"{DRAWING}pattFill")
        if pattern is not None:
            points.append((pattern.find(f"{DRAWING}bgClr/{DRAWING}srgbClr").get("val"), True))
        else:
            points.append((shape.find(f"{DRAWING}solidFill/{DRAWING}srgbClr").get("val"), False))
    return points


def referenced(book, formula: str) -> list:
    sheet_name, first, last = re.fullmatch(r"'?([^'!]+)'?!\$([A-Z]+\$\d+):\$([A-Z]+\$\d+)", formula).groups()
    cells = book[sheet_name][first.replace("$", "") : last.replace("$", "")]
    return [row[0].value for row in cells]


def test_the_bars_are_a_native_horizontal_bar_chart_over_the_sheet_s_table(before):
    data, document = before
    bars = document.charts[0]
    root = chart_xml(data)
    assert root.find(f".//{CHART}barChart/{CHART}barDir").get("val") == "bar"
    assert len(root.findall(f".//{CHART}ser")) == 1
    title = "".join(t.text for t in root.find(f".//{CHART}title").iter(f"{DRAWING}t"))
    assert title == bars.title
    book = openpyxl.load_workbook(io.BytesIO(data))
    categories = root.find(f".//{CHART}cat//{CHART}f").text
    values = root.find(f".//{CHART}val//{CHART}f").text
    assert categories.startswith("'Grafiken'!") and values.startswith("'Grafiken'!")
    assert referenced(book, categories) == [bar.label for bar in bars.bars]
    assert referenced(book, values) == pytest.approx([float(bar.value) for bar in bars.bars])
    assert bar_colours(root) == [(bar.colour, bar.hatched) for bar in bars.bars]
    labels = root.find(f".//{CHART}ser/{CHART}dLbls")
    assert labels.find(f"{CHART}showVal").get("val") == "1"
    assert labels.find(f"{CHART}numFmt").get("formatCode") == "+0.0 %;-0.0 %;0.0 %"
    assert root.find(f".//{CHART}catAx/{CHART}scaling/{CHART}orientation").get("val") == "maxMin"


def test_the_sheet_states_title_and_text_alternative(before):
    data, document = before
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Grafiken"]
    bars = document.charts[0]
    column_a = [sheet.cell(row=r, column=1).value for r in range(1, len(bars.sentences) + 2)]
    assert column_a == [bars.title, *bars.sentences]
    assert any(s.startswith("Größte Zunahme: Waldshut mit +139,4 %") for s in bars.sentences)


def tile_cells(book, document):
    """Key -> (Kürzel cell, value cell) of every tile on the Kreiskarte sheet, found by their Kürzel."""
    tiles = document.charts[1]
    sheet = book["Kreiskarte"]
    top = len(tiles.sentences) + 3
    found = {}
    for tile in tiles.tiles:
        label = sheet.cell(row=top + 3 * tile.row, column=1 + 2 * tile.column)
        value = sheet.cell(row=label.row + 1, column=label.column)
        assert label.value == tile.abbreviation
        found[tile.key] = (label, value)
    return found


def test_every_tile_is_a_coloured_labelled_cell_pair(before):
    data, document = before
    tiles = document.charts[1]
    book = openpyxl.load_workbook(io.BytesIO(data))
    cells = tile_cells(book, document)
    assert len(cells) == 44
    for tile in tiles.tiles:
        label, value = cells[tile.key]
        colour_class = tiles.classes[tile.colour_class]
        assert value.value == pytest.approx(float(tile.value)) and value.number_format == tiles.number_format
        for cell in (label, value):
            if colour_class.hatched:  # a pattern over the fill: told apart in greyscale print
                assert cell.fill.patternType == "lightUp" and cell.fill.bgColor.rgb[-6:] == colour_class.fill
            else:
                assert cell.fill.patternType == "solid" and cell.fill.fgColor.rgb[-6:] == colour_class.fill
        assert (label.font.color.rgb[-6:] if label.font.color else "000000") == colour_class.text_colour
    sheet = book["Kreiskarte"]
    texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    for colour_class in tiles.classes:
        assert colour_class.label in texts  # the legend
    assert "Stuttgart" in texts and "Breisgau-Hochschwarzwald" in texts  # the list beside it


def test_a_changed_count_changes_the_bar_and_the_tile(before, after):
    (data_before, document_before), (data_after, document_after) = before, after
    bars_before, bars_after = document_before.charts[0].bars, document_after.charts[0].bars
    assert bars_before[-1].key == LOWEST and bars_after[0].key == LOWEST
    book_before = openpyxl.load_workbook(io.BytesIO(data_before))
    book_after = openpyxl.load_workbook(io.BytesIO(data_after))
    values = chart_xml(data_after).find(f".//{CHART}val//{CHART}f").text
    assert referenced(book_after, chart_xml(data_after).find(f".//{CHART}cat//{CHART}f").text)[0] == "Lörrach"
    assert referenced(book_after, values)[0] > 0 > referenced(book_before, values)[-1]
    assert bar_colours(chart_xml(data_before))[-1] == (palette.LOSS, True)
    assert bar_colours(chart_xml(data_after))[0] == (palette.GAIN, False)
    label_before, value_before = tile_cells(book_before, document_before)[LOWEST]
    label_after, value_after = tile_cells(book_after, document_after)[LOWEST]
    assert value_before.value < 0 < value_after.value
    assert label_before.fill.patternType == "lightUp" and label_after.fill.patternType == "solid"
    ratio = next(r for r in calculate(with_count(make_inputs(), LOWEST, 2024, 20_000)).rows if r.district.key == LOWEST)
    assert value_after.value == pytest.approx(float(ratio.change_ratio))


def test_the_same_inputs_give_the_same_bytes(before):
    again, _ = written(make_inputs())
    assert again == before[0]


@pytest.mark.slow
def test_libreoffice_shows_the_chart_sheets_and_draws_the_chart(before, tmp_path):
    data, document = before
    path = tmp_path / "Ausgabe Kreise" / "Mittelverteilung_Integrationsmanagement_2025.xlsx"
    path.parent.mkdir()
    path.write_bytes(data)
    sheets = export_csv_as_shown(path, tmp_path)
    tiles = document.charts[1]
    shown = [cell for row in sheets["Kreiskarte"] for cell in row]
    for tile in tiles.tiles:
        assert tile.abbreviation in shown and tile.text in shown  # "+70,3 %" as the model's label says
    grafiken = sheets["Grafiken"]
    assert [row[1] for row in grafiken if len(row) > 3 and row[0].startswith("08")] == [
        bar.label for bar in document.charts[0].bars
    ]
    pdf = export_pdf(path, tmp_path)
    pages = [page for page in pdf_text(pdf).split("\f") if page.strip()]
    charts_page = next(page for page in pages if page.lstrip().startswith(document.charts[0].title))
    # the native chart drawn: each value label appears in the table and again beside its bar
    top = document.charts[0].bars[0]
    assert charts_page.count(top.text) >= 2, top.text
    assert signed_percent(document.charts[0].bars[-1].value) in charts_page
