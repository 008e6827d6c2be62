"""Runs the one-click script in-process the way xlwings Lite does, in a process of its own.

    python lite_script_runner.py package            # the installed xl_funcs
    python lite_script_runner.py lite PATH/main.py  # the generated single file, loaded as Lite loads it

Lite's runtime registers the ``@script`` functions of main.py (custom_scripts_meta),
builds the ``xw.Book`` from the workbook JSON of its Office.js client and calls
``xlwings.server.custom_scripts_call(main, name, typehint_to_value={xw.Book: book})``;
afterwards it runs ``book.json()["actions"]`` in Excel. A process of its own,
because ``XLWINGS_ON_SERVER`` decides xlwings' decorator flavour once, at its import.

Input: the book JSON on stdin. Output (stdout, JSON): ``meta``, ``actions`` or
``error``, ``printed`` (Lite's output pane), ``origins`` of the imported
``xl_funcs`` modules, and ``extensions``: the compiled modules that were loaded
from outside the standard library.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.machinery
import io
import json
import os
import sys
import sysconfig

os.environ["XLWINGS_ON_SERVER"] = "true"  # what xlwings Server and Lite set before importing xlwings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from officejs_runner import load_lite  # noqa: E402

SCRIPT = os.environ.get("LITE_SCRIPT", "publish_official_table")  # the script to run (default: the official table)


def compiled_modules_outside_stdlib() -> dict[str, str]:
    stdlib = {os.path.realpath(sysconfig.get_path(key)) for key in ("stdlib", "platstdlib")}
    found = {}
    for name, module in list(sys.modules.items()):
        location = getattr(module, "__file__", None) or ""
        if location.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES)):
            real = os.path.realpath(location)
            if not any(real.startswith(directory + os.sep) for directory in stdlib):
                found[name] = real
    return found


def main() -> None:
    payload = json.load(sys.stdin)
    if sys.argv[1] == "lite":
        module = load_lite(sys.argv[2])
    else:
        import xl_funcs as module

    import xlwings as xw
    import xlwings.server

    result = {"meta": xlwings.server.custom_scripts_meta(module)}
    printed = io.StringIO()
    book = xw.Book(json=payload)
    try:
        with contextlib.redirect_stdout(printed):
            book = asyncio.run(xlwings.server.custom_scripts_call(module, SCRIPT, typehint_to_value={xw.Book: book}))
        result["actions"] = book.json()["actions"]
    except xw.XlwingsError as error:
        result["error"] = str(error)
    result["printed"] = printed.getvalue()
    result["origins"] = {
        name: getattr(loaded.__spec__, "origin", None)
        for name, loaded in sorted(sys.modules.items())
        if name == "xl_funcs" or name.startswith("xl_funcs.")
    }
    result["extensions"] = compiled_modules_outside_stdlib()
    print(json.dumps(result, default=str))


if __name__ == "__main__":
    main()
