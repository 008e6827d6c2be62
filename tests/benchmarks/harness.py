"""Timing side by side: our median against an alternative's median, in one run, same machine.

Absolute times drift on a shared machine; the ratio measured in the same run is
what the benchmark reports and what the README quotes.
"""

from __future__ import annotations

import gc
import math
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
    same_result: bool | None  # None where there is nothing to compare
    note: str = ""
    known_difference: bool = False  # the alternative is known to be wrong here (e.g. apportionment on a tie)

    @property
    def unexpected_difference(self) -> bool:
        return self.same_result is False and not self.known_difference

    @property
    def ratio(self) -> float | None:
        if self.alternative is None or self.ours == 0:
            return None
        return self.alternative / self.ours


@dataclass(frozen=True)
class Finding:
    """What a profile or a check found, printed below the table (e.g. where an alternative spends its time)."""

    case: str
    text: str


def median_seconds(
    action: Callable[[], object], repeat: int, budget_seconds: float = 20.0, min_sample: float = 0.002
) -> float:
    """Median wall time of one ``action``, over ``repeat`` samples after a warm-up (fewer if it is slow).

    As timeit does, a sample runs a quick action often enough to last
    ``min_sample`` (one call of a few microseconds is below the clock's noise)
    and reports the time per call. Unlike timeit, the garbage collector stays
    on: a call that creates 10,000 lists pays for collections in Excel too.
    """
    action()  # warm-up: imports, caches
    started = time.perf_counter()
    action()
    once = time.perf_counter() - started
    loops = 1 if once >= min_sample else math.ceil(min_sample / max(once, 1e-7))
    repeat = max(1, min(repeat, int(budget_seconds / max(once * loops, 1e-9))))
    samples = []
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        for _ in range(loops):
            action()
        samples.append((time.perf_counter() - started) / loops)
    return statistics.median(samples)


def german(number: float, places: int) -> str:
    """A decimal comma, as the German README shows numbers."""
    return f"{number:.{places}f}".replace(".", ",")


def format_seconds(value: float | None) -> str:
    if value is None:
        return "–"
    if abs(value) < 1e-3:
        return f"{german(value * 1e6, 0)} µs"
    if abs(value) < 1:
        return f"{german(value * 1e3, 1)} ms"
    return f"{german(value, 2)} s"


def findings(items: list[Finding]) -> str:
    """The findings as a Markdown list."""
    return "\n".join(f"- {item.case}: {item.text}" for item in items)


def table(rows: list[Comparison]) -> str:
    """A Markdown table, as it goes into the README's section "Leistung"."""
    lines = [
        "| Fall | unser Median | Alternative | deren Median | Faktor | gleiches Ergebnis |",
        "|---|---:|---|---:|---:|---|",
    ]
    for row in rows:
        ratio = "–" if row.ratio is None else f"{german(row.ratio, 1)}×"
        same = {True: "ja", False: "nein", None: "–"}[row.same_result]
        if row.note:
            same += f" ({row.note})"
        lines.append(
            f"| {row.case} | {format_seconds(row.ours)} | {row.alternative_name} | "
            f"{format_seconds(row.alternative)} | {ratio} | {same} |"
        )
    return "\n".join(lines)
