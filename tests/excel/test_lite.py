"""xlwings Lite: the generated main.py is current, runs the bundled code, and answers like the Server.

Lite calls ``xlwings.server.custom_functions_call(payload, module)`` inside
Pyodide; here the same call runs in CPython, in a fresh process, once for the
installed package and once for workbook/lite/main.py loaded as Lite loads it.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from xl_funcs.excel.lite_bundle import ENTRY_MODULES, bundled_modules, lite_files, requirements, write_lite_files

from .cases import CALLS, check_answer
from .conftest import LITE_MAIN, ROOT


def test_committed_lite_files_are_up_to_date():
    for name, text in lite_files().items():
        committed = (LITE_MAIN.parent / name).read_text(encoding="utf-8")
        assert committed == text, f"workbook/lite/{name} is stale: run `mittelverteilung lite`"


def test_check_command_reports_current_and_stale_files(tmp_path):
    def check(directory):
        return subprocess.run(
            [sys.executable, "-m", "xl_funcs.cli", "lite", str(directory), "--check"],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )

    assert check(LITE_MAIN.parent).returncode == 0
    written = write_lite_files(tmp_path)
    assert [path.name for path in written] == ["main.py", "requirements.txt"]
    assert check(tmp_path).returncode == 0
    (tmp_path / "main.py").write_text("# von Hand geändert\n", encoding="utf-8")
    stale = check(tmp_path)
    assert stale.returncode == 1 and "main.py" in stale.stderr and "mittelverteilung lite" in stale.stderr
    assert not list(tmp_path.glob(".*.partial"))


def test_bundle_holds_the_engine_and_everything_the_functions_import():
    names = {module.name for module in bundled_modules()}
    assert {"xl_funcs", "xl_funcs.engine", "xl_funcs.engine.allocation", "xl_funcs.number_text"} <= names
    assert set(ENTRY_MODULES) <= names
    # Nothing that needs files, openpyxl or pandas goes to Lite unless a function imports it.
    assert "xl_funcs.excel.lite_bundle" not in names and "xl_funcs.cli" not in names
    assert requirements(bundled_modules()) == [f"xlwings=={__import__('xlwings').__version__}"]


def test_lite_runs_the_bundled_modules_not_the_installed_package(lite_run):
    origins = lite_run["origins"]
    assert "xl_funcs.excel.functions" in origins and "xl_funcs.engine.allocation" in origins
    assert all(origin.startswith("main.py:") for origin in origins.values()), origins


def test_lite_registers_the_same_functions_as_the_package(lite_run, package_run):
    assert lite_run["meta"] == package_run["meta"]
    assert {function["id"] for function in lite_run["meta"]["functions"]} == {
        "ALLOCATE",
        "ALLOCATE_BASE",
        "PER_HEAD",
        "REFERENCE_WEIGHTS",
        "SHARES",
        "EXPLAIN",
        "ALLOCATE_TRANSITION",
    }


@pytest.mark.parametrize("index", range(len(CALLS)), ids=[call.name for call in CALLS])
def test_lite_and_package_answer_like_the_server(lite_run, package_run, server_results, index):
    call = CALLS[index]
    for answers in (lite_run["results"], package_run["results"]):
        answer = answers[index]
        check_answer(call, answer)
        server = server_results[index]
        if call.error:
            assert answer["type"] == "XlwingsError"  # shown by Excel as #WERT! with the message
            assert answer["error"] == server["error"]
        else:
            assert answer["result"] == server["result"]
