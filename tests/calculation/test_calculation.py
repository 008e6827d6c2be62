"""From the sample inputs to the figures of the table, and engine errors in the Kreise's own names."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from fractions import Fraction

import pytest

from xl_funcs.calculation import calculate
from xl_funcs.inputs import InputProblems
from xl_funcs.sample.workbook import sample_inputs


@pytest.fixture(scope="module")
def inputs():
    return sample_inputs()


def test_amounts_add_up_and_follow_the_mean_of_the_reference_years(inputs):
    calculation = calculate(inputs)
    years = inputs.parameters.reference_years
    assert calculation.total == inputs.parameters.budget
    for row in calculation.rows:
        mean = Fraction(sum(row.district.count(y) for y in years), len(years))
        assert row.reference == mean
        quota = Fraction(inputs.parameters.budget) * row.share
        assert quota.__floor__() <= row.amount <= quota.__ceil__()


def test_loss_cap_becomes_a_lower_bound_against_last_year(inputs):
    capped = dataclasses.replace(inputs, parameters=dataclasses.replace(inputs.parameters, loss_cap=Decimal("0.05")))
    calculation = calculate(capped)
    assert calculation.total == inputs.parameters.budget
    for row in calculation.rows:
        if row.previous is not None:
            assert row.amount >= row.previous * Decimal("0.95")


def test_infeasible_bounds_name_the_kreise_once(inputs):
    districts = tuple(dataclasses.replace(d, lower=Decimal(2_000_000)) for d in inputs.districts)
    with pytest.raises(InputProblems) as caught:
        calculate(dataclasses.replace(inputs, districts=districts))
    problems = caught.value.problems
    assert len(problems) == 1
    assert "Untergrenzen ergeben zusammen mehr" in problems[0].message
    assert inputs.districts[0].label in problems[0].message
    assert "Zeile" not in problems[0].message
