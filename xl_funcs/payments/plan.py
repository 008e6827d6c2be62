"""The instalment plan (Auszahlungsplan): each Kreis's amount split over the year's payment dates.

Each date's column is its share of the budget, split by largest remainders (exact where the
share of the budget is a whole number of units, as 60 % of 58.000.000 €). Then the matrix of
Kreis x date is rounded with both margins fixed (``engine.matrix_rounding``): every Kreis's
instalments add up exactly to its amount, every column exactly to its part of the budget, and
each entry is its exact value ``amount x part / budget`` rounded down or up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from ..calculation import Calculation
from ..engine.matrix_rounding import proportional_matrix, round_matrix, split_total
from ..inputs import District, InputProblems, Inputs, Instalment, Problem
from ..table.text import german_date
from .money import in_units
from .wording import words

NO_INSTALMENTS = (
    "Die Arbeitsmappe enthält keine Tabelle „Abschläge“. Für den Auszahlungsplan bitte eine Excel-Tabelle "
    "„Abschläge“ mit den Spalten „Fälligkeit“ und „Anteil“ anlegen (z. B. 60 % am 15.04. und 40 % am 15.10.)."
)


@dataclass(frozen=True)
class InstalmentPlan:
    year: int
    unit: Fraction  # entries are whole multiples of it
    dates: tuple[date, ...]
    shares: tuple[Decimal, ...]
    districts: tuple[District, ...]
    amounts: tuple[int, ...]  # per Kreis, in units
    column_totals: tuple[int, ...]  # per date, in units
    entries: tuple[tuple[int, ...], ...]  # per Kreis, per date, in units

    @property
    def count(self) -> int:
        return len(self.dates)


def require_instalments(inputs: Inputs) -> tuple[Instalment, ...]:
    """The workbook's instalments, each due in the Haushaltsjahr; InputProblems (at their cells) otherwise."""
    if not inputs.instalments:
        raise InputProblems([Problem(NO_INSTALMENTS)])
    year = inputs.parameters.year
    outside = [
        Problem(
            f"Fälligkeit: Der {german_date(i.due)} liegt nicht im Haushaltsjahr {year}; jeder Abschlag wird im "
            "Haushaltsjahr ausgezahlt.",
            where=i.row,
        )
        for i in inputs.instalments
        if i.due.year != year
    ]
    if outside:
        raise InputProblems(outside)
    return inputs.instalments


def plan_instalments(calculation: Calculation, instalments: tuple[Instalment, ...] | None = None) -> InstalmentPlan:
    """The plan for the calculated amounts over ``instalments`` (default: the workbook's table Abschläge)."""
    inputs = calculation.inputs
    instalments = require_instalments(inputs) if instalments is None else instalments
    unit = Fraction(inputs.parameters.unit)
    amounts = [in_units(row.amount, unit) for row in calculation.rows]
    shares = [Fraction(i.share) for i in instalments]
    columns = split_total(sum(amounts), shares)
    entries = round_matrix(proportional_matrix(amounts, columns, shares))
    return InstalmentPlan(
        year=inputs.parameters.year,
        unit=unit,
        dates=tuple(i.due for i in instalments),
        shares=tuple(i.share for i in instalments),
        districts=tuple(row.district for row in calculation.rows),
        amounts=tuple(amounts),
        column_totals=tuple(columns),
        entries=tuple(tuple(row) for row in entries),
    )


def rule_in_words() -> tuple[str, ...]:
    """How the plan is computed, for its sheet (the same sentences in every output)."""
    return tuple(words()["plan"]["verfahren"])
