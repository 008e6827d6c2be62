"""Turning what callers hand us into exact rationals, and refusing what is not a number.

Floats are taken at their shortest decimal representation (``0.1`` means one
tenth, as Excel shows it), not at their binary value, because the numbers come
from cells a person typed.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from numbers import Rational

from .errors import AllocationError
from .notation import german_number

ExactNumber = int | Fraction | Decimal | float


def exact(value: object, what: str, rows: tuple[int, ...] = ()) -> Fraction:
    """``value`` as a Fraction, or an AllocationError that says ``what`` was wrong."""
    if isinstance(value, bool) or value is None:
        raise AllocationError(f"{what} ist keine Zahl ({_shown(value)}).", rows)
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, Fraction):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise AllocationError(f"{what} ist keine endliche Zahl ({value}).", rows)
        return Fraction(Decimal(repr(value)))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise AllocationError(f"{what} ist keine endliche Zahl ({value}).", rows)
        return Fraction(value)
    if isinstance(value, Rational):
        return Fraction(value.numerator, value.denominator)
    raise AllocationError(f"{what} ist keine Zahl ({_shown(value)}).", rows)


def nonnegative(value: object, what: str, rows: tuple[int, ...] = ()) -> Fraction:
    """``value`` as a Fraction that is not below 0, or an AllocationError that says why (``what`` ist negativ)."""
    number = exact(value, what, rows)
    if number < 0:
        raise AllocationError(f"{what} ist negativ.", rows)
    return number


def _shown(value: object) -> str:
    if value is None:
        return "leer"
    if isinstance(value, bool):
        return "WAHR" if value else "FALSCH"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "…"


def as_units(amount: Fraction, unit: Fraction, what: str) -> int:
    """An amount that must be a whole number of units, as that number."""
    count = amount / unit
    if count.denominator != 1:
        raise AllocationError(
            f"{what} ({german_number(decimal_of(amount))}) ist kein ganzzahliges Vielfaches "
            f"der Einheit {german_number(decimal_of(unit))}."
        )
    return count.numerator


def decimal_of(value: Fraction) -> Decimal | Fraction:
    """A Fraction with a finite decimal expansion as an exact Decimal, else unchanged."""
    denominator = value.denominator
    places = 0
    while denominator % 10 == 0:
        denominator //= 10
        places += 1
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
            places += 1
    if denominator != 1:
        return value
    return Decimal(value.numerator * 10**places // value.denominator).scaleb(-places)


def whole_or_exact(value: int | Fraction | Decimal) -> int | Fraction | Decimal:
    """Money as an int when it is a whole number (amounts are ints), else the exact value unchanged."""
    if isinstance(value, int):
        return value
    if isinstance(value, Fraction):
        return value.numerator if value.denominator == 1 else value
    if value == value.to_integral_value():
        return int(value)
    return value
