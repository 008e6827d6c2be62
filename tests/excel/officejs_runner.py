"""Calls Excel functions in-process the way xlwings Lite does, in a process of its own.

    python officejs_runner.py package            # the installed xl_funcs
    python officejs_runner.py lite PATH/main.py  # the generated single file, loaded as Lite loads it

Reads a JSON list of call bodies on stdin and writes a JSON object to stdout:
``results`` (one ``{"result": ...}`` or ``{"error": message, "type": name}``
per body), ``meta`` (custom_functions_meta) and ``origins`` (where each
imported ``xl_funcs`` module came from). A process of its own, because
``XLWINGS_ON_SERVER`` decides xlwings' decorator flavour once, at its import.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import os
import sys
from pathlib import Path

os.environ["XLWINGS_ON_SERVER"] = "true"  # what xlwings Server and Lite set before importing xlwings


def load_lite(path: str):
    """main.py as a module named "main", executed the way xlwings' Wasm runtime does it."""
    spec = importlib.util.spec_from_loader("main", loader=None)
    module = importlib.util.module_from_spec(spec)
    exec(Path(path).read_text(encoding="utf-8"), module.__dict__)
    sys.modules["main"] = module
    return module


def main() -> None:
    target = sys.argv[1]
    if target == "lite":
        module = load_lite(sys.argv[2])
    else:
        import xl_funcs as module

    import xlwings.server

    bodies = json.loads(sys.stdin.read())
    results = []
    for body in bodies:
        try:
            result = asyncio.run(xlwings.server.custom_functions_call(body, module))
        except Exception as error:  # noqa: BLE001 - reported to the test, which decides
            results.append({"error": str(error), "type": type(error).__name__})
        else:
            results.append({"result": result})
    origins = {
        name: getattr(loaded.__spec__, "origin", None)
        for name, loaded in sorted(sys.modules.items())
        if name == "xl_funcs" or name.startswith("xl_funcs.")
    }
    json.dump({"results": results, "meta": xlwings.server.custom_functions_meta(module), "origins": origins}, sys.stdout)


if __name__ == "__main__":
    main()
