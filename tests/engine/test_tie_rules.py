"""Tie rules: the rule chosen decides exactly the rows the result lists as tied, and only those."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xl_funcs.engine import AllocationError, Method, apportion
from xl_funcs.engine.ties import lot_number, parse_tie_rule, tie_priority

METHODS = st.sampled_from(list(Method))
# Small weights and budgets make exact ties frequent.
small_weights = st.lists(st.integers(min_value=0, max_value=6), min_size=2, max_size=12).filter(any)


@settings(max_examples=300, deadline=None)
@given(weights=small_weights, budget=st.integers(min_value=0, max_value=40), method=METHODS, data=st.data())
def test_the_priority_decides_exactly_the_tied_rows(weights, budget, method, data):
    n = len(weights)
    permutation = data.draw(st.permutations(range(n)))
    priority = tuple(permutation)
    by_rows = apportion(budget, weights, method=method)
    by_priority = apportion(budget, weights, method=method, priority=priority)
    for row in range(n):
        if row not in by_rows.tie_rows and row not in by_priority.tie_rows:
            assert by_rows.units[row] == by_priority.units[row]
    for tie in by_priority.ties:
        ranked = sorted(tie.rows, key=priority.__getitem__)
        assert set(ranked[: len(tie.winners)]) == set(tie.winners)
    for tie in by_rows.ties:
        assert tie.winners == tuple(sorted(tie.rows))[: len(tie.winners)]


def test_weight_rule_puts_the_larger_weight_first_then_the_key():
    # quotas 0.5 and 1.5: equal remainders, one unit left
    weights = [1, 3]
    assert apportion(2, weights).units == (1, 1)  # key: the first row
    priority = tie_priority("weight", 2, weights=[Fraction(w) for w in weights])
    assert priority == (1, 0)
    result = apportion(2, weights, priority=priority)
    assert result.units == (0, 2)
    assert result.ties[0].winners == (1,) and result.ties[0].losers == (0,)
    # equal weights: the key decides
    assert tie_priority("weight", 3, weights=[Fraction(2), Fraction(1), Fraction(2)]) == (0, 2, 1)


def test_lot_is_reproducible_and_depends_on_the_seed():
    keys = ["08111", "08115", "08116", "08117"]
    first = tie_priority("lot", 4, labels=keys, seed="2025-01-15 Nr. 1")
    assert first == tie_priority("lot", 4, labels=keys, seed="2025-01-15 Nr. 1")
    # the draw is the SHA-256 of seed and key: fixed bytes, the same on any machine
    assert lot_number("2025-01-15 Nr. 1", "08111") == __import__("hashlib").sha256(
        "2025-01-15 Nr. 1\n08111".encode()
    ).hexdigest()
    seeds = [f"Ziehung {i}" for i in range(20)]
    assert len({tie_priority("lot", 4, labels=keys, seed=s) for s in seeds}) > 1
    # the order of the input does not change a row's draw
    reversed_priority = tie_priority("lot", 4, labels=keys[::-1], seed="2025-01-15 Nr. 1")
    assert [reversed_priority[3 - i] for i in range(4)] == [
        sorted(range(4), key=lambda r: lot_number("2025-01-15 Nr. 1", keys[r])).index(i) for i in range(4)
    ]


def test_lot_with_same_seed_gives_same_amounts_other_seeds_possibly_others():
    weights = [1] * 6  # every remainder equal: the draw decides who gets the last units
    keys = [f"0811{i}" for i in range(6)]
    results = {
        seed: apportion(3, weights, priority=tie_priority("lot", 6, labels=keys, seed=seed)).units
        for seed in ("A", "B", "C", "D")
    }
    again = apportion(3, weights, priority=tie_priority("lot", 6, labels=keys, seed="A")).units
    assert again == results["A"]
    assert len(set(results.values())) > 1


def test_order_rule_needs_one_distinct_rank_per_row():
    assert tie_priority("order", 3, ranks=[3, 1, 2]) == (2, 0, 1)
    with pytest.raises(AllocationError, match="fehlt in Zeile 2"):
        tie_priority("order", 3, ranks=[1, None, 2])
    with pytest.raises(AllocationError, match="doppelt in Zeile 3"):
        tie_priority("order", 3, ranks=[1, 2, 2])
    with pytest.raises(AllocationError, match="Losnummer"):
        tie_priority("lot", 3, seed=" ")


def test_rule_names_in_german_and_english():
    assert [parse_tie_rule(v) for v in ("Schlüssel", "gewicht", "Los", "Rang", None, "order")] == [
        "key", "weight", "lot", "order", "key", "order"
    ]
    with pytest.raises(AllocationError, match="Unbekannte Gleichstandsregel"):
        parse_tie_rule("Würfel")


@settings(max_examples=200, deadline=None)
@given(
    weights=st.lists(st.integers(min_value=0, max_value=10**6), min_size=2, max_size=40).filter(any),
    budget=st.integers(min_value=0, max_value=10**5),
    minimum=st.integers(min_value=0, max_value=3),
)
def test_quota_bound_rule_keeps_every_free_quota_and_raises_the_rest(weights, budget, minimum):
    try:
        result = apportion(budget, weights, lower=minimum, bound_rule="quota")
    except AllocationError as error:
        assert error.field in {"bounds", "bound_rule"}, error.message
        return
    assert sum(result.units) == budget
    total = sum(weights)
    for row, (weight, units) in enumerate(zip(weights, result.units)):
        quota = Fraction(budget * weight, total)
        if quota < minimum:
            assert units == minimum and result.explain(row).bound == "lower"
        else:
            assert quota.__floor__() <= units <= quota.__floor__() + 1  # its own quota on the whole budget
