"""The one-click script through xlwings' script protocol: in-process as Lite runs it, and over a live xlwings Server."""

from __future__ import annotations

import copy
import datetime
import io
import json
import math
import subprocess
import sys
from pathlib import Path

import httpx
import openpyxl
import pytest

from xl_funcs.publication.files import document_of, render
from xl_funcs.readers import bundled_workbook_path, read_workbook_file

from ..readers.workbooks import COUNT, changed, parameter_cell, row_of
from ..live_server import licensed_environment
from ..render.office_js import ROOT, SimulatedWorkbook, office_js_actions
from ..readers.officejs_payload import book_json as book_payload

RUNNER = Path(__file__).with_name("script_runner.py")
SCRIPT = "publish_official_table"


def run_script(payload: dict, mode: str = SCRIPT) -> dict:
    done = subprocess.run(
        [sys.executable, str(RUNNER), mode],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=licensed_environment(XLWINGS_ON_SERVER="true"),
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def bad_workbook(tmp_path: Path) -> Path:
    def change(workbook):
        workbook["Parameter"][parameter_cell("Budget")] = "viel Geld"
        workbook["Zuweisungen"][f"{COUNT[2023]}{row_of('08437')}"] = -5

    return changed(tmp_path, change)


@pytest.fixture(scope="module")
def payload():
    return book_payload(bundled_workbook_path())


@pytest.fixture(scope="module")
def published():
    """The xlsx that ``mittelverteilung publish`` writes for the bundled workbook."""
    return openpyxl.load_workbook(io.BytesIO(render(document_of(read_workbook_file(bundled_workbook_path()))).xlsx))


@pytest.fixture(scope="module")
def in_process(payload):
    return run_script(payload)


def assert_same_as_published(workbook: SimulatedWorkbook, published) -> None:
    for name in published.sheetnames:
        sheet = published[name]
        simulated = workbook.sheet(name)
        cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
        assert len(cells) == len(simulated.values), name
        for cell in cells:
            got = simulated.values[(cell.row, cell.column)]
            want = cell.value
            if isinstance(want, datetime.datetime):
                want = want.date().isoformat()
            if isinstance(want, float):
                assert math.isclose(got, want, rel_tol=1e-14), (name, cell.coordinate)
            else:
                assert got == want, (name, cell.coordinate, got, want)
            if cell.number_format != "General":
                assert simulated.formats[(cell.row, cell.column)] == cell.number_format


def test_script_is_registered_with_a_german_name(in_process):
    (meta,) = [m for m in in_process["meta"] if m["function_name"] == SCRIPT]
    assert meta["name"] == "Amtliche Tabelle erzeugen"


def test_actions_write_what_the_published_xlsx_holds(in_process, payload, published):
    actions = in_process["actions"]
    assert {a["func"] for a in actions} <= office_js_actions()
    workbook = SimulatedWorkbook(copy.deepcopy(payload))
    workbook.apply(actions)
    assert_same_as_published(workbook, published)
    total = [v for v in workbook.sheet("Mittelverteilung 2025").values.values() if v == 58_000_000]
    assert total


def test_everything_else_in_the_workbook_stays(in_process, payload):
    workbook = SimulatedWorkbook(copy.deepcopy(payload))
    workbook.apply(in_process["actions"])
    original = [sheet["name"] for sheet in payload["sheets"]]
    assert [s.name for s in workbook.sheets][: len(original)] == original
    assert [s.name for s in workbook.sheets][len(original) :] == [
        "Mittelverteilung 2025", "Berechnungsgrundlagen", "Grafiken", "Kreiskarte",
    ]
    for sheet in workbook.sheets[: len(original)]:
        assert not sheet.touched, sheet.name


def test_bad_input_changes_nothing_and_reports_every_problem(tmp_path):
    result = run_script(book_payload(bad_workbook(tmp_path)))
    assert "actions" not in result
    message = result["error"]
    assert message.startswith("Die Tabelle wurde nicht erzeugt. 2 Probleme gefunden:")
    assert "Parameter!B5" in message and f"Zuweisungen!{COUNT[2023]}{row_of('08437')}" in message
    assert result["printed"].strip() == message  # Lite's output pane shows it too


def test_classic_main_draws_the_same_sheets(in_process, payload):
    classic = run_script(payload, "classic")
    assert classic["actions"] == in_process["actions"]


def test_classic_main_shows_a_message_box_on_bad_input(tmp_path):
    classic = run_script(book_payload(bad_workbook(tmp_path)), "classic")
    (alert,) = classic["actions"]  # nothing but the message
    assert alert["func"] == "alert"
    prompt, title, buttons, mode, _ = alert["args"]
    assert prompt.startswith("Die Tabelle wurde nicht erzeugt. 2 Probleme gefunden:") and "Parameter!B5" in prompt
    assert (title, buttons, mode) == ("Mittelverteilung: Eingaben prüfen", "ok", "critical")


@pytest.mark.slow
def test_live_server_runs_the_script(server_url, payload, published, in_process):
    meta = httpx.get(f"{server_url}/xlwings/custom-scripts-meta", timeout=30).json()
    assert any(m["function_name"] == SCRIPT for m in meta)
    response = httpx.post(f"{server_url}/xlwings/custom-scripts-call/{SCRIPT}", json=payload, timeout=120)
    assert response.status_code == 200, response.text
    actions = response.json()["actions"]
    assert actions == json.loads(json.dumps(in_process["actions"]))  # the same actions as in-process (Lite)
    workbook = SimulatedWorkbook(copy.deepcopy(payload))
    workbook.apply(actions)
    assert_same_as_published(workbook, published)


@pytest.mark.slow
def test_live_server_shows_the_german_report(server_url, tmp_path):
    response = httpx.post(
        f"{server_url}/xlwings/custom-scripts-call/{SCRIPT}", json=book_payload(bad_workbook(tmp_path)), timeout=120
    )
    assert response.status_code == 400
    assert "Parameter!B5" in response.text and "Die Tabelle wurde nicht erzeugt." in response.text
