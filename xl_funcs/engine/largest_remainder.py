"""Hare-Niemeyer: floors of the exact quotas, the rest to the largest remainders.

Quotas come as integer numerators over one common denominator, so that every
comparison is an integer comparison; at a million rows this is what keeps the
method fast without giving up exactness.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from .ties import Tie


@dataclass(frozen=True)
class RemainderApportionment:
    units: list[int]
    floors: list[int]
    remainders: list[int]  # numerators over ``denominator``
    denominator: int
    order: list[int]  # rows by remainder, largest first, ties in input order
    extra: int  # how many rows got one unit beyond their floor
    tie: Tie | None


def largest_remainder(numerators: list[int], denominator: int, seats: int) -> RemainderApportionment:
    """Apportion ``seats`` by quotas ``numerators[i] / denominator`` that sum to ``seats``."""
    floors = [n // denominator for n in numerators]
    remainders = [n - f * denominator for n, f in zip(numerators, floors)]
    extra = seats - sum(floors)
    # sorted() is stable also with reverse=True: equal remainders keep input order,
    # which is the documented tie rule.
    order = sorted(range(len(numerators)), key=remainders.__getitem__, reverse=True)
    units = floors.copy()
    for row in order[:extra]:
        units[row] += 1
    return RemainderApportionment(
        units=units,
        floors=floors,
        remainders=remainders,
        denominator=denominator,
        order=order,
        extra=extra,
        tie=_cut_off_tie(order, remainders, extra, denominator),
    )


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
