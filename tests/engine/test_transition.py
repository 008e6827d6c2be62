"""Transition rules on random inputs: loss cap (three ways to pay for it), gain cap, phase-in."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from xl_funcs.engine import AllocationError, Method, apportion
from xl_funcs.engine.transition import apportion_transition

METHODS = st.sampled_from(list(Method))
RATES = st.fractions(min_value=0, max_value=1, max_denominator=100)


@st.composite
def cases(draw, min_rows=2, max_rows=30):
    n = draw(st.integers(min_value=min_rows, max_value=max_rows))
    weights = draw(st.lists(st.integers(min_value=0, max_value=10**5), min_size=n, max_size=n).filter(any))
    previous = draw(st.lists(st.integers(min_value=1, max_value=10**6), min_size=n, max_size=n))
    # Budgets near last year's total, as in practice (the key shifts money, the total moves a little).
    budget = draw(st.integers(min_value=sum(previous) * 9 // 10, max_value=sum(previous) * 11 // 10))
    return budget, weights, previous


def _minimum(previous, loss):
    value = previous * (1 - loss)
    return -((-value.numerator) // value.denominator)


@settings(max_examples=150, deadline=None)
@given(case=cases(), loss=RATES, method=METHODS, financing=st.sampled_from(["all", "gainers", "fund"]))
def test_loss_cap_holds_and_the_money_adds_up(case, loss, method, financing):
    budget, weights, previous = case
    try:
        result = apportion_transition(budget, weights, previous, max_loss=loss, financing=financing, method=method)
    except AllocationError as error:
        # Only infeasible caps may refuse, and they say why in German.
        assert error.field in {"bounds", "financing"}, error.message
        return
    paid = [row.units for row in result.rows]
    assert sum(paid) == budget
    if financing == "fund":
        assert paid == list(result.plain.units)
        assert sum(result.units) == budget + result.fund_units
    else:
        assert result.fund_units == 0
    for row, before in zip(result.rows, previous):
        assert row.total >= _minimum(Fraction(before), loss)
        assert row.difference == row.total - row.without


@settings(max_examples=150, deadline=None)
@given(case=cases(), loss=RATES, method=METHODS)
def test_gainers_pay_at_one_common_rate_and_nobody_else_is_touched(case, loss, method):
    budget, weights, previous = case
    try:
        result = apportion_transition(budget, weights, previous, max_loss=loss, financing="gainers", method=method)
    except AllocationError as error:
        assert error.field == "financing", error.message
        return
    plain = result.plain.units
    rate = result.gain_rate
    for row, before in zip(result.rows, previous):
        minimum = _minimum(Fraction(before), loss)
        if plain[row.row] < minimum:
            assert row.total == minimum  # raised exactly to the cap
        elif plain[row.row] <= before:
            assert row.total == plain[row.row]  # neither lost beyond the cap nor gained: untouched
        else:
            assert before <= row.total <= plain[row.row]
            if rate is not None:
                # every gain at most the common rate, to one unit
                assert row.total - before < rate * before + 1
                if row.total < plain[row.row]:
                    assert row.total - before > rate * before - 1
    if rate is not None:
        assert rate >= 0


@settings(max_examples=100, deadline=None)
@given(case=cases(), gain=st.fractions(min_value=0, max_value=2, max_denominator=100), method=METHODS)
def test_gain_cap_on_its_own_is_shared_by_the_others(case, gain, method):
    budget, weights, previous = case
    try:
        result = apportion_transition(budget, weights, previous, max_gain=gain, method=method)
    except AllocationError as error:
        assert error.field == "bounds", error.message
        return
    assert sum(result.units) == budget
    for row, before in zip(result.rows, previous):
        assert row.total <= before * (1 + gain)


@settings(max_examples=100, deadline=None)
@given(case=cases(), method=METHODS)
def test_phase_in_zero_is_the_new_key_and_one_the_previous_shares(case, method):
    budget, weights, previous = case
    new = apportion_transition(budget, weights, previous, phase_in=0, method=method)
    assert new.units == apportion(budget, weights, method=method).units
    old = apportion_transition(budget, weights, previous, phase_in=1, method=method)
    assert old.units == apportion(budget, previous, method=method).units
    same_total = apportion_transition(sum(previous), weights, previous, phase_in=1, method=method)
    assert list(same_total.units) == previous


@settings(max_examples=60, deadline=None)
@given(case=cases(), blend=RATES)
def test_phase_in_apportions_the_blend_of_shares_exactly(case, blend):
    budget, weights, previous = case
    result = apportion_transition(budget, weights, previous, phase_in=blend)
    shares = [
        blend * Fraction(p, sum(previous)) + (1 - blend) * Fraction(w, sum(weights)) for p, w in zip(previous, weights)
    ]
    for units, share in zip(result.units, shares):
        quota = budget * share
        assert quota.__floor__() <= units <= quota.__ceil__()


def test_a_worked_example_of_each_financing_rule():
    weights, previous = [10, 30, 60], [500, 300, 200]
    plain = apportion(1000, weights).units
    assert plain == (100, 300, 600)
    everyone = apportion_transition(1000, weights, previous, max_loss=Fraction(1, 10), financing="all")
    assert everyone.units == (450, 270, 280)
    gainers = apportion_transition(1000, weights, previous, max_loss=Fraction(1, 10), financing="gainers")
    assert gainers.units == (450, 300, 250) and gainers.gain_rate == Fraction(1, 4)
    fund = apportion_transition(1000, weights, previous, max_loss=Fraction(1, 10), financing="fund")
    assert fund.units == (450, 300, 600) and fund.fund_units == 350
    assert [row.difference for row in fund.rows] == [350, 0, 0] and fund.moved_units == 350


def test_infeasible_and_missing_inputs_are_german_errors():
    with pytest.raises(AllocationError, match="fehlen die Beträge des Vorjahres"):
        apportion_transition(100, [1, 1], None, max_loss=0.1)
    with pytest.raises(AllocationError, match="reicht nicht"):
        # the only gainer gains 10, the cap costs 40
        apportion_transition(100, [50, 50], [90, 20], max_loss=0.0, financing="gainers")
    with pytest.raises(AllocationError, match="Untergrenzen"):
        apportion_transition(100, [50, 50], [90, 90], max_loss=0.0, financing="all")
    with pytest.raises(AllocationError, match="zwischen 0 und 1"):
        apportion_transition(100, [50, 50], [90, 90], max_loss=1.5)
    with pytest.raises(AllocationError, match="Unbekannte Finanzierung"):
        apportion_transition(100, [50, 50], [90, 90], max_loss=0.1, financing="everyone")
    with pytest.raises(AllocationError, match="2 Beträge des Vorjahres für 3"):
        apportion_transition(100, [1, 1, 1], [1, 1], max_loss=0.1)


@settings(max_examples=300, deadline=None)
@given(cases(min_rows=3, max_rows=10), RATES, st.data())
def test_gainers_never_break_a_mindest_or_hoechstbetrag_silently(case, loss, data):
    """The common gain rate moves rows after the key; an explicit bound it would break is refused, never broken."""
    budget, weights, previous = case
    n = len(weights)
    row = data.draw(st.integers(min_value=0, max_value=n - 1))
    bound = data.draw(st.integers(min_value=0, max_value=2 * max(previous)))
    upper = data.draw(st.booleans())
    bounds = [None] * n
    bounds[row] = bound
    try:
        result = apportion_transition(
            budget, weights, previous, max_loss=loss, financing="gainers", **{"upper" if upper else "lower": bounds}
        )
    except AllocationError:
        return
    assert sum(result.amounts) == budget
    assert result.amounts[row] <= bound if upper else result.amounts[row] >= bound
