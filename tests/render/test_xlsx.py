"""The xlsx written by openpyxl, read back by openpyxl and python-calamine and inspected as XML."""

from __future__ import annotations

import time
import zipfile
from datetime import datetime

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from xl_funcs.render.layout import layout
from xl_funcs.render.xlsx import xlsx_bytes
from xl_funcs.table.model import RowRole

from .sheet_reading import MAIN, assert_body_matches, xml

SHEET = "Mittelverteilung 2025"
BASIS = "Berechnungsgrundlagen"
CHARTS = ["Grafiken", "Kreiskarte"]


@pytest.fixture(scope="module")
def book(xlsx_path):
    return openpyxl.load_workbook(xlsx_path)


@pytest.fixture(scope="module")
def grid(document):
    return layout(document.sheets[0])


def test_sheets_in_order(book):
    assert book.sheetnames == [SHEET, BASIS, *CHARTS]


def test_heading_block(book, document):
    sheet = book[SHEET]
    assert sheet["A1"].value == "Vorläufige Mittelverteilung Integrationsmanagement 2025"
    column_a = [sheet.cell(row=r, column=1).value for r in range(1, 7)]
    assert "Stand: 14.03.2025" in column_a
    assert any(v and "vorbehaltlich der Beschlussfassung des Landtags" in v for v in column_a)
    assert any(v and v.startswith("BEISPIELDATEN") for v in column_a)
    assert sheet["A1"].font.bold and sheet["A1"].font.size == 14


def test_every_row_read_back_by_openpyxl(book, document, grid):
    table = document.sheets[0]
    rows = [list(row) for row in book[SHEET].iter_rows(values_only=True)]
    assert [c for c in rows[grid.header_row - 1]] == [c.header for c in table.columns]
    assert_body_matches(rows, table)
    total_row = rows[grid.body_rows[-1] - 1]
    assert total_row[2] == "Baden-Württemberg insgesamt"
    assert total_row[7] == 58_000_000 and isinstance(total_row[7], int)


def test_every_row_read_back_by_calamine(xlsx_path, document, grid):
    workbook = CalamineWorkbook.from_path(str(xlsx_path))
    assert workbook.sheet_names == [SHEET, BASIS, *CHARTS]
    rows = workbook.get_sheet_by_name(SHEET).to_python()
    assert_body_matches(rows, document.sheets[0])
    data = [rows[r - 1] for r, row in zip(grid.body_rows, document.sheets[0].rows) if row.role is RowRole.DATA]
    assert len(data) == 44
    assert sum(int(row[7]) for row in data) == 58_000_000
    assert [row[1] for row in data][:2] == ["08111", "08115"]
    basis = workbook.get_sheet_by_name(BASIS).to_python()
    flat = [cell for row in basis for cell in row]
    assert document.sheets[1].rows and any(str(c).startswith("SHA-256") for c in flat)


