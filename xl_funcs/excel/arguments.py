"""Excel arguments as the three hosts send them, turned into plain Python numbers in one pass.

The Excel functions take their arguments with xlwings' ``"raw"`` converter:
xlwings then hands over what the host sent, untouched. Its default converter
would clean every cell (in the Office.js dispatcher it tries a failing
``pyodide`` import per cell: about 0.4 s for 10,000 cells against 0.4 ms raw).
What arrives is therefore one of

- Office.js (xlwings Server and Lite): a 2-D list per argument, JSON ``null``
  (``None``, or Pyodide's ``JsNull``) or ``""`` for empty cells, an error cell
  as ``{"type": "Error", ...}``; a single cell the dispatcher has already
  unwrapped to a scalar;
- classic add-in (COM): a scalar for a single cell, a tuple of row tuples for
  a range, every number a float, error cells as COM error codes (ints);

and this module reads all of them with one loop of type checks, naming the
argument and the row in a German message when a value is not a number.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from ..number_text import NumberTextError, parse_number_text

try:  # Pyodide >= 0.28 surfaces JS null as JsNull; looked up once, not per cell
    from pyodide.ffi import JsNull as _JsNull  # type: ignore[import-not-found]
except ImportError:
    _EMPTY_TYPES: tuple[type, ...] = (type(None),)
else:  # pragma: no cover - only inside Pyodide (xlwings Lite)
    _EMPTY_TYPES = (type(None), _JsNull)

Number = int | float | Decimal | Fraction

_TYPED_DIGITS = 15  # Excel keeps at most 15 significant digits of a typed number
_LARGEST_DENOMINATOR = 10**6
Orientation = Literal["column", "row"]

# What Excel shows for an error cell; the classic add-in sends these COM codes instead.
_COM_ERRORS = {
    -2146826281: "#DIV/0!",
    -2146826246: "#NV",
    -2146826259: "#NAME?",
    -2146826288: "#NULL!",
    -2146826252: "#ZAHL!",
    -2146826265: "#BEZUG!",
    -2146826273: "#WERT!",
}
_OFFICE_JS_ERRORS = {
    "Div0": "#DIV/0!",
    "NotAvailable": "#NV",
    "Name": "#NAME?",
    "Null": "#NULL!",
    "Num": "#ZAHL!",
    "Ref": "#BEZUG!",
    "Value": "#WERT!",
    "Spill": "#ÜBERLAUF!",
    "Calc": "#KALK!",
    "Busy": "#BUSY!",
}


class ArgumentError(ValueError):
    """A German message saying which argument (and which row of it) is not usable."""


@dataclass(frozen=True)
class Vector:
    """One value per row (Kreis), and whether the cells ran down a column or along a row."""

    values: list
    orientation: Orientation

    def shaped(self, results) -> list[list]:
        """``results`` (one per value) laid out like the input, as Excel spills it."""
        if self.orientation == "row":
            return [list(results)]
        return [[value] for value in results]


def is_omitted(value) -> bool:
    """An optional argument left out, or pointing at an empty cell."""
    if isinstance(value, _EMPTY_TYPES):
        return True
    if isinstance(value, str):
        return not value.strip()
    rows = _rows(value)
    return all(_is_empty(cell) for row in rows for cell in row)


def scalar_number(value, what: str) -> Number:
    """A required single number, e.g. the budget."""
    cell = _single_cell(value, what)
    if _is_empty(cell):
        raise ArgumentError(f"{what} fehlt (leere Zelle).")
    return _number(cell, f"{what}:")


def optional_number(value, what: str) -> Number | None:
    """A single number, or None when the argument is omitted or empty."""
    if is_omitted(value):
        return None
    return scalar_number(value, what)


def optional_text(value, what: str) -> str | None:
    """A single text (the method), or None when omitted or empty."""
    if is_omitted(value):
        return None
    cell = _single_cell(value, what)
    if isinstance(cell, str):
        return cell
    raise ArgumentError(f"{what} muss ein Text sein, nicht {_shown(cell)}.")


def number_vector(value, what: str) -> Vector:
    """A row or a column of numbers (a single cell counts as a column); empty cells are errors."""
    rows = _rows(value)
    if len(rows) == 1:
        cells, orientation = list(rows[0]), "row" if len(rows[0]) > 1 else "column"
    elif all(len(row) == 1 for row in rows):
        cells, orientation = [row[0] for row in rows], "column"
    else:
        raise ArgumentError(
            f"{what} müssen in einer Zeile oder einer Spalte stehen, "
            f"nicht in einem Block aus {len(rows)} Zeilen und {len(rows[0])} Spalten."
        )
    return Vector(_numbers(cells, what, allow_empty=False), orientation)


def optional_bounds(value, what: str, count: int, counted: str = "Gewichte"):
    """A bound for all rows (one number), one per row (a range; empty cell = no bound), or None."""
    if is_omitted(value):
        return None
    rows = _rows(value)
    if len(rows) == 1 and len(rows[0]) == 1:
        return _number(rows[0][0], f"{what}:")
    vector_cells = _vector_cells(rows, what)
    if len(vector_cells) != count:
        raise ArgumentError(
            f"{what}: {len(vector_cells)} Werte, aber {count} {counted}; "
            "bitte eine Zahl für alle oder einen Bereich gleicher Größe angeben."
        )
    return _numbers(vector_cells, what, allow_empty=True)


def number_matrix(value, what: str) -> list[list[Number]]:
    """A block of numbers, row by row; empty cells are errors."""
    rows = _rows(value)
    width = len(rows[0])
    flat = _numbers([cell for row in rows for cell in row], what, allow_empty=False, width=width)
    return [flat[start : start + width] for start in range(0, len(flat), width)]


def row_numbers(value, what: str, count: int) -> Vector:
    """1-based positions within ``count`` rows, as one number or a row/column of them."""
    positions = number_vector(value, what)
    chosen = []
    for position in positions.values:
        if isinstance(position, int) and 1 <= position <= count:
            chosen.append(position - 1)
            continue
        raise ArgumentError(f"{what} muss eine ganze Zahl von 1 bis {count} sein, nicht {_shown(position)}.")
    return Vector(chosen, positions.orientation)


def _rows(value) -> list:
    """Any argument as a non-empty list of rows."""
    if isinstance(value, (list, tuple)):
        if not value:
            return [[None]]
        if isinstance(value[0], (list, tuple)):
            return value if value[0] else [[None]]
        return [value]
    return [[value]]


def _vector_cells(rows, what: str) -> list:
    if len(rows) == 1:
        return list(rows[0])
    if all(len(row) == 1 for row in rows):
        return [row[0] for row in rows]
    raise ArgumentError(f"{what} müssen in einer Zeile oder einer Spalte stehen.")


def _single_cell(value, what: str):
    rows = _rows(value)
    if len(rows) != 1 or len(rows[0]) != 1:
        raise ArgumentError(f"{what} muss eine einzelne Zelle sein, nicht ein Bereich.")
    return rows[0][0]


def _is_empty(cell) -> bool:
    return isinstance(cell, _EMPTY_TYPES) or (isinstance(cell, str) and not cell.strip())


def _numbers(cells: list, what: str, *, allow_empty: bool, width: int = 1) -> list:
    """Cells as numbers; ints and floats (the usual case) take one type check each."""
    result = []
    append = result.append
    problems: list[str] = []
    for index, cell in enumerate(cells):
        kind = type(cell)
        if kind is int and cell >= 0:  # negative ints may be the classic add-in's error codes
            append(cell)
        elif kind is float:
            append(_float(cell))
        elif allow_empty and _is_empty(cell):
            append(None)
        else:
            try:
                append(_number(cell, _where(what, index, width)))
            except ArgumentError as problem:
                problems.append(str(problem))
                append(None)
    if problems:
        more = f" (und {len(problems) - 3} weitere)" if len(problems) > 3 else ""
        raise ArgumentError(" ".join(problems[:3]) + more)
    return result


def _where(what: str, index: int, width: int) -> str:
    if width == 1:
        return f"{what}, Zeile {index + 1}:"
    return f"{what}, Zeile {index // width + 1}, Spalte {index % width + 1}:"


def _number(cell, what: str) -> Number:
    """One cell as a number, or an ArgumentError saying what it is instead."""
    kind = type(cell)
    if kind is float:
        return _float(cell)
    if isinstance(cell, bool):
        raise ArgumentError(f"{what} {_shown(cell)} ist keine Zahl.")
    if isinstance(cell, int):
        if cell in _COM_ERRORS:
            raise ArgumentError(f"{what} Die Zelle enthält den Fehlerwert {_COM_ERRORS[cell]}.")
        return int(cell)
    if isinstance(cell, (float, Decimal)):  # Decimal: currency cells in the classic add-in
        return cell
    if _is_empty(cell):
        raise ArgumentError(f"{what} Die Zelle ist leer; für „nichts“ bitte 0 eintragen.")
    if isinstance(cell, str):
        try:
            return parse_number_text(cell)
        except NumberTextError as reason:
            raise ArgumentError(f"{what} {reason}.") from None
    if isinstance(cell, dict):
        if cell.get("type") == "Error":
            shown = _OFFICE_JS_ERRORS.get(cell.get("errorType"), cell.get("basicValue") or "#WERT!")
            raise ArgumentError(f"{what} Die Zelle enthält den Fehlerwert {shown}.")
        if "basicValue" in cell:  # e.g. a FormattedNumber
            return _number(cell["basicValue"], what)
    if hasattr(cell, "year") and hasattr(cell, "month"):
        raise ArgumentError(f"{what} Die Zelle enthält ein Datum, keine Zahl.")
    raise ArgumentError(f"{what} {_shown(cell)} ist keine Zahl.")


def _float(value: float) -> Number:
    """A float as the number it stands for.

    Whole floats (the classic add-in sends every number as one) become ints.
    A float whose shortest decimal has at most 15 significant digits, as
    anything typed into Excel has, means that decimal; the engine reads it so.
    More digits mean Excel computed it, e.g. a mean of three years,
    1234.3333333333333: if a fraction with a denominator up to a million
    gives exactly this float, that fraction (3703/3) is meant, and the
    allocation is then the same as from the exact mean.
    """
    if value.is_integer():
        return int(value)
    if not math.isfinite(value):
        return value
    mantissa = repr(value).lstrip("-").partition("e")[0].replace(".", "").lstrip("0")
    if len(mantissa) <= _TYPED_DIGITS:
        return value
    candidate = Fraction(value).limit_denominator(_LARGEST_DENOMINATOR)
    return candidate if float(candidate) == value else value


def _shown(value) -> str:
    if isinstance(value, bool):
        return "WAHR" if value else "FALSCH"
    text = f"„{value}“" if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "…"
