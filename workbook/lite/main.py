"""Mittelverteilung Integrationsmanagement: Excel-Funktionen für xlwings Lite.

Erzeugt mit `mittelverteilung lite` aus dem Paket xl_funcs 0.1.0. Bitte nicht
hier ändern, sondern im Paket, und die Datei neu erzeugen: ein Test prüft, dass
sie aktuell ist und dieselben Ergebnisse liefert wie das Paket.

Unten stehen die Module des Pakets unverändert als Quelltext; ein kleiner
Importer am Ende macht sie unter ihren echten Namen importierbar (xl_funcs...).
"""

# Module name -> source text, exactly as in the package.
MODULES = {}

# ---- xl_funcs/__init__.py ----------------------------------------------------
MODULES['xl_funcs'] = r'''"""mittelverteilung: euro-exact allocation of the Integrationsmanagement funds of Baden-Württemberg.

This package is also xlwings' UDF module (``UDF Modules: xl_funcs``): the Excel
functions and scripts are attributes of the package. They are loaded on first
access, so that the command line and the engine start without importing
xlwings (which pulls in pandas).
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

# Names xlwings finds in this module, and the submodule that defines each.
# A test keeps these tuples equal to the submodules' __all__.
EXCEL_FUNCTIONS: tuple[str, ...] = (  # defined in xl_funcs.excel_functions
    "allocate",
    "allocate_base",
    "per_head",
    "reference_weights",
    "shares",
    "explain",
)
EXCEL_SCRIPTS: tuple[str, ...] = ("publish_official_table",)  # defined in xl_funcs.excel_scripts


def __getattr__(name: str):
    if name in EXCEL_FUNCTIONS:
        return getattr(importlib.import_module(".excel_functions", __name__), name)
    if name in EXCEL_SCRIPTS:
        return getattr(importlib.import_module(".excel_scripts", __name__), name)
    raise AttributeError(f"module 'xl_funcs' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(EXCEL_FUNCTIONS) | set(EXCEL_SCRIPTS))
'''

# ---- xl_funcs/engine/__init__.py ---------------------------------------------
MODULES['xl_funcs.engine'] = r'''"""The allocation engine: exact apportionment on ints and fractions, no I/O.

Nothing here imports xlwings, openpyxl or pandas; every edge of the program
(Excel functions, scripts, command line, renderers) calls into this package.
"""

from .allocation import Allocation, RowExplanation, apportion
from .errors import AllocationError
from .methods import Method, parse_method
from .per_head import per_head, round_half_away
from .reference import reference_weights
from .ties import Tie

__all__ = [
    "Allocation",
    "AllocationError",
    "Method",
    "RowExplanation",
    "Tie",
    "apportion",
    "parse_method",
    "per_head",
    "reference_weights",
    "round_half_away",
]
'''

