"""The Excel functions (=ALLOCATE and its companions), written once for all three xlwings hosts.

``from xlwings import func, arg, ret`` gives the classic add-in's decorators on
Windows and the Office.js ones in xlwings Server and Lite; this module does not
care which. Every argument and the result use xlwings' ``"raw"`` converter, so
that xlwings neither cleans cells one by one on the way in (see
``arguments``) nor on the way out: results are built here as the 2-D lists
Excel spills, in the orientation of the weights.

Amounts come from the engine only. A bad input becomes a short German message:
the Office.js hosts show an ``XlwingsError`` as #WERT! with the message, the
classic add-in would show a traceback instead, so there the message itself is
the cell's value. The docstrings and ``doc=`` texts are what Excel shows in its
function help, hence German.
"""

from __future__ import annotations

import functools
import logging
import sys
from decimal import Decimal
from fractions import Fraction

from xlwings import XlwingsError, arg, func, ret

from .. import engine
from ..engine import AllocationError
from .arguments import (
    ArgumentError,
    is_omitted,
    number_matrix,
    number_vector,
    optional_bounds,
    optional_number,
    optional_text,
    row_numbers,
    scalar_number,
)
from ..engine.transition import apportion_transition
from ..table.explanation import explanation_text, transition_text

__all__ = ["allocate", "allocate_base", "per_head", "reference_weights", "shares", "explain", "allocate_transition"]

logger = logging.getLogger(__name__)

# In the classic add-in an exception would reach the cell as its traceback text.
_classic = sys.modules.get("xlwings.udfs")
_MESSAGES_AS_VALUES = _classic is not None and func is getattr(_classic, "xlfunc", None)

_CATEGORY = "Mittelverteilung"


def _excel_function(excel_name: str):
    """Turns input errors into the German message each host can show; logs anything unexpected."""

    def decorate(function):
        @functools.wraps(function)
        def wrapper(*args):
            try:
                return function(*args)
            except (ArgumentError, AllocationError) as error:
                message = f"{excel_name}: {error}"
            except Exception as error:  # a defect, not bad input: keep the traceback in the log
                logger.exception("%s failed", excel_name)
                message = f"{excel_name}: Interner Fehler ({type(error).__name__}: {error}). Bitte melden."
            if _MESSAGES_AS_VALUES:
                return [[message]]
            raise XlwingsError(message) from None

        return wrapper

    return decorate


def _excel_value(amount):
    """Whole numbers stay ints (JSON and COM carry them exactly); other amounts become floats."""
    if isinstance(amount, int):
        return amount
    if isinstance(amount, Fraction):
        return amount.numerator if amount.denominator == 1 else float(amount)
    if isinstance(amount, Decimal):
        return int(amount) if amount == amount.to_integral_value() else float(amount)
    return amount


def _amounts(result) -> list:
    return [_excel_value(amount) for amount in result]


def _allocation(budget, weights, method, unit, lower, upper, base=None):
    """The engine's Allocation for Excel arguments, with the weights' layout."""
    vector = number_vector(weights, "Gewichte")
    count = len(vector.values)
    allocation = engine.apportion(
        scalar_number(budget, "Budget"),
        vector.values,
        method=optional_text(method, "Methode"),
        unit=_or_default(optional_number(unit, "Einheit"), 1),
        lower=optional_bounds(lower, "Untergrenze", count),
        upper=optional_bounds(upper, "Obergrenze", count),
        base=_or_default(optional_number(base, "Sockelbetrag"), 0),
    )
    return allocation, vector


def _or_default(value, default):
    return default if value is None else value


_WEIGHTS_DOC = "Gewichte (z. B. Zuweisungen je Kreis): eine Spalte oder Zeile nichtnegativer Zahlen"
_METHOD_DOC = "Verfahren: HARE-NIEMEYER (Standard), SAINTE-LAGUE oder DHONDT"
_UNIT_DOC = "kleinste Auszahlungseinheit, Standard 1 (Euro); 0,01 für Cent"


@func(call_in_wizard=False, category=_CATEGORY)
@arg("budget", "raw", doc="zu verteilender Betrag, z. B. 58000000")
@arg("weights", "raw", doc=_WEIGHTS_DOC)
@arg("method", "raw", doc=_METHOD_DOC)
@arg("unit", "raw", doc=_UNIT_DOC)
@arg("lower", "raw", doc="Mindestbetrag: eine Zahl für alle oder ein Bereich wie die Gewichte (leer = keiner)")
@arg("upper", "raw", doc="Höchstbetrag: eine Zahl für alle oder ein Bereich wie die Gewichte (leer = keiner)")
@ret("raw")
@_excel_function("ALLOCATE")
def allocate(budget, weights, method=None, unit=None, lower=None, upper=None):
    """Verteilt das Budget euro-genau nach den Gewichten; die Beträge ergeben genau das Budget."""
    allocation, vector = _allocation(budget, weights, method, unit, lower, upper)
    return vector.shaped(_amounts(allocation.amounts))


