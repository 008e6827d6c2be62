"""Amounts of two tables in one common unit, so that paid and final amounts can be compared exactly."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

from ..engine.exact import as_units


def common_unit(*units: Decimal) -> Fraction:
    """The largest unit every given unit is a whole multiple of (1 € and 0,01 € -> 0,01 €)."""
    fractions = [Fraction(unit) for unit in units]
    denominator = math.lcm(*(f.denominator for f in fractions))
    numerator = math.gcd(*(int(f * denominator) for f in fractions))
    return Fraction(numerator, denominator)


def in_units(amount, unit: Fraction) -> int:
    """An amount in euros (int or Decimal, a whole multiple of ``unit``) as a number of units."""
    return as_units(Fraction(amount), unit, "Der Betrag")


def euros(units: int, unit: Fraction) -> int | Decimal:
    """Units as euros: an int when whole, else the exact Decimal (amounts never pass through floats)."""
    value = units * unit
    if value.denominator == 1:
        return value.numerator
    return Decimal(value.numerator) / Decimal(value.denominator)
