"""Divisor methods (D'Hondt, Sainte-Laguë/Schepers) for budgets counted in millions of units.

A row holds its k-th unit while weight / d(k) reaches the common threshold,
where d(k) = k for D'Hondt and k - 1/2 for Sainte-Laguë. Instead of a table of
rows × units we jump close to the result with one estimated divisor and then
move single units from the weakest holder or to the strongest claimant, which
takes a few steps per row at most. Bounds clamp a row's units; a row held at
its bound neither gives nor takes.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from fractions import Fraction

from .methods import Method
from .ties import Tie


@dataclass(frozen=True)
class DivisorApportionment:
    units: list[int]
    multiplier: Fraction  # units per unit of weight: an unbound row gets weight × multiplier, rounded by the method
    tie: Tie | None


def _claim(method: Method, weight: int, units: int) -> Fraction:
    """weight / d(units + 1): the row's claim on one more unit."""
    if method is Method.DHONDT:
        return Fraction(weight, units + 1)
    return Fraction(2 * weight, 2 * units + 1)


def _hold(method: Method, weight: int, units: int) -> Fraction:
    """weight / d(units): how firmly the row holds its last unit."""
    if method is Method.DHONDT:
        return Fraction(weight, units)
    return Fraction(2 * weight, 2 * units - 1)


def _estimate(method: Method, weight: int, level: Fraction) -> int:
    """The method's rounding of weight × level, the starting point of the search."""
    a, b = level.numerator, level.denominator
    if method is Method.DHONDT:
        return weight * a // b
    return (2 * weight * a + b) // (2 * b)


def divisor_method(
    method: Method,
    weights: list[int],
    seats: int,
    lower: list[int],
    upper: list[int | None],
    level: Fraction,
) -> DivisorApportionment:
    """Apportion ``seats``; the caller has checked that the bounds leave a solution.

    ``level`` is units per weight at which the exact, unrounded quotas add up to
    ``seats`` (see water_level); rounding there misses by at most a unit a row.
    """
    n = len(weights)

    def can_take(row: int, units: int) -> bool:
        cap = upper[row]
        return weights[row] > 0 and (cap is None or units < cap)

    def can_give(row: int, units: int) -> bool:
        return units > lower[row]

    units = []
    for row, weight in enumerate(weights):
        if weight == 0:
            units.append(lower[row])
            continue
        guess = max(_estimate(method, weight, level), lower[row])
        cap = upper[row]
        units.append(guess if cap is None else min(guess, cap))

    missing = seats - sum(units)
    if missing > 0:
        claims = [(-_claim(method, weights[r], units[r]), r) for r in range(n) if can_take(r, units[r])]
        heapq.heapify(claims)
        while missing:
            _, row = heapq.heappop(claims)
            units[row] += 1
            missing -= 1
            if can_take(row, units[row]):
                heapq.heappush(claims, (-_claim(method, weights[row], units[row]), row))
    elif missing < 0:
        holds = [(_hold(method, weights[r], units[r]), -r) for r in range(n) if can_give(r, units[r])]
        heapq.heapify(holds)
        while missing:
            _, negative_row = heapq.heappop(holds)
            row = -negative_row
            units[row] -= 1
            missing += 1
            if can_give(row, units[row]):
                heapq.heappush(holds, (_hold(method, weights[row], units[row]), -row))

    tie = _settle_ties(method, weights, units, can_take, can_give)
    return DivisorApportionment(units, _multiplier(method, weights, units, can_take, can_give), tie)


def _margins(method, weights, units, can_take, can_give):
    """The strongest claim of a row without its next unit, and the weakest hold of a row with its last."""
    claim = hold = None
    for row, weight in enumerate(weights):
        count = units[row]
        if can_take(row, count):
            value = _claim(method, weight, count)
            if claim is None or value > claim:
                claim = value
        if count > 0 and can_give(row, count) and weight > 0:
            value = _hold(method, weight, count)
            if hold is None or value < hold:
                hold = value
    return claim, hold


def _settle_ties(method, weights, units, can_take, can_give) -> Tie | None:
    """Where claims and holds are equal at the margin, the rows first in the input hold."""
    claim, hold = _margins(method, weights, units, can_take, can_give)
    if claim is None or hold is None or claim != hold:
        return None
    claimants = [r for r, w in enumerate(weights) if can_take(r, units[r]) and _claim(method, w, units[r]) == claim]
    holders = [
        r
        for r, w in enumerate(weights)
        if units[r] > 0 and w > 0 and can_give(r, units[r]) and _hold(method, w, units[r]) == hold
    ]
    contenders = sorted(claimants + holders)
    winners = contenders[: len(holders)]
    for row in holders:
        units[row] -= 1
    for row in winners:
        units[row] += 1
    losers = contenders[len(holders):]
    return Tie(tuple(winners), tuple(losers), claim)


def _multiplier(method, weights, units, can_take, can_give) -> Fraction:
    """The simplest units-per-weight factor that yields ``units`` for every unbound row."""
    claim, hold = _margins(method, weights, units, can_take, can_give)
    # Row i keeps its k-th unit while weight/d(k) >= 1/multiplier: the multiplier lies
    # strictly between 1/hold and 1/claim; at a tie the two meet.
    if claim is None:
        return simplest_between(Fraction(0), 1 / hold) if hold else Fraction(0)
    if hold is None:
        return simplest_between(1 / claim, None)
    if claim == hold:
        return 1 / claim
    return simplest_between(1 / hold, 1 / claim)


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
