"""Divisor methods (D'Hondt, Sainte-Laguë/Schepers) for budgets counted in millions of units.

A row holds its k-th unit while weight / d(k) reaches a common threshold, where
d(k) = k for D'Hondt and k - 1/2 for Sainte-Laguë. Instead of a table of
rows × units we round at the exact proportional level, which misses the budget
by a few units, and then move single units to the strongest claimant or from
the weakest holder. Floats only choose the order of those few steps; whether
the result is right, and whether a tie decided it, is settled in exact
arithmetic afterwards. Bounds clamp a row's units; a row at its bound neither
gives nor takes.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from fractions import Fraction

from .methods import Method
from .ties import Tie

# Python's int / int is correctly rounded, so two quotients whose floats differ by
# more than this relative margin are ordered the same way exactly.
_FLOAT_MARGIN = 1e-12


@dataclass(frozen=True)
class DivisorApportionment:
    units: list[int]
    multiplier: Fraction  # units per unit of weight: an unbound row gets weight × multiplier, rounded by the method
    tie: Tie | None


class _Rows:
    """The rows with their bounds, and each row's claim on one more unit and hold on its last."""

    def __init__(self, method: Method, weights: list[int], lower: list[int], upper: list[int | None]) -> None:
        self.weights = weights
        self.lower = lower
        self.upper = upper
        # d(k) = k (D'Hondt) or (2k - 1)/2 (Sainte-Laguë): quotients as weight·scale / (scale·k - offset)
        self.scale, self.offset = (1, 0) if method is Method.DHONDT else (2, 1)

    def can_take(self, row: int, units: int) -> bool:
        cap = self.upper[row]
        return self.weights[row] > 0 and (cap is None or units < cap)

    def can_give(self, row: int, units: int) -> bool:
        return units > self.lower[row] and self.weights[row] > 0

    def claim(self, row: int, units: int) -> Fraction:
        """weight / d(units + 1)."""
        return Fraction(self.scale * self.weights[row], self.scale * (units + 1) - self.offset)

    def hold(self, row: int, units: int) -> Fraction:
        """weight / d(units)."""
        return Fraction(self.scale * self.weights[row], self.scale * units - self.offset)

    def claim_float(self, row: int, units: int) -> float:
        return self.scale * self.weights[row] / (self.scale * (units + 1) - self.offset)

    def hold_float(self, row: int, units: int) -> float:
        return self.scale * self.weights[row] / (self.scale * units - self.offset)


def divisor_method(
    method: Method,
    weights: list[int],
    seats: int,
    lower: list[int],
    upper: list[int | None],
    level: Fraction,
    priority: tuple[int, ...] | None = None,
) -> DivisorApportionment:
    """Apportion ``seats``; the caller has checked that the bounds leave a solution.

    ``level`` is units per weight at which the exact, unrounded quotas add up to
    ``seats`` (see water_level); rounding there misses by a few units in all.
    """
    rows = _Rows(method, weights, lower, upper)
    units = _start(rows, method, level, seats)
    try:
        _step(rows, units, seats - sum(units), rows.claim_float, rows.hold_float)
    except OverflowError:  # weights beyond float range: take the exact path throughout
        _step(rows, units, seats - sum(units), rows.claim, rows.hold)
    claim, hold = _exact_margins(rows, units)
    while claim is not None and hold is not None and claim[0] > hold[0]:
        # A float put a unit in the wrong place; move it, exactly.
        units[hold[1][-1]] -= 1
        units[claim[1][0]] += 1
        claim, hold = _exact_margins(rows, units)
    tie = _settle_tie(units, claim, hold, priority)
    if tie:
        claim, hold = _exact_margins(rows, units)
    return DivisorApportionment(units, _multiplier(claim, hold), tie)


