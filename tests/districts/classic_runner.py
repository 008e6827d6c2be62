"""Runs ``share()`` or ``collect()`` of workbook/Mittelverteilung.py the way the classic add-in's RunPython does.

Excel cannot run here, so xlwings' Office.js Book answers for the open
workbook (the same Book API the classic add-in's COM book offers); its
``fullname`` is set to a path in the test's folder, because the classic
entries put their folders beside the workbook. Runs in a process of its own
(the Office.js Book needs the licence key at import).

Arguments: ``share|collect FOLDER``; the book JSON on stdin. Output (JSON):
the actions sent to Excel (sheets drawn, message boxes).
"""

import json
import runpy
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import xlwings as xw


def main() -> None:
    entry, folder = sys.argv[1], Path(sys.argv[2])
    book = xw.Book(json=json.load(sys.stdin))
    xw.Book.fullname = property(lambda self: str(folder / "Mittelverteilung.xlsx"))
    xw.Book.caller = staticmethod(lambda: book)
    module = runpy.run_path(str(ROOT / "workbook" / "Mittelverteilung.py"))
    module[entry]()
    print(json.dumps({"actions": book.json()["actions"]}, default=str))


if __name__ == "__main__":
    main()
