"""What ``xl_funcs`` adds to ``import xlwings``, which every Excel host pays when it loads the functions.

Each measurement is a fresh interpreter that imports xlwings, then xl_funcs,
and fetches every Excel function and script from it (as the hosts do when
they collect them), timing both steps from inside. Plain Linux gives xlwings' no-op
decorators; with ``XLWINGS_ON_SERVER`` and the licence key, the Office.js ones
that xlwings Server and Lite use. Bytecode caches are allowed (a first run
writes them), as they are in any installed package.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from .harness import Comparison

ROOT = Path(__file__).resolve().parents[2]

_PROBE = """
import json, sys, time
started = time.perf_counter()
import xlwings
loaded = time.perf_counter()
before = set(sys.modules)
import xl_funcs
for name in xl_funcs.EXCEL_FUNCTIONS + xl_funcs.EXCEL_SCRIPTS:
    getattr(xl_funcs, name)
done = time.perf_counter()
added = sorted(set(sys.modules) - before)
json.dump({"xlwings": loaded - started, "xl_funcs": done - loaded, "added": added,
           "pandas_before": "pandas" in before}, sys.stdout)
"""


def _environment(server: bool) -> dict[str, str]:
    environment = dict(os.environ)
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    environment.pop("XLWINGS_ON_SERVER", None)
    if server:
        environment["XLWINGS_ON_SERVER"] = "true"
        environment["XLWINGS_LICENSE_KEY"] = "noncommercial"
    return environment


def probe(server: bool) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE],
        capture_output=True,
        text=True,
        env=_environment(server),
        cwd=ROOT,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout)


def run(quick: bool = False) -> list[Comparison]:
    rows = []
    repeat = 3 if quick else 11
    for server, label in ((False, "klassisch/ohne Server"), (True, "xlwings Server/Lite, Office.js")):
        probe(server)  # writes the bytecode caches
        runs = [probe(server) for _ in range(repeat)]
        ours = statistics.median(run["xl_funcs"] for run in runs)
        theirs = statistics.median(run["xlwings"] for run in runs)
        added = runs[-1]["added"]
        own = [name for name in added if name == "xl_funcs" or name.startswith("xl_funcs.")]
        rows.append(
            Comparison(
                f"import xl_funcs mit Excel-Funktionen und Skripten, nach import xlwings ({label})",
                ours,
                "import xlwings allein (lädt pandas)" if runs[-1]["pandas_before"] else "import xlwings allein",
                theirs,
                None,
                f"frischer Prozess, Median aus {repeat}; {len(added)} Module dazu, davon {len(own)} eigene",
            )
        )
    return rows
