"""The one-click Auszahlungsplan through each host's protocol: in-process as Lite runs it, the classic add-in's
entry in workbook/Mittelverteilung.py, and a live xlwings Server; the sheets hold what ``payments`` writes."""

from __future__ import annotations

import copy
import io
import json

import httpx
import openpyxl
import pytest

from xl_funcs.calculation import calculate
from xl_funcs.payments.tables import plan_document_of
from xl_funcs.readers import bundled_workbook_path, read_workbook_file
from xl_funcs.render.xlsx import xlsx_bytes

from ..readers.officejs_payload import book_json as book_payload
from ..readers.workbooks import changed
from ..render.office_js import SimulatedWorkbook, office_js_actions
from .test_excel_scripts import assert_same_as_published, run_script

SCRIPT = "plan_payments"
SHEETS = ["Auszahlungsplan 2025", "Zahlungen 2025"]


@pytest.fixture(scope="module")
def payload():
    return book_payload(bundled_workbook_path())


@pytest.fixture(scope="module")
def written():
    """The xlsx ``mittelverteilung payments`` writes for the bundled workbook."""
    document = plan_document_of(calculate(read_workbook_file(bundled_workbook_path())))
    return openpyxl.load_workbook(io.BytesIO(xlsx_bytes(document)))


@pytest.fixture(scope="module")
def in_process(payload):
    return run_script(payload, SCRIPT)


def without_abschlaege(tmp_path):
    def change(workbook):
        del workbook["Parameter"].tables["Abschläge"]

    return changed(tmp_path, change)


def test_script_is_registered_with_a_german_name(in_process):
    (meta,) = [m for m in in_process["meta"] if m["function_name"] == SCRIPT]
    assert meta["name"] == "Auszahlungsplan erstellen"


def test_actions_draw_what_the_payments_command_writes(in_process, payload, written):
    actions = in_process["actions"]
    assert {a["func"] for a in actions} <= office_js_actions()
    workbook = SimulatedWorkbook(copy.deepcopy(payload))
    workbook.apply(actions)
    assert [s.name for s in workbook.sheets][len(payload["sheets"]) :] == SHEETS
    assert_same_as_published(workbook, written)
    assert 34_800_000 in workbook.sheet("Auszahlungsplan 2025").values.values()


def test_without_abschlaege_nothing_changes_and_the_report_says_why(tmp_path):
    result = run_script(book_payload(without_abschlaege(tmp_path)), SCRIPT)
    assert "actions" not in result
    assert result["error"].startswith("Der Auszahlungsplan wurde nicht erstellt. 1 Problem gefunden:")
    assert "keine Tabelle „Abschläge“" in result["error"]


def test_classic_entry_draws_the_same_sheets(in_process, payload):
    classic = run_script(payload, "classic:plan_payments")
    assert classic["actions"] == in_process["actions"]


def test_classic_entry_shows_a_message_box_without_abschlaege(tmp_path):
    classic = run_script(book_payload(without_abschlaege(tmp_path)), "classic:plan_payments")
    (alert,) = classic["actions"]
    assert alert["func"] == "alert"
    assert alert["args"][0].startswith("Der Auszahlungsplan wurde nicht erstellt.")


@pytest.mark.slow
def test_live_server_runs_the_script(server_url, payload, written, in_process):
    meta = httpx.get(f"{server_url}/xlwings/custom-scripts-meta", timeout=30).json()
    assert any(m["function_name"] == SCRIPT for m in meta)
    response = httpx.post(f"{server_url}/xlwings/custom-scripts-call/{SCRIPT}", json=payload, timeout=120)
    assert response.status_code == 200, response.text
    actions = response.json()["actions"]
    assert actions == json.loads(json.dumps(in_process["actions"]))
    workbook = SimulatedWorkbook(copy.deepcopy(payload))
    workbook.apply(actions)
    assert_same_as_published(workbook, written)
