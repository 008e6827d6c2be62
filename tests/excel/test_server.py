"""The live xlwings Server (started with `mittelverteilung serve`) answers Excel's requests."""

from __future__ import annotations

import subprocess
import sys

import httpx
import pytest

from .cases import CALLS, check_answer
from .conftest import ROOT, licensed_environment

FUNCTIONS = {
    "ALLOCATE": ["budget", "weights", "method", "unit", "lower", "upper"],
    "ALLOCATE_BASE": ["budget", "weights", "base", "method", "unit"],
    "PER_HEAD": ["rate", "counts", "unit"],
    "REFERENCE_WEIGHTS": ["counts", "year_weights"],
    "SHARES": ["weights"],
    "EXPLAIN": [
        "row", "budget", "weights", "method", "unit", "lower", "upper",
        "previous", "max_loss", "financing", "max_gain", "phase_in",
    ],
    "ALLOCATE_TRANSITION": [
        "budget", "weights", "previous", "max_loss", "financing", "max_gain", "phase_in", "method", "unit"
    ],
}
REQUIRED = {
    "ALLOCATE": 2, "ALLOCATE_BASE": 3, "PER_HEAD": 2, "REFERENCE_WEIGHTS": 1, "SHARES": 1, "EXPLAIN": 3,
    "ALLOCATE_TRANSITION": 3,
}


def test_meta_names_every_function_with_its_parameters(server_url):
    meta = httpx.get(f"{server_url}/xlwings/custom-functions-meta").json()
    functions = {function["id"]: function for function in meta["functions"]}
    assert set(functions) == set(FUNCTIONS)
    for name, parameters in FUNCTIONS.items():
        function = functions[name]
        assert [p["name"] for p in function["parameters"]] == parameters
        optional = [p.get("optional", False) for p in function["parameters"]]
        assert optional == [False] * REQUIRED[name] + [True] * (len(parameters) - REQUIRED[name])
        assert all(p["dimensionality"] == "matrix" for p in function["parameters"])
        assert function["result"]["dimensionality"] == "matrix"
        assert "volatile" not in function["options"]  # recalculated only when an input changes
        assert function["description"] and all(p["description"] for p in function["parameters"])


@pytest.mark.parametrize("index", range(len(CALLS)), ids=[call.name for call in CALLS])
def test_call_answers(server_results, index):
    call = CALLS[index]
    answer = server_results[index]
    check_answer(call, answer)
    if call.error:
        assert answer["status"] == 400  # an XlwingsError: Excel shows #WERT! with the message
        assert answer["error"].startswith(call.excel_name + ": ")


def test_manifest_for_excel(server_url):
    manifest = httpx.get(f"{server_url}/manifest.xml").text
    assert "<DisplayName DefaultValue=\"Mittelverteilung\" />" in manifest
    assert "<Id>26e1f538-e4b6-4708-ad75-b1d8378b9563</Id>" in manifest
    assert f"{server_url}/xlwings/custom-functions-meta.json" in manifest
    assert f"{server_url}/xlwings/custom-functions-code.js" in manifest
    assert f"{server_url}/taskpane.html" in manifest


def test_task_pane_is_german_and_names_the_functions(server_url):
    page = httpx.get(f"{server_url}/taskpane.html").text
    assert "Mittelverteilung Integrationsmanagement" in page
    for name in FUNCTIONS:
        assert f"<code>{name}</code>" in page


def test_scripts_are_those_of_the_package(server_url):
    scripts = httpx.get(f"{server_url}/xlwings/custom-scripts-meta").json()
    import xl_funcs

    assert sorted(script["function_name"] for script in scripts) == sorted(xl_funcs.EXCEL_SCRIPTS)


def _serve(*args, licence: bool) -> subprocess.CompletedProcess:
    """`mittelverteilung serve` where it must refuse to start (so it returns at once)."""
    environment = licensed_environment()
    if not licence:
        environment.pop("XLWINGS_LICENSE_KEY")
    return subprocess.run(
        [sys.executable, "-m", "xl_funcs.cli", "serve", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        timeout=60,
    )


def test_serve_without_licence_key_says_what_to_do():
    done = _serve("--port", "1", licence=False)
    assert done.returncode == 1 and done.stdout == ""
    assert "XLWINGS_LICENSE_KEY=noncommercial mittelverteilung serve" in done.stderr
    assert "PolyForm Noncommercial" in done.stderr


def test_serve_refuses_a_directory_that_is_no_server_project(tmp_path):
    done = _serve("--project", str(tmp_path), licence=True)
    assert done.returncode == 1 and "kein xlwings-Server-Projekt" in done.stderr
    half = _serve("--cert", str(tmp_path / "fehlt.pem"), licence=True)
    assert half.returncode == 1 and "Zertifikat und Schlüssel" in half.stderr
