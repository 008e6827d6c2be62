"""What Excel does with the actions an xlwings Server/Lite script returns, for the actions we send.

A deliberately small stand-in for the add-in's JavaScript (``runActions``):
sheets as dicts of cells, so a test can compare the result with the xlsx.
An action it does not know fails the test instead of being skipped.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..live_server import licensed_environment

ROOT = Path(__file__).resolve().parents[2]
SERVER_JS = (
    Path(importlib.util.find_spec("xlwings_server").origin).parent / "static" / "js" / "custom-scripts" / "index.js"
)
XLWINGS_VERSION = importlib.metadata.version("xlwings")


def book_json(sheets: list[tuple[str, list[list]]], names: list[dict] | None = None, tables=None) -> dict:
    """The workbook as the add-in sends it to Python (the parts our code reads)."""
    tables = tables or {}
    return {
        "client": "Office.js",
        "version": XLWINGS_VERSION,
        "book": {"name": "Mittelverteilung.xlsx", "active_sheet_index": 0, "selection": "A1"},
        "names": names or [],
        "sheets": [
            {"name": name, "values": values, "pictures": [], "tables": tables.get(name, []), "shapes": [], "charts": []}
            for name, values in sheets
        ],
    }


def run_python(code: str, stdin: dict, **environment: str) -> dict:
    """Run ``code`` in a fresh interpreter that has the licence key; JSON in on stdin, JSON out on stdout."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps(stdin),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=licensed_environment(**environment),
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def office_js_actions() -> set[str]:
    """The action names the xlwings Server/Lite JavaScript implements (its ``funcs`` map)."""
    source = SERVER_JS.read_text(encoding="utf-8")
    body = source[source.index("let funcs = {") : source.index("};", source.index("let funcs = {"))]
    return set(re.findall(r"^\s+(\w+):", body, re.M))


@dataclass
class SimulatedSheet:
    name: str
    values: dict = field(default_factory=dict)  # (row, column) 1-based -> value
    formats: dict = field(default_factory=dict)
    fonts: dict = field(default_factory=dict)  # (row, column) -> {property: value}
    fills: dict = field(default_factory=dict)
    wrap: dict = field(default_factory=dict)
    merged: list = field(default_factory=list)  # ((first row, first column), (last row, last column))
    column_widths: dict = field(default_factory=dict)  # column -> points
    row_heights: dict = field(default_factory=dict)
    touched: bool = False


class SimulatedWorkbook:
    def __init__(self, book_json: dict) -> None:
        self.sheets = []
        for sheet in book_json["sheets"]:
            simulated = SimulatedSheet(sheet["name"])
            for r, row in enumerate(sheet["values"], start=1):
                for c, value in enumerate(row, start=1):
                    if value not in ("", None):
                        simulated.values[(r, c)] = value
            self.sheets.append(simulated)
        self.active = book_json["book"]["active_sheet_index"]

    def sheet(self, name: str) -> SimulatedSheet:
        return next(s for s in self.sheets if s.name == name)

    def apply(self, actions: list[dict]) -> None:
        for action in actions:
            getattr(self, "_" + action["func"])(action)

    @staticmethod
    def _cells(action):
        for r in range(action["row_count"]):
            for c in range(action["column_count"]):
                yield r, c, (action["start_row"] + r + 1, action["start_column"] + c + 1)

    def _target(self, action) -> SimulatedSheet:
        sheet = self.sheets[action["sheet_position"]]
        sheet.touched = True
        return sheet

    def _addSheet(self, action):
        position, name = action["args"]
        self.sheets.insert(position, SimulatedSheet(name, touched=True))

    def _sheetClear(self, action):
        sheet = self._target(action)
        self.sheets[action["sheet_position"]] = SimulatedSheet(sheet.name, touched=True)

    def _activateSheet(self, action):
        self.active = action["args"][0]

    def _setValues(self, action):
        sheet = self._target(action)
        for r, c, key in self._cells(action):
            value = action["values"][r][c]
            if value in ("", None):
                sheet.values.pop(key, None)
            else:
                sheet.values[key] = value

    def _setNumberFormat(self, action):
        sheet = self._target(action)
        for _, _, key in self._cells(action):
            sheet.formats[key] = action["args"][0]

    def _setFontProperty(self, action):
        sheet = self._target(action)
        name, value = action["args"]
        for _, _, key in self._cells(action):
            sheet.fonts.setdefault(key, {})[name] = value

    def _setRangeColor(self, action):
        sheet = self._target(action)
        for _, _, key in self._cells(action):
            sheet.fills[key] = action["args"][0]

    def _setWrapText(self, action):
        sheet = self._target(action)
        for _, _, key in self._cells(action):
            sheet.wrap[key] = action["args"][0]

    def _rangeMerge(self, action):
        sheet = self._target(action)
        first = (action["start_row"] + 1, action["start_column"] + 1)
        sheet.merged.append((first, (first[0] + action["row_count"] - 1, first[1] + action["column_count"] - 1)))

    def _setColumnWidth(self, action):
        sheet = self._target(action)
        for c in range(action["column_count"]):
            sheet.column_widths[action["start_column"] + c + 1] = action["args"][0]

    def _setRowHeight(self, action):
        sheet = self._target(action)
        for r in range(action["row_count"]):
            sheet.row_heights[action["start_row"] + r + 1] = action["args"][0]
