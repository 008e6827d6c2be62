"""Round numbers for axes and colour classes, chosen from the data, exact in Fractions."""

from __future__ import annotations

from fractions import Fraction

NICE_MANTISSAS = (Fraction(1), Fraction(2), Fraction(5, 2), Fraction(5), Fraction(10))


def nice_step(at_least: Fraction) -> Fraction:
    """The smallest of 1, 2, 2.5, 5 times a power of ten that is at least ``at_least`` (> 0)."""
    at_least = Fraction(at_least)
    if at_least <= 0:
        raise ValueError("a step must be positive")
    power = Fraction(1)
    while power > at_least:
        power /= 10
    while power * 10 <= at_least:
        power *= 10
    return next(m * power for m in NICE_MANTISSAS if m * power >= at_least)


def ticks(low: Fraction, high: Fraction, intervals: int = 5) -> tuple[Fraction, ...]:
    """Axis marks at a round step, from at or below min(low, 0) to at or above max(high, 0)."""
    low, high = min(Fraction(low), Fraction(0)), max(Fraction(high), Fraction(0))
    if low == high:
        return (Fraction(0), Fraction(1))
    step = nice_step((high - low) / intervals)
    first = (low / step).__floor__() * step
    last = (high / step).__ceil__() * step
    count = int((last - first) / step)
    return tuple(first + index * step for index in range(count + 1))
