"""apportion(): an integer budget, counted in a unit, shared among weights to the last unit.

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

from .choices import choice
from .divisor import divisor_method
from .errors import AllocationError
from .exact import as_units, decimal_of, exact, nonnegative
from .largest_remainder import largest_remainder
from .methods import Method, parse_method
from .notation import german_number, row_label, row_list
from .ties import Tie
from .water_level import water_level

Bound = Literal["lower", "upper"]
BOUND_RULES = ("redistribute", "quota")


def parse_bound_rule(value: str | None) -> str:
    """``redistribute``/``quota``, also ``neu verteilen``/``Quote``; None -> ``redistribute``."""
    spellings = {"redistribute": "redistribute", "neu verteilen": "redistribute", "neuverteilung": "redistribute",
                 "quota": "quota", "quote": "quota"}
    return choice(value, spellings, "redistribute", "Grenzregel",
                  "„neu verteilen“ und „Quote“ (redistribute, quota)", "bound_rule")


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
    # What the rows not held at a bound share: units after Sockelbetrag and bound rows, and their
    # total weight. An unbound row's quota is pool_units × weight / pool_weight (Hare-Niemeyer).
    pool_units: int
    pool_weight: Fraction


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
    bound_rule: str = "redistribute"  # how Hare-Niemeyer treats bounds: re-apportion the rest, or keep quotas
    tie_priority: tuple[int, ...] | None = None  # who went first at a tie (None: input order)

    @property
    def amounts(self) -> tuple[int, ...] | tuple[Decimal, ...]:
        """Money per row: ints when the unit is whole euros, exact Decimals otherwise."""
        if self.unit.denominator == 1:
            factor = self.unit.numerator
            if factor == 1:  # whole euros: the units are the amounts (a million rows: no second tuple)
                return self.units
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
            pool_units=self._pool[0],
            pool_weight=self._pool[1],
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
                bound=self._bound_hare(row),
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
    def _pool(self) -> tuple[int, Fraction]:
        """Units and total weight of the rows that share the rest among themselves (not at a bound)."""
        rest = self.budget_units - self.base_units * len(self._weights)
        if not self._bounded or self.bound_rule == "quota":
            # With the quota rule every free row keeps its quota on the whole rest.
            return rest, Fraction(sum(self._weights), self._weight_scale)
        held_units = 0
        free_weight = 0
        for row, weight in enumerate(self._weights):
            if self._bound(row) is None:
                free_weight += weight
            else:
                held_units += self.units[row] - self.base_units
        return rest - held_units, Fraction(free_weight, self._weight_scale)

    def _bound(self, row: int) -> Bound | None:
        if self.method is Method.HARE_NIEMEYER:
            return self._bound_hare(row)
        return self._bound_divisor(row, self.units[row] - self.base_units, self._detail.multiplier)

    @cached_property
    def _remainder_positions(self) -> list[int]:
        positions = [0] * len(self._detail.order)
        for position, row in enumerate(self._detail.order):
            positions[row] = position
        return positions

    def _bound_hare(self, row: int) -> Bound | None:
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
    priority: Sequence[int] | None = None,
    bound_rule: str = "redistribute",
) -> Allocation:
    """Share ``budget`` among ``weights`` so that the amounts add up to it exactly.

    ``unit`` is the smallest amount paid (1 = whole euros, 0.01 = cents);
    ``lower``/``upper`` are per-row bounds (a number for all rows, or one per
    row, None for none), ``base`` a Sockelbetrag every row receives first.
    Bounds are taken inwards to whole units: a minimum rounds up, a maximum down.
    ``priority`` (see ties.tie_priority) decides exactly equal claims; None:
    the row that comes first. ``bound_rule`` for Hare-Niemeyer with bounds:
    ``redistribute`` (bound rows fixed, the rest re-apportioned among the
    others) or ``quota`` (every row keeps its quota on the whole budget, rows
    beyond a bound are set to it, the units left go by the largest remainders
    among the others, as in the US House apportionment of 1882).
    """
    chosen = parse_method(method)
    if bound_rule not in BOUND_RULES:
        raise AllocationError(
            f"Unbekannte Grenzregel {bound_rule!r}: erlaubt sind redistribute und quota.", field="bound_rule"
        )
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
    order = _checked_priority(priority, n)
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

    quota_rule = bounded and bound_rule == "quota"
    if quota_rule and chosen is not Method.HARE_NIEMEYER:
        raise AllocationError(
            "Die Grenzregel „Quote“ gilt nur für Hare-Niemeyer; Divisorverfahren verteilen bei Grenzen neu.",
            field="bound_rule",
        )
    level = Fraction(rest, sum(int_weights)) if quota_rule and any(int_weights) else _level(
        rest, int_weights, low, high, bounded
    )
    if quota_rule:
        units_rest, detail = _hare_keeping_quotas(rest, int_weights, low, high, level, order)
    elif chosen is Method.HARE_NIEMEYER:
        units_rest, detail = _hare(rest, int_weights, low, high, bounded, level, order)
    else:
        detail = divisor_method(chosen, int_weights, rest, low, high, level, order)
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
        bound_rule=bound_rule if bounded else "redistribute",
        tie_priority=order,
    )


def shares(weights: Sequence) -> tuple[Fraction, ...]:
    """Each weight's exact share of the total, checked like the weights of apportion()."""
    int_weights, _ = _integer_weights(weights)
    total = sum(int_weights)
    if total == 0:
        raise AllocationError("Die Gewichte ergeben zusammen 0; Anteile sind nicht bestimmt.", field="weights")
    return tuple(Fraction(weight, total) for weight in int_weights)


