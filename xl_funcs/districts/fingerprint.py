"""The Prüfwert: a SHA-256 over every cell of an issued workbook that the Kreis must not change.

Sheet protection in xlsx only prevents accidental edits (its password hash is
weak and LibreOffice or a script can lift it), so tampering is found by
comparing content: every non-empty cell outside the input cells, sheet by
sheet, in a canonical text form.

The canonical form must survive a Kreis's office software re-saving the file.
Excel keeps the 17 significant digits of a number; LibreOffice writes 15,
rounding the shortest decimal form half up (checked on 5,000 random values).
So numbers are compared at 15 significant digits, rounded that same way; ints
and integral numbers as whole numbers; dates as ISO dates; text with line
breaks normalised. Changing any amount, count or text still changes the value.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal

SIGNIFICANT_DIGITS = 15

Coordinate = str  # "C12"
SheetCells = Mapping[Coordinate, str]  # coordinate -> canonical value


def canonical(value) -> str | None:
    """A cell value as comparable text, or None for an empty cell."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value.replace("\r\n", "\n").replace("\r", "\n")
        return "s:" + text if text.strip() else None
    if isinstance(value, bool):
        return "b:" + ("1" if value else "0")
    if isinstance(value, int):
        return "n:" + str(value)
    if isinstance(value, float):
        return "n:" + _float_text(value)
    if isinstance(value, Decimal):
        return "n:" + _float_text(float(value)) if value != value.to_integral_value() else "n:" + str(int(value))
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return "d:" + value.date().isoformat()
        return "d:" + value.isoformat()
    if isinstance(value, date):
        return "d:" + value.isoformat()
    if isinstance(value, time):
        return "t:" + value.isoformat()
    return "?:" + str(value)


def _float_text(value: float) -> str:
    if math.isnan(value) or math.isinf(value):
        return repr(value)
    if value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    shortest = Decimal(repr(value))
    exponent = shortest.adjusted() - SIGNIFICANT_DIGITS + 1
    rounded = shortest.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_UP)
    return format(rounded.normalize(), "f") if -30 < rounded.adjusted() < 30 else str(rounded.normalize())


def sheet_cells(cells: Iterable[tuple[Coordinate, object]], inputs: Iterable[Coordinate] = ()) -> dict[Coordinate, str]:
    """The locked cells of one sheet: coordinate -> canonical value, empty cells and input cells left out."""
    skip = set(inputs)
    found = {}
    for coordinate, value in cells:
        if coordinate in skip:
            continue
        text = canonical(value)
        if text is not None:
            found[coordinate] = text
    return found


def sheet_digest(cells: SheetCells) -> str:
    lines = "".join(f"{coordinate}\t{cells[coordinate]}\n" for coordinate in sorted(cells, key=_order))
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()


def workbook_digest(sheet_digests: Mapping[str, str]) -> str:
    """The Prüfwert of a workbook: its sheets' digests in sheet order."""
    lines = "".join(f"{name}\t{digest}\n" for name, digest in sheet_digests.items())
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CellChange:
    coordinate: Coordinate
    issued: str | None  # canonical value, None where the cell was empty
    now: str | None


def changes(issued: SheetCells, now: SheetCells) -> list[CellChange]:
    """Cells whose value differs, in sheet order."""
    coordinates = sorted(set(issued) | set(now), key=_order)
    return [
        CellChange(coordinate, issued.get(coordinate), now.get(coordinate))
        for coordinate in coordinates
        if issued.get(coordinate) != now.get(coordinate)
    ]


def shown(canonical_value: str | None) -> str:
    """A canonical value as a person reads it in a message."""
    if canonical_value is None:
        return "leer"
    kind, _, text = canonical_value.partition(":")
    if kind == "n":
        return _german_number_text(text)
    if kind == "s":
        return f"„{text}“"
    return text


def _german_number_text(text: str) -> str:
    negative = text.startswith("-")
    whole, _, fraction = text.lstrip("-").partition(".")
    if not whole.isdigit():
        return text
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = ".".join(groups) + ("," + fraction if fraction else "")
    return ("-" if negative else "") + result


def _order(coordinate: Coordinate) -> tuple[int, int]:
    letters = "".join(ch for ch in coordinate if ch.isalpha())
    digits = "".join(ch for ch in coordinate if ch.isdigit())
    column = 0
    for ch in letters.upper():
        column = column * 26 + (ord(ch) - 64)
    return int(digits or 0), column
