"""Transition rules between last year's distribution and the new key: loss cap, gain cap, phase-in.

Each rule is applied exactly, in whole units, and reported: per row the amount
by the plain key (no rule), the amount with the rules, and the difference, so
that a published table can say what the cushion cost and who paid for it.

Who pays for the loss cap (``financing``):
- ``all``: capped rows are held at their minimum and the rest of the budget is
  re-apportioned among all others by the method (as any lower bound);
- ``gainers``: only rows above last year's amount pay; every gain is cut to one
  common rate on last year's amount, found exactly, so that the budget is met;
  all other rows keep the key's amount;
- ``fund``: the key stays as it is; a hardship fund outside the budget tops up
  every row that would lose more than the cap, and its size is reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .allocation import Allocation, apportion, shares
from .choices import choice
from .errors import AllocationError
from .exact import decimal_of, exact, nonnegative
from .largest_remainder import largest_remainder
from .notation import german_number, row_label, row_list
from .ties import Tie
from .water_level import water_level

FINANCING_RULES = ("all", "gainers", "fund")

@dataclass(frozen=True)
class TransitionRow:
    """One row's amounts in units: by the plain key, with the rules, and what each rule set."""

    row: int
    previous: Fraction  # last year's amount, in units
    without: int  # by the plain key, no transition rule
    units: int  # paid from the budget with the rules
    top_up: int  # paid from the hardship fund (financing "fund")
    minimum: int | None  # loss cap: previous × (1 − max_loss), rounded up
    maximum: int | None  # gain cap: previous × (1 + max_gain), rounded down
    capped_loss: bool  # the loss cap raised this row
    capped_gain: bool  # a gain cap (max_gain, or the common rate of "gainers") cut this row

    @property
    def total(self) -> int:
        return self.units + self.top_up

    @property
    def difference(self) -> int:
        return self.total - self.without

@dataclass(frozen=True)
class Transition:
    """The result of apportion_transition(); amounts per row in money, everything else in units."""

    unit: Fraction
    budget_units: int
    financing: str
    max_loss: Fraction | None
    max_gain: Fraction | None
    phase_in: Fraction | None
    gain_rate: Fraction | None  # the common rate the gains were cut to ("gainers", when anyone paid)
    plain: Allocation  # the key without any rule
    key: Allocation  # the apportionment the rules started from (phase-in weights, caps financed by all)
    rows: tuple[TransitionRow, ...]
    ties: tuple[Tie, ...]

    @property
    def units(self) -> tuple[int, ...]:
        return tuple(row.total for row in self.rows)

    @property
    def amounts(self) -> tuple[int, ...] | tuple[Decimal, ...]:
        """What each row receives in total (budget plus top-up), ints for whole euros, else Decimals."""
        return self._money(self.units)

    @property
    def paid_amounts(self) -> tuple[int, ...] | tuple[Decimal, ...]:
        """What each row receives from the budget (without the fund's top-up)."""
        return self._money(tuple(row.units for row in self.rows))

    @property
    def top_up_amounts(self) -> tuple[int, ...] | tuple[Decimal, ...]:
        return self._money(tuple(row.top_up for row in self.rows))

    @property
    def fund_units(self) -> int:
        return sum(row.top_up for row in self.rows)

    @property
    def fund(self) -> int | Decimal:
        return self._money((self.fund_units,))[0]

    @property
    def moved_units(self) -> int:
        """How much the rules moved between rows (and from the fund): the sum of all increases."""
        return sum(row.difference for row in self.rows if row.difference > 0)

    @property
    def tie_rows(self) -> frozenset[int]:
        return frozenset(row for tie in self.ties for row in tie.rows)

    def _money(self, counts):
        if self.unit.denominator == 1:
            return tuple(count * self.unit.numerator for count in counts)
        unit = decimal_of(self.unit)
        return tuple(count * unit for count in counts)

def parse_financing(value: str | None) -> str:
    """``all``/``gainers``/``fund``, also ``alle``/``Gewinner``/``Fonds``; None -> ``all``."""
    spellings = {"all": "all", "alle": "all", "gainers": "gainers", "gewinner": "gainers", "fund": "fund",
                 "fonds": "fund", "härtefonds": "fund", "haertefonds": "fund"}
    return choice(value, spellings, "all", "Finanzierung", "alle, Gewinner und Fonds (all, gainers, fund)",
                  "financing")