# ---- xl_funcs/engine/allocation.py -------------------------------------------
MODULES['xl_funcs.engine.allocation'] = r'''"""apportion(): an integer budget, counted in a unit, shared among weights to the last unit.

This module checks the input, turns money into whole units and weights into
integers, and hands the work to the method; the result keeps what is needed to
explain every row afterwards, computed only when asked for.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from .divisor import divisor_method
from .errors import AllocationError
from .exact import as_units, decimal_of, exact
from .largest_remainder import largest_remainder
from .methods import Method, parse_method
from .notation import german_number, row_label, row_list
from .ties import Tie
from .water_level import water_level

Bound = Literal["lower", "upper"]


@dataclass(frozen=True)
class RowExplanation:
    """Everything that decided one row's amount; all numbers in units of ``unit``."""

    row: int
    method: Method
    weight: Fraction
    share: Fraction  # weight / total weight
    base: int  # Sockelbetrag
    quota: Fraction  # exact claim on the distributed rest (Hare-Niemeyer: after bounds)
    floor: int
    remainder: Fraction
    rank: int | None  # position among the remainders, 1 = largest (Hare-Niemeyer)
    remainder_rows: int  # how many rows took part in the ranking
    extra_units: int  # rows that got one unit beyond their floor
    got_extra: bool
    multiplier: Fraction | None  # units per weight (divisor methods)
    bound: Bound | None
    tie: Tie | None
    units: int  # the row's result, base included


@dataclass(frozen=True)
class Allocation:
    method: Method
    unit: Fraction
    budget_units: int
    base_units: int
    units: tuple[int, ...]
    ties: tuple[Tie, ...]
    _weights: list[int] = field(repr=False)
    _weight_scale: int = field(repr=False)  # weights given = _weights / _weight_scale
    _lower: list[int] = field(repr=False)
    _upper: list[int | None] = field(repr=False)
    _detail: object = field(repr=False)
    _bounded: bool = field(repr=False)

    @property
    def amounts(self) -> tuple[int, ...] | tuple[Decimal, ...]:
        """Money per row: ints when the unit is whole euros, exact Decimals otherwise."""
        if self.unit.denominator == 1:
            factor = self.unit.numerator
            return tuple(count * factor for count in self.units)
        unit = decimal_of(self.unit)
        return tuple(count * unit for count in self.units)

    @property
    def budget(self) -> Fraction:
        return self.budget_units * self.unit

    @property
    def tie_rows(self) -> frozenset[int]:
        return frozenset(row for tie in self.ties for row in tie.rows)

    def explain(self, row: int) -> RowExplanation:
        weights = self._weights
        total = sum(weights)
        rest = self.budget_units - self.base_units * len(weights)
        weight = Fraction(weights[row], self._weight_scale)
        share = Fraction(weights[row], total) if total else Fraction(0)
        tie = next((t for t in self.ties if row in t.rows), None)
        common = dict(
            row=row,
            method=self.method,
            weight=weight,
            share=share,
            base=self.base_units,
            tie=tie,
            units=self.units[row],
        )
        detail = self._detail
        if self.method is Method.HARE_NIEMEYER:
            quota = Fraction(detail.floors[row] * detail.denominator + detail.remainders[row], detail.denominator)
            position = self._remainder_positions[row]
            return RowExplanation(
                quota=quota,
                floor=detail.floors[row],
                remainder=Fraction(detail.remainders[row], detail.denominator),
                rank=position + 1,
                remainder_rows=len(detail.order),
                extra_units=detail.extra,
                got_extra=position < detail.extra,
                multiplier=None,
                bound=self._bound_hare(row, quota),
                **common,
            )
        quota = rest * share
        natural = self.units[row] - self.base_units
        return RowExplanation(
            quota=quota,
            floor=quota.numerator // quota.denominator,
            remainder=quota - quota.numerator // quota.denominator,
            rank=None,
            remainder_rows=len(weights),
            extra_units=0,
            got_extra=False,
            # Per unit of the weight as given, not of the integer-scaled weight used inside.
            multiplier=detail.multiplier * self._weight_scale,
            bound=self._bound_divisor(row, natural, detail.multiplier),
            **common,
        )

    @cached_property
    def _remainder_positions(self) -> list[int]:
        positions = [0] * len(self._detail.order)
        for position, row in enumerate(self._detail.order):
            positions[row] = position
        return positions

    def _bound_hare(self, row: int, quota: Fraction) -> Bound | None:
        if not self._bounded:
            return None
        free = self._detail.level * self._weights[row]
        if free < self._lower[row] or (self._weights[row] == 0 and self._lower[row] > 0):
            return "lower"
        cap = self._upper[row]
        if cap is not None and free > cap:
            return "upper"
        return None

    def _bound_divisor(self, row: int, natural: int, multiplier: Fraction) -> Bound | None:
        if not self._bounded:
            return None
        product = self._weights[row] * multiplier
        if natural == self._lower[row] and product < natural:
            return "lower"
        cap = self._upper[row]
        if cap is not None and natural == cap and product > natural:
            return "upper"
        return None


@dataclass(frozen=True)
class _HareDetail:
    floors: list[int]
    remainders: list[int]
    denominator: int
    order: list[int]
    extra: int
    level: Fraction
    tie: Tie | None


def apportion(
    budget,
    weights: Sequence,
    *,
    method: str | Method | None = None,
    unit=1,
    lower=None,
    upper=None,
    base=0,
) -> Allocation:
    """Share ``budget`` among ``weights`` so that the amounts add up to it exactly.

    ``unit`` is the smallest amount paid (1 = whole euros, 0.01 = cents);
    ``lower``/``upper`` are per-row bounds (a number for all rows, or one per
    row, None for none), ``base`` a Sockelbetrag every row receives first.
    Bounds are taken inwards to whole units: a minimum rounds up, a maximum down.
    """
    chosen = parse_method(method)
    unit_value = exact(unit, "Die Einheit")
    if unit_value <= 0:
        raise AllocationError("Die Einheit muss größer als 0 sein.", field="unit")
    budget_value = exact(budget, "Das Budget")
    if budget_value < 0:
        raise AllocationError(f"Das Budget ist negativ ({german_number(decimal_of(budget_value))}).", field="budget")
    seats = as_units(budget_value, unit_value, "Das Budget")
    base_value = exact(base, "Der Sockelbetrag")
    if base_value < 0:
        raise AllocationError("Der Sockelbetrag ist negativ.", field="base")
    base_units = as_units(base_value, unit_value, "Der Sockelbetrag")

    int_weights, scale = _integer_weights(weights)
    n = len(int_weights)
    rest = seats - base_units * n
    if rest < 0:
        raise AllocationError(
            f"Der Sockelbetrag für {n} Zeilen ({german_number(decimal_of(base_value * n))}) "
            f"übersteigt das Budget ({german_number(decimal_of(budget_value))}).",
            field="base",
        )
    bounded = lower is not None or upper is not None
    if bounded:
        low = _bounds(lower, n, unit_value, "Untergrenze", round_up=True)
        high = _bounds(upper, n, unit_value, "Obergrenze", round_up=False)
        # Bounds apply to the whole amount; the apportioned part comes on top of the Sockelbetrag.
        low = [max(value - base_units, 0) for value in low]
        high = [None if value is None else value - base_units for value in high]
        _check_feasible(rest, int_weights, low, high, base_units)
    else:
        low, high = [0] * n, [None] * n
        if rest > 0 and not any(int_weights):
            raise AllocationError(
                "Alle Gewichte sind null: ein Budget über 0 kann nicht verteilt werden.", field="weights"
            )

    level = _level(rest, int_weights, low, high, bounded)
    if chosen is Method.HARE_NIEMEYER:
        units_rest, detail = _hare(rest, int_weights, low, high, bounded, level)
    else:
        detail = divisor_method(chosen, int_weights, rest, low, high, level)
        units_rest = detail.units
    ties = (detail.tie,) if detail.tie else ()
    units = tuple(count + base_units for count in units_rest) if base_units else tuple(units_rest)
    return Allocation(
        method=chosen,
        unit=unit_value,
        budget_units=seats,
        base_units=base_units,
        units=units,
        ties=ties,
        _weights=int_weights,
        _weight_scale=scale,
        _lower=low,
        _upper=high,
        _detail=detail,
        _bounded=bounded,
    )


def _level(rest: int, weights: list[int], low, high, bounded: bool) -> Fraction:
    """Units per weight at which the exact quotas, within their bounds, add up to ``rest``."""
    if bounded:
        return water_level(rest, weights, low, high)
    total = sum(weights)
    return Fraction(rest, total) if total else Fraction(0)


def _hare(rest, weights, low, high, bounded, level):
    if not bounded:
        total = sum(weights)
        if total == 0:
            numerators, denominator = [0] * len(weights), 1
        else:
            numerators, denominator = [rest * w for w in weights], total
    else:
        a, b = level.numerator, level.denominator
        numerators = []
        for weight, minimum, cap in zip(weights, low, high):
            value = a * weight
            if weight == 0 or value < minimum * b:
                value = minimum * b
            elif cap is not None and value > cap * b:
                value = cap * b
            numerators.append(value)
        denominator = b
    result = largest_remainder(numerators, denominator, rest)
    detail = _HareDetail(
        result.floors, result.remainders, result.denominator, result.order, result.extra, level, result.tie
    )
    return result.units, detail


def _integer_weights(weights: Sequence) -> tuple[list[int], int]:
    """Weights as integers with a common scale, checked row by row."""
    if isinstance(weights, (str, bytes)) or not isinstance(weights, Sequence):
        raise AllocationError("Die Gewichte müssen eine Liste von Zahlen sein.", field="weights")
    if len(weights) == 0:
        raise AllocationError("Es sind keine Gewichte angegeben.", field="weights")
    if set(map(type, weights)) == {int}:
        values = list(weights)
        if min(values) < 0:
            negative = [i for i, w in enumerate(values) if w < 0]
            raise _negative_weights(negative, values)
        return values, 1
    problems: list[str] = []
    rows: list[int] = []
    fractions: list[Fraction] = []
    for index, value in enumerate(weights):
        try:
            number = exact(value, f"Das Gewicht in {row_label(index)}", (index,))
        except AllocationError as error:
            problems.append(error.message)
            rows.append(index)
            continue
        if number < 0:
            problems.append(f"Das Gewicht in {row_label(index)} ist negativ ({german_number(decimal_of(number))}).")
            rows.append(index)
        fractions.append(number)
    if problems:
        raise AllocationError(_joined(problems), tuple(rows), field="weights")
    scale = math.lcm(*(f.denominator for f in fractions))
    return [f.numerator * (scale // f.denominator) for f in fractions], scale


def _negative_weights(rows: list[int], values: list[int]) -> AllocationError:
    messages = [f"Das Gewicht in {row_label(i)} ist negativ ({german_number(values[i])})." for i in rows]
    return AllocationError(_joined(messages), tuple(rows), field="weights")


def _joined(messages: list[str]) -> str:
    if len(messages) > 5:
        return " ".join(messages[:5]) + f" (und {len(messages) - 5} weitere Fehler)"
    return " ".join(messages)


def _bounds(values, n: int, unit: Fraction, name: str, round_up: bool) -> list[int | None]:
    """A bound for every row in whole units; a minimum rounds up, a maximum down."""
    if values is None:
        return [0 if round_up else None] * n
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence):
        values = [values] * n
    if len(values) != n:
        raise AllocationError(
            f"{name}n: {len(values)} Werte, aber {n} Gewichte.", field="lower" if round_up else "upper"
        )
    result: list[int | None] = []
    problems: list[str] = []
    rows: list[int] = []
    for index, value in enumerate(values):
        if value is None:
            result.append(0 if round_up else None)
            continue
        try:
            number = exact(value, f"Die {name} in {row_label(index)}", (index,))
        except AllocationError as error:
            problems.append(error.message)
            rows.append(index)
            continue
        if number < 0:
            problems.append(f"Die {name} in {row_label(index)} ist negativ.")
            rows.append(index)
            continue
        count = number / unit
        whole = count.numerator // count.denominator
        if round_up and whole != count:
            whole += 1
        result.append(whole)
    if problems:
        raise AllocationError(_joined(problems), tuple(rows), field="lower" if round_up else "upper")
    return result


def _check_feasible(rest: int, weights: list[int], low: list[int], high: list[int | None], base: int) -> None:
    crossed = [i for i, (lo, hi) in enumerate(zip(low, high)) if hi is not None and (lo > hi or hi < 0)]
    if crossed:
        raise AllocationError(
            f"Untergrenze über Obergrenze (oder Obergrenze unter dem Sockelbetrag) in {row_list(crossed)}.",
            tuple(crossed),
            field="bounds",
        )
    floor_total = sum(low)
    if floor_total > rest:
        rows = tuple(i for i, value in enumerate(low) if value > 0)
        raise AllocationError(
            f"Die Untergrenzen ergeben zusammen mehr als das zu verteilende Budget "
            f"({german_number(floor_total + base * len(weights))} > {german_number(rest + base * len(weights))} Einheiten); "
            f"betroffen: {row_list(rows)}.",
            rows,
            field="bounds",
        )
    if not any(weights) and rest > floor_total:
        raise AllocationError(
            "Alle Gewichte sind null: ein Budget über 0 kann nicht verteilt werden.", field="weights"
        )
    if all(hi is not None for w, hi in zip(weights, high) if w > 0):
        ceiling = sum(hi if w > 0 else lo for w, lo, hi in zip(weights, low, high))
        if ceiling < rest:
            rows = tuple(i for i, w in enumerate(weights) if w > 0)
            raise AllocationError(
                "Die Obergrenzen ergeben zusammen weniger als das Budget; es bliebe Geld übrig "
                f"(betroffen: {row_list(rows)}).",
                rows,
                field="bounds",
            )
'''

