"""Run every benchmark and print one table: ``python -m tests.benchmarks.run [--schnell]``."""

from __future__ import annotations

import platform
import sys

from . import engine_cases
from .harness import table


def main(argv: list[str]) -> int:
    quick = "--schnell" in argv
    rows = []
    for module in (engine_cases,):
        print(f"… {module.__name__.rsplit('.', 1)[-1]}", file=sys.stderr, flush=True)
        rows.extend(module.run(quick=quick))
    print(f"Rechner: {platform.processor() or platform.machine()}, Python {platform.python_version()}\n")
    print(table(rows))
    return 0 if all(row.same_result is not False or row.note for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
