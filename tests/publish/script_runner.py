"""Runs the one-click entry points the way the hosts do, in a process of its own.

``script``: as xlwings Server and Lite run a script. The decorator flavour is
chosen when xlwings is imported: with XLWINGS_ON_SERVER=true (and a licence
key) ``from xlwings import script`` gives the Office.js decorator, whose
scripts xlwings.server calls with the workbook JSON.

``classic``: ``main()`` of workbook/Mittelverteilung.py as "Run main" calls it,
with ``xw.Book.caller()`` answering the same workbook through xlwings' Book API
(Excel itself cannot run here, so xlwings' Office.js Book stands in for COM).

Input: the book JSON on stdin. Output (stdout, JSON): the scripts' metadata,
the actions or the error, and what was printed.
"""

import asyncio
import contextlib
import io
import json
import runpy
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import xlwings as xw  # noqa: E402
import xlwings.server  # noqa: E402

import xl_funcs.excel.scripts as scripts  # noqa: E402


def main() -> None:
    payload = json.load(sys.stdin)
    mode = sys.argv[1]
    result = {"meta": xlwings.server.custom_scripts_meta(scripts)}
    printed = io.StringIO()  # what Lite would show in its output pane
    book = xw.Book(json=payload)
    try:
        with contextlib.redirect_stdout(printed):
            if mode.startswith("classic"):  # "classic" runs main(), "classic:NAME" the function NAME
                workbook_module = runpy.run_path(str(ROOT / "workbook" / "Mittelverteilung.py"))
                xw.Book.caller = staticmethod(lambda: book)
                workbook_module[mode.partition(":")[2] or "main"]()
            else:
                book = asyncio.run(
                    xlwings.server.custom_scripts_call(scripts, mode, typehint_to_value={xw.Book: book})
                )
        result["actions"] = book.json()["actions"]
    except xw.XlwingsError as error:
        result["error"] = str(error)
    result["printed"] = printed.getvalue()
    print(json.dumps(result, default=str))


if __name__ == "__main__":
    main()