# ---- xl_funcs/engine/divisor.py ----------------------------------------------
MODULES['xl_funcs.engine.divisor'] = r'''"""Divisor methods (D'Hondt, Sainte-Laguë/Schepers) for budgets counted in millions of units.

A row holds its k-th unit while weight / d(k) reaches a common threshold, where
d(k) = k for D'Hondt and k - 1/2 for Sainte-Laguë. Instead of a table of
rows × units we round at the exact proportional level, which misses the budget
by a few units, and then move single units to the strongest claimant or from
the weakest holder. Floats only choose the order of those few steps; whether
the result is right, and whether a tie decided it, is settled in exact
arithmetic afterwards. Bounds clamp a row's units; a row at its bound neither
gives nor takes.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from fractions import Fraction

from .methods import Method
from .ties import Tie

# Python's int / int is correctly rounded, so two quotients whose floats differ by
# more than this relative margin are ordered the same way exactly.
_FLOAT_MARGIN = 1e-12


@dataclass(frozen=True)
class DivisorApportionment:
    units: list[int]
    multiplier: Fraction  # units per unit of weight: an unbound row gets weight × multiplier, rounded by the method
    tie: Tie | None


class _Rows:
    """The rows with their bounds, and each row's claim on one more unit and hold on its last."""

    def __init__(self, method: Method, weights: list[int], lower: list[int], upper: list[int | None]) -> None:
        self.weights = weights
        self.lower = lower
        self.upper = upper
        # d(k) = k (D'Hondt) or (2k - 1)/2 (Sainte-Laguë): quotients as weight·scale / (scale·k - offset)
        self.scale, self.offset = (1, 0) if method is Method.DHONDT else (2, 1)

    def can_take(self, row: int, units: int) -> bool:
        cap = self.upper[row]
        return self.weights[row] > 0 and (cap is None or units < cap)

    def can_give(self, row: int, units: int) -> bool:
        return units > self.lower[row] and self.weights[row] > 0

    def claim(self, row: int, units: int) -> Fraction:
        """weight / d(units + 1)."""
        return Fraction(self.scale * self.weights[row], self.scale * (units + 1) - self.offset)

    def hold(self, row: int, units: int) -> Fraction:
        """weight / d(units)."""
        return Fraction(self.scale * self.weights[row], self.scale * units - self.offset)

    def claim_float(self, row: int, units: int) -> float:
        return self.scale * self.weights[row] / (self.scale * (units + 1) - self.offset)

    def hold_float(self, row: int, units: int) -> float:
        return self.scale * self.weights[row] / (self.scale * units - self.offset)


def divisor_method(
    method: Method,
    weights: list[int],
    seats: int,
    lower: list[int],
    upper: list[int | None],
    level: Fraction,
) -> DivisorApportionment:
    """Apportion ``seats``; the caller has checked that the bounds leave a solution.

    ``level`` is units per weight at which the exact, unrounded quotas add up to
    ``seats`` (see water_level); rounding there misses by a few units in all.
    """
    rows = _Rows(method, weights, lower, upper)
    units = _start(rows, method, level, seats)
    try:
        _step(rows, units, seats - sum(units), rows.claim_float, rows.hold_float)
    except OverflowError:  # weights beyond float range: take the exact path throughout
        _step(rows, units, seats - sum(units), rows.claim, rows.hold)
    claim, hold = _exact_margins(rows, units)
    while claim is not None and hold is not None and claim[0] > hold[0]:
        # A float put a unit in the wrong place; move it, exactly.
        units[hold[1][-1]] -= 1
        units[claim[1][0]] += 1
        claim, hold = _exact_margins(rows, units)
    tie = _settle_tie(units, claim, hold)
    if tie:
        claim, hold = _exact_margins(rows, units)
    return DivisorApportionment(units, _multiplier(claim, hold), tie)


def _start(rows: _Rows, method: Method, level: Fraction, seats: int) -> list[int]:
    """Every row rounded by the method at one common level, clamped to its bounds.

    Any single level gives a state that stepping can complete; this one is close.
    D'Hondt rounds down, losing about half a unit a row, so its level is raised
    by that much.
    """
    if method is Method.DHONDT and seats:
        level = level * (seats + Fraction(len(rows.weights), 2)) / seats
    a, b = level.numerator, level.denominator
    halves = 0 if method is Method.DHONDT else b
    units = []
    for weight, low, cap in zip(rows.weights, rows.lower, rows.upper):
        if weight == 0:
            units.append(low)
            continue
        guess = max((2 * weight * a + halves) // (2 * b), low)
        units.append(guess if cap is None else min(guess, cap))
    return units


def _step(rows: _Rows, units: list[int], missing: int, claim, hold) -> None:
    """Give units to the strongest claims, or take them from the weakest holds, until none is missing."""
    n = len(units)
    if missing > 0:
        heap = [(-claim(r, units[r]), r) for r in range(n) if rows.can_take(r, units[r])]
        heapq.heapify(heap)
        while missing:
            _, row = heapq.heappop(heap)
            units[row] += 1
            missing -= 1
            if rows.can_take(row, units[row]):
                heapq.heappush(heap, (-claim(row, units[row]), row))
    elif missing < 0:
        heap = [(hold(r, units[r]), -r) for r in range(n) if rows.can_give(r, units[r])]
        heapq.heapify(heap)
        while missing:
            _, negative_row = heapq.heappop(heap)
            row = -negative_row
            units[row] -= 1
            missing += 1
            if rows.can_give(row, units[row]):
                heapq.heappush(heap, (hold(row, units[row]), -row))


Margin = tuple[Fraction, list[int]]  # the exact value and the rows (in input order) that have it


def _exact_margins(rows: _Rows, units: list[int]) -> tuple[Margin | None, Margin | None]:
    """The strongest claim of a row without its next unit, and the weakest hold of a row with its last.

    Floats pick the few candidates near each margin; only those are compared exactly.
    """
    n = len(units)
    takers = [r for r in range(n) if rows.can_take(r, units[r])]
    givers = [r for r in range(n) if rows.can_give(r, units[r])]
    try:
        claims = {r: rows.claim_float(r, units[r]) for r in takers}
        holds = {r: rows.hold_float(r, units[r]) for r in givers}
    except OverflowError:
        claim_rows, hold_rows = takers, givers
    else:
        best = max(claims.values(), default=0.0)
        weakest = min(holds.values(), default=0.0)
        claim_rows = [r for r in takers if claims[r] >= best * (1 - _FLOAT_MARGIN)]
        hold_rows = [r for r in givers if holds[r] <= weakest * (1 + _FLOAT_MARGIN)]
    return (
        _extreme({r: rows.claim(r, units[r]) for r in claim_rows}, max),
        _extreme({r: rows.hold(r, units[r]) for r in hold_rows}, min),
    )


def _extreme(values: dict[int, Fraction], pick) -> Margin | None:
    if not values:
        return None
    value = pick(values.values())
    return value, sorted(r for r, v in values.items() if v == value)


def _settle_tie(units: list[int], claim: Margin | None, hold: Margin | None) -> Tie | None:
    """Where the strongest claim equals the weakest hold, the rows first in the input hold."""
    if claim is None or hold is None or claim[0] != hold[0]:
        return None
    claimants, holders = claim[1], hold[1]
    contenders = sorted(claimants + holders)
    winners = contenders[: len(holders)]
    for row in holders:
        units[row] -= 1
    for row in winners:
        units[row] += 1
    return Tie(tuple(winners), tuple(contenders[len(holders):]), claim[0])


def _multiplier(claim: Margin | None, hold: Margin | None) -> Fraction:
    """The simplest units-per-weight factor that yields the units of every unbound row."""
    # Row i keeps its k-th unit while weight/d(k) >= 1/multiplier: the multiplier lies
    # strictly between 1/hold and 1/claim; at a tie the two meet.
    if claim is None:
        return simplest_between(Fraction(0), 1 / hold[0]) if hold else Fraction(0)
    if hold is None:
        return simplest_between(1 / claim[0], None)
    if claim[0] == hold[0]:
        return 1 / claim[0]
    return simplest_between(1 / hold[0], 1 / claim[0])


def simplest_between(low: Fraction, high: Fraction | None) -> Fraction:
    """The fraction with the smallest denominator strictly between ``low`` and ``high`` (0 <= low < high).

    A person checking the result by hand then multiplies by a short number.
    ``high`` None means no upper limit.
    """
    whole = low.numerator // low.denominator
    if high is None or whole + 1 < high:
        return Fraction(whole + 1)
    fraction_low = low - whole
    fraction_high = high - whole
    if fraction_low == 0:
        # Between 0 and fraction_high (<= 1): 1/k with k just above 1/fraction_high.
        k = (1 / fraction_high).__floor__() + 1
        return whole + Fraction(1, k)
    return whole + 1 / simplest_between(1 / fraction_high, 1 / fraction_low)
'''

