"""Timing side by side: our median against an alternative's median, in one run, same machine.

Absolute times drift on a shared machine; the ratio measured in the same run is
what the benchmark reports and what the README quotes.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Comparison:
    case: str
    ours: float  # median seconds
    alternative_name: str
    alternative: float | None  # median seconds, None where the alternative cannot run
    same_result: bool | None  # None where the results are not meant to agree (e.g. a known wrong tie)
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.alternative is None or self.ours == 0:
            return None
        return self.alternative / self.ours


def median_seconds(action: Callable[[], object], repeat: int, budget_seconds: float = 20.0) -> float:
    """Median wall time of ``action`` over ``repeat`` runs after one warm-up, fewer if it is slow."""
    started = time.perf_counter()
    action()
    first = time.perf_counter() - started
    repeat = max(1, min(repeat, int(budget_seconds / max(first, 1e-9))))
    times = []
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def format_seconds(value: float | None) -> str:
    if value is None:
        return "–"
    if value < 1e-3:
        return f"{value * 1e6:.0f} µs"
    if value < 1:
        return f"{value * 1e3:.1f} ms"
    return f"{value:.2f} s"


def table(rows: list[Comparison]) -> str:
    """A Markdown table, as it goes into the README's section "Leistung"."""
    lines = [
        "| Fall | unser Median | Alternative | deren Median | Faktor | gleiches Ergebnis |",
        "|---|---:|---|---:|---:|---|",
    ]
    for row in rows:
        ratio = "–" if row.ratio is None else f"{row.ratio:.1f}×"
        same = {True: "ja", False: "nein", None: "–"}[row.same_result]
        if row.note:
            same += f" ({row.note})"
        lines.append(
            f"| {row.case} | {format_seconds(row.ours)} | {row.alternative_name} | "
            f"{format_seconds(row.alternative)} | {ratio} | {same} |"
        )
    return "\n".join(lines)
