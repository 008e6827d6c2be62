"""One cell's value as the number, text, date or yes/no the contract expects, or the German reason why not.

Floats are taken at their shortest decimal representation, as the engine does
(``0.1`` is one tenth, as Excel shows it). Numbers typed as text are accepted
only where their meaning is unambiguous (``xl_funcs.number_text``).
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from ..engine.notation import german_number
from ..number_text import NumberTextError, parse_number_text
from .snapshot import ERROR_TEXTS, ErrorValue, MissingResult

# Excel keeps 15 significant digits; a larger whole number is no longer exact.
LARGEST_EXACT = 10**15


class CellValueError(ValueError):
    """The German reason a cell's value is not what was expected (without the cell's address)."""


def describe(value: object) -> str:
    """A cell's value as a German reader would recognise it in Excel."""
    if value is None:
        return "leer"
    if isinstance(value, bool):
        return "WAHR" if value else "FALSCH"
    if isinstance(value, ErrorValue):
        return value.text
    if isinstance(value, MissingResult):
        return f"Formel {value.formula}"
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M") if value.time() != time(0) else value.strftime("%d.%m.%Y")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, (time, timedelta)):
        return str(value)
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "…"
        return f"„{shown}“"
    if isinstance(value, float) and math.isfinite(value):
        return german_number(Decimal(repr(value))) if abs(value) < 1e21 else repr(value)
    if isinstance(value, (int, Decimal)):
        return german_number(value)
    return repr(value)


def is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _refuse_non_values(value: object, expected: str) -> None:
    """The reasons shared by every kind of expected value."""
    if isinstance(value, ErrorValue) or (isinstance(value, str) and value.strip() in ERROR_TEXTS):
        text = value.text if isinstance(value, ErrorValue) else value.strip()
        raise CellValueError(f"Die Zelle zeigt den Fehlerwert {text}; erwartet wird {expected}.")
    if isinstance(value, MissingResult):
        raise CellValueError(
            f"Die Zelle enthält eine Formel ohne gespeichertes Ergebnis ({value.formula}). "
            "Bitte die Datei in Excel öffnen, neu berechnen lassen und speichern."
        )
    if is_empty(value):
        raise CellValueError(f"Die Zelle ist leer; erwartet wird {expected}.")


def number(value: object, expected: str = "eine Zahl") -> Decimal:
    """Any finite number, from a number cell or unambiguous text."""
    _refuse_non_values(value, expected)
    if isinstance(value, bool):
        raise CellValueError(f"Die Zelle enthält den Wahrheitswert {describe(value)}; erwartet wird {expected}.")
    if isinstance(value, (datetime, date, time, timedelta)):
        raise CellValueError(f"Die Zelle enthält ein Datum oder eine Uhrzeit ({describe(value)}); erwartet wird {expected}.")
    if isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise CellValueError(f"{describe(value)} ist keine endliche Zahl.")
        result = Decimal(repr(value))
    elif isinstance(value, Decimal):
        result = value
    elif isinstance(value, str):
        try:
            result = parse_number_text(value)
        except NumberTextError as reason:
            detail = str(reason)
            if "mehrdeutig" in detail:
                raise CellValueError(
                    f"Der Text {describe(value)} ist als Zahl mehrdeutig (Tausenderpunkt oder Dezimalzeichen?); "
                    "bitte als Zahl ohne Tausendertrennzeichen eingeben."
                ) from None
            raise CellValueError(f"{describe(value)} ist keine Zahl; erwartet wird {expected}.") from None
    else:
        raise CellValueError(f"{describe(value)} ist keine Zahl; erwartet wird {expected}.")
    if abs(result) >= LARGEST_EXACT:
        raise CellValueError(
            f"Die Zahl {describe(result)} hat mehr als 15 Stellen; so große Zahlen speichert Excel nicht genau."
        )
    return result


def whole_number(value: object, expected: str = "eine ganze Zahl") -> int:
    result = number(value, expected)
    if result != result.to_integral_value():
        raise CellValueError(f"{describe(result)} ist keine ganze Zahl; erwartet wird {expected}.")
    return int(result)


def count(value: object) -> int:
    """A number of people: a whole number, zero or more."""
    result = whole_number(value, "eine Anzahl (ganze Zahl ab 0)")
    if result < 0:
        raise CellValueError(f"Die Anzahl ist negativ ({describe(result)}).")
    return result


def amount(value: object, expected: str = "ein Betrag in Euro") -> Decimal:
    """Money in euros, zero or more, at most to the cent."""
    result = number(value, expected)
    if result < 0:
        raise CellValueError(f"Der Betrag ist negativ ({describe(result)}).")
    if result != result.quantize(Decimal("0.01")):
        raise CellValueError(f"Der Betrag {describe(result)} hat mehr als zwei Nachkommastellen.")
    return result


def text(value: object, expected: str = "ein Text") -> str:
    _refuse_non_values(value, expected)
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value).strip()  # "ë" typed on a Mac is e + combining diaeresis
    raise CellValueError(f"Die Zelle enthält {describe(value)}; erwartet wird {expected}.")


_GERMAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def calendar_date(value: object) -> date:
    """A date cell, or a date typed as text as ``31.03.2025`` or ``2025-03-31``."""
    expected = "ein Datum"
    _refuse_non_values(value, expected)
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        cleaned = value.strip()
        german = _GERMAN_DATE.fullmatch(cleaned)
        iso = _ISO_DATE.fullmatch(cleaned)
        try:
            if german:
                return date(int(german[3]), int(german[2]), int(german[1]))
            if iso:
                return date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            raise CellValueError(f"{describe(value)} ist kein gültiges Datum.") from None
    raise CellValueError(f"Die Zelle enthält {describe(value)}; erwartet wird {expected} (z. B. 31.03.2025).")


_YES = {"ja", "j", "yes", "wahr", "true", "x"}
_NO = {"nein", "n", "no", "falsch", "false"}


def yes_no(value: object, default: bool) -> bool:
    """``ja``/``nein`` (or WAHR/FALSCH); an empty cell means ``default``."""
    if is_empty(value):
        return default
    if isinstance(value, bool):
        return value
    _refuse_non_values(value, "„ja“ oder „nein“")
    if isinstance(value, str):
        folded = value.strip().casefold()
        if folded in _YES:
            return True
        if folded in _NO:
            return False
    raise CellValueError(f"Die Zelle enthält {describe(value)}; erwartet wird „ja“ oder „nein“.")


def fraction_or_percent(value: object) -> Decimal:
    """A share between 0 and 1: ``0,1`` or a percent cell (stored as 0.1) or text ``10 %``."""
    if isinstance(value, str) and value.strip().endswith("%"):
        result = number(value.strip()[:-1], "ein Anteil (z. B. 10 %)") / 100
    else:
        result = number(value, "ein Anteil (z. B. 10 %)")
    if result < 0:
        raise CellValueError(f"Der Anteil ist negativ ({describe(result)}).")
    if result > 1:
        raise CellValueError(
            f"Der Anteil {describe(result)} ist größer als 1 (100 %); bitte als Bruch oder Prozent eingeben "
            "(10 % = 0,1)."
        )
    return result