# ---- xl_funcs/engine/errors.py -----------------------------------------------
MODULES['xl_funcs.engine.errors'] = r'''"""The one error the engine raises: a German message for the user, plus the rows it concerns."""

from __future__ import annotations


class AllocationError(ValueError):
    """Bad input or infeasible constraints.

    ``message`` is shown to ministry staff as it is, so it is German and names
    rows 1-based; ``rows`` keeps the 0-based indices for callers that map rows
    back to cells (the workbook reader turns them into ``Zuweisungen!D14``).
    """

    def __init__(self, message: str, rows: tuple[int, ...] = (), field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.rows = tuple(rows)
        self.field = field
'''

# ---- xl_funcs/engine/exact.py ------------------------------------------------
MODULES['xl_funcs.engine.exact'] = r'''"""Turning what callers hand us into exact rationals, and refusing what is not a number.

Floats are taken at their shortest decimal representation (``0.1`` means one
tenth, as Excel shows it), not at their binary value, because the numbers come
from cells a person typed.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from numbers import Rational

from .errors import AllocationError
from .notation import german_number

ExactNumber = int | Fraction | Decimal | float


def exact(value: object, what: str, rows: tuple[int, ...] = ()) -> Fraction:
    """``value`` as a Fraction, or an AllocationError that says ``what`` was wrong."""
    if isinstance(value, bool) or value is None:
        raise AllocationError(f"{what} ist keine Zahl ({_shown(value)}).", rows)
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, Fraction):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise AllocationError(f"{what} ist keine endliche Zahl ({value}).", rows)
        return Fraction(Decimal(repr(value)))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise AllocationError(f"{what} ist keine endliche Zahl ({value}).", rows)
        return Fraction(value)
    if isinstance(value, Rational):
        return Fraction(value.numerator, value.denominator)
    raise AllocationError(f"{what} ist keine Zahl ({_shown(value)}).", rows)


def _shown(value: object) -> str:
    if value is None:
        return "leer"
    if isinstance(value, bool):
        return "WAHR" if value else "FALSCH"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "…"


def as_units(amount: Fraction, unit: Fraction, what: str) -> int:
    """An amount that must be a whole number of units, as that number."""
    count = amount / unit
    if count.denominator != 1:
        raise AllocationError(
            f"{what} ({german_number(decimal_of(amount))}) ist kein ganzzahliges Vielfaches "
            f"der Einheit {german_number(decimal_of(unit))}."
        )
    return count.numerator


def decimal_of(value: Fraction) -> Decimal | Fraction:
    """A Fraction with a finite decimal expansion as an exact Decimal, else unchanged."""
    denominator = value.denominator
    places = 0
    while denominator % 10 == 0:
        denominator //= 10
        places += 1
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
            places += 1
    if denominator != 1:
        return value
    return Decimal(value.numerator * 10**places // value.denominator).scaleb(-places)
'''

