"""LibreOffice opens the xlsx and shows the same numbers; the PDF is one A4 page per table."""

from __future__ import annotations

import re

import pytest

from xl_funcs.render.layout import layout
from xl_funcs.render.pdf import PdfError, xlsx_to_pdf
from xl_funcs.table.model import RowRole, cell_format, plain_value
from xl_funcs.table.text import display_text

from .libreoffice import export_csv_as_shown, pdf_info, pdf_text

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pdf(xlsx_path, tmp_path_factory):
    return xlsx_to_pdf(xlsx_path, tmp_path_factory.mktemp("pdf"))


def test_libreoffice_shows_the_tables_values(xlsx_path, document, tmp_path):
    sheets = export_csv_as_shown(xlsx_path, tmp_path)
    assert set(sheets) == {"Mittelverteilung 2025", "Berechnungsgrundlagen", "Grafiken", "Kreiskarte"}
    table = document.sheets[0]
    shown = sheets["Mittelverteilung 2025"]
    grid = layout(table)
    for sheet_row, row in zip(grid.body_rows, table.rows):
        line = shown[sheet_row - 1]
        for column, (spec, cell) in enumerate(zip(table.columns, row.cells)):
            value = plain_value(cell)
            if value is None:
                assert line[column] == ""
            elif isinstance(value, str):
                assert line[column] == value
            else:
                # LibreOffice in German shows "1.915.145 €", "3,30 %", "+790.738 €" from our format codes.
                expected = display_text(value, cell_format(cell, spec), units=True)
                assert line[column].lstrip("+") == expected, (sheet_row, spec.key, line[column], expected)
    total = shown[grid.body_rows[-1] - 1]
    assert total[2] == "Baden-Württemberg insgesamt" and total[7] == "58.000.000 €"
    data = [shown[r - 1] for r, row in zip(grid.body_rows, table.rows) if row.role is RowRole.DATA]
    assert [line[1] for line in data] == [d for d in table.values("key")]  # leading zeros kept
    basis = {line[0]: line[1] for line in sheets["Berechnungsgrundlagen"] if len(line) > 1}
    assert basis["Förderbetrag"] == "58.000.000 €" and basis["Stand"] == "14.03.2025"


def test_pdf_one_a4_page_per_table(pdf, document):
    info = pdf_info(pdf)
    assert re.search(r"^Pages:\s+4$", info, re.M)
    sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
    assert len(sizes) == len(document.sheets) + len(document.charts) == 4
    for width, height in sizes[:3]:
        assert abs(float(width) - 595.3) < 1 and abs(float(height) - 841.9) < 1  # A4 portrait
    width, height = sizes[3]
    assert abs(float(width) - 841.9) < 1 and abs(float(height) - 595.3) < 1  # the Kreiskarte in landscape
    assert "Title:           Vorläufige Mittelverteilung Integrationsmanagement 2025" in info


def test_pdf_text_has_the_budget_and_every_kreis(pdf, document):
    text = pdf_text(pdf)
    first_page, second_page, *_ = [page for page in text.split("\f") if page.strip()]
    # The whole official table on the first page, the Berechnungsgrundlagen on the second.
    assert "58.000.000" in first_page
    assert "Baden-Württemberg insgesamt" in first_page
    for name in document.sheets[0].values("name"):
        assert name in first_page
    for key in document.sheets[0].values("key"):
        assert key in first_page
    assert "Seite 1 von 4" in first_page and "Stand: 14.03.2025" in first_page
    assert "BEISPIELDATEN" in first_page
    assert second_page.lstrip().startswith("Berechnungsgrundlagen")
    assert document.sheets[1].values("value")[-1] in second_page  # the program version, last line


def test_missing_libreoffice_is_a_clear_german_error(tmp_path, xlsx_path, monkeypatch):
    monkeypatch.setenv("MITTELVERTEILUNG_SOFFICE", str(tmp_path / "kein-soffice"))
    with pytest.raises(PdfError, match="LibreOffice .*nicht gefunden.*bash .ci/setup"):
        xlsx_to_pdf(xlsx_path, tmp_path)


def test_failing_libreoffice_is_a_clear_german_error(tmp_path, xlsx_path, monkeypatch):
    monkeypatch.setenv("MITTELVERTEILUNG_SOFFICE", "false")
    with pytest.raises(PdfError, match="konnte das PDF nicht erzeugen \\(Exit-Status 1\\)"):
        xlsx_to_pdf(xlsx_path, tmp_path)
    assert list(tmp_path.iterdir()) == []
