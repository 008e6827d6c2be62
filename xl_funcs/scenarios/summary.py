"""The figures of one variant's summary row, exactly, from its calculation and its uncushioned twin.

Nothing here knows how a transition rule works: the money a cushion moves is
the difference to the same key without it, the fund it needs is what is paid
beyond the budget, and what it leaves the Kreise that pay for it is read off
their amounts. So the figures stay true for whatever rules the calculation has.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from ..calculation import DistrictResult
from ..engine.exact import whole_or_exact
from ..inputs import District
from .comparison import VariantResult

THRESHOLDS = (Fraction(1, 10), Fraction(2, 10))  # "Kreise mit mehr als 10 % / 20 % Verlust"


@dataclass(frozen=True)
class Extreme:
    district: District
    value: int | Decimal | Fraction  # € (a change, exact) or € per person (a Fraction)
    ratio: Fraction | None = None  # the change as a fraction of last year


@dataclass(frozen=True)
class CushionPrice:
    """What the loss cap, gain cap or phase-in costs, against the same key without them."""

    moved: int | Decimal  # total of what the protected Kreise get more (= what the others or a fund give)
    receivers: int  # Kreise that get more than without the cushion
    payers: int  # Kreise that get less
    fund: int | Decimal  # paid beyond the budget (the hardship fund); 0 when the budget finances it
    payers_highest_gain: Fraction | None  # the largest gain against last year left to a paying Kreis
    payers_highest_gain_without: Fraction | None  # … and what it was without the cushion
    payers_kept: Fraction | None  # the paying Kreise's gains with the cushion ÷ without (together)


@dataclass(frozen=True)
class VariantSummary:
    budget: int | Decimal
    paid: int | Decimal
    gaining: int | None  # None: no previous amounts in the workbook
    losing: int | None
    unchanged: int | None
    largest_gain: Extreme | None
    largest_loss: Extreme | None
    losing_more_than: tuple[int | None, ...]  # per THRESHOLDS
    price: CushionPrice | None  # None: the variant has no cushion
    per_person_high: Extreme | None
    per_person_low: Extreme | None

    @property
    def per_person_spread(self) -> Fraction | None:
        if self.per_person_high is None or self.per_person_low is None:
            return None
        return self.per_person_high.value - self.per_person_low.value


def summarize(result: VariantResult) -> VariantSummary:
    rows = result.calculation.rows
    with_previous = all(change is not None for change in result.changes)
    changes = [(row, change, ratio) for row, (change, ratio) in zip(rows, result.changes)] if with_previous else []
    gains = [(row, change, ratio) for row, change, ratio in changes if change > 0]
    losses = [(row, change, ratio) for row, change, ratio in changes if change < 0]
    per_person = [(row, Fraction(row.amount) / row.reference) for row in rows if row.reference > 0]
    return VariantSummary(
        budget=whole_or_exact(result.parameters.budget),
        paid=whole_or_exact(result.result.paid),
        gaining=len(gains) if with_previous else None,
        losing=len(losses) if with_previous else None,
        unchanged=len(changes) - len(gains) - len(losses) if with_previous else None,
        largest_gain=_extreme(gains, max),
        largest_loss=_extreme(losses, min),
        losing_more_than=tuple(
            sum(1 for _, _, ratio in losses if ratio is not None and -ratio > limit) if with_previous else None
            for limit in THRESHOLDS
        ),
        price=cushion_price(result),
        per_person_high=_per_person(per_person, max),
        per_person_low=_per_person(per_person, min),
    )


def cushion_price(result: VariantResult) -> CushionPrice | None:
    twin = result.uncushioned
    if twin is None:
        return None
    rows, twin_rows = result.calculation.rows, twin.calculation.rows
    # Amounts are ints or Decimals with at most two places: their differences and sums are exact as they are.
    differences = [row.amount - other.amount for row, other in zip(rows, twin_rows)]
    payers = [i for i, d in enumerate(differences) if d < 0]
    paid_beyond = result.result.paid - result.parameters.budget
    with_gain = [i for i in payers if twin.changes[i] is not None and twin.changes[i][0] > 0]
    gains_without = Fraction(sum(twin.changes[i][0] for i in with_gain))
    gains_with = Fraction(sum(result.changes[i][0] for i in with_gain))
    ratios = [result.changes[i][1] for i in payers if result.changes[i] is not None and result.changes[i][1] is not None]
    ratios_without = [twin.changes[i][1] for i in payers if twin.changes[i] is not None and twin.changes[i][1] is not None]
    return CushionPrice(
        moved=whole_or_exact(sum(d for d in differences if d > 0)),
        receivers=sum(1 for d in differences if d > 0),
        payers=len(payers),
        fund=whole_or_exact(max(paid_beyond, 0)),
        payers_highest_gain=max(ratios) if ratios else None,
        payers_highest_gain_without=max(ratios_without) if ratios_without else None,
        payers_kept=gains_with / gains_without if gains_without else None,
    )


def _extreme(items: list[tuple[DistrictResult, int | Decimal, Fraction | None]], pick) -> Extreme | None:
    """The largest gain (max) or loss (min) in €; on equal € the Kreis first in key order."""
    if not items:
        return None
    value = pick(change for _, change, _ in items)
    row, _, ratio = next(item for item in items if item[1] == value)
    return Extreme(row.district, value, ratio)


def _per_person(items: list[tuple[DistrictResult, Fraction]], pick) -> Extreme | None:
    if not items:
        return None
    value = pick(amount for _, amount in items)
    row = next(row for row, amount in items if amount == value)
    return Extreme(row.district, value)