def _start(rows: _Rows, method: Method, level: Fraction, seats: int) -> list[int]:
    """Every row rounded by the method at one common level, clamped to its bounds.

    Any single level gives a state that stepping can complete; this one is close.
    D'Hondt rounds down, losing about half a unit a row, so its level is raised
    by that much.
    """
    if method is Method.DHONDT and seats:
        level = level * (seats + Fraction(len(rows.weights), 2)) / seats
    a, b = level.numerator, level.denominator
    halves = 0 if method is Method.DHONDT else b
    units = []
    for weight, low, cap in zip(rows.weights, rows.lower, rows.upper):
        if weight == 0:
            units.append(low)
            continue
        guess = max((2 * weight * a + halves) // (2 * b), low)
        units.append(guess if cap is None else min(guess, cap))
    return units


def _step(rows: _Rows, units: list[int], missing: int, claim, hold) -> None:
    """Give units to the strongest claims, or take them from the weakest holds, until none is missing."""
    n = len(units)
    if missing > 0:
        heap = [(-claim(r, units[r]), r) for r in range(n) if rows.can_take(r, units[r])]
        heapq.heapify(heap)
        while missing:
            _, row = heapq.heappop(heap)
            units[row] += 1
            missing -= 1
            if rows.can_take(row, units[row]):
                heapq.heappush(heap, (-claim(row, units[row]), row))
    elif missing < 0:
        heap = [(hold(r, units[r]), -r) for r in range(n) if rows.can_give(r, units[r])]
        heapq.heapify(heap)
        while missing:
            _, negative_row = heapq.heappop(heap)
            row = -negative_row
            units[row] -= 1
            missing += 1
            if rows.can_give(row, units[row]):
                heapq.heappush(heap, (hold(row, units[row]), -row))


Margin = tuple[Fraction, list[int]]  # the exact value and the rows (in input order) that have it


def _exact_margins(rows: _Rows, units: list[int]) -> tuple[Margin | None, Margin | None]:
    """The strongest claim of a row without its next unit, and the weakest hold of a row with its last.

    Floats pick the few candidates near each margin; only those are compared exactly.
    """
    n = len(units)
    takers = [r for r in range(n) if rows.can_take(r, units[r])]
    givers = [r for r in range(n) if rows.can_give(r, units[r])]
    try:
        claims = {r: rows.claim_float(r, units[r]) for r in takers}
        holds = {r: rows.hold_float(r, units[r]) for r in givers}
    except OverflowError:
        claim_rows, hold_rows = takers, givers
    else:
        best = max(claims.values(), default=0.0)
        weakest = min(holds.values(), default=0.0)
        claim_rows = [r for r in takers if claims[r] >= best * (1 - _FLOAT_MARGIN)]
        hold_rows = [r for r in givers if holds[r] <= weakest * (1 + _FLOAT_MARGIN)]
    return (
        _extreme({r: rows.claim(r, units[r]) for r in claim_rows}, max),
        _extreme({r: rows.hold(r, units[r]) for r in hold_rows}, min),
    )


def _extreme(values: dict[int, Fraction], pick) -> Margin | None:
    if not values:
        return None
    value = pick(values.values())
    return value, sorted(r for r, v in values.items() if v == value)


def _settle_tie(
    units: list[int], claim: Margin | None, hold: Margin | None, priority: tuple[int, ...] | None
) -> Tie | None:
    """Where the strongest claim equals the weakest hold, the rows first by priority (default: input) hold."""
    if claim is None or hold is None or claim[0] != hold[0]:
        return None
    claimants, holders = claim[1], hold[1]
    contenders = sorted(claimants + holders, key=None if priority is None else priority.__getitem__)
    winners = contenders[: len(holders)]
    for row in holders:
        units[row] -= 1
    for row in winners:
        units[row] += 1
    return Tie(tuple(sorted(winners)), tuple(sorted(contenders[len(holders):])), claim[0])


def _multiplier(claim: Margin | None, hold: Margin | None) -> Fraction:
    """The simplest units-per-weight factor that yields the units of every unbound row."""
    # Row i keeps its k-th unit while weight/d(k) >= 1/multiplier: the multiplier lies
    # strictly between 1/hold and 1/claim; at a tie the two meet.
    if claim is None:
        return simplest_between(Fraction(0), 1 / hold[0]) if hold else Fraction(0)
    if hold is None:
        return simplest_between(1 / claim[0], None)
    if claim[0] == hold[0]:
        return 1 / claim[0]
    return simplest_between(1 / hold[0], 1 / claim[0])


def simplest_between(low: Fraction, high: Fraction | None) -> Fraction:
    """The fraction with the smallest denominator strictly between ``low`` and ``high`` (0 <= low < high).

    A person checking the result by hand then multiplies by a short number.
    ``high`` None means no upper limit.
    """
    whole = low.numerator // low.denominator
    if high is None or whole + 1 < high:
        return Fraction(whole + 1)
    fraction_low = low - whole
    fraction_high = high - whole
    if fraction_low == 0:
        # Between 0 and fraction_high (<= 1): 1/k with k just above 1/fraction_high.
        k = (1 / fraction_high).__floor__() + 1
        return whole + Fraction(1, k)
    return whole + 1 / simplest_between(1 / fraction_high, 1 / fraction_low)