# ---- xl_funcs/engine/largest_remainder.py ------------------------------------
MODULES['xl_funcs.engine.largest_remainder'] = r'''"""Hare-Niemeyer: floors of the exact quotas, the rest to the largest remainders.

Quotas come as integer numerators over one common denominator, so that every
comparison is an integer comparison. From a few thousand rows on, the
same integer arithmetic runs in NumPy when every number fits into 64 bits:
the result is identical (a test holds both paths to it), only the sort of a
million remainders no longer dominates.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from .ties import Tie

VECTORISED_FROM_ROWS = 2_000
_INT64_LIMIT = 2**63 - 1


@dataclass(frozen=True)
class RemainderApportionment:
    units: list[int]
    floors: list[int]
    remainders: list[int]  # numerators over ``denominator``
    denominator: int
    order: list[int]  # rows by remainder, largest first, ties in input order
    extra: int  # how many rows got one unit beyond their floor
    tie: Tie | None


def largest_remainder(
    numerators: list[int], denominator: int, seats: int, vectorise: bool | None = None
) -> RemainderApportionment:
    """Apportion ``seats`` by quotas ``numerators[i] / denominator`` that sum to ``seats``.

    ``vectorise`` None decides by size; True/False force a path (for tests).
    """
    if vectorise is None:
        vectorise = len(numerators) >= VECTORISED_FROM_ROWS
    computed = _with_numpy(numerators, denominator, seats) if vectorise else None
    if computed is None:
        computed = _in_python(numerators, denominator, seats)
    units, floors, remainders, order, extra = computed
    return RemainderApportionment(
        units=units,
        floors=floors,
        remainders=remainders,
        denominator=denominator,
        order=order,
        extra=extra,
        tie=_cut_off_tie(order, remainders, extra, denominator),
    )


def _in_python(numerators, denominator, seats):
    floors = [n // denominator for n in numerators]
    remainders = [n - f * denominator for n, f in zip(numerators, floors)]
    extra = seats - sum(floors)
    # sorted() is stable also with reverse=True: equal remainders keep input order,
    # which is the documented tie rule.
    order = sorted(range(len(numerators)), key=remainders.__getitem__, reverse=True)
    units = floors.copy()
    for row in order[:extra]:
        units[row] += 1
    return units, floors, remainders, order, extra


def _with_numpy(numerators, denominator, seats):
    """The same as _in_python, or None where NumPy is missing or a number needs more than 64 bits."""
    if denominator > _INT64_LIMIT or max(numerators) > _INT64_LIMIT or min(numerators) < 0:
        return None
    try:
        import numpy
    except ImportError:  # pragma: no cover - numpy comes with pandas, but the engine does not require it
        return None
    values = numpy.array(numerators, dtype=numpy.int64)
    floors = values // denominator
    remainders = values - floors * denominator
    # A stable sort of the negated remainders: largest first, equal ones in input order.
    order = numpy.argsort(-remainders, kind="stable")
    extra = seats - int(floors.sum())  # at most seats, so no overflow
    units = floors.copy()
    units[order[:extra]] += 1
    return units.tolist(), floors.tolist(), remainders.tolist(), order.tolist(), extra


def _cut_off_tie(order: list[int], remainders: list[int], extra: int, denominator: int) -> Tie | None:
    if extra <= 0 or extra >= len(order):
        return None
    cut = remainders[order[extra - 1]]
    if remainders[order[extra]] != cut:
        return None
    winners = []
    for row in reversed(order[:extra]):
        if remainders[row] != cut:
            break
        winners.append(row)
    losers = []
    for row in order[extra:]:
        if remainders[row] != cut:
            break
        losers.append(row)
    return Tie(tuple(sorted(winners)), tuple(sorted(losers)), Fraction(cut, denominator))
'''

