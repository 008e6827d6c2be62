"""Run every benchmark and print one table: ``python -m tests.benchmarks.run [--quick] [FALL ...]``.

FALL names case modules (``engine``, ``officejs``, ``publishing``, ``imports``,
``cli``, ``scenarios``, ``reader``); without one, all run. Exit status 1 when two results that should
agree do not.
"""

from __future__ import annotations

import importlib
import os
import platform
import sys

from .harness import Comparison, Finding, findings, table

CASES = ("engine", "officejs", "publishing", "imports", "cli", "scenarios", "reader")


def machine() -> str:
    """CPU model, cores and Python version: the context every absolute time needs."""
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            model = next(line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{model}, {os.cpu_count()} Kerne, {platform.system()}, Python {platform.python_version()}"


def main(argv: list[str]) -> int:
    quick = "--quick" in argv or "--schnell" in argv  # --schnell: the German spelling of earlier versions
    chosen = [name for name in argv if not name.startswith("-")] or list(CASES)
    unknown = [name for name in chosen if name not in CASES]
    if unknown:
        print(f"Unbekannter Fall: {', '.join(unknown)} (möglich: {', '.join(CASES)})", file=sys.stderr)
        return 2
    results: list[Comparison | Finding] = []
    for name in chosen:
        print(f"… {name}", file=sys.stderr, flush=True)
        module = importlib.import_module(f".{name}_cases", __package__)
        results.extend(module.run(quick=quick))
    rows = [item for item in results if isinstance(item, Comparison)]
    notes = [item for item in results if isinstance(item, Finding)]
    print(f"Rechner: {machine()}\n")
    print(table(rows))
    if notes:
        print("\n" + findings(notes))
    return 1 if any(row.unexpected_difference for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
