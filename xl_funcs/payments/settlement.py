"""The final settlement (Schlussabrechnung): final amount, what was paid, what is still to pay or pay back.

Paid are the provisional plan's instalments (over the provisional workbook's own Abschläge) due on
or before the settlement date (the final workbook's Stand unless given). What remains per Kreis (final amount less what was paid,
negative when too much was paid) is re-planned exactly over the final workbook's instalment
dates still ahead, in proportion to their shares and with both margins fixed
(``engine.matrix_rounding``): what was paid stays, every Kreis reaches exactly its final
amount, every remaining date's column is exactly its part of what remains. With no date
ahead, the remainder is one settlement payment (or repayment) on the settlement date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from ..calculation import Calculation
from ..engine.matrix_rounding import proportional_matrix, round_matrix, split_total
from ..inputs import District, InputProblems, Problem
from .money import common_unit, in_units
from .plan import InstalmentPlan, plan_instalments, require_instalments


@dataclass(frozen=True)
class Settlement:
    year: int
    unit: Fraction  # every figure below is in this unit
    as_of: date  # Stichtag: instalments due on or before it count as paid
    districts: tuple[District, ...]
    provisional: tuple[int, ...]  # provisional amount per Kreis
    final: tuple[int, ...]  # final amount per Kreis
    paid_dates: tuple[date, ...]
    paid: tuple[tuple[int, ...], ...]  # per Kreis, per paid date
    remaining_dates: tuple[date, ...]  # the dates still ahead (or the Stichtag alone)
    remaining: tuple[tuple[int, ...], ...]  # per Kreis, per remaining date; negative: to be paid back
    provisional_plan: InstalmentPlan

    def paid_total(self, index: int) -> int:
        return sum(self.paid[index])

    def remaining_total(self, index: int) -> int:
        return sum(self.remaining[index])


def settle(provisional: Calculation, final: Calculation, as_of: date | None = None) -> Settlement:
    """The settlement of ``final`` against ``provisional`` (same year, same Kreise)."""
    p_final = final.inputs.parameters
    if provisional.inputs.parameters.year != p_final.year:
        raise InputProblems(
            [Problem(f"Vorläufige und endgültige Tabelle gehören zu verschiedenen Jahren "
                     f"({provisional.inputs.parameters.year} und {p_final.year}).")]
        )
    if [d.key for d in provisional.inputs.districts] != [d.key for d in final.inputs.districts]:
        raise InputProblems([Problem("Vorläufige und endgültige Tabelle nennen nicht dieselben Kreise.")])
    final_instalments = require_instalments(final.inputs)
    as_of = p_final.stand if as_of is None else as_of
    unit = common_unit(provisional.inputs.parameters.unit, p_final.unit)
    # What was paid follows the provisional workbook's own Abschläge (the plan the paying office got);
    # the dates still ahead are the final workbook's.
    plan = plan_instalments(provisional, provisional.inputs.instalments or final_instalments)
    scale = plan.unit / unit  # a whole number: the common unit divides the plan's unit
    paid_columns = [j for j, due in enumerate(plan.dates) if due <= as_of]
    paid = [[plan.entries[i][j] * int(scale) for j in paid_columns] for i in range(len(plan.districts))]
    finals = [in_units(row.amount, unit) for row in final.rows]
    rest_rows = [value - sum(row) for value, row in zip(finals, paid)]
    ahead = [i for i in final_instalments if i.due > as_of]
    if ahead:
        shares = [Fraction(i.share) for i in ahead]
        dates = tuple(i.due for i in ahead)
    else:
        shares, dates = [Fraction(1)], (as_of,)
    columns = split_total(sum(rest_rows), shares)
    remaining = round_matrix(proportional_matrix(rest_rows, columns, shares))
    return Settlement(
        year=p_final.year,
        unit=unit,
        as_of=as_of,
        districts=tuple(row.district for row in final.rows),
        provisional=tuple(value * int(scale) for value in plan.amounts),
        final=tuple(finals),
        paid_dates=tuple(plan.dates[j] for j in paid_columns),
        paid=tuple(tuple(row) for row in paid),
        remaining_dates=dates,
        remaining=tuple(tuple(row) for row in remaining),
        provisional_plan=plan,
    )