def apportion_transition(
    budget,
    weights: Sequence,
    previous: Sequence | None,
    *,
    max_loss=None,
    financing: str | None = "all",
    max_gain=None,
    phase_in=None,
    method=None,
    unit=1,
    lower=None,
    upper=None,
    base=0,
    priority: Sequence[int] | None = None,
    bound_rule: str = "redistribute",
) -> Transition:
    """Apportion ``budget`` by ``weights`` and cushion the change against ``previous`` (money per row).

    ``max_loss``/``max_gain`` are fractions of last year's amount (0.1 = 10 %),
    ``phase_in`` the weight of last year's distribution in a blend of shares
    (0.5: half old, half new). ``lower``/``upper``/``base``/``priority``/
    ``bound_rule`` as in apportion().
    """
    rule = parse_financing(financing)
    loss = _rate(max_loss, "Die Verlustbegrenzung", "max_loss", at_most_one=True)
    gain = _rate(max_gain, "Die Zuwachsbegrenzung", "max_gain", at_most_one=False)
    blend = _rate(phase_in, "Der Übergangsanteil", "phase_in", at_most_one=True)
    common = dict(method=method, unit=unit, base=base, priority=priority, bound_rule=bound_rule)
    plain = apportion(budget, weights, lower=lower, upper=upper, **common)
    n = len(plain.units)
    unit_value = plain.unit
    named = (("die Verlustbegrenzung", loss), ("die Zuwachsbegrenzung", gain), ("den Übergangsanteil", blend))
    needs_previous = [name for name, value in named if value is not None]
    before = _previous_units(previous, n, unit_value, needs_previous)

    key_weights = list(weights) if blend is None else _blended(weights, before, blend)
    minimum = [None] * n if loss is None else [_ceil(p * (1 - loss)) for p in before]
    maximum = [None] * n if gain is None else [_floor(p * (1 + gain)) for p in before]
    explicit_low = _per_row(lower, n)
    explicit_high = _per_row(upper, n)
    high = [_tighter(h, None if m is None else m * unit_value, min) for h, m in zip(explicit_high, maximum)]
    low = explicit_low
    if rule == "all":
        low = [_tighter(l, None if m is None else m * unit_value, max) for l, m in zip(explicit_low, minimum)]
    key = apportion(
        budget,
        key_weights,
        lower=None if all(v is None for v in low) else low,
        upper=None if all(v is None for v in high) else high,
        **common,
    )
    units = list(key.units)
    top_up = [0] * n
    gain_rate = None
    ties = list(key.ties)
    capped_gain = [m is not None and key.units[i] == m and plain.units[i] > m for i, m in enumerate(maximum)]
    if rule == "fund":
        top_up = [max(0, m - u) if m is not None else 0 for m, u in zip(minimum, units)]
    elif rule == "gainers":
        gain_rate, units, cut, tie = _financed_by_gainers(units, before, minimum, priority)
        capped_gain = [a or b for a, b in zip(capped_gain, cut)]
        if tie is not None:
            ties.append(tie)
        _require_bounds_kept(units, explicit_low, explicit_high, unit_value)
    rows = tuple(
        TransitionRow(
            row=i,
            previous=before[i],
            without=plain.units[i],
            units=units[i],
            top_up=top_up[i],
            minimum=minimum[i],
            maximum=maximum[i],
            capped_loss=minimum[i] is not None and units[i] + top_up[i] == minimum[i] and key.units[i] <= minimum[i]
            and plain.units[i] < minimum[i],
            capped_gain=capped_gain[i],
        )
        for i in range(n)
    )
    return Transition(
        unit=unit_value,
        budget_units=plain.budget_units,
        financing=rule,
        max_loss=loss,
        max_gain=gain,
        phase_in=blend,
        gain_rate=gain_rate,
        plain=plain,
        key=key,
        rows=rows,
        ties=tuple(ties),
    )

