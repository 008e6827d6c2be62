"""In Excel, each one-click path changes only the sheets it owns: on a fresh workbook and again on one that
already holds last run's (stale) sheets, every other sheet stays untouched.

The actions are the ones xlwings sends to Excel (Server/Lite scripts through xlwings' script protocol,
the classic add-in's entries through xlwings' Book API), applied to a simulated workbook that notes
every sheet an action touches.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys

import pytest

from xl_funcs.sample.workbook import build_workbook

from ..readers.officejs_payload import book_json
from ..render.office_js import ROOT, SimulatedWorkbook, licensed_environment

SCRIPT_RUNNER = ROOT / "tests" / "publish" / "script_runner.py"
CLASSIC_RUNNER = ROOT / "tests" / "districts" / "classic_runner.py"
OWNED = {
    "publish_official_table": ("Mittelverteilung 2025", "Berechnungsgrundlagen", "Grafiken", "Kreiskarte"),
    "prepare_district_workbooks": ("Versand an die Kreise",),
    "share": ("Versand an die Kreise",),
    "collect": ("Rückmeldungen", "Probleme"),
    "plan_payments": ("Auszahlungsplan 2025", "Zahlungen 2025"),
}
STALE = "Inhalt vom letzten Lauf"


def run(command: list[str], payload: dict) -> dict:
    done = subprocess.run(
        [sys.executable, *command],
        input=json.dumps(payload),
        capture_output=True,
        check=False,
        text=True,
        cwd=ROOT,
        env=licensed_environment(XLWINGS_ON_SERVER="true"),
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert "error" not in result, result["error"]
    return result


def payload_with(tmp_path, stale_sheets: tuple[str, ...]) -> dict:
    """The sample workbook as Excel sends it, with ``stale_sheets`` already present (as after a last run)."""
    workbook = build_workbook()
    for name in stale_sheets:
        workbook.create_sheet(name)["A1"] = STALE
    path = tmp_path / "Mittelverteilung.xlsx"
    workbook.save(path)
    return book_json(path)


def assert_only_owned_sheets_changed(payload: dict, actions: list[dict], owned: tuple[str, ...]) -> None:
    workbook = SimulatedWorkbook(copy.deepcopy(payload))
    before = {sheet.name: dict(sheet.values) for sheet in workbook.sheets}
    workbook.apply(actions)
    names = [sheet.name for sheet in workbook.sheets]
    assert set(owned) <= set(names)
    for sheet in workbook.sheets:
        if sheet.name in owned:
            assert sheet.values and STALE not in sheet.values.values(), sheet.name
        else:
            assert not sheet.touched, sheet.name
            assert sheet.values == before[sheet.name], sheet.name
    others = [name for name in names if name not in owned]
    assert others == [name for name in before if name not in owned]  # none added, removed or reordered


@pytest.mark.parametrize("stale", [False, True], ids=["frisch", "mit altem Blatt"])
@pytest.mark.parametrize("script", ["publish_official_table", "prepare_district_workbooks", "plan_payments"])
def test_server_and_lite_scripts_change_only_their_sheets(script, stale, tmp_path):
    owned = OWNED[script]
    payload = payload_with(tmp_path, owned if stale else ())
    result = run([str(SCRIPT_RUNNER), script], payload)
    assert_only_owned_sheets_changed(payload, result["actions"], owned)


@pytest.mark.parametrize("stale", [False, True], ids=["frisch", "mit altem Blatt"])
def test_classic_share_and_collect_change_only_their_sheets(stale, tmp_path):
    payload = payload_with(tmp_path, OWNED["share"] + OWNED["collect"] if stale else ())
    beside = tmp_path / "Mittelverteilung.xlsx"  # the open workbook's file: the classic entries write beside it
    workbook_bytes = beside.read_bytes()
    shared = run([str(CLASSIC_RUNNER), "share", str(tmp_path)], payload)
    assert_only_owned_sheets_changed(payload, [a for a in shared["actions"] if a["func"] != "alert"], OWNED["share"])
    (tmp_path / "Eingang_Rueckmeldungen_2025").mkdir()
    collected = run([str(CLASSIC_RUNNER), "collect", str(tmp_path)], payload)
    actions = [a for a in collected["actions"] if a["func"] != "alert"]
    assert_only_owned_sheets_changed(payload, actions, OWNED["collect"])
    assert beside.read_bytes() == workbook_bytes
