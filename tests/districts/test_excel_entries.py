"""From the workbook: the Server/Lite script shows the Versandliste; the classic add-in writes and reads the files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from xl_funcs.readers import bundled_workbook_path

from ..readers.officejs_payload import book_json
from ..readers.workbooks import COUNT, changed, parameter_cell, row_of
from ..render.office_js import ROOT, licensed_environment
from .returns import answers, fill_with_openpyxl

SCRIPT_RUNNER = ROOT / "tests" / "publish" / "script_runner.py"
CLASSIC_RUNNER = Path(__file__).with_name("classic_runner.py")


def run(command: list[str], payload: dict, **environment: str) -> dict:
    done = subprocess.run(
        [sys.executable, *command],
        input=json.dumps(payload),
        capture_output=True,
        check=False,
        text=True,
        cwd=ROOT,
        env=licensed_environment(**environment),
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def written_values(actions: list[dict]) -> set:
    return {value for a in actions if a["func"] == "setValues" for row in a["values"] for value in row}


def added_sheets(actions: list[dict]) -> list[str]:
    return [a["args"][1] for a in actions if a["func"] == "addSheet"]


def alerts(actions: list[dict]) -> list[list]:
    return [a["args"] for a in actions if a["func"] == "alert"]


@pytest.fixture(scope="module")
def payload():
    return book_json(bundled_workbook_path())


@pytest.fixture(scope="module")
def bad_payload(tmp_path_factory):
    def change(workbook):
        workbook["Parameter"][parameter_cell("Budget")] = "viel Geld"
        workbook["Zuweisungen"][f"{COUNT[2023]}{row_of('08437')}"] = -5

    return book_json(changed(tmp_path_factory.mktemp("bad"), change))


def test_server_and_lite_script_draws_the_versandliste(payload, manifest_data):
    result = run([str(SCRIPT_RUNNER), "prepare_district_workbooks"], payload, XLWINGS_ON_SERVER="true")
    assert "error" not in result, result.get("error")
    names = {meta["function_name"]: meta["name"] for meta in result["meta"]}
    assert names["prepare_district_workbooks"] == "Versandliste für die Kreise"
    assert added_sheets(result["actions"]) == ["Versand an die Kreise"]
    values = written_values(result["actions"])
    for entry in manifest_data["dateien"]:  # exactly the files and numbers share writes
        assert {entry["datei"], entry["vorgangsnummer"], entry["zip"], entry["mittel"]} <= values
    assert 58_000_000 in values
    assert any(isinstance(v, str) and "xlwings Lite können keine Dateien" in v for v in values)


def test_script_with_bad_input_changes_nothing(bad_payload):
    result = run([str(SCRIPT_RUNNER), "prepare_district_workbooks"], bad_payload, XLWINGS_ON_SERVER="true")
    assert "actions" not in result  # the script stopped before any action reached Excel
    assert "Die Versandliste wurde nicht erzeugt" in result["error"] and "Parameter!B5" in result["error"]


def test_classic_share_then_collect_beside_the_workbook(payload, tmp_path, manifest_data):
    shared = run([str(CLASSIC_RUNNER), "share", str(tmp_path)], payload)
    folder = tmp_path / "Kreis-Arbeitsmappen_2025"
    assert len(list(folder.glob("*.xlsx"))) == 44 and (folder / "Versandliste.json").is_file()
    # The same bytes as the command line writes for the same inputs.
    issued = json.loads((folder / "Versandliste.json").read_text(encoding="utf-8"))
    assert [e["sha256"] for e in issued["dateien"]] == [e["sha256"] for e in manifest_data["dateien"]]
    assert added_sheets(shared["actions"]) == ["Versand an die Kreise"]
    (message, _, _, mode, _) = alerts(shared["actions"])[-1]
    assert "44 Arbeitsmappen" in message and str(folder) in message and mode == "info"

    inbox = tmp_path / "Eingang_Rueckmeldungen_2025"
    inbox.mkdir()
    entry = issued["dateien"][0]
    fill_with_openpyxl(folder / entry["datei"], inbox / "Antwort.xlsx", answers(entry, bestaetigung="ja"))
    collected = run([str(CLASSIC_RUNNER), "collect", str(tmp_path)], payload)
    assert added_sheets(collected["actions"]) == ["Rückmeldungen", "Probleme"]
    values = written_values(collected["actions"])
    assert {"eingegangen", "in Ordnung", "Antwort.xlsx", "Keine Probleme gefunden."} <= values
    (message, *_rest) = alerts(collected["actions"])[-1]
    assert message.startswith("1 von 44 Kreisen haben geantwortet, 1 bestätigt; 43 fehlen; 0 Dateien mit Problemen")


def test_classic_share_with_bad_input_writes_nothing(bad_payload, tmp_path):
    result = run([str(CLASSIC_RUNNER), "share", str(tmp_path)], bad_payload)
    assert list(tmp_path.iterdir()) == []
    assert added_sheets(result["actions"]) == []
    (message, _, _, mode, _) = alerts(result["actions"])[-1]
    assert message.startswith("Es wurde nichts geschrieben.") and "Parameter!B5" in message and mode == "critical"
