"""„Szenarien vergleichen“ in one click, through each host's protocol: xlwings Server and Lite (the ``@script``
in-process, over a live server, from the generated main.py and inside Pyodide) and the classic add-in's
``compare()``. Each writes exactly the values the ``compare`` xlsx holds, and on bad input nothing at all."""

from __future__ import annotations

import copy
import io
import json
import shutil
import subprocess
import sys

import httpx
import openpyxl
import pytest

from xl_funcs.readers import bundled_workbook_path
from xl_funcs.readers.scenarios import read_comparison_file
from xl_funcs.render.xlsx import xlsx_bytes
from xl_funcs.scenarios.comparison import compare
from xl_funcs.scenarios.document import comparison_document

from ..excel.conftest import HERE as EXCEL_TESTS
from ..excel.conftest import LITE_MAIN
from ..live_server import licensed_environment
from ..publish.test_excel_scripts import assert_same_as_published, run_script
from ..readers.officejs_payload import book_json
from ..readers.workbooks import changed
from ..render.office_js import ROOT, SimulatedWorkbook, office_js_actions
from .expected import BASIS, DISTRICTS, OVERVIEW, SHEETS

SCRIPT = "compare_scenarios"
FAILURE = "Der Szenarienvergleich wurde nicht erzeugt."


