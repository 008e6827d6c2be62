"""The classic add-in: xl_funcs under xlwings.udfs (Windows-only modules replaced by stand-ins).

Runs in a subprocess (tests/excel/classic_runner.py) because xlwings picks its
decorator flavour when it is first imported; the flavours must not mix with
the other tests in this process.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

import xl_funcs

from .conftest import HERE, ROOT
from .test_server import FUNCTIONS, REQUIRED


@pytest.fixture(scope="module")
def classic():
    environment = {key: value for key, value in os.environ.items() if not key.startswith("XLWINGS_")}
    done = subprocess.run(
        [sys.executable, str(HERE / "classic_runner.py")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_udf_module_lists_every_function(classic):
    assert set(xl_funcs.EXCEL_FUNCTIONS) <= set(classic["dir"])
    assert {name.upper() for name in xl_funcs.EXCEL_FUNCTIONS} == set(FUNCTIONS)


@pytest.mark.parametrize("name", xl_funcs.EXCEL_FUNCTIONS)
def test_registered_metadata(classic, name):
    meta = classic["metadata"][name]
    parameters = FUNCTIONS[name.upper()]
    assert [a["name"] for a in meta["args"]] == parameters
    required = REQUIRED[name.upper()]
    assert [a["optional"] for a in meta["args"]] == [False] * required + [True] * (len(parameters) - required)
    # Raw values in and out: xlwings converts no cell one by one.
    assert all(a["options"] == {"convert": "raw"} for a in meta["args"])
    assert meta["ret"] == {"convert": "raw"}
    assert meta["call_in_wizard"] is False and meta["volatile"] is False and meta["sub"] is False
    assert meta["category"] == "Mittelverteilung"
    # German help texts for Excel's function wizard.
    assert meta["doc"] and not meta["doc"].startswith("Python function")
    assert all(a["doc"] and not a["doc"].startswith("Positional argument") for a in meta["args"])


@pytest.mark.parametrize("name", xl_funcs.EXCEL_FUNCTIONS)
def test_vba_that_import_functions_writes(classic, name):
    vba = classic["vba"]
    required = REQUIRED[name.upper()]
    parameters = FUNCTIONS[name.upper()]
    signature = ", ".join(parameters[:required] + [f"Optional {p}" for p in parameters[required:]])
    match = re.search(rf"^Function {name}\({re.escape(signature)}\)\n(.*?)^End Function$", vba, re.S | re.M)
    assert match, f"no VBA function {name}({signature})"
    body = match.group(1)
    # Nothing runs while the function wizard is open; never volatile.
    assert 'If (Not Application.CommandBars("Standard").Controls(1).Enabled) Then Exit Function' in body
    assert "Application.Volatile" not in body
    arguments = ", ".join(parameters)
    assert f'{name} = XLPy.CallUDF("xl_funcs", "{name}", Array({arguments}), ThisWorkbook, Application.Caller)' in body
    assert f"{name} = Err.Description" in body


def test_calls_as_com_sends_them(classic):
    calls = classic["calls"]
    assert calls["allocate_column"] == [[6_687_722], [3_072_884], [48_239_394]]
    assert calls["allocate_row_dhondt"] == [7, 5, 3, 2, 1]  # a single row reaches VBA as a 1-D array
    assert calls["allocate_currency_cells"] == [[25], [75]]
    assert calls["per_head"] == [[67_667], [23_882], [280_220]]
    assert calls["explain_first_row"].startswith("Zeile 1: 6.687.722 € (Hare-Niemeyer).")
    assert calls["allocate_transition_gainers"] == [[450], [300], [250]]
    assert calls["allocate_transition_no_previous"] == "ALLOCATE_TRANSITION: Vorjahr: die Beträge des Vorjahres fehlen."


def test_bad_input_is_the_cell_text_not_a_traceback(classic):
    calls = classic["calls"]
    assert calls["allocate_text_weight"] == "ALLOCATE: Gewichte, Zeile 2: 'viel' ist keine Zahl."
    assert calls["allocate_error_cell"] == "ALLOCATE: Gewichte, Zeile 2: Die Zelle enthält den Fehlerwert #DIV/0!."
    assert calls["allocate_empty_cell"].startswith("ALLOCATE: Gewichte, Zeile 2: Die Zelle ist leer")
