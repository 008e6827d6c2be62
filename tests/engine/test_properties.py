"""Properties every apportionment must have, on random inputs, for every method."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from xl_funcs.engine import Method, apportion

METHODS = st.sampled_from(list(Method))
weights_lists = st.lists(st.integers(min_value=0, max_value=10**7), min_size=1, max_size=60).filter(any)
budgets = st.integers(min_value=0, max_value=10**8)


@given(weights=weights_lists, budget=budgets, method=METHODS)
def test_amounts_add_up_to_the_budget(weights, budget, method):
    result = apportion(budget, weights, method=method)
    assert sum(result.amounts) == budget
    assert all(amount >= 0 for amount in result.amounts)


@given(weights=weights_lists, budget=budgets)
def test_hare_niemeyer_stays_within_floor_and_ceiling_of_the_quota(weights, budget):
    result = apportion(budget, weights)
    total = sum(weights)
    for weight, amount in zip(weights, result.amounts):
        quota = Fraction(budget * weight, total)
        assert quota.__floor__() <= amount <= quota.__ceil__()


@given(weights=weights_lists, budget=budgets, method=METHODS, data=st.data())
def test_permuting_rows_permutes_the_result_unless_a_tie_decides(weights, budget, method, data):
    permutation = data.draw(st.permutations(range(len(weights))))
    original = apportion(budget, weights, method=method)
    shuffled = apportion(budget, [weights[i] for i in permutation], method=method)
    tied = original.tie_rows
    for position, row in enumerate(permutation):
        if row not in tied:
            assert shuffled.units[position] == original.units[row]
    # Tied rows share the same total either way.
    assert sum(shuffled.units[p] for p, r in enumerate(permutation) if r in tied) == sum(
        original.units[r] for r in tied
    )


@given(weights=weights_lists, budget=budgets, method=METHODS)
def test_the_same_input_gives_the_same_output(weights, budget, method):
    assert apportion(budget, weights, method=method).units == apportion(budget, list(weights), method=method).units


@st.composite
def bounded_cases(draw):
    weights = draw(st.lists(st.integers(min_value=0, max_value=10**5), min_size=1, max_size=25).filter(any))
    budget = draw(st.integers(min_value=0, max_value=10**6))
    lower = [draw(st.none() | st.integers(min_value=0, max_value=budget // len(weights) + 5)) for _ in weights]
    upper = [draw(st.none() | st.integers(min_value=0, max_value=budget + 5)) for _ in weights]
    return weights, budget, lower, upper


def _feasible(weights, budget, lower, upper):
    low = [value or 0 for value in lower]
    if any(u is not None and l > u for l, u in zip(low, upper)):
        return False
    if sum(low) > budget:
        return False
    if all(u is not None for w, u in zip(weights, upper) if w > 0):
        return sum(u if w > 0 else l for w, l, u in zip(weights, low, upper)) >= budget
    return True


@settings(max_examples=300)
@given(case=bounded_cases(), method=METHODS)
def test_bounds_hold_and_the_budget_is_met(case, method):
    weights, budget, lower, upper = case
    assume(_feasible(weights, budget, lower, upper))
    result = apportion(budget, weights, method=method, lower=lower, upper=upper)
    assert sum(result.units) == budget
    for amount, low, high in zip(result.units, lower, upper):
        assert amount >= (low or 0)
        assert high is None or amount <= high


@settings(max_examples=200)
@given(case=bounded_cases())
def test_unbound_rows_share_the_rest_by_hare_niemeyer(case):
    weights, budget, lower, upper = case
    assume(_feasible(weights, budget, lower, upper))
    result = apportion(budget, weights, lower=lower, upper=upper)
    free = [i for i in range(len(weights)) if result.explain(i).bound is None and weights[i] > 0]
    rest = budget - sum(result.units[i] for i in range(len(weights)) if i not in free)
    assume(free)
    total = sum(weights[i] for i in free)
    for i in free:
        quota = Fraction(rest * weights[i], total)
        assert quota.__floor__() <= result.units[i] <= quota.__ceil__()


@given(
    weights=st.lists(st.integers(min_value=0, max_value=10**5), min_size=1, max_size=30).filter(any),
    base=st.integers(min_value=0, max_value=1000),
    extra=st.integers(min_value=0, max_value=10**6),
    method=METHODS,
)
def test_sockelbetrag_comes_first_and_the_rest_is_apportioned(weights, base, extra, method):
    budget = base * len(weights) + extra
    with_base = apportion(budget, weights, method=method, base=base)
    without = apportion(extra, weights, method=method)
    assert with_base.units == tuple(base + units for units in without.units)


@given(
    cents=st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=30).filter(any),
    budget_cents=st.integers(min_value=0, max_value=10**9),
)
def test_a_unit_of_cents_counts_the_budget_in_cents(cents, budget_cents):
    from decimal import Decimal

    in_cents = apportion(Decimal(budget_cents).scaleb(-2), cents, unit=Decimal("0.01"))
    plain = apportion(budget_cents, cents)
    assert in_cents.units == plain.units
    assert sum(in_cents.amounts) == Decimal(budget_cents).scaleb(-2)


@settings(max_examples=200)
@given(case=bounded_cases(), base=st.integers(min_value=0, max_value=50), method=METHODS)
def test_bounds_apply_to_the_whole_amount_with_a_sockelbetrag(case, base, method):
    weights, budget, lower, upper = case
    budget += base * len(weights)
    shifted_lower = [None if value is None else value + base for value in lower]
    shifted_upper = [None if value is None else value + base for value in upper]
    assume(_feasible(weights, budget - base * len(weights), lower, upper))
    result = apportion(budget, weights, method=method, lower=shifted_lower, upper=shifted_upper, base=base)
    assert sum(result.units) == budget
    for amount, low, high in zip(result.units, shifted_lower, shifted_upper):
        assert amount >= max(base, low or 0)
        assert high is None or amount <= high
    # The same as bounds on the apportioned part alone, with the Sockelbetrag added afterwards.
    plain = apportion(budget - base * len(weights), weights, method=method, lower=lower, upper=upper)
    assert result.units == tuple(units + base for units in plain.units)
