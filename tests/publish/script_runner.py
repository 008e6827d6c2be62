"""Runs the @script the way xlwings Server and Lite do, in a process of its own.

The decorator flavour is chosen when xlwings is imported: with
XLWINGS_ON_SERVER=true (and a licence key) ``from xlwings import script``
gives the Office.js decorator, whose scripts xlwings.server calls with the
workbook JSON. Input: the book JSON on stdin. Output (stdout, JSON): the
scripts' metadata and either the actions or the error.
"""

import asyncio
import contextlib
import io
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import xlwings as xw  # noqa: E402
import xlwings.server  # noqa: E402

import xl_funcs.excel_scripts as scripts  # noqa: E402


def main() -> None:
    payload = json.load(sys.stdin)
    name = sys.argv[1]
    result = {"meta": xlwings.server.custom_scripts_meta(scripts)}
    printed = io.StringIO()  # what Lite would show in its output pane
    try:
        with contextlib.redirect_stdout(printed):
            book = asyncio.run(
                xlwings.server.custom_scripts_call(scripts, name, typehint_to_value={xw.Book: xw.Book(json=payload)})
            )
        result["actions"] = book.json()["actions"]
    except xw.XlwingsError as error:
        result["error"] = str(error)
    result["printed"] = printed.getvalue()
    print(json.dumps(result, default=str))


if __name__ == "__main__":
    main()