def run_lite_runner(payload: dict, *target: str) -> dict:
    done = subprocess.run(
        [sys.executable, str(EXCEL_TESTS / "lite_script_runner.py"), *target],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        env=licensed_environment(LITE_SCRIPT=SCRIPT),
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def payload():
    return book_json(bundled_workbook_path())


@pytest.fixture(scope="module")
def bad_payload(tmp_path_factory):
    def change(workbook):
        workbook["Szenarien"]["B6"] = "Würfeln"
        workbook["Szenarien"]["G8"] = 1.2

    return book_json(changed(tmp_path_factory.mktemp("szenarien"), change))


@pytest.fixture(scope="module")
def compared_xlsx():
    """What ``mittelverteilung compare`` writes for the bundled workbook."""
    source = read_comparison_file(bundled_workbook_path())
    return openpyxl.load_workbook(io.BytesIO(xlsx_bytes(comparison_document(compare(source)))))


@pytest.fixture(scope="module")
def in_process(payload):
    return run_script(payload, SCRIPT)


def test_script_is_registered_with_a_german_name(in_process):
    (meta,) = [m for m in in_process["meta"] if m["function_name"] == SCRIPT]
    assert meta["name"] == "Szenarien vergleichen"


def test_the_script_draws_what_the_compare_xlsx_holds(in_process, payload, compared_xlsx):
    actions = in_process["actions"]
    assert {a["func"] for a in actions} <= office_js_actions()
    workbook = SimulatedWorkbook(copy.deepcopy(payload))
    workbook.apply(actions)
    assert compared_xlsx.sheetnames == SHEETS
    assert_same_as_published(workbook, compared_xlsx)
    assert workbook.sheets[workbook.active].name == OVERVIEW


def test_nothing_else_in_the_workbook_changes(in_process, payload):
    workbook = SimulatedWorkbook(copy.deepcopy(payload))
    workbook.apply(in_process["actions"])
    original = [sheet["name"] for sheet in payload["sheets"]]
    assert "Szenarien" in original
    names = [s.name for s in workbook.sheets]
    assert names[: len(original)] == original and names[len(original) :] == SHEETS
    for sheet in workbook.sheets[: len(original)]:
        assert not sheet.touched, sheet.name


def test_a_second_click_redraws_the_same_sheets_in_place(in_process, payload):
    workbook = SimulatedWorkbook(copy.deepcopy(payload))
    workbook.apply(in_process["actions"])
    stale = copy.deepcopy(payload)
    for sheet in workbook.sheets[len(payload["sheets"]) :]:
        stale["sheets"].append({**payload["sheets"][0], "name": sheet.name, "values": [["alt"]]})
    again = run_script(stale, SCRIPT)
    redrawn = SimulatedWorkbook(copy.deepcopy(stale))
    redrawn.apply(again["actions"])
    assert [s.name for s in redrawn.sheets] == [s.name for s in workbook.sheets]  # no second copy of any sheet
    for name in SHEETS:
        assert redrawn.sheet(name).values == workbook.sheet(name).values


def test_bad_input_changes_nothing_and_reports_each_cell(bad_payload):
    result = run_script(bad_payload, SCRIPT)
    assert "actions" not in result
    message = result["error"]
    assert message.startswith(f"{FAILURE} 2 Probleme gefunden:")
    assert "Szenarien!B6" in message and "Szenarien!G8" in message
    assert result["printed"].strip() == message  # Lite's output pane shows it too


def test_classic_compare_draws_the_same_sheets(in_process, payload):
    classic = run_script(payload, "classic:compare")
    assert classic["actions"] == in_process["actions"]


def test_classic_compare_shows_a_message_box_on_bad_input(bad_payload):
    classic = run_script(bad_payload, "classic:compare")
    (alert,) = classic["actions"]
    assert alert["func"] == "alert"
    prompt, title, buttons, mode, _ = alert["args"]
    assert prompt.startswith(f"{FAILURE} 2 Probleme gefunden:") and "Szenarien!G8" in prompt
    assert (title, buttons, mode) == ("Mittelverteilung: Eingaben prüfen", "ok", "critical")


def test_lite_main_py_runs_the_same_script(payload, in_process, bad_payload):
    lite = run_lite_runner(payload, "lite", str(LITE_MAIN))
    assert "error" not in lite, lite.get("error")
    assert lite["actions"] == in_process["actions"]
    assert all(origin.startswith("main.py:") for origin in lite["origins"].values())
    assert "xl_funcs.scenarios.document" in lite["origins"] and "xl_funcs.readers.scenarios" in lite["origins"]
    refused = run_lite_runner(bad_payload, "lite", str(LITE_MAIN))
    assert "actions" not in refused and "Szenarien!B6" in refused["error"]


def test_pyodide_runs_the_same_script(payload, in_process):
    from ..excel.test_lite_script import PYODIDE, pure_wheel, requirement_lines

    node = shutil.which("node")
    if node is None or not (PYODIDE / "node_modules" / "pyodide").is_dir():
        pytest.skip("Node.js or Pyodide missing: run bash .ci/setup")
    request = {
        "main": str(LITE_MAIN),
        "wheels": [str(pure_wheel(line)) for line in requirement_lines()],
        "book": payload,
        "calls": [],
        "script": SCRIPT,
    }
    done = subprocess.run(
        [node, str(PYODIDE / "run_lite.mjs")], input=json.dumps(request), capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["platform"] == "emscripten"
    assert "error" not in answer, answer.get("error")
    assert answer["actions"] == in_process["actions"]


@pytest.mark.slow
def test_live_server_runs_the_script(server_url, payload, in_process, compared_xlsx):
    meta = httpx.get(f"{server_url}/xlwings/custom-scripts-meta", timeout=30).json()
    assert any(m["function_name"] == SCRIPT and m["name"] == "Szenarien vergleichen" for m in meta)
    response = httpx.post(f"{server_url}/xlwings/custom-scripts-call/{SCRIPT}", json=payload, timeout=120)
    assert response.status_code == 200, response.text
    actions = response.json()["actions"]
    assert actions == json.loads(json.dumps(in_process["actions"]))
    workbook = SimulatedWorkbook(copy.deepcopy(payload))
    workbook.apply(actions)
    assert_same_as_published(workbook, compared_xlsx)


@pytest.mark.slow
def test_live_server_shows_the_german_report(server_url, bad_payload):
    response = httpx.post(f"{server_url}/xlwings/custom-scripts-call/{SCRIPT}", json=bad_payload, timeout=120)
    assert response.status_code == 400
    assert "Szenarien!B6" in response.text and FAILURE in response.text
