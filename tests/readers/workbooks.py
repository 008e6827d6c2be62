"""Workbooks for the reader tests: the sample workbook, changed in one place at a time, saved to a file."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from xl_funcs.inputs import InputProblems, Problem
from xl_funcs.kreise import all_kreise
from xl_funcs.readers import read_workbook_file
from xl_funcs.sample.workbook import FIRST_DATA_ROW, PARAMETER_ROWS, build_workbook

KEYS = [k.key for k in all_kreise()]


def row_of(key: str) -> int:
    """The sheet row of a Kreis in the sample table (rows are in key order)."""
    return FIRST_DATA_ROW + KEYS.index(key)


def parameter_cell(name: str) -> str:
    """The cell a parameter's defined name points at, e.g. ``B5`` for ``Budget``."""
    index = next(i for i, row in enumerate(PARAMETER_ROWS) if row[0] == name)
    return f"B{4 + index}"


# Columns of the sample table
KEY, NAME, KIND, REGION = "A", "B", "C", "D"
COUNT = {2021: "E", 2022: "F", 2023: "G", 2024: "H", 2025: "I"}
AMOUNT = {2024: "J", 2025: "K"}


def save(workbook, path: Path) -> Path:
    workbook.save(path)
    return path


def changed(tmp_path: Path, change, name: str = "geaendert.xlsx") -> Path:
    """The sample workbook with ``change(workbook)`` applied, saved under tmp_path."""
    workbook = build_workbook()
    change(workbook)
    return save(workbook, tmp_path / name)


def problems_of(path: Path) -> tuple[Problem, ...]:
    try:
        read_workbook_file(path)
    except InputProblems as error:
        return error.problems
    raise AssertionError(f"{path} was accepted, a problem was expected")


def patch_member(path: Path, member: str, edit) -> Path:
    """Rewrite one XML part of a saved workbook with ``edit(text) -> text`` (for what openpyxl cannot write)."""
    source = path.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == member:
                data = edit(data.decode("utf-8")).encode("utf-8")
            zout.writestr(info, data)
    path.write_bytes(out.getvalue())
    return path


def sheet_part(path: Path, sheet_name: str) -> str:
    """The zip member of a sheet, e.g. ``xl/worksheets/sheet3.xml``."""
    with zipfile.ZipFile(path) as archive:
        workbook = archive.read("xl/workbook.xml").decode()
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(rf'<sheet[^>]*name="{re.escape(sheet_name)}"[^>]*r:id="(rId\d+)"', workbook)[1]
    target = re.search(rf'<Relationship[^>]*Id="{rid}"[^>]*Target="([^"]+)"', rels) or re.search(
        rf'<Relationship[^>]*Target="([^"]+)"[^>]*Id="{rid}"', rels
    )
    return "xl/" + target[1].lstrip("/").removeprefix("xl/")
