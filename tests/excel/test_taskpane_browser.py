"""The task pane in a real browser: `mittelverteilung serve`, Debian's Chromium (puppeteer-core), Office.js stood in for.

tests/browser/taskpane_check.mjs opens /taskpane.html from the live server with
office.js replaced by tests/browser/office_stand_in.js, which hands the page the
workbook JSON (as xlwings' Office.js client would read it from Excel) and
records what the page asks Excel to do. The clicks run the real chain: xlwings'
JavaScript reads the book, the server runs our @script, xlwings' JavaScript
applies the returned actions. The screenshot goes to docs/aufgabenbereich.png when
MITTELVERTEILUNG_SCREENSHOT names that path (otherwise to the test's tmp folder).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx
import openpyxl
import pytest

from xl_funcs.publication.files import document_of, render
from xl_funcs.readers import bundled_workbook_path, read_workbook_file

from ..publish.test_excel_scripts import assert_same_as_published, bad_workbook
from ..readers.officejs_payload import book_json
from .conftest import ROOT

BROWSER = ROOT / "tests" / "browser"
RUNNER = BROWSER / "taskpane_check.mjs"
NS = {"ov": "http://schemas.microsoft.com/office/taskpaneappversionoverrides"}

pytestmark = pytest.mark.slow  # node_modules come from .ci/setup; without them this fails, it does not skip


class StandInSheet:
    """A sheet as the stand-in Excel holds it, shaped like SimulatedSheet (1-based (row, column) keys)."""

    def __init__(self, sheet: dict) -> None:
        self.name = sheet["name"]
        self.values = {self._cell(k): v for k, v in sheet["cells"].items()}
        self.formats = {self._cell(k): v for k, v in sheet["formats"].items()}

    @staticmethod
    def _cell(key: str) -> tuple[int, int]:
        row, column = key.split(",")
        return int(row) + 1, int(column) + 1


class StandInBook:
    def __init__(self, state: list[dict]) -> None:
        self.sheets = [StandInSheet(sheet) for sheet in state]

    def sheet(self, name: str) -> StandInSheet:
        return next(sheet for sheet in self.sheets if sheet.name == name)


@pytest.fixture(scope="module")
def pane(server_url, tmp_path_factory):
    folder = tmp_path_factory.mktemp("aufgabenbereich")
    screenshot = os.environ.get("MITTELVERTEILUNG_SCREENSHOT") or str(folder / "aufgabenbereich.png")
    good = book_json(bundled_workbook_path())
    scenarios = [
        {"name": "publish", "book": good, "click": "Amtliche Tabelle erzeugen", "screenshot": screenshot},
        {"name": "bad", "book": book_json(bad_workbook(folder)), "click": "Amtliche Tabelle erzeugen", "screenshot": None},
        {"name": "dispatch", "book": good, "click": "Versandliste für die Kreise", "screenshot": None},
        {"name": "server_failure", "book": good, "click": "Amtliche Tabelle erzeugen", "screenshot": None,
         "scriptAnswer": {"status": 500, "body": "An error occurred."}},
    ]
    done = subprocess.run(
        ["node", str(RUNNER)],
        input=json.dumps({"url": server_url, "scenarios": scenarios}),
        capture_output=True,
        text=True,
        cwd=BROWSER,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    results = {result["name"]: result for result in json.loads(done.stdout)["scenarios"]}
    return {"results": results, "screenshot": Path(screenshot), "book": good}


@pytest.fixture(scope="module")
def published():
    return openpyxl.load_workbook(io.BytesIO(render(document_of(read_workbook_file(bundled_workbook_path()))).xlsx))


def test_the_page_ran_on_the_stand_in_only(pane):
    for result in pane["results"].values():
        assert result["clicked"], result["name"]
        assert result["served"] == ["/static/vendor/office-js/16.0.20308.15050/dist/office.js"]
        assert result["log"]["unsupported"] == [], result["name"]  # no Office.js call went unanswered
        assert result["blocked"] == []  # nothing left 127.0.0.1
        assert all(
            error.startswith(("Failed to load resource: the server responded with a status of", "AddinError: "))
            for error in result["consoleErrors"]
        ), result["consoleErrors"]  # the failed script call itself, nothing else


def test_a_click_on_amtliche_tabelle_writes_what_publish_writes(pane, published):
    result = pane["results"]["publish"]
    assert result["statusSeen"][1:] == [
        "Schritt 1 von 3: „Amtliche Tabelle erzeugen“: die Mappe wird gelesen …",
        "Schritt 2 von 3: „Amtliche Tabelle erzeugen“: der Server rechnet …",
        "Schritt 3 von 3: „Amtliche Tabelle erzeugen“: die Ergebnisse werden in die Mappe geschrieben …",
        "Fertig: „Amtliche Tabelle erzeugen“ hat die Blätter „Mittelverteilung 2025“, „Berechnungsgrundlagen“, "
        "„Grafiken“ und „Kreiskarte“ geschrieben.",
    ]
    assert not result["errorShown"] and result["consoleErrors"] == []
    book = StandInBook(result["state"])
    assert_same_as_published(book, published)
    original = [sheet["name"] for sheet in pane["book"]["sheets"]]
    drawn = ["Mittelverteilung 2025", "Berechnungsgrundlagen", "Grafiken", "Kreiskarte"]
    assert drawn == published.sheetnames
    assert [sheet.name for sheet in book.sheets] == original + drawn
    written = {write.get("sheet") for write in result["log"]["writes"]}
    assert written == set(drawn)  # the input sheets stay untouched
    merges = {(w["sheet"], w["address"]) for w in result["log"]["writes"] if w.get("op") == "merge"}
    assert merges and merges == {
        (sheet.title, str(merged)) for sheet in published.worksheets for merged in sheet.merged_cells.ranges
    }  # each sentence in one cell, as in the xlsx


def test_a_bad_workbook_shows_the_german_report_and_changes_nothing(pane):
    result = pane["results"]["bad"]
    assert result["status"] == "„Amtliche Tabelle erzeugen“ wurde nicht ausgeführt."
    assert result["errorShown"]
    assert result["error"].startswith("Die Tabelle wurde nicht erzeugt. 2 Probleme gefunden:")
    assert "Parameter!B5" in result["error"] and "Zuweisungen!G48" in result["error"]
    for english in ("Error", "error", "Traceback", "didn't", "Request failed"):
        assert english not in result["bodyText"]
    assert result["log"]["writes"] == []


def test_a_server_failure_is_told_in_german_not_passed_on(pane):
    result = pane["results"]["server_failure"]
    assert result["errorShown"]
    assert result["error"] == (
        "Der Server konnte die Aktion nicht ausführen (HTTP 500). Die Mappe wurde nicht verändert. "
        "Das Protokoll des Servers nennt die Ursache."
    )
    assert "An error occurred" not in result["bodyText"]
    assert result["log"]["writes"] == []


def test_the_versandliste_button_writes_its_sheet(pane):
    result = pane["results"]["dispatch"]
    assert result["status"] == "Fertig: „Versandliste für die Kreise“ hat das Blatt „Versand an die Kreise“ geschrieben."
    sheet = StandInBook(result["state"]).sheet("Versand an die Kreise")
    assert len([value for value in sheet.values.values() if isinstance(value, str) and value.endswith(".xlsx")]) == 44


def test_ribbon_and_functions_are_wired_in_the_page(pane, server_url):
    manifest = ET.fromstring(httpx.get(f"{server_url}/manifest.xml", timeout=30).content)
    ribbon = [name.text for name in manifest.iterfind(".//ov:Action/ov:FunctionName", NS)]
    functions = [f["id"] for f in httpx.get(f"{server_url}/xlwings/custom-functions-meta", timeout=30).json()["functions"]]
    for result in pane["results"].values():
        assert result["log"]["associated"] == ribbon
        assert sorted(result["log"]["functions"]) == sorted(functions)


def test_axe_finds_no_violations(pane):
    for result in pane["results"].values():
        assert result["axeBefore"] == [], result["name"]
        assert result["axeAfter"] == [], result["name"]


def test_screenshot_is_saved(pane):
    image = pane["screenshot"].read_bytes()
    assert image[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(image[16:20], "big") == 360  # the pane's width
