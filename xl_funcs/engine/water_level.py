"""Exact quotas under lower and upper bounds, for the largest-remainder method.

Each row's quota is its weight times one common factor, clamped to its bounds;
the factor is chosen so that the quotas add up to the budget. Rows clamped to a
bound get exactly that bound, and the rest of the budget is shared among the
others in proportion to their weights, which is what "re-apportion the rest
until nothing changes" converges to, found in one sweep instead of rounds.
"""

from __future__ import annotations

from fractions import Fraction


def water_level(seats: int, weights: list, lower: list, upper: list) -> Fraction:
    """The factor λ with Σ clamp(λ·w, lower, upper) = seats (rows of weight 0 stay at lower).

    Weights and bounds are ints or Fractions (the transition rules clamp at last year's exact amounts).
    The caller has checked Σ lower <= seats <= Σ upper over rows that can grow.
    """
    value = sum(lower)
    if value == seats:
        return Fraction(0)
    events: list[tuple[Fraction, int]] = []
    for weight, low, cap in zip(weights, lower, upper):
        if weight == 0 or (cap is not None and cap == low):
            continue
        events.append((Fraction(low, weight), weight))
        if cap is not None:
            events.append((Fraction(cap, weight), -weight))
    events.sort(key=lambda event: event[0])
    level = Fraction(0)
    slope = 0
    for at, change in events:
        reached = value + slope * (at - level)
        if slope and reached >= seats:
            break
        value, level = reached, at
        slope += change
    return level + (seats - value) / slope
