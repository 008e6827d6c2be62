"""From Inputs to every figure of the official table, through the engine only."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .engine import Allocation, AllocationError, RowExplanation, Tie, apportion, reference_weights, shown_shares
from .engine.ties import tie_priority
from .engine.transition import Transition, TransitionRow, apportion_transition
from .inputs import District, InputProblems, Inputs, Parameters, Problem


@dataclass(frozen=True)
class DistrictResult:
    district: District
    reference: Fraction  # Bezugsgröße: the (weighted) mean count over the reference years
    share: Fraction  # reference / total reference
    amount: int | Decimal  # Mittel des Haushaltsjahres in euros
    lower: Fraction | None  # the effective Mindestbetrag (explicit or from the loss cap)
    explanation: RowExplanation
    transition: TransitionRow | None = None  # what the transition rules did to this row (None: no rule)
    top_up: int | Decimal = 0  # paid from the hardship fund on top of ``amount`` (financing "fund"), in euros
    shown_share: Fraction = Fraction(0)  # the share as printed: whole hundredths of a percent, adding to 100 %

    @property
    def previous(self) -> Decimal | None:
        return self.district.previous_amount

    @property
    def change(self) -> Decimal | None:
        if self.previous is None:
            return None
        return Decimal(self.amount) - self.previous

    @property
    def change_ratio(self) -> Fraction | None:
        """Change against last year as a fraction of last year (None without a previous amount)."""
        if self.previous is None or self.previous == 0:
            return None
        return Fraction(self.change) / Fraction(self.previous)


@dataclass(frozen=True)
class Totals:
    """The sums over a group of Kreise (a Regierungsbezirk, or all of them)."""

    reference: Fraction
    share: Fraction
    amount: int | Decimal
    previous: Decimal | None  # None unless every Kreis of the group has last year's amount
    change: Decimal | None
    shown_share: Fraction = Fraction(0)  # the sum of the printed shares

    @property
    def change_ratio(self) -> Fraction | None:
        if not self.previous:
            return None
        return Fraction(self.change) / Fraction(self.previous)


def totals(rows) -> Totals:
    rows = list(rows)
    previous = change = None
    if rows and all(row.previous is not None for row in rows):
        previous = sum(row.previous for row in rows)
        change = sum(Decimal(row.amount) for row in rows) - previous
    return Totals(
        reference=sum((row.reference for row in rows), Fraction(0)),
        share=sum((row.share for row in rows), Fraction(0)),
        amount=sum(row.amount for row in rows),
        previous=previous,
        change=change,
        shown_share=sum((row.shown_share for row in rows), Fraction(0)),
    )


@dataclass(frozen=True)
class Calculation:
    inputs: Inputs
    allocation: Allocation
    rows: tuple[DistrictResult, ...]
    transition: Transition | None = None  # set when a transition rule beyond a loss cap paid by all applies

    @property
    def ties(self) -> tuple[Tie, ...]:
        """Every tie that decided an amount, in the key and in the rounding of the transition rules."""
        return self.transition.ties if self.transition is not None else self.allocation.ties

    @property
    def totals(self) -> Totals:
        return totals(self.rows)

    @property
    def total(self) -> int | Decimal:
        return self.totals.amount

    @property
    def total_reference(self) -> Fraction:
        return self.totals.reference

    @property
    def previous_total(self) -> Decimal | None:
        return self.totals.previous

    @property
    def has_previous(self) -> bool:
        return any(row.previous is not None for row in self.rows)


def calculate(inputs: Inputs) -> Calculation:
    """All figures; an engine error becomes InputProblems pointing at the Kreis rows concerned."""
    try:
        return _calculate(inputs)
    except AllocationError as error:
        districts = inputs.districts
        message = error.naming([d.label for d in districts])
        concerned = [districts[i] for i in error.rows if i < len(districts)]
        where = concerned[0].row if len(concerned) == 1 else None
        raise InputProblems([Problem(message, where=where)]) from None


def _calculate(inputs: Inputs) -> Calculation:
    p = inputs.parameters
    districts = inputs.districts
    counts_by_year = [[d.count(year) for d in districts] for year in p.reference_years]
    weights = reference_weights(counts_by_year, p.year_weights)
    priority = tie_priority(
        p.tie_rule,
        len(districts),
        weights=weights,
        labels=[d.key for d in districts],
        seed=p.seed,
        ranks=[d.rank for d in districts],
    )
    common = dict(method=p.method, unit=p.unit, base=p.base, priority=priority, bound_rule=p.bound_rule)
    explicit_lower = [None if d.lower is None else Fraction(d.lower) for d in districts]
    upper = [d.upper for d in districts]
    bounded_high = any(value is not None for value in upper)
    transition = None
    if uses_transition_rules(p):
        transition = apportion_transition(
            p.budget,
            list(weights),
            [d.previous_amount for d in districts],
            max_loss=p.loss_cap,
            financing=p.financing,
            max_gain=p.max_gain,
            phase_in=p.phase_in,
            lower=explicit_lower if any(v is not None for v in explicit_lower) else None,
            upper=upper if bounded_high else None,
            **common,
        )
        allocation = transition.key
        unit = transition.unit
        amounts = transition.paid_amounts
        top_ups = transition.top_up_amounts
        lower = [
            _larger(explicit_lower[i], None if row.minimum is None or p.financing != "all" else row.minimum * unit)
            for i, row in enumerate(transition.rows)
        ]
    else:
        lower = [_effective_lower(d, p.loss_cap) for d in districts]
        bounded_low = any(value is not None for value in lower)
        allocation = apportion(
            p.budget,
            list(weights),
            lower=lower if bounded_low else None,
            upper=upper if bounded_high else None,
            **common,
        )
        amounts = allocation.amounts
        top_ups = [0] * len(districts)
    total = sum(weights, Fraction(0))
    printed = shown_shares(weights) if total else (Fraction(0),) * len(weights)
    rows = tuple(
        DistrictResult(
            district=d,
            reference=weights[i],
            share=weights[i] / total if total else Fraction(0),
            amount=amounts[i],
            lower=lower[i],
            explanation=allocation.explain(i),
            transition=None if transition is None else transition.rows[i],
            top_up=top_ups[i],
            shown_share=printed[i],
        )
        for i, d in enumerate(districts)
    )
    return Calculation(inputs=inputs, allocation=allocation, rows=rows, transition=transition)


def uses_transition_rules(p: Parameters) -> bool:
    """Whether more than today's loss cap (a lower bound paid by all) applies: then the transition engine."""
    return p.max_gain is not None or p.phase_in is not None or (p.loss_cap is not None and p.financing != "all")


def _larger(a: Fraction | None, b: Fraction | None) -> Fraction | None:
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)


def _effective_lower(district: District, loss_cap: Decimal | None) -> Fraction | None:
    """The larger of the explicit Mindestbetrag and last year's amount less the loss cap."""
    candidates = []
    if district.lower is not None:
        candidates.append(Fraction(district.lower))
    if loss_cap is not None and district.previous_amount is not None:
        candidates.append(Fraction(district.previous_amount) * (1 - Fraction(loss_cap)))
    return max(candidates) if candidates else None
