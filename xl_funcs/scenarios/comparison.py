"""Every variant through the ordinary calculation, and the same variant without its cushion.

Variants often share a key (a grid of loss caps shares one key without cap), so
each distinct set of parameters is calculated once. An engine refusal is
reported at the variant's row in the table Szenarien; all variants are tried
before giving up, so every problem is reported at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from fractions import Fraction
from decimal import Decimal

from ..calculation import Calculation, calculate
from ..inputs import InputProblems, Parameters, Problem
from .variant import ComparisonInputs, Variant, has_cushion, without_cushion

# Progress is reported when there are more variants than this, every PROGRESS_STEP variants.
PROGRESS_FROM = 20
PROGRESS_STEP = 50


# Per Kreis (change in €, exact as int or Decimal; change ÷ last year) against last year; None without last year's amount.
Changes = tuple[tuple[int | Decimal, Fraction | None] | None, ...]


@dataclass(frozen=True)
class Calculated:
    """One calculation and its changes against last year, computed once: the summary and the Kreis table
    both read them, for every variant that shares the calculation."""

    calculation: Calculation
    changes: Changes
    paid: int | Decimal  # the sum of the amounts


def calculated_of(calculation: Calculation) -> Calculated:
    changes = tuple(
        None if row.previous is None else (row.amount - row.previous, row.change_ratio) for row in calculation.rows
    )
    return Calculated(calculation, changes, sum(row.amount for row in calculation.rows))


@dataclass(frozen=True)
class VariantResult:
    variant: Variant
    result: Calculated
    uncushioned: Calculated | None  # the same key without loss cap, gain cap and phase-in; None: no cushion

    @property
    def calculation(self) -> Calculation:
        return self.result.calculation

    @property
    def changes(self) -> Changes:
        return self.result.changes

    @property
    def parameters(self) -> Parameters:
        return self.calculation.inputs.parameters


@dataclass(frozen=True)
class Comparison:
    source: ComparisonInputs
    results: tuple[VariantResult, ...]  # in the order of the variants, the Parameter sheet's first

    @property
    def first(self) -> VariantResult:
        return self.results[0]

    @property
    def compared(self) -> VariantResult:
        """The variant the pictures set against the first: the one marked Vergleich = ja, else the second."""
        marked = [r for r in self.results if r.variant.compared]
        return marked[0] if marked else self.results[min(1, len(self.results) - 1)]


def compare(source: ComparisonInputs, progress: Callable[[str], None] = lambda message: None) -> Comparison:
    """Calculate every variant; InputProblems naming each variant the calculation refuses."""
    calculations: dict[Parameters, Calculated | InputProblems] = {}
    base = source.inputs
    problems: list[Problem] = []
    results = []
    count = len(source.variants)

    def calculated(parameters: Parameters, variant: Variant) -> Calculated | None:
        if parameters not in calculations:
            try:
                calculations[parameters] = calculated_of(calculate(replace(base, parameters=parameters)))
            except InputProblems as refused:
                calculations[parameters] = refused
        found = calculations[parameters]
        if not isinstance(found, InputProblems):
            return found
        if variant.row is None:  # the Parameter sheet's key: the problems as the official table reports them
            reported = list(found.problems)
        else:
            text = "; ".join(str(p) for p in found.problems)
            reported = [Problem(f"Szenario „{variant.name}“ lässt sich nicht berechnen: {text}", variant.row)]
        problems.extend(p for p in reported if p not in problems)
        return None

    for number, variant in enumerate(source.variants, start=1):
        if count > PROGRESS_FROM and (number == 1 or number % PROGRESS_STEP == 0 or number == count):
            progress(f"Berechne Szenario {number} von {count} …")
        parameters = variant.parameters(base.parameters)
        calculation = calculated(parameters, variant)
        uncushioned = calculated(without_cushion(parameters), variant) if has_cushion(parameters) else None
        if calculation is not None and (uncushioned is not None or not has_cushion(parameters)):
            results.append(VariantResult(variant, calculation, uncushioned))
    if problems:
        raise InputProblems(problems)
    return Comparison(source, tuple(results))
