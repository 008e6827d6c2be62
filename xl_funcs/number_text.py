"""Numbers typed as text, read only where their meaning is unambiguous.

Ministry staff write German notation (``1.234,5``), colleagues' exports may
carry English notation (``1,234.5``). Text that could be read both ways, such
as ``1.234`` (one thousand two hundred thirty-four, or one point two three
four?), is refused rather than guessed.
"""

from __future__ import annotations

import re
from decimal import Decimal

_PLAIN = re.compile(r"[+-]?\d+")
_GROUPED = re.compile(r"\d{1,3}(?:([.,])\d{3})+")


class NumberTextError(ValueError):
    """The German reason a text is not taken as a number."""


def parse_number_text(text: str) -> Decimal:
    """``'1.234,5'`` -> ``Decimal('1234.5')``; ambiguous or non-numeric text raises NumberTextError."""
    cleaned = text.strip().replace("\u00a0", "").replace("\u202f", "")
    if cleaned.endswith("€"):
        cleaned = cleaned[:-1].rstrip()
    if not cleaned:
        raise NumberTextError("leer")
    sign = ""
    if cleaned[0] in "+-":
        sign, cleaned = ("-" if cleaned[0] == "-" else ""), cleaned[1:]
    if _PLAIN.fullmatch(cleaned):
        return Decimal(sign + cleaned)
    if "." in cleaned and "," in cleaned:
        decimal_mark = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        whole, _, fraction = cleaned.rpartition(decimal_mark)
        grouping = "." if decimal_mark == "," else ","
        if not (fraction.isdigit() and _GROUPED.fullmatch(whole) and grouping in whole):
            raise NumberTextError(f"{text!r} ist keine Zahl")
        return Decimal(sign + whole.replace(grouping, "") + "." + fraction)
    mark = "." if "." in cleaned else "," if "," in cleaned else ""
    if not mark:
        raise NumberTextError(f"{text!r} ist keine Zahl")
    parts = cleaned.split(mark)
    if not all(part.isdigit() for part in parts):
        raise NumberTextError(f"{text!r} ist keine Zahl")
    if len(parts) > 2:
        if not _GROUPED.fullmatch(cleaned):
            raise NumberTextError(f"{text!r} ist keine Zahl")
        return Decimal(sign + "".join(parts))
    whole, fraction = parts
    if len(fraction) == 3 and 1 <= len(whole) <= 3 and whole[0] != "0":
        raise NumberTextError(
            f"{text!r} ist mehrdeutig (Tausenderpunkt oder Dezimalzeichen?); "
            "bitte ohne Tausendertrennzeichen eingeben"
        )
    return Decimal(sign + whole + "." + fraction)