# ---- xl_funcs/engine/methods.py ----------------------------------------------
MODULES['xl_funcs.engine.methods'] = r'''"""The three apportionment methods by name, and how users may spell them."""

from __future__ import annotations

import enum
import unicodedata

from .errors import AllocationError


class Method(enum.Enum):
    HARE_NIEMEYER = "hare-niemeyer"
    SAINTE_LAGUE = "sainte-lague"
    DHONDT = "dhondt"

    @property
    def label(self) -> str:
        """The name as the ministry writes it in a published table."""
        return _LABELS[self]

    @property
    def is_divisor_method(self) -> bool:
        return self is not Method.HARE_NIEMEYER


_LABELS = {
    Method.HARE_NIEMEYER: "Hare-Niemeyer",
    Method.SAINTE_LAGUE: "Sainte-Laguë/Schepers",
    Method.DHONDT: "D'Hondt",
}

# Keys are spellings folded by _fold: lower case, accents and punctuation gone.
_SPELLINGS = {
    "hareniemeyer": Method.HARE_NIEMEYER,
    "hare": Method.HARE_NIEMEYER,
    "largestremainder": Method.HARE_NIEMEYER,
    "groesstereste": Method.HARE_NIEMEYER,
    "groessterrest": Method.HARE_NIEMEYER,
    "saintelague": Method.SAINTE_LAGUE,
    "saintelagueschepers": Method.SAINTE_LAGUE,
    "schepers": Method.SAINTE_LAGUE,
    "webster": Method.SAINTE_LAGUE,
    "dhondt": Method.DHONDT,
    "jefferson": Method.DHONDT,
}


def _fold(text: str) -> str:
    text = text.replace("ß", "ss").replace("ö", "oe").replace("Ö", "oe")
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum())


def parse_method(value: str | Method | None) -> Method:
    """``'Sainte-Laguë'``, ``"d'Hondt"``, ``'HARE-NIEMEYER'`` … -> Method; None -> the default."""
    if value is None:
        return Method.HARE_NIEMEYER
    if isinstance(value, Method):
        return value
    if isinstance(value, str):
        if not value.strip():
            return Method.HARE_NIEMEYER
        method = _SPELLINGS.get(_fold(value))
        if method is not None:
            return method
    raise AllocationError(
        f"Unbekannte Methode {value!r}: erlaubt sind HARE-NIEMEYER, SAINTE-LAGUE und DHONDT.",
        field="method",
    )
'''

# ---- xl_funcs/engine/notation.py ---------------------------------------------
MODULES['xl_funcs.engine.notation'] = r'''"""German notation of exact numbers, for messages and explanations a person reads."""

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
'''

# ---- xl_funcs/engine/per_head.py ---------------------------------------------
MODULES['xl_funcs.engine.per_head'] = r'''"""Per-head amounts (Pauschale je Person), as the programme paid them in 2017–2019.

Each row is rate × count rounded on its own, half away from zero like Excel's
ROUND, so the total follows from the rows instead of being fixed beforehand.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from .errors import AllocationError
from .exact import decimal_of, exact
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
            number = exact(count, f"Die Personenzahl in {row_label(index)}", (index,))
        except AllocationError as error:
            problems.append(error.message)
            rows.append(index)
            continue
        if number < 0:
            problems.append(f"Die Personenzahl in {row_label(index)} ist negativ.")
            rows.append(index)
            continue
        units.append(round_half_away(rate_value * number / unit_value))
    if problems:
        raise AllocationError(" ".join(problems[:5]), tuple(rows), field="counts")
    if unit_value.denominator == 1:
        return tuple(count * unit_value.numerator for count in units)
    unit_decimal = decimal_of(unit_value)
    return tuple(count * unit_decimal for count in units)
'''

# ---- xl_funcs/engine/reference.py --------------------------------------------
MODULES['xl_funcs.engine.reference'] = r'''"""The reference weight of each row from counts over several years (e.g. the mean of three)."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from .errors import AllocationError
from .exact import exact
from .notation import row_label


def reference_weights(counts_by_year: Sequence[Sequence], year_weights: Sequence | None = None) -> tuple[Fraction, ...]:
    """Weighted mean per row: Σ_y g_y · c_{y,i} / Σ_y g_y, exact.

    ``counts_by_year`` holds one sequence per year, each with one count per row;
    ``year_weights`` (default: all 1, the plain mean) one weight per year.
    """
    years = len(counts_by_year)
    if years == 0:
        raise AllocationError("Es ist kein Bezugsjahr angegeben.", field="years")
    rows = len(counts_by_year[0])
    for year, counts in enumerate(counts_by_year):
        if len(counts) != rows:
            raise AllocationError(
                f"Bezugsjahr {year + 1} hat {len(counts)} Werte, Bezugsjahr 1 aber {rows}.", field="years"
            )
    if year_weights is None:
        factors = [Fraction(1)] * years
    else:
        if len(year_weights) != years:
            raise AllocationError(
                f"{len(year_weights)} Jahresgewichte für {years} Bezugsjahre.", field="year_weights"
            )
        factors = [exact(value, f"Das Gewicht von Bezugsjahr {y + 1}") for y, value in enumerate(year_weights)]
        if any(f < 0 for f in factors):
            raise AllocationError("Ein Jahresgewicht ist negativ.", field="year_weights")
    total_factor = sum(factors)
    if total_factor == 0:
        raise AllocationError("Die Jahresgewichte ergeben zusammen 0.", field="year_weights")
    problems, bad_rows = [], []
    result = []
    for row in range(rows):
        value = Fraction(0)
        for year, counts in enumerate(counts_by_year):
            try:
                count = exact(counts[row], f"Der Wert von Bezugsjahr {year + 1} in {row_label(row)}", (row,))
            except AllocationError as error:
                problems.append(error.message)
                bad_rows.append(row)
                continue
            if count < 0:
                problems.append(f"Der Wert von Bezugsjahr {year + 1} in {row_label(row)} ist negativ.")
                bad_rows.append(row)
                continue
            value += factors[year] * count
        result.append(value / total_factor)
    if problems:
        raise AllocationError(" ".join(problems[:5]), tuple(bad_rows), field="counts")
    return tuple(result)
'''

