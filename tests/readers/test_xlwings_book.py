"""read_xlwings_book on the Book that xlwings Server and Lite build from Office.js JSON: same Inputs, same problems.

The Book is made as xlwings Server makes it (``xw.Book(json=payload)``, see
xlwings_server.dependencies.get_book) from the JSON the Office.js client would
send for the same workbook. xlwings decides at import which engines it has and
its Office.js engine is licensed PRO code, so this runs in a fresh process with
``XLWINGS_LICENSE_KEY=noncommercial``.
"""

from __future__ import annotations

import base64
import json
import os
import pickle
import subprocess
import sys
from datetime import date

import pytest

from xl_funcs.inputs import InputProblems
from xl_funcs.readers import bundled_workbook_path, read_workbook_file

from .officejs_payload import book_json
from .test_bad_workbooks import both, delete_name, set_cell, set_parameter
from .workbooks import changed, row_of

_SCRIPT = r"""
import base64, json, pickle, sys
import xlwings as xw
if not xw.__pro__:
    raise SystemExit("xlwings' Office.js engine did not load (licence key?)")
from xl_funcs.inputs import InputProblems
from xl_funcs.readers import read_xlwings_book
results = []
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as handle:
        book = xw.Book(json=json.load(handle))
    try:
        results.append(("inputs", read_xlwings_book(book)))
    except InputProblems as error:
        results.append(("problems", error.problems))
    finally:
        book.close()
sys.stdout.write(base64.b64encode(pickle.dumps(results)).decode())
"""


def read_through_xlwings_server_book(tmp_path, workbooks):
    paths = []
    for index, workbook in enumerate(workbooks):
        path = tmp_path / f"book{index}.json"
        path.write_text(json.dumps(book_json(workbook)), encoding="utf-8")
        paths.append(str(path))
    env = dict(os.environ, XLWINGS_LICENSE_KEY="noncommercial")
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, *paths], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return pickle.loads(base64.b64decode(done.stdout))


def from_file(path):
    try:
        return "inputs", read_workbook_file(path)
    except InputProblems as error:
        return "problems", error.problems


BAD_CHANGES = {
    "text count and number key": both(set_cell(f"G{row_of('08111')}", "ca. 500"), set_cell(f"A{row_of('08115')}", 8115)),
    "error value and date": both(
        set_cell(f"F{row_of('08437')}", "#DIV/0!"), set_cell(f"H{row_of('08421')}", date(2024, 1, 5))
    ),
    "parameters": both(delete_name("Stand"), set_parameter("Budget", 58_000_000.25), set_parameter("Methode", "los")),
    "swapped names and row below": both(
        set_cell(f"B{row_of('08111')}", "Böblingen"), set_cell(f"B{row_of('08115')}", "Stuttgart"), set_cell("B49", "Summe")
    ),
}


@pytest.fixture(scope="module")
def both_readers(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("xlwings")
    workbooks = [bundled_workbook_path()] + [
        changed(tmp_path, change, name=f"{index}.xlsx") for index, change in enumerate(BAD_CHANGES.values())
    ]
    return [from_file(path) for path in workbooks], read_through_xlwings_server_book(tmp_path, workbooks)


def test_sample_workbook_gives_the_same_inputs_through_xlwings(both_readers):
    from_files, from_books = both_readers
    kind, inputs = from_books[0]
    assert kind == "inputs", inputs
    assert from_files[0] == ("inputs", inputs)
    assert inputs.digest == from_files[0][1].digest
    assert len(inputs.districts) == 44 and inputs.districts[0].key == "08111"
    assert [d.row for d in inputs.districts] == [d.row for d in from_files[0][1].districts]


@pytest.mark.parametrize("index", range(1, len(BAD_CHANGES) + 1), ids=list(BAD_CHANGES))
def test_bad_workbooks_give_the_same_problems_through_xlwings(both_readers, index):
    from_files, from_books = both_readers
    file_kind, file_problems = from_files[index]
    book_kind, book_problems = from_books[index]
    assert file_kind == book_kind == "problems"
    assert [(p.message, p.where) for p in book_problems] == [(p.message, p.where) for p in file_problems]
    assert all(p.file == "Mittelverteilung.xlsx" for p in book_problems)
    assert len(book_problems) >= 2
