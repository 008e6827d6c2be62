"""Exact values as the German text a reader sees, following a column's Excel number format.

Used where a renderer writes text instead of numbers (CSV) and for wording
(footnotes, dates). Rounding is done on the exact value, half away from zero
as Excel displays it, never through floats.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

from ..engine import round_half_away
from ..engine.notation import german_number


def german_date(value: date) -> str:
    return f"{value.day:02d}.{value.month:02d}.{value.year}"


WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")


def german_weekday(value: date) -> str:
    """The weekday's German name, independent of the locale."""
    return WEEKDAYS[value.weekday()]


@dataclass(frozen=True)
class NumberPattern:
    """What matters of an Excel number format for writing a number as text."""

    places: int
    percent: bool
    grouping: bool
    date: bool
    text: bool


_QUOTED = re.compile(r'"[^"]*"|\\.')


def number_pattern(number_format: str) -> NumberPattern:
    """``'#,##0 "€"'`` -> 0 places, grouped; ``'0.00 %'`` -> 2 places, percent (first section only)."""
    section = _QUOTED.sub("", number_format.split(";")[0])
    if section.strip() == "@":
        return NumberPattern(0, False, False, False, True)
    lowered = section.lower()
    is_date = any(token in lowered for token in ("yy", "dd", "mm")) and "0" not in section
    digits = re.search(r"[#0?][#0?,]*(\.[0?#]+)?", section)
    places = 0
    grouping = False
    if digits:
        whole, _, fraction = digits.group(0).partition(".")
        places = len(fraction)
        grouping = "," in whole
    return NumberPattern(places, "%" in section, grouping, is_date, False)


def display_text(value, number_format: str, *, units: bool = False, signs: bool = False) -> str:
    """The value as German text: ``1318182`` -> ``1.318.182``, 0.1153 -> ``11,53`` (percent).

    With ``units`` the format's unit follows: ``1.318.182 €``, ``11,53 %``. With ``signs`` a
    positive value gets the plus sign its format shows (``+#,##0;-#,##0;0`` -> ``+790.738``).
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (date, datetime)):
        return german_date(value)
    pattern = number_pattern(number_format)
    exact = Fraction(value)
    if pattern.text or pattern.date:
        pattern = NumberPattern(_natural_places(exact), False, False, False, False)
    if pattern.percent:
        exact *= 100
    scaled = round_half_away(exact * 10**pattern.places)
    text = german_number(Decimal(scaled).scaleb(-pattern.places))
    if not pattern.grouping:
        text = text.replace(".", "")
    if signs and exact > 0 and _QUOTED.sub("", number_format.split(";")[0]).lstrip().startswith("+"):
        text = "+" + text
    if units:
        text += unit_suffix(number_format)
    return text


def unit_suffix(number_format: str) -> str:
    """``'#,##0 "€"'`` -> ``" €"``, ``'0.00 %'`` -> ``" %"``: what follows the digits in the first section."""
    section = number_format.split(";")[0]
    literals = "".join(part.strip('"') for part in re.findall(r'"[^"]*"', section))
    if "%" in _QUOTED.sub("", section):
        literals += "%"
    return " " + literals.strip() if literals.strip() else ""


def percent_text(value: Fraction, places: int | None = 2) -> str:
    """``Fraction(1, 10)`` -> ``"10"`` (places=None: as many as the exact value needs, up to 6)."""
    hundred = Fraction(value) * 100
    if places is None:
        places = _natural_places(hundred)
    return display_text(hundred, "0." + "0" * places if places else "0")


def _natural_places(value: Fraction, limit: int = 6) -> int:
    for places in range(limit + 1):
        if (value * 10**places).denominator == 1:
            return places
    return limit