# ---- xl_funcs/engine/ties.py -------------------------------------------------
MODULES['xl_funcs.engine.ties'] = r'''"""A tie that decided an amount, recorded so that a published table can disclose it."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Tie:
    """Rows whose claims on the last units were exactly equal.

    ``winners`` received a unit that ``losers`` with the same claim did not;
    by the documented rule the row that comes first in the input wins.
    ``value`` is the equal claim: the remainder (Hare-Niemeyer) or the
    quotient weight/divisor (divisor methods).
    """

    winners: tuple[int, ...]
    losers: tuple[int, ...]
    value: Fraction

    @property
    def rows(self) -> tuple[int, ...]:
        return tuple(sorted(self.winners + self.losers))
'''

# ---- xl_funcs/engine/water_level.py ------------------------------------------
MODULES['xl_funcs.engine.water_level'] = r'''"""Exact quotas under lower and upper bounds, for the largest-remainder method.

Each row's quota is its weight times one common factor, clamped to its bounds;
the factor is chosen so that the quotas add up to the budget. Rows clamped to a
bound get exactly that bound, and the rest of the budget is shared among the
others in proportion to their weights, which is what "re-apportion the rest
until nothing changes" converges to, found in one sweep instead of rounds.
"""

from __future__ import annotations

from fractions import Fraction


def water_level(seats: int, weights: list[int], lower: list[int], upper: list[int | None]) -> Fraction:
    """The factor λ with Σ clamp(λ·w, lower, upper) = seats (rows of weight 0 stay at lower).

    The caller has checked Σ lower <= seats <= Σ upper over rows that can grow.
    """
    value = sum(lower)
    if value == seats:
        return Fraction(0)
    events: list[tuple[Fraction, int]] = []
    for weight, low, cap in zip(weights, lower, upper):
        if weight == 0 or (cap is not None and cap == low):
            continue
        events.append((Fraction(low, weight), weight))
        if cap is not None:
            events.append((Fraction(cap, weight), -weight))
    events.sort(key=lambda event: event[0])
    level = Fraction(0)
    slope = 0
    for at, change in events:
        reached = value + slope * (at - level)
        if slope and reached >= seats:
            break
        value, level = reached, at
        slope += change
    return level + (seats - value) / slope
'''

# ---- xl_funcs/excel_arguments.py ---------------------------------------------
MODULES['xl_funcs.excel_arguments'] = r'''"""Excel arguments as the three hosts send them, turned into plain Python numbers in one pass.

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

from .number_text import NumberTextError, parse_number_text

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
'''

# ---- xl_funcs/excel_functions.py ---------------------------------------------
MODULES['xl_funcs.excel_functions'] = r'''"""The Excel functions (=ALLOCATE and its companions), written once for all three xlwings hosts.

``from xlwings import func, arg, ret`` gives the classic add-in's decorators on
Windows and the Office.js ones in xlwings Server and Lite; this module does not
care which. Every argument and the result use xlwings' ``"raw"`` converter, so
that xlwings neither cleans cells one by one on the way in (see
``excel_arguments``) nor on the way out: results are built here as the 2-D lists
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

from . import engine
from .engine import AllocationError
from .engine.exact import exact
from .excel_arguments import (
    ArgumentError,
    number_matrix,
    number_vector,
    optional_bounds,
    optional_number,
    optional_text,
    row_numbers,
    scalar_number,
)
from .explanation_text import explanation_text

__all__ = ["allocate", "allocate_base", "per_head", "reference_weights", "shares", "explain"]

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
    values = [exact(value, f"Gewichte, Zeile {index + 1}:") for index, value in enumerate(vector.values)]
    negative = [index + 1 for index, value in enumerate(values) if value < 0]
    if negative:
        raise ArgumentError(f"Gewichte, Zeile {negative[0]}: negativ ({_excel_value(values[negative[0] - 1])}).")
    total = sum(values)
    if total == 0:
        raise ArgumentError("Die Gewichte ergeben zusammen 0; Anteile sind nicht bestimmt.")
    return vector.shaped([float(value / total) for value in values])


@func(call_in_wizard=False, category=_CATEGORY)
@arg("row", "raw", doc="Zeile innerhalb der Gewichte (1 = erste); auch ein Bereich von Zeilennummern")
@arg("budget", "raw", doc="zu verteilender Betrag")
@arg("weights", "raw", doc=_WEIGHTS_DOC)
@arg("method", "raw", doc=_METHOD_DOC)
@arg("unit", "raw", doc=_UNIT_DOC)
@arg("lower", "raw", doc="Mindestbetrag wie bei ALLOCATE")
@arg("upper", "raw", doc="Höchstbetrag wie bei ALLOCATE")
@ret("raw")
@_excel_function("EXPLAIN")
def explain(row, budget, weights, method=None, unit=None, lower=None, upper=None):
    """Erklärt in Worten, wie der Betrag einer Zeile zustande kommt (Quote, Abrundung, Rest, Grenze, Gleichstand)."""
    allocation, vector = _allocation(budget, weights, method, unit, lower, upper)
    chosen = row_numbers(row, "Zeile", len(vector.values))
    return chosen.shaped([explanation_text(allocation, index) for index in chosen.values])
'''

