"""German notation of exact numbers, for messages and explanations a person reads."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction


def german_number(value: int | Decimal | Fraction, places: int | None = None) -> str:
    """``58000000`` -> ``58.000.000``; ``Decimal('0.5')`` -> ``0,5``.

    A Fraction is shown with ``places`` decimals (default 6), cut towards zero
    and marked with ``…`` when it does not end there, so that a reader never
    mistakes a shortened quota for the exact one.
    """
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return german_number(value.numerator)
        digits = 6 if places is None else places
        scaled = abs(value) * 10**digits
        whole = scaled.numerator // scaled.denominator
        exact = whole * scaled.denominator == scaled.numerator
        text = german_number(Decimal(whole).scaleb(-digits) * (1 if value >= 0 else -1))
        return text if exact else text + "…"
    if isinstance(value, Decimal):
        if places is not None:
            value = value.quantize(Decimal(1).scaleb(-places))
        sign, digits_tuple, exponent = value.as_tuple()
        text = format(abs(value), "f")
    else:
        sign = value < 0
        text = str(abs(value))
    whole, _, fraction = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = ".".join(groups)
    if fraction:
        result += "," + fraction
    return ("-" if sign and result.strip("0.,") else "") + result


# How row_label and row_list refer to rows, so that callers can put names in their place.
ROW_REFERENCE = r"Zeilen? (?P<numbers>\d+(?:, \d+)*)(?P<more> und \d+ weitere)?"


def row_label(index: int) -> str:
    """0-based index -> the 1-based wording of messages."""
    return f"Zeile {index + 1}"


def row_list(indices) -> str:
    """``[0, 4, 5]`` -> ``Zeilen 1, 5, 6`` (at most ten named, then a count)."""
    indices = list(indices)
    if len(indices) == 1:
        return row_label(indices[0])
    shown = ", ".join(str(i + 1) for i in indices[:10])
    more = len(indices) - 10
    return f"Zeilen {shown}" + (f" und {more} weitere" if more > 0 else "")