@func(call_in_wizard=False, category=_CATEGORY)
@arg("budget", "raw", doc="zu verteilender Betrag, z. B. 58000000")
@arg("weights", "raw", doc=_WEIGHTS_DOC)
@arg("base", "raw", doc="Sockelbetrag, den jede Zeile vorab erhält")
@arg("method", "raw", doc=_METHOD_DOC)
@arg("unit", "raw", doc=_UNIT_DOC)
@ret("raw")
@_excel_function("ALLOCATE_BASE")
def allocate_base(budget, weights, base, method=None, unit=None):
    """Jede Zeile erhält den Sockelbetrag, der Rest wird nach den Gewichten verteilt; Summe = Budget."""
    if optional_number(base, "Sockelbetrag") is None:
        raise ArgumentError("Sockelbetrag fehlt.")
    allocation, vector = _allocation(budget, weights, method, unit, None, None, base)
    return vector.shaped(_amounts(allocation.amounts))


@func(call_in_wizard=False, category=_CATEGORY)
@arg("rate", "raw", doc="Pauschale je Person, z. B. 796,08")
@arg("counts", "raw", doc="Personen je Zeile: eine Spalte oder Zeile")
@arg("unit", "raw", doc="Rundungseinheit, Standard 1 (Euro); 0,01 für Cent")
@ret("raw")
@_excel_function("PER_HEAD")
def per_head(rate, counts, unit=None):
    """Pauschale × Personen je Zeile, kaufmännisch gerundet wie RUNDEN; die Summe ergibt sich."""
    vector = number_vector(counts, "Personen")
    amounts = engine.per_head(
        scalar_number(rate, "Pauschale"),
        vector.values,
        unit=_or_default(optional_number(unit, "Einheit"), 1),
    )
    return vector.shaped(_amounts(amounts))


@func(call_in_wizard=False, category=_CATEGORY)
@arg("counts", "raw", doc="Zuweisungen: eine Zeile je Kreis, eine Spalte je Bezugsjahr")
@arg("year_weights", "raw", doc="Gewicht je Bezugsjahr (Standard: alle gleich, also der Mittelwert)")
@ret("raw")
@_excel_function("REFERENCE_WEIGHTS")
def reference_weights(counts, year_weights=None):
    """Bezugsgröße je Kreis: (gewichteter) Mittelwert der Zuweisungen über die Bezugsjahre."""
    rows = number_matrix(counts, "Zuweisungen")
    years = len(rows[0])
    factors = None
    if year_weights is not None:
        factors = optional_bounds(year_weights, "Jahresgewichte", years, counted="Bezugsjahre")
        if factors is not None and not isinstance(factors, list):
            factors = [factors] * years
        if factors is not None and None in factors:
            raise ArgumentError("Jahresgewichte: jedes Bezugsjahr braucht ein Gewicht.")
    by_year = [[row[year] for row in rows] for year in range(years)]
    weights = engine.reference_weights(by_year, factors)
    return [[_excel_value(weight)] for weight in weights]


@func(call_in_wizard=False, category=_CATEGORY)
@arg("weights", "raw", doc="Gewichte: eine Spalte oder Zeile nichtnegativer Zahlen")
@ret("raw")
@_excel_function("SHARES")
def shares(weights):
    """Anteil jeder Zeile an der Summe der Gewichte, als Bruch (im Format 0,00 % anzeigen)."""
    vector = number_vector(weights, "Gewichte")
    return vector.shaped([float(share) for share in engine.shares(vector.values)])