def test_values_not_formulas(xlsx_path):
    with zipfile.ZipFile(xlsx_path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert len(sheets) == 4
        for name in sheets:
            root = xml(xlsx_path, name)
            assert root.find(f".//{MAIN}f") is None, name
            # Merged only where a long heading or footnote wraps across the table, never inside the grid.
            for merged in root.findall(f"{MAIN}mergeCells/{MAIN}mergeCell"):
                first, last = merged.get("ref").split(":")
                assert first.startswith("A") and first[1:] == last[1:], (name, merged.get("ref"))
            assert len(root.findall(f".//{MAIN}c")) > 50, name


def test_number_formats_per_cell(book, grid, document):
    sheet = book[SHEET]
    table = document.sheets[0]
    formats = {c.key: c.number_format for c in table.columns}
    first = grid.body_rows[0]
    column = {c.key: i + 1 for i, c in enumerate(table.columns)}
    assert sheet.cell(first, column["amount"]).number_format == '#,##0 "€"'
    assert sheet.cell(first, column["previous"]).number_format == '#,##0 "€"'
    assert sheet.cell(first, column["share"]).number_format == "0.00 %"
    assert sheet.cell(first, column["key"]).number_format == "@"
    assert sheet.cell(first, column["key"]).data_type == "s"
    assert sheet.cell(first, column["change_ratio"]).number_format == formats["change_ratio"]
    total = grid.body_rows[-1]
    assert sheet.cell(total, column["amount"]).number_format == '#,##0 "€"'
    assert sheet.cell(total, column["amount"]).font.bold


def test_number_format_codes_in_styles_xml(xlsx_path):
    codes = {fmt.get("formatCode") for fmt in xml(xlsx_path, "xl/styles.xml").iter(f"{MAIN}numFmt")}
    assert '#,##0 "€"' in codes
    assert "0.00 %" in codes
    assert '+#,##0 "€";-#,##0 "€";0 "€"' in codes
    assert not any("#.##0" in code for code in codes)  # the German-looking code that Excel misreads


def test_explicit_column_widths_and_header_height(book, grid, document):
    sheet = book[SHEET]
    for index, column in enumerate(document.sheets[0].columns, start=1):
        assert sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width == column.width
    assert sheet.row_dimensions[grid.header_row].height >= 3 * 12
    # Every sentence in one cell: a long heading or footnote is one cell merged across the table's width,
    # wrapped, its row as high as its lines; the heading row and the body have no merged cell.
    merged = sorted(sheet.merged_cells.ranges, key=lambda r: r.min_row)
    assert merged, "the long sample-data warning and footnotes wrap in merged cells"
    body = range(grid.header_row, grid.body_rows[-1] + 1)
    for cells in merged:
        assert cells.min_row == cells.max_row and cells.min_row not in body
        assert (cells.min_col, cells.max_col) == (1, len(document.sheets[0].columns))
        first = sheet.cell(cells.min_row, 1)
        assert first.alignment.wrap_text and first.value
        assert sheet.row_dimensions[cells.min_row].height > 12.75


def test_print_setup(book, grid, xlsx_path):
    sheet = book[SHEET]
    assert sheet.page_setup.paperSize == 9  # A4
    assert sheet.page_setup.orientation == "portrait"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.print_title_rows == f"${grid.header_row}:${grid.header_row}"
    assert sheet.oddFooter.center.text == "Seite &P von &N"
    assert sheet.oddFooter.left.text == "Stand: 14.03.2025"

    root = xml(xlsx_path, "xl/worksheets/sheet1.xml")
    setup = root.find(f"{MAIN}pageSetup")
    assert (setup.get("paperSize"), setup.get("fitToWidth"), setup.get("fitToHeight")) == ("9", "1", "0")
    assert root.find(f"{MAIN}sheetPr/{MAIN}pageSetUpPr").get("fitToPage") == "1"
    footer = root.find(f"{MAIN}headerFooter/{MAIN}oddFooter").text
    assert "Seite &P von &N" in footer and "Stand: 14.03.2025" in footer

    names = {
        (n.get("name"), n.get("localSheetId")): n.text
        for n in xml(xlsx_path, "xl/workbook.xml").iter(f"{MAIN}definedName")
    }
    assert names[("_xlnm.Print_Titles", "0")] == f"'{SHEET}'!${grid.header_row}:${grid.header_row}"
    assert names[("_xlnm.Print_Area", "0")] == f"'{SHEET}'!$A$1:$K${grid.last_row}"
    assert {name for name, _ in names} == {"_xlnm.Print_Titles", "_xlnm.Print_Area"}


def test_document_properties_without_a_person(book, xlsx_path):
    props = book.properties
    assert props.title == "Vorläufige Mittelverteilung Integrationsmanagement 2025"
    assert props.language == "de-DE"
    assert props.creator == props.lastModifiedBy == "mittelverteilung 0.1.0"
    assert props.created == props.modified == datetime(2025, 3, 14)
    core = xml(xlsx_path, "docProps/core.xml")
    texts = {child.tag.rsplit("}", 1)[1]: child.text for child in core}
    assert texts["language"] == "de-DE"
    assert texts["creator"] == "mittelverteilung 0.1.0"
    assert texts["created"] == texts["modified"] == "2025-03-14T00:00:00Z"


def test_zip_entries_dated_at_the_stand(xlsx_path):
    with zipfile.ZipFile(xlsx_path) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2025, 3, 14, 0, 0, 0)}


def test_same_document_same_bytes_also_later(document):
    first = xlsx_bytes(document)
    time.sleep(2.1)  # zip timestamps have a resolution of two seconds
    assert xlsx_bytes(document) == first


def test_basis_sheet_values(book, document):
    sheet = book[BASIS]
    values = {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row[0]}
    assert values["Förderbetrag"] == 58_000_000
    assert values["Haushaltsjahr"] == 2025
    assert values["Stand"] == datetime(2025, 3, 14)
    digest = values["SHA-256 der Eingaben"]
    assert len(digest) == 64 and digest == [
        r.cells[1] for r in document.sheets[1].rows if r.cells[0] == "SHA-256 der Eingaben"
    ][0]
    amounts = [c for row in sheet.iter_rows() for c in row if c.value == 58_000_000]
    assert amounts[0].number_format == '#,##0 "€"'
