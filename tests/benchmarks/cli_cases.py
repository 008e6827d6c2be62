"""Start-up of ``mittelverteilung allocate`` on 44 weights, in fresh processes.

The installed console script is run as a user runs it. One further run with
``PYTHONPROFILEIMPORTTIME`` lists every module the process imported, so that
the claim "loads neither xlwings nor pandas" is checked, not assumed. The
yardsticks: the bare interpreter, and an interpreter that imports xlwings.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .engine_cases import BUDGET, weights
from .harness import Comparison

HEAVY = ("xlwings", "pandas", "numpy", "openpyxl")


def _environment(**extra: str) -> dict[str, str]:
    environment = dict(os.environ)
    environment.pop("PYTHONDONTWRITEBYTECODE", None)  # installed packages have their bytecode caches
    environment.pop("XLWINGS_ON_SERVER", None)
    environment.update(extra)
    return environment


def _wall_seconds(command: list[str], repeat: int) -> float:
    subprocess.run(command, capture_output=True, env=_environment(), check=True)  # warm caches
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, env=_environment(), check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def imported_modules(command: list[str]) -> tuple[set[str], str]:
    """Top-level names of every module the command imported, and its standard output."""
    done = subprocess.run(
        command, capture_output=True, text=True, env=_environment(PYTHONPROFILEIMPORTTIME="1"), check=True
    )
    names = set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            name = line.rsplit("|", 1)[1].strip()
            if name != "imported package":
                names.add(name.split(".")[0])
    return names, done.stdout


def cli_command(weights_file: Path) -> list[str]:
    script = Path(sys.executable).with_name("mittelverteilung")
    return [str(script), "allocate", "--budget", str(BUDGET), str(weights_file)]


def run(quick: bool = False) -> list[Comparison]:
    from xl_funcs.engine import apportion

    counts = weights(44)
    repeat = 3 if quick else 21
    with tempfile.TemporaryDirectory(prefix="mittelverteilung-bench-") as scratch:
        weights_file = Path(scratch) / "gewichte.txt"
        weights_file.write_text("".join(f"{count}\n" for count in counts), encoding="utf-8")
        command = cli_command(weights_file)
        modules, output = imported_modules(command)
        answer = [int(line) for line in output.split()]
        loaded = sorted(name for name in HEAVY if name in modules)
        note = "lädt " + (", ".join(loaded) if loaded else f"keines von {', '.join(HEAVY)}")
        ours = _wall_seconds(command, repeat)
        bare = _wall_seconds([sys.executable, "-c", "pass"], repeat)
        with_xlwings = _wall_seconds([sys.executable, "-c", "import xlwings"], repeat)
    label = "mittelverteilung allocate, 44 Gewichte (ganzer Prozess)"
    same = answer == list(apportion(BUDGET, counts).amounts)
    return [
        Comparison(label, ours, "Python ohne alles (python -c pass)", bare, same, note),
        Comparison(label, ours, "Python, das nur xlwings importiert", with_xlwings, None),
    ]
