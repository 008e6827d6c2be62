"""The PDF as a reader and an archive see it: Chromium's print of the HTML page, mended by pikepdf.

Read back with pikepdf (structure tree, catalogue, XMP, output intent) and
poppler (pdfinfo, pdffonts, pdftotext), never from the objects we passed in.
"""

from __future__ import annotations

import re
import subprocess

import pikepdf
import pytest

from xl_funcs import __version__
from xl_funcs.publication.files import render
from xl_funcs.render.html import Figure, html_bytes
from xl_funcs.render.pdf import PdfError, print_page
from xl_funcs.render.pdf_archive import archival_pdf

from .libreoffice import pdf_info, pdf_text

pytestmark = pytest.mark.slow

BAR_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 60" width="400" height="120">'
    '<rect x="0" y="5" width="150" height="20" fill="#1a4f8b"/><rect x="0" y="35" width="60" height="20" fill="#9a4a00"/>'
    "</svg>"
)
FIGURE = Figure("Testbalken zweier Kreise", "Stuttgart erhält mehr als Ulm: 150 gegen 60.", BAR_SVG)


@pytest.fixture(scope="module")
def pdf_bytes(document):
    return render(document).pdf()


@pytest.fixture(scope="module")
def pdf_path(pdf_bytes, tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "Ausgabe für Kreise.pdf"
    path.write_bytes(pdf_bytes)
    return path


def structure(node, depth=0):
    """(depth, tag, alt) of every structure element below ``node``, in reading order."""
    kids = node.get("/K")
    if kids is None:
        return []
    found = []
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            alt = str(kid.Alt) if "/Alt" in kid else None
            found.append((depth, str(kid.S), alt))
            found += structure(kid, depth + 1)
    return found


def test_pdf_one_a4_page_per_table_with_title_shown(pdf_path, document):
    info = pdf_info(pdf_path)
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    # a page per table and per chart (the charts between the official table and the Berechnungsgrundlagen)
    pages = len(document.sheets) + len(document.charts)
    assert len(document.charts) == 2 and re.search(rf"^Pages:\s+{pages}$", info, re.M)
    sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
    assert len(sizes) == pages
    for width, height in sizes:
        assert abs(float(width) - 595.3) < 1 and abs(float(height) - 841.9) < 1  # A4 portrait
    assert "Title:           Vorläufige Mittelverteilung Integrationsmanagement 2025" in info
    assert "CreationDate:    Fri Mar 14 00:00:00 2025 UTC" in info  # the Stand, not the clock


def test_pdf_text_has_the_budget_and_every_kreis(pdf_path, document):
    first_page, *chart_pages, second_page = [page for page in pdf_text(pdf_path).split("\f") if page.strip()]
    assert "58.000.000" in first_page and "Baden-Württemberg insgesamt" in first_page
    for name in document.sheets[0].values("name"):
        assert name in first_page
    for key in document.sheets[0].values("key"):
        assert key in first_page
    assert "Seite 1 von 4" in first_page and "Stand: 14.03.2025" in first_page
    for number, (page, chart) in enumerate(zip(chart_pages, document.charts, strict=True), start=1):
        assert f"Abbildung {number}: {chart.title}" in page and f"Seite {number + 1} von 4" in page
    assert "Seite 4 von 4" in second_page
    assert "BEISPIELDATEN" in first_page
    assert second_page.lstrip().startswith("Berechnungsgrundlagen")
    assert document.sheets[1].values("value")[-1] in second_page  # the program version, last line


def test_structure_tree_is_a_table_with_header_and_data_cells(pdf_path, document):
    with pikepdf.open(pdf_path) as pdf:
        root = pdf.Root
        assert str(root.Lang) == "de-DE"
        assert bool(root.MarkInfo.Marked) is True
        assert bool(root.ViewerPreferences.DisplayDocTitle) is True
        tags = [tag for _, tag, _ in structure(root.StructTreeRoot)]
        assert tags[0] == "/Document"
        assert tags.count("/Table") == 2 and "/Caption" in tags and "/H1" in tags
        assert tags.count("/TR") >= len(document.sheets[0].rows) + 1 + len(document.sheets[1].rows)
        assert tags.count("/TH") >= len(document.sheets[0].columns) + 44  # heading row and one per Kreis
        assert tags.count("/TD") >= 44 * (len(document.sheets[0].columns) - 1)
        # Reading order: the heading before the table, the heading row before the first data row.
        assert tags.index("/H1") < tags.index("/Table") < tags.index("/TR") < tags.index("/TD")


def test_xmp_says_pdfa2_and_the_title_and_matches_the_information(pdf_path, document):
    with pikepdf.open(pdf_path) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
        assert meta["pdfuaid:part"] == "1"
        assert meta["dc:title"] == document.title == str(pdf.docinfo.Title)
        assert meta["xmp:CreateDate"].startswith("2025-03-14")
        assert meta["xmp:CreatorTool"] == f"mittelverteilung {__version__}" == str(pdf.docinfo.Creator)
        assert meta["pdf:Producer"] == str(pdf.docinfo.Producer)
        intent = pdf.Root.OutputIntents[0]
        assert intent.S == pikepdf.Name.GTS_PDFA1
        profile = intent.DestOutputProfile.read_bytes()
        assert profile[36:40] == b"acsp" and profile[16:20] == b"RGB "  # an ICC profile of an RGB space
        assert len(pdf.trailer.ID) == 2


def test_fonts_are_embedded(pdf_path):
    fonts = subprocess.run(["pdffonts", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows
    for row in rows:
        assert re.search(r"\s+yes\s+yes\s+yes\s+\d+\s+\d+$", row), row  # embedded, subset, Unicode map


def test_two_prints_give_identical_bytes(pdf_bytes, document):
    assert render(document).pdf() == pdf_bytes


def test_figures_are_a_page_of_the_pdf_with_their_text_alternative(document, tmp_path):
    printed = archival_pdf(print_page(html_bytes(document, [FIGURE])), document, creator_tool="test")
    path = tmp_path / "mit Abbildung.pdf"
    path.write_bytes(printed)
    pages = [page for page in pdf_text(path).split("\f") if page.strip()]
    assert len(pages) == 3 and "Abbildung 1: Testbalken zweier Kreise" in pages[1]
    with pikepdf.open(path) as pdf:
        figures = [alt for _, tag, alt in structure(pdf.Root.StructTreeRoot) if tag == "/Figure"]
    assert FIGURE.text_alternative in figures


def test_missing_chromium_is_a_clear_german_error(tmp_path, monkeypatch):
    monkeypatch.setenv("MITTELVERTEILUNG_CHROMIUM", str(tmp_path / "kein-chromium"))
    with pytest.raises(PdfError, match="Chromium .*nicht gefunden.*bash .ci/setup"):
        print_page(b"<!DOCTYPE html><title>x</title>")


def test_failing_chromium_is_a_clear_german_error(monkeypatch):
    monkeypatch.setenv("MITTELVERTEILUNG_CHROMIUM", "false")
    with pytest.raises(PdfError, match="konnte das PDF nicht erzeugen \\(Exit-Status 1\\)"):
        print_page(b"<!DOCTYPE html><title>x</title>")
