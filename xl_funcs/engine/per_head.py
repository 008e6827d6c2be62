"""Per-head amounts (Pauschale je Person), as the programme paid them in 2017–2019.

Each row is rate × count rounded on its own, half away from zero like Excel's
ROUND, so the total follows from the rows instead of being fixed beforehand.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from .errors import AllocationError
from .exact import decimal_of, exact, nonnegative
from .notation import row_label


def round_half_away(value: Fraction) -> int:
    """Nearest integer, halves away from zero (Excel's ROUND, not Python's round())."""
    magnitude = abs(value)
    nearest = (2 * magnitude.numerator + magnitude.denominator) // (2 * magnitude.denominator)
    return nearest if value >= 0 else -nearest


def per_head(rate, counts: Sequence, unit=1) -> tuple[int, ...] | tuple[Decimal, ...]:
    """``796.08 × 85 persons`` -> ``67667`` (unit 1 €): one amount per count."""
    rate_value = exact(rate, "Die Pauschale")
    unit_value = exact(unit, "Die Einheit")
    if unit_value <= 0:
        raise AllocationError("Die Einheit muss größer als 0 sein.", field="unit")
    if rate_value < 0:
        raise AllocationError("Die Pauschale ist negativ.", field="rate")
    problems, rows, units = [], [], []
    for index, count in enumerate(counts):
        try:
            number = nonnegative(count, f"Die Personenzahl in {row_label(index)}", (index,))
        except AllocationError as error:
            problems.append(error.message)
            rows.append(index)
            continue
        units.append(round_half_away(rate_value * number / unit_value))
    if problems:
        raise AllocationError(" ".join(problems[:5]), tuple(rows), field="counts")
    if unit_value.denominator == 1:
        return tuple(count * unit_value.numerator for count in units)
    unit_decimal = decimal_of(unit_value)
    return tuple(count * unit_decimal for count in units)