def _level(rest: int, weights: list[int], low, high, bounded: bool) -> Fraction:
    """Units per weight at which the exact quotas, within their bounds, add up to ``rest``."""
    if bounded:
        return water_level(rest, weights, low, high)
    total = sum(weights)
    return Fraction(rest, total) if total else Fraction(0)


def _hare(rest, weights, low, high, bounded, level, priority=None):
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
    result = largest_remainder(numerators, denominator, rest, priority=priority)
    detail = _HareDetail(
        result.floors, result.remainders, result.denominator, result.order, result.extra, level, result.tie
    )
    return result.units, detail


def _hare_keeping_quotas(rest, weights, low, high, level, priority):
    """The quota rule: rows beyond a bound get the bound, the others the floor of their quota on the
    whole rest and the units left by their original remainders."""
    a, b = level.numerator, level.denominator
    fixed: dict[int, int] = {}
    for row, (weight, minimum, cap) in enumerate(zip(weights, low, high)):
        value = a * weight
        if weight == 0 or value < minimum * b:
            fixed[row] = minimum
        elif cap is not None and value > cap * b:
            fixed[row] = cap
    free = [row for row in range(len(weights)) if row not in fixed]
    floors_free = [a * weights[row] // b for row in free]
    left = rest - sum(fixed.values()) - sum(floors_free)
    if left < 0 or left > len(free):
        raise AllocationError(
            "Mit der Grenzregel „Quote“ lassen sich die Grenzen nicht einhalten: nach dem Anheben auf die "
            f"Untergrenzen und Kürzen auf die Obergrenzen fehlen oder bleiben {german_number(abs(left))} Einheiten, "
            "die die Reste der übrigen Zeilen nicht ausgleichen können. Bitte die Grenzregel „neu verteilen“ wählen.",
            field="bound_rule",
        )
    numerators = [a * weights[row] for row in free]
    seats_free = sum(floors_free) + left
    part = largest_remainder(
        numerators, b, seats_free, priority=None if priority is None else tuple(priority[row] for row in free)
    )
    units = [0] * len(weights)
    floors = [0] * len(weights)
    remainders = [0] * len(weights)
    for row, value in fixed.items():
        units[row] = floors[row] = value
    for index, row in enumerate(free):
        units[row] = part.units[index]
        floors[row] = part.floors[index]
        remainders[row] = part.remainders[index]
    order = [free[index] for index in part.order] + sorted(fixed)
    tie = None
    if part.tie is not None:
        tie = Tie(
            tuple(free[i] for i in part.tie.winners), tuple(free[i] for i in part.tie.losers), part.tie.value
        )
    return units, _HareDetail(floors, remainders, b, order, part.extra, level, tie)


def _checked_priority(priority, n: int) -> tuple[int, ...] | None:
    if priority is None:
        return None
    order = tuple(priority)
    if len(order) != n:
        raise AllocationError(
            f"Die Gleichstandsreihenfolge hat {len(order)} Einträge für {n} Gewichte.", field="tie_rule"
        )
    return order


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
            number = nonnegative(value, f"Die {name} in {row_label(index)}", (index,))
        except AllocationError as error:
            problems.append(error.message)
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
