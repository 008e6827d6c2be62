"""The HTML page read back: by an HTML parser (self-contained, real table) and in real Chromium with axe-core.

Chromium is Debian's, driven by puppeteer-core from tests/browser/page_check.mjs;
axe-core is injected into the page and must report no violation, on a desktop
and on a phone-sized viewport. The test also takes a screenshot and checks
that every Kreis is shown.
"""

from __future__ import annotations

import json
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from xl_funcs.render.html import Figure, html_bytes, html_page

from .test_pdf import FIGURE

BROWSER_TESTS = Path(__file__).resolve().parents[1] / "browser"
PNG = b"\x89PNG\r\n\x1a\n"


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parsed(page: str) -> _Elements:
    parser = _Elements()
    parser.feed(page)
    return parser


def check_in_chromium(page: Path, screenshot: Path, width: int, height: int) -> dict:
    done = subprocess.run(
        ["node", "page_check.mjs", page.as_uri(), str(screenshot), str(width), str(height)],
        cwd=BROWSER_TESTS,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_page_is_self_contained_with_a_real_table(document):
    page = html_page(document, [FIGURE])
    elements = parsed(page)
    tags = [tag for tag, _ in elements.elements]
    assert "script" not in tags and "link" not in tags and "img" not in tags and "iframe" not in tags
    for tag, attrs in elements.elements:
        for name in ("src", "href"):
            assert name not in attrs, (tag, attrs)
    assert "@import" not in page and "url(" not in page
    assert tags.count("table") == 2 and tags.count("caption") == 2
    scopes = [attrs.get("scope") for tag, attrs in elements.elements if tag == "th"]
    assert None not in scopes
    assert scopes.count("col") == len(document.sheets[0].columns) + len(document.sheets[1].columns)
    assert scopes.count("row") >= 44
    text = "".join(elements.text)
    assert "58.000.000" in text and "100,00" in text  # German number text
    for footnote in document.sheets[0].footnotes:
        assert footnote in text
    assert ("html", {"lang": "de-DE"}) in elements.elements
    assert tags.count("svg") == 1 and tags.count("figure") == 1 and tags.count("figcaption") == 1


def test_page_without_figures_has_no_figure_section(document):
    assert "<figure" not in html_page(document) and 'class="abbildungen"' not in html_page(document)


def test_figure_needs_svg_title_and_text_alternative():
    with pytest.raises(ValueError):
        Figure("Titel", "Text", "<div></div>")
    with pytest.raises(ValueError):
        Figure("Titel", " ", "<svg></svg>")


@pytest.mark.slow
@pytest.mark.parametrize("viewport", [(1280, 900), (390, 844)], ids=["Bildschirm", "Telefon"])
def test_chromium_and_axe_find_no_violation_and_every_kreis(document, tmp_path, viewport):
    folder = tmp_path / "Ausgabe für Kreise"
    folder.mkdir()
    page = folder / (document.file_stem + ".html")
    page.write_bytes(html_bytes(document, [FIGURE]))
    screenshot = tmp_path / "seite.png"
    result = check_in_chromium(page, screenshot, *viewport)
    assert result["violations"] == [], json.dumps(result["violations"], ensure_ascii=False, indent=1)
    assert result["passes"] > 10  # axe really ran its rules
    assert result["title"] == document.title and result["lang"] == "de-DE"
    assert result["external"] == []
    for name in document.sheets[0].values("name"):
        assert name in result["visibleRowHeaders"]
    assert "Baden-Württemberg insgesamt" in result["visibleRowHeaders"]
    assert result["captions"] == [table.sheet_name for table in document.sheets]
    assert result["figures"] == [{"caption": f"Abbildung 1: {FIGURE.title}", "label": FIGURE.text_alternative}]
    # On a phone the page itself does not scroll sideways; only the table's own region does.
    assert result["widths"]["document"] <= result["widths"]["viewport"]
    shot = screenshot.read_bytes()
    assert shot.startswith(PNG) and len(shot) > 10_000
