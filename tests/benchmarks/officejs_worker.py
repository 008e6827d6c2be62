"""In-process Office.js calls (what xlwings Lite runs), timed in a process of its own.

    XLWINGS_LICENSE_KEY=noncommercial python -m tests.benchmarks.officejs_worker [--quick]

``XLWINGS_ON_SERVER`` decides xlwings' decorator flavour once, at its import,
so this runs apart from the other benchmarks. Prints one JSON object:
``timings`` (seconds per function and size), ``same`` (whether both functions
answered what the engine answers) and ``profile`` (where the default
converters spend the time of one call).
"""

from __future__ import annotations

import os

os.environ["XLWINGS_ON_SERVER"] = "true"  # before xlwings is imported, as xlwings Server and Lite do

import asyncio
import cProfile
import json
import pstats
import sys
from contextlib import contextmanager

import xlwings
import xlwings.server

import xl_funcs
from xl_funcs.engine import apportion

from . import ordinary_xlwings
from .harness import median_seconds
from .officejs_calls import BUDGET, SIZES, call_body, weights

FUNCTIONS = {"allocate": xl_funcs, "allocate_dataframe": ordinary_xlwings}


def main(argv: list[str]) -> None:
    quick = "--quick" in argv or "--schnell" in argv  # --schnell: the German spelling of earlier versions
    loop = asyncio.new_event_loop()

    def call(name: str, body: dict):
        return loop.run_until_complete(xlwings.server.custom_functions_call(body, FUNCTIONS[name]))

    timings: dict[str, dict[str, float]] = {name: {} for name in FUNCTIONS}
    same: dict[str, bool] = {}
    for n in SIZES:
        counts = weights(n)
        expected = [[amount] for amount in apportion(BUDGET, counts).amounts]
        for name in FUNCTIONS:
            body = call_body(name, counts)
            same[f"{name}/{n}"] = call(name, body) == expected
            slow = name == "allocate_dataframe" and n > 1000
            repeat = (3 if quick else 7) if slow else (21 if quick else 101)
            timings[name][str(n)] = median_seconds(lambda name=name, body=body: call(name, body), repeat=repeat)

    json.dump({"timings": timings, "same": same, "profile": _profile(call, quick)}, sys.stdout)


def _profile(call, quick: bool) -> dict:
    """Where the default path spends one call with the largest size: cProfile, then the import alone."""
    n = SIZES[-1]
    body = call_body("allocate_dataframe", weights(n))
    profiler = cProfile.Profile()
    profiler.enable()
    call("allocate_dataframe", body)
    profiler.disable()
    stats = pstats.Stats(profiler).stats  # {(file, line, name): (calls, primitive, own, cumulative, callers)}

    def cumulative(file_suffix: str, name: str) -> tuple[int, float]:
        for (file, _, function), (calls, _, _, total, _) in stats.items():
            if file.replace("\\", "/").endswith(file_suffix) and function == name:
                return calls, total
        raise LookupError(f"{file_suffix}:{name} not in the profile")

    total = sum(own for _, _, own, _, _ in stats.values())
    is_jsnull_calls, is_jsnull = cumulative("xlwings/utils.py", "is_jsnull")
    _, arguments = cumulative("xlwings/conversion/__init__.py", "read")
    _, result = cumulative("xlwings/pro/udfs_officejs.py", "convert")
    _, function = cumulative("tests/benchmarks/ordinary_xlwings.py", "allocate_dataframe")

    # The same calls with `from pyodide.ffi import JsNull` failing at once instead of
    # searching sys.path each time: what xlwings would cost if it remembered the failure.
    repeat = 3 if quick else 7
    with_import = median_seconds(lambda: call("allocate_dataframe", body), repeat=repeat)
    ours_body = call_body("allocate", weights(SIZES[0]))
    ours_with_import = median_seconds(lambda: call("allocate", ours_body), repeat=101)
    with _pyodide_import_fails_fast():
        without_import = median_seconds(lambda: call("allocate_dataframe", body), repeat=repeat)
        unchanged = call("allocate_dataframe", body) == call("allocate", call_body("allocate", weights(n)))
        ours_without_import = median_seconds(lambda: call("allocate", ours_body), repeat=101)
    return {
        "size": n,
        "profiled_total": total,
        "is_jsnull": is_jsnull,
        "is_jsnull_calls": is_jsnull_calls,
        "arguments": arguments,
        "function": function,
        "result": result,
        "with_import": with_import,
        "without_import": without_import,
        "without_import_same": unchanged,
        "ours_size": SIZES[0],
        "ours_with_import": ours_with_import,
        "ours_without_import": ours_without_import,
    }


@contextmanager
def _pyodide_import_fails_fast():
    """None in sys.modules makes `import pyodide` raise ImportError at once (outside Pyodide it fails anyway)."""
    assert "pyodide" not in sys.modules, "runs outside Pyodide only"
    sys.modules["pyodide"] = None
    try:
        yield
    finally:
        del sys.modules["pyodide"]


if __name__ == "__main__":
    main(sys.argv[1:])
