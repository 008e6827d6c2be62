"""Hare-Niemeyer: floors of the exact quotas, the rest to the largest remainders.

Quotas come as integer numerators over one common denominator, so that every
comparison is an integer comparison. From a few thousand rows on, the
same integer arithmetic runs in NumPy when every number fits into 64 bits:
the result is identical (a test holds both paths to it), only the sort of a
million remainders no longer dominates.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from .ties import Tie

VECTORISED_FROM_ROWS = 2_000
_INT64_LIMIT = 2**63 - 1


@dataclass(frozen=True)
class RemainderApportionment:
    units: list[int]
    floors: list[int]
    remainders: list[int]  # numerators over ``denominator``
    denominator: int
    order: list[int]  # rows by remainder, largest first, ties by priority (default: input order)
    extra: int  # how many rows got one unit beyond their floor
    tie: Tie | None


def largest_remainder(
    numerators: list[int],
    denominator: int,
    seats: int,
    vectorise: bool | None = None,
    priority: tuple[int, ...] | None = None,
) -> RemainderApportionment:
    """Apportion ``seats`` by quotas ``numerators[i] / denominator`` that sum to ``seats``.

    ``priority`` (one position per row, smaller first) breaks equal remainders;
    None means the input order. ``vectorise`` None decides by size; True/False
    force a path (for tests).
    """
    if vectorise is None:
        vectorise = len(numerators) >= VECTORISED_FROM_ROWS
    computed = _with_numpy(numerators, denominator, seats, priority) if vectorise else None
    if computed is None:
        computed = _in_python(numerators, denominator, seats, priority)
    units, floors, remainders, order, extra = computed
    return RemainderApportionment(
        units=units,
        floors=floors,
        remainders=remainders,
        denominator=denominator,
        order=order,
        extra=extra,
        tie=_cut_off_tie(order, remainders, extra, denominator),
    )


def _in_python(numerators, denominator, seats, priority=None):
    floors = [n // denominator for n in numerators]
    remainders = [n - f * denominator for n, f in zip(numerators, floors)]
    extra = seats - sum(floors)
    if priority is None:
        # sorted() is stable also with reverse=True: equal remainders keep input order.
        order = sorted(range(len(numerators)), key=remainders.__getitem__, reverse=True)
    else:
        order = sorted(range(len(numerators)), key=lambda row: (-remainders[row], priority[row]))
    units = floors.copy()
    for row in order[:extra]:
        units[row] += 1
    return units, floors, remainders, order, extra


def _with_numpy(numerators, denominator, seats, priority=None):
    """The same as _in_python, or None where NumPy is missing or a number needs more than 64 bits."""
    if denominator > _INT64_LIMIT:
        return None
    try:
        import numpy
    except ImportError:  # pragma: no cover - numpy comes with pandas, but the engine does not require it
        return None
    try:
        # NumPy refuses an int beyond 64 bits itself; checking max() in Python first cost as much as the sort.
        values = numpy.array(numerators, dtype=numpy.int64)
    except OverflowError:
        return None
    if values.min() < 0:
        return None
    floors = values // denominator
    remainders = values - floors * denominator
    if priority is None:
        # A stable sort of the negated remainders: largest first, equal ones in input order.
        order = numpy.argsort(-remainders, kind="stable")
    else:
        order = numpy.lexsort((numpy.array(priority, dtype=numpy.int64), -remainders))
    extra = seats - int(floors.sum())  # at most seats, so no overflow
    units = floors.copy()
    units[order[:extra]] += 1
    return units.tolist(), floors.tolist(), remainders.tolist(), order.tolist(), extra


def _cut_off_tie(order: list[int], remainders: list[int], extra: int, denominator: int) -> Tie | None:
    if extra <= 0 or extra >= len(order):
        return None
    cut = remainders[order[extra - 1]]
    if remainders[order[extra]] != cut:
        return None
    winners = []
    for row in reversed(order[:extra]):
        if remainders[row] != cut:
            break
        winners.append(row)
    losers = []
    for row in order[extra:]:
        if remainders[row] != cut:
            break
        losers.append(row)
    return Tie(tuple(sorted(winners)), tuple(sorted(losers)), Fraction(cut, denominator))