# ---- xl_funcs/explanation_text.py --------------------------------------------
MODULES['xl_funcs.explanation_text'] = r'''"""One row's amount retold in German sentences, from the engine's RowExplanation.

Staff must be able to retrace every euro by hand: the exact quota, what was cut
off, where the row stood among the remainders (or which divisor applied), and
whether a bound or a tie decided it. Numbers are in euros; a quota that does
not end is shown to six places and marked with "…".
"""

from __future__ import annotations

from fractions import Fraction

from .engine import Allocation, RowExplanation
from .engine.exact import decimal_of
from .engine.methods import Method
from .engine.notation import german_number, row_list


def explanation_text(allocation: Allocation, row: int) -> str:
    """E.g. ``Zeile 2: 3.072.884 € (Hare-Niemeyer). Exakte Quote 3.072.883,86… € …``."""
    detail = allocation.explain(row)
    euro = _Euros(allocation.unit)
    parts = [f"Zeile {row + 1}: {euro(detail.units)} ({detail.method.label})."]
    if detail.base:
        parts.append(f"Sockelbetrag {euro(detail.base)}, dazu der Anteil am Rest.")
    if detail.bound is not None:
        parts.append(_bound(detail, euro))
    elif detail.method is Method.HARE_NIEMEYER:
        parts.extend(_largest_remainder(detail, euro))
    else:
        parts.extend(_divisor(detail, euro))
    if detail.tie is not None:
        parts.append(_tie(detail))
    return " ".join(parts)


class _Euros:
    """Units of the allocation shown as euros, e.g. ``6.687.722 €`` or ``0,01 €``."""

    def __init__(self, unit: Fraction) -> None:
        self.unit = unit

    def __call__(self, units: int | Fraction) -> str:
        return _german(Fraction(units) * self.unit) + " €"

    @property
    def unit_text(self) -> str:
        return self(1)


def _german(value: Fraction) -> str:
    shown = decimal_of(value)
    return german_number(shown)


def _share(detail: RowExplanation) -> str:
    return german_number(detail.share * 100, 4) + " %"


def _largest_remainder(detail: RowExplanation, euro: _Euros) -> list[str]:
    sentences = [
        f"Exakte Quote {euro(detail.quota)} (Anteil {_share(detail)}); abgerundet {euro(detail.floor)}."
    ]
    extra = detail.extra_units
    if extra <= 0:
        sentences.append("Nach dem Abrunden blieb keine Einheit übrig.")
        return sentences
    units_text = "die übrige Einheit" if extra == 1 else f"die {german_number(extra)} übrigen Einheiten"
    ranks = "Rang 1" if extra == 1 else f"die Ränge 1 bis {german_number(extra)}"
    sentences.append(
        f"Der Rest {euro(detail.remainder)} steht auf Rang {german_number(detail.rank)} "
        f"von {german_number(detail.remainder_rows)}; {units_text} zu {euro.unit_text} "
        f"{'geht' if extra == 1 else 'gehen'} an {ranks}."
    )
    if detail.got_extra:
        sentences.append(f"Daher {euro(detail.floor)} + {euro.unit_text}.")
    else:
        sentences.append(f"Daher bleibt es bei {euro(detail.floor)}.")
    return sentences


def _divisor(detail: RowExplanation, euro: _Euros) -> list[str]:
    multiplier = detail.multiplier
    rounding = "abgerundet" if detail.method is Method.DHONDT else "kaufmännisch gerundet"
    sentences = [f"Exakte Quote {euro(detail.quota)} (Anteil {_share(detail)})."]
    if not multiplier:
        sentences.append("Ohne Gewicht erhält die Zeile keine Einheit.")
        return sentences
    divisor = 1 / multiplier
    product = detail.weight * multiplier
    sentences.append(
        f"Divisor {german_number(divisor)}: Gewicht {german_number(detail.weight)} ÷ Divisor = "
        f"{german_number(product)} Einheiten zu {euro.unit_text}, {rounding} "
        f"{german_number(detail.units - detail.base)}."
    )
    return sentences


def _bound(detail: RowExplanation, euro: _Euros) -> str:
    name = "Untergrenze (Mindestbetrag)" if detail.bound == "lower" else "Obergrenze (Höchstbetrag)"
    return (
        f"Die {name} greift: die Zeile erhält genau {euro(detail.units)}; "
        "der Rest des Budgets wird unter den übrigen Zeilen verteilt."
    )


def _tie(detail: RowExplanation) -> str:
    tie = detail.tie
    others = [r for r in tie.rows if r != detail.row]
    won = detail.row in tie.winners
    outcome = (
        "diese Zeile erhielt die Einheit"
        if won
        else f"die Einheit ging an {row_list(tie.winners)}"
    )
    return (
        f"Gleichstand mit {row_list(others)} (exakt gleicher Anspruch): bei Gleichstand geht die "
        f"frühere Zeile vor, {outcome}."
    )
'''

# ---- xl_funcs/number_text.py -------------------------------------------------
MODULES['xl_funcs.number_text'] = r'''"""Numbers typed as text, read only where their meaning is unambiguous.

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
'''

# ---- importer ----------------------------------------------------------------

import importlib.abc  # noqa: E402
import importlib.util  # noqa: E402
import linecache  # noqa: E402
import sys  # noqa: E402

PACKAGES = frozenset({'xl_funcs', 'xl_funcs.engine'})


class BundledModules(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Imports the modules above by name, ahead of any installed copy."""

    bundles_xl_funcs = True

    def find_spec(self, fullname, path=None, target=None):
        if fullname not in MODULES:
            return None
        return importlib.util.spec_from_loader(
            fullname, self, origin=self.filename(fullname), is_package=fullname in PACKAGES
        )

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        name = module.__name__
        filename = self.filename(name)
        source = MODULES[name]
        # Tracebacks then show the lines of the bundled module.
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        exec(compile(source, filename, "exec"), module.__dict__)

    @staticmethod
    def filename(name):
        suffix = "/__init__.py" if name in PACKAGES else ".py"
        return "main.py:" + name.replace(".", "/") + suffix


def install():
    """Lite runs main.py again after every edit: drop the copies an earlier run imported."""
    sys.meta_path[:] = [finder for finder in sys.meta_path if not getattr(finder, "bundles_xl_funcs", False)]
    for name in [name for name in sys.modules if name == "xl_funcs" or name.startswith("xl_funcs.")]:
        del sys.modules[name]
    sys.meta_path.insert(0, BundledModules())


install()

# ---- what Lite registers -------------------------------------------------------

from xl_funcs.excel_functions import *  # noqa: E402,F401,F403
