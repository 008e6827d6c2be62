"""Chart values as the short German text drawn beside a bar or on a tile, rounded half away from zero."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from ..engine import round_half_away
from ..engine.notation import german_number

# The same displays in Excel's notation, for the files that hold the numbers.
PERCENT_FORMAT = "+0.0 %;-0.0 %;0.0 %"
EURO_FORMAT = '#,##0 "€"'
EURO_CENT_FORMAT = '#,##0.00 "€"'


def decimal_text(value: Fraction, places: int) -> str:
    """``Fraction(9664321, 10000)``, 2 -> ``"966,43"``."""
    scaled = round_half_away(Fraction(value) * 10**places)
    return german_number(Decimal(scaled).scaleb(-places))


def signed_percent(ratio: Fraction, places: int = 1) -> str:
    """``Fraction(123, 1000)`` -> ``"+12,3 %"``; a loss keeps its minus sign even where it rounds to zero."""
    text = decimal_text(abs(ratio) * 100, places)
    sign = "+" if ratio > 0 else "-" if ratio < 0 else ""
    return f"{sign}{text} %"


def percent_step(ratio: Fraction) -> str:
    """A class boundary: ``Fraction(1, 20)`` -> ``"5"``, ``Fraction(1, 40)`` -> ``"2,5"`` (as many places as it has)."""
    hundred = Fraction(ratio) * 100
    places = next((p for p in range(7) if (hundred * 10**p).denominator == 1), 6)
    return decimal_text(hundred, places)


def tick_text(value: Fraction, *, percent: bool) -> str:
    """An axis mark: ``Fraction(1, 2)`` -> ``"+50 %"`` (percent) or ``500000`` -> ``"500.000"``."""
    if percent:
        sign = "+" if value > 0 else "-" if value < 0 else ""
        return f"{sign}{percent_step(abs(value))} %"
    places = next((p for p in range(3) if (Fraction(value) * 10**p).denominator == 1), 2)
    return decimal_text(Fraction(value), places)


def euros(amount: Fraction, places: int = 0) -> str:
    """``1318182`` -> ``"1.318.182 €"``."""
    return f"{decimal_text(amount, places)} €"