def _financed_by_gainers(units, before, minimum, priority):
    """Raise capped rows to their minimum, paid by cutting every gain to one common rate r on last year.

    r solves Σ_gainers max(0, u_i − p_i·(1 + r)) = need exactly (a piecewise linear, falling function of
    r, solved over its sorted breakpoints by water_level); the cut amounts are then rounded to units by largest
    remainders so that the budget holds to the unit and no gain exceeds the rate by a unit or more.
    """
    n = len(units)
    need = sum(max(0, m - u) for m, u in zip(minimum, units) if m is not None)
    cut = [False] * n
    if need == 0:
        return None, list(units), cut, None
    gainers = [i for i in range(n) if units[i] > before[i]]
    without_previous = [i for i in gainers if before[i] == 0]
    if without_previous:
        raise AllocationError(
            f"Finanzierung durch die Gewinner: {row_list(without_previous)} hatte im Vorjahr nichts; ein Zuwachs "
            "lässt sich dort nicht als Anteil am Vorjahr begrenzen. Bitte eine andere Finanzierung wählen.",
            tuple(without_previous),
            field="financing",
        )
    capacity = sum(units[i] - before[i] for i in gainers)
    if capacity < need:
        raise AllocationError(
            f"Finanzierung durch die Gewinner reicht nicht: die Verlustbegrenzung kostet {german_number(need)} "
            f"Einheiten, die Zuwächse aller Gewinner zusammen betragen nur {german_number(decimal_of(capacity))}. "
            "Bitte eine geringere Verlustbegrenzung oder eine andere Finanzierung wählen.",
            field="financing",
        )
    # What the gainers keep is min(u, p·(1 + r)) = clamp(λ·p, p, u) with λ = 1 + r, and together it must be
    # Σ u − need: the water level over last year's amounts, found exactly over the sorted breakpoints u/p.
    level = water_level(
        sum(units[i] for i in gainers) - need,
        [before[i] for i in gainers],
        [before[i] for i in gainers],
        [units[i] for i in gainers],
    )
    rate = max(level - 1, Fraction(0))  # level 0 means every gain is used up: the rate is 0
    result = list(units)
    for i, m in enumerate(minimum):
        if m is not None and units[i] < m:
            result[i] = m
    targets = {i: before[i] * (1 + rate) for i in gainers if units[i] > before[i] * (1 + rate)}
    rows = sorted(targets)
    if not rows:
        return rate, result, cut, None
    denominator = 1
    for i in rows:
        denominator = denominator * targets[i].denominator // _gcd(denominator, targets[i].denominator)
    numerators = [targets[i].numerator * (denominator // targets[i].denominator) for i in rows]
    seats = sum(units[i] for i in rows) - need
    part = largest_remainder(
        numerators, denominator, seats, priority=None if priority is None else tuple(priority[i] for i in rows)
    )
    for index, i in enumerate(rows):
        result[i] = part.units[index]
        cut[i] = True
    tie = None
    if part.tie is not None:
        tie = Tie(tuple(rows[k] for k in part.tie.winners), tuple(rows[k] for k in part.tie.losers), part.tie.value)
    return rate, result, cut, tie

def _gcd(a: int, b: int) -> int:
    while b:
        a, b = b, a % b
    return a

def _rate(value, what: str, field: str, at_most_one: bool) -> Fraction | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    rate = exact(value, what)
    if rate < 0 or (at_most_one and rate > 1):
        limit = "zwischen 0 und 1 (0 % bis 100 %)" if at_most_one else "mindestens 0"
        raise AllocationError(
            f"{what} muss {limit} liegen (angegeben: {german_number(decimal_of(rate))}); 10 % = 0,1.", field=field
        )
    return rate

def _previous_units(previous, n: int, unit: Fraction, needed: list[str]) -> list[Fraction]:
    if previous is None:
        if needed:
            raise AllocationError(
                f"Für {' und '.join(needed)} fehlen die Beträge des Vorjahres.", field="previous"
            )
        return [Fraction(0)] * n
    if isinstance(previous, (str, bytes)) or not isinstance(previous, Sequence):
        raise AllocationError("Die Beträge des Vorjahres müssen eine Liste von Zahlen sein.", field="previous")
    if len(previous) != n:
        raise AllocationError(
            f"Es sind {len(previous)} Beträge des Vorjahres für {n} Gewichte angegeben.", field="previous"
        )
    problems, rows, values = [], [], []
    for index, value in enumerate(previous):
        if value is None and not needed:
            values.append(Fraction(0))
            continue
        try:
            number = nonnegative(value, f"Der Betrag des Vorjahres in {row_label(index)}", (index,))
        except AllocationError as error:
            problems.append(error.message)
            rows.append(index)
            continue
        values.append(number / unit)
    if problems:
        raise AllocationError(" ".join(problems[:5]), tuple(rows), field="previous")
    return values

def _blended(weights: Sequence, before: list[Fraction], blend: Fraction) -> list[Fraction]:
    """Shares φ·old + (1 − φ)·new, exactly; the new shares from the weights as apportion() takes them."""

    new = shares(weights)
    total_before = sum(before)
    if total_before == 0:
        raise AllocationError(
            "Für den Übergangsanteil müssen die Beträge des Vorjahres zusammen mehr als 0 ergeben.", field="previous"
        )
    return [blend * (p / total_before) + (1 - blend) * s for p, s in zip(before, new)]

def _require_bounds_kept(units, low, high, unit_value: Fraction) -> None:
    """The gainers' common rate cuts and raises rows after the key: a Mindest- or Höchstbetrag it would
    break is refused (German), never silently broken."""
    broken = [
        i
        for i, (u, l, h) in enumerate(zip(units, low, high))
        if (l is not None and u * unit_value < exact(l, "Die Grenze"))
        or (h is not None and u * unit_value > exact(h, "Die Grenze"))
    ]
    if broken:
        raise AllocationError(
            f"Finanzierung durch die Gewinner: für {row_list(broken)} hielte der Betrag seinen Mindest- oder "
            "Höchstbetrag nicht ein, weil die einheitliche Zuwachsrate ihn verschiebt. Bitte die Grenzen anpassen "
            "oder eine andere Finanzierung wählen.",
            tuple(broken),
            field="financing",
        )


def _per_row(values, n: int) -> list:
    if values is None:
        return [None] * n
    if isinstance(values, Sequence) and not isinstance(values, (str, bytes)):
        return list(values)
    return [values] * n

def _tighter(explicit, derived, pick):
    if explicit is None:
        return derived
    if derived is None:
        return explicit
    return pick(exact(explicit, "Die Grenze"), derived)

def _ceil(value: Fraction) -> int:
    return -((-value.numerator) // value.denominator)

def _floor(value: Fraction) -> int:
    return value.numerator // value.denominator