@func(call_in_wizard=False, category=_CATEGORY)
@arg("row", "raw", doc="Zeile innerhalb der Gewichte (1 = erste); auch ein Bereich von Zeilennummern")
@arg("budget", "raw", doc="zu verteilender Betrag")
@arg("weights", "raw", doc=_WEIGHTS_DOC)
@arg("method", "raw", doc=_METHOD_DOC)
@arg("unit", "raw", doc=_UNIT_DOC)
@arg("lower", "raw", doc="Mindestbetrag wie bei ALLOCATE")
@arg("upper", "raw", doc="Höchstbetrag wie bei ALLOCATE")
@arg("previous", "raw", doc="Beträge des Vorjahres wie bei ALLOCATE_TRANSITION (leer = ohne Übergangsregeln)")
@arg("max_loss", "raw", doc="Verlustbegrenzung wie bei ALLOCATE_TRANSITION")
@arg("financing", "raw", doc="Finanzierung wie bei ALLOCATE_TRANSITION: alle, Gewinner oder Fonds")
@arg("max_gain", "raw", doc="Zuwachsbegrenzung wie bei ALLOCATE_TRANSITION")
@arg("phase_in", "raw", doc="Übergangsanteil wie bei ALLOCATE_TRANSITION")
@ret("raw")
@_excel_function("EXPLAIN")
def explain(
    row, budget, weights, method=None, unit=None, lower=None, upper=None,
    previous=None, max_loss=None, financing=None, max_gain=None, phase_in=None,
):
    """Erklärt in Worten, wie der Betrag einer Zeile zustande kommt (Quote, Abrundung, Rest, Grenze, Gleichstand, Übergangsregeln)."""
    if is_omitted(previous):
        allocation, vector = _allocation(budget, weights, method, unit, lower, upper)
        chosen = row_numbers(row, "Zeile", len(vector.values))
        return chosen.shaped([explanation_text(allocation, index) for index in chosen.values])
    transition, vector = _transition(
        budget, weights, previous, max_loss, financing, max_gain, phase_in, method, unit, lower, upper
    )
    chosen = row_numbers(row, "Zeile", len(vector.values))
    return chosen.shaped([transition_text(transition, index) for index in chosen.values])


@func(call_in_wizard=False, category=_CATEGORY)
@arg("budget", "raw", doc="zu verteilender Betrag, z. B. 58000000")
@arg("weights", "raw", doc=_WEIGHTS_DOC)
@arg("previous", "raw", doc="Beträge des Vorjahres: ein Bereich wie die Gewichte")
@arg("max_loss", "raw", doc="Verlustbegrenzung als Anteil, z. B. 10 % (= 0,1); leer = keine")
@arg("financing", "raw", doc="wer die Verlustbegrenzung bezahlt: alle (Standard), Gewinner oder Fonds")
@arg("max_gain", "raw", doc="Zuwachsbegrenzung als Anteil, z. B. 20 % (= 0,2); leer = keine")
@arg("phase_in", "raw", doc="Gewicht der Vorjahresverteilung, z. B. 50 % (= 0,5); leer = kein Übergang")
@arg("method", "raw", doc=_METHOD_DOC)
@arg("unit", "raw", doc=_UNIT_DOC)
@ret("raw")
@_excel_function("ALLOCATE_TRANSITION")
def allocate_transition(
    budget, weights, previous, max_loss=None, financing=None, max_gain=None, phase_in=None, method=None, unit=None
):
    """Verteilt wie ALLOCATE, mit Übergangsregeln gegenüber dem Vorjahr; je Zeile der Gesamtbetrag (bei Fonds mit Aufstockung)."""
    result, vector = _transition(budget, weights, previous, max_loss, financing, max_gain, phase_in, method, unit)
    return vector.shaped(_amounts(result.amounts))


def _transition(budget, weights, previous, max_loss, financing, max_gain, phase_in, method, unit, lower=None, upper=None):
    """The engine's Transition for Excel arguments, with the weights' layout."""
    vector = number_vector(weights, "Gewichte")
    count = len(vector.values)
    if is_omitted(previous):
        raise ArgumentError("Vorjahr: die Beträge des Vorjahres fehlen.")
    before = number_vector(previous, "Vorjahr").values
    if len(before) != count:
        raise ArgumentError(f"Vorjahr: {len(before)} Beträge, aber {count} Gewichte; bitte einen Bereich gleicher Größe angeben.")
    result = apportion_transition(
        scalar_number(budget, "Budget"),
        vector.values,
        before,
        max_loss=optional_number(max_loss, "Verlustbegrenzung"),
        financing=optional_text(financing, "Finanzierung"),
        max_gain=optional_number(max_gain, "Zuwachsbegrenzung"),
        phase_in=optional_number(phase_in, "Übergangsanteil"),
        method=optional_text(method, "Methode"),
        unit=_or_default(optional_number(unit, "Einheit"), 1),
        lower=optional_bounds(lower, "Untergrenze", count),
        upper=optional_bounds(upper, "Obergrenze", count),
    )
    return result, vector
