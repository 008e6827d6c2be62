"""The comparison model on its own: many variants, shared calculations, progress, and the price of a cushion."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

import pytest

from xl_funcs.calculation import Calculation, calculate
from xl_funcs.inputs import InputProblems
from xl_funcs.sample.workbook import sample_inputs
from xl_funcs.scenarios.comparison import VariantResult, calculated_of, compare
from xl_funcs.scenarios.summary import cushion_price, summarize
from xl_funcs.scenarios.variant import PLANNED, ComparisonInputs, Variant, without_cushion
from xl_funcs.scenarios.wording import price_in_words, rules_in_words
from xl_funcs.inputs import CellRef


def grid(count: int) -> tuple[Variant, ...]:
    caps = [Decimal(k) / 100 for k in range(count - 1)]
    return (Variant(PLANNED),) + tuple(Variant(f"Verlust max. {cap}", (("loss_cap", cap),)) for cap in caps)


def test_many_variants_each_equal_their_own_calculation_and_progress_is_reported():
    inputs = sample_inputs()
    messages = []
    comparison = compare(ComparisonInputs(inputs, grid(45)), messages.append)
    assert len(comparison.results) == 45
    for result in comparison.results[::11]:
        alone = calculate(result.variant.inputs(inputs))
        assert [r.amount for r in result.calculation.rows] == [r.amount for r in alone.rows]
    # every capped variant shares one uncushioned twin: the Parameter sheet's key
    twins = {id(r.uncushioned.calculation) for r in comparison.results if r.uncushioned is not None}
    assert len(twins) == 1
    assert messages[0] == "Berechne Szenario 1 von 45 …" and messages[-1] == "Berechne Szenario 45 von 45 …"


def test_few_variants_report_no_progress():
    messages = []
    compare(ComparisonInputs(sample_inputs(), grid(5)), messages.append)
    assert messages == []


def test_a_variant_the_calculation_refuses_is_named_at_its_row():
    row = CellRef("Szenarien", "A7")
    source = ComparisonInputs(sample_inputs(), (Variant(PLANNED), Variant("Zu hoher Sockel", (("base", Decimal(2_000_000)),), row)))
    with pytest.raises(InputProblems) as refused:
        compare(source)
    (problem,) = refused.value.problems
    assert problem.where == row and problem.message.startswith("Szenario „Zu hoher Sockel“ lässt sich nicht berechnen:")


def _result(calculation: Calculation, twin: Calculation) -> VariantResult:
    return VariantResult(Variant("x"), calculated_of(calculation), calculated_of(twin))


def test_the_price_of_a_loss_cap_is_read_off_the_amounts():
    inputs = sample_inputs()
    capped_parameters = replace(inputs.parameters, loss_cap=Decimal("0.2"), financing="gainers")
    capped = calculate(replace(inputs, parameters=capped_parameters))
    twin = calculate(replace(inputs, parameters=without_cushion(capped_parameters)))
    price = cushion_price(_result(capped, twin))
    differences = [a.amount - b.amount for a, b in zip(capped.rows, twin.rows)]
    assert price.moved == sum(d for d in differences if d > 0) == -sum(d for d in differences if d < 0)
    assert price.receivers == sum(1 for d in differences if d > 0) and price.fund == 0
    payers = [i for i, d in enumerate(differences) if d < 0]
    assert price.payers == len(payers)
    assert price.payers_highest_gain == max(capped.rows[i].change_ratio for i in payers)
    gaining = [i for i in payers if twin.rows[i].change > 0]
    kept = Fraction(sum(capped.rows[i].change for i in gaining)) / Fraction(sum(twin.rows[i].change for i in gaining))
    assert price.payers_kept == kept
    text = price_in_words(capped_parameters, price)
    assert text.startswith(f"{price.payers} Kreise mit Zuwachs geben ")
    assert "getragen von den Kreisen mit Zuwachs" in rules_in_words(capped_parameters)


def test_a_fund_is_what_is_paid_beyond_the_budget():
    # A calculation that pays 60,000,000 € where the budget says 58,000,000 €: what a fund-financed cap looks
    # like to the summary, whatever rule produced it.
    inputs = sample_inputs()
    paid = calculate(replace(inputs, parameters=replace(inputs.parameters, budget=Decimal(60_000_000))))
    stated = replace(paid.inputs, parameters=replace(inputs.parameters, loss_cap=Decimal("0.2"), financing="fund"))
    with_fund = Calculation(inputs=stated, allocation=paid.allocation, rows=paid.rows)
    result = _result(with_fund, calculate(inputs))
    summary = summarize(result)
    assert summary.paid == 60_000_000 and summary.budget == 58_000_000
    assert summary.price.fund == 2_000_000
    assert price_in_words(stated.parameters, summary.price).startswith("Härtefonds 2.000.000 € zusätzlich zum Budget")


def test_the_pictures_compare_the_marked_variant_or_else_the_second():
    inputs = sample_inputs()
    plain = (Variant(PLANNED), Variant("A", (("base", Decimal(1000)),)), Variant("B", (("base", Decimal(2000)),)))
    assert compare(ComparisonInputs(inputs, plain)).compared.variant.name == "A"
    marked = plain[:2] + (replace(plain[2], compared=True),)
    assert compare(ComparisonInputs(inputs, marked)).compared.variant.name == "B"
