"""Workbooks made wrong by hypothesis: whatever lands in the cells or in the bytes of the file, the reader
accepts the workbook (and then the amounts add up to the budget) or refuses it with German problems at
existing places; it never fails any other way, never hangs, and the command line never shows a traceback.
"""

from __future__ import annotations

import io
import math
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xl_funcs.calculation import calculate
from xl_funcs.inputs import InputProblems
from xl_funcs.readers import bundled_workbook_path, read_workbook_file
from xl_funcs.sample.workbook import FIRST_DATA_ROW, PARAMETER_ROWS, build_workbook

from .cli_runs import problem_lines, run_in_process

SHEETS = ("Hinweise", "Parameter", "Zuweisungen", "Berechnung", "xlwings.conf")
LAST_ROW = FIRST_DATA_ROW + 43

values = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.sampled_from(
        ["#DIV/0!", "#NAME?", "#REF!", "#N/A", "ca. 500", "1.234", "1,234", "08111", " 8111", "=A1/0", "=1+"]
    ),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1), max_value=date(2100, 1, 1)),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
    st.times(),
)
parameter_cells = st.sampled_from([("Parameter", f"B{4 + index}") for index in range(len(PARAMETER_ROWS))])
table_cells = st.tuples(
    st.just("Zuweisungen"),
    st.builds(lambda column, row: f"{column}{row}", st.sampled_from("ABCDEFGHIJKL"), st.integers(3, LAST_ROW + 3)),
)
changes = st.lists(st.tuples(st.one_of(parameter_cells, table_cells), values), min_size=1, max_size=4)


def _storable(value):
    """openpyxl refuses to store NaN/infinity and control characters; those reach Excel files only as text."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, str):
        return "".join(ch for ch in value if ch >= " " or ch in "\t\n")
    return value


def assert_accepted_or_refused_in_german(path: Path) -> None:
    try:
        inputs = read_workbook_file(path)
    except InputProblems as problems:
        assert problems.problems
        for problem in problems.problems:
            assert problem.message.strip()
            if problem.where is not None:
                assert problem.where.sheet in SHEETS, problem
            else:
                assert problem.file == str(path), problem
        return
    try:
        calculation = calculate(inputs)
    except InputProblems as problems:  # the engine refused (e.g. bounds that cannot be met)
        assert all(problem.message.strip() for problem in problems.problems)
        return
    assert calculation.total == inputs.parameters.budget


@pytest.mark.filterwarnings("ignore:File may not be readable")  # openpyxl, writing a number as a heading
@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(changes=changes)
def test_random_cell_values_are_accepted_or_refused_with_their_cell(tmp_path, changes):
    workbook = build_workbook()
    for (sheet, cell), value in changes:
        workbook[sheet][cell] = _storable(value)
    path = tmp_path / "zufall.xlsx"
    workbook.save(path)
    assert_accepted_or_refused_in_german(path)
    done = run_in_process("check", str(path))
    assert done.returncode in (0, 1)
    assert "Traceback" not in done.stderr
    if done.returncode == 1:
        assert problem_lines(done.stderr), done.stderr


SAMPLE = bundled_workbook_path().read_bytes()
with zipfile.ZipFile(io.BytesIO(SAMPLE)) as _archive:
    MEMBERS = sorted(_archive.namelist())

byte_damage = st.one_of(
    st.tuples(
        st.just("kippen"),
        st.lists(st.tuples(st.integers(0, len(SAMPLE) - 1), st.integers(0, 255)), min_size=1, max_size=20),
    ),
    st.tuples(st.just("kürzen"), st.integers(0, len(SAMPLE) - 1)),
    st.tuples(st.just("einfügen"), st.tuples(st.integers(0, len(SAMPLE)), st.binary(min_size=1, max_size=64))),
)
xml_snippets = st.sampled_from(
    [
        "",
        "<",
        "<x>",
        "&amp;",
        "&unbekannt;",
        "<!DOCTYPE x []>",
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>',
        '<c r="ZZZZ99999999"><v>1</v></c>',
        '<row r="-1"/>',
        '<mergeCell ref="A1:XFD1048576"/>',
        '<definedName name="Budget">Parameter!$Z$0</definedName>',
        "\x00\x01",
    ]
)
part_damage = st.tuples(
    st.sampled_from(MEMBERS),
    st.sampled_from(["ersetzen", "anhängen", "halbieren", "einsetzen"]),
    xml_snippets,
    st.integers(0, 10_000),
)


def damaged_bytes(kind, detail) -> bytes:
    data = bytearray(SAMPLE)
    if kind == "kippen":
        for offset, value in detail:
            data[offset] = value
    elif kind == "kürzen":
        del data[detail:]
    else:
        offset, extra = detail
        data[offset:offset] = extra
    return bytes(data)


def damaged_part(member: str, how: str, snippet: str, at: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(SAMPLE)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            text = zin.read(info.filename).decode("utf-8")
            if info.filename == member:
                if how == "ersetzen":
                    text = snippet
                elif how == "anhängen":
                    text += snippet
                elif how == "halbieren":
                    text = text[: len(text) // 2]
                else:
                    position = at % (len(text) + 1)
                    text = text[:position] + snippet + text[position:]
            zout.writestr(info, text.encode("utf-8"))
    return out.getvalue()


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(damage=byte_damage)
def test_damaged_bytes_are_refused_naming_the_file(tmp_path, damage):
    path = tmp_path / "beschaedigt.xlsx"
    path.write_bytes(damaged_bytes(*damage))
    assert_accepted_or_refused_in_german(path)


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(damage=part_damage)
def test_damaged_xml_parts_are_refused_naming_the_file_or_cell(tmp_path, damage):
    path = tmp_path / "teil.xlsx"
    path.write_bytes(damaged_part(*damage))
    assert_accepted_or_refused_in_german(path)
    done = run_in_process("check", str(path))
    assert done.returncode in (0, 1) and "Traceback" not in done.stderr
