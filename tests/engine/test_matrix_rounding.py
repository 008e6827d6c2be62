"""Matrix rounding with both margins fixed: instalment plans and their re-planning, on random inputs."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xl_funcs.engine.matrix_rounding import proportional_matrix, round_matrix, split_total

amounts_lists = st.lists(st.integers(min_value=0, max_value=5 * 10**6), min_size=1, max_size=44)
share_lists = st.lists(st.integers(min_value=1, max_value=1000), min_size=1, max_size=12).map(
    lambda weights: [Fraction(w, sum(weights)) for w in weights]
)


def assert_rounding_of(exact, result, row_totals, column_totals):
    assert [sum(row) for row in result] == list(row_totals)
    assert [sum(row[j] for row in result) for j in range(len(column_totals))] == list(column_totals)
    for exact_row, row in zip(exact, result):
        for value, entry in zip(exact_row, row):
            assert value.__floor__() <= entry <= value.__ceil__()
            assert abs(entry - value) < 1


@settings(max_examples=300, deadline=None)
@given(amounts=amounts_lists, shares=share_lists)
def test_plan_keeps_every_row_and_column_sum_and_each_entry_within_one_unit(amounts, shares):
    total = sum(amounts)
    columns = split_total(total, shares)
    assert sum(columns) == total
    for part, share in zip(columns, shares):
        assert abs(part - total * share) < 1
    exact = proportional_matrix(amounts, columns, shares)
    result = round_matrix(exact)
    assert_rounding_of(exact, result, amounts, columns)


@settings(max_examples=300, deadline=None)
@given(
    amounts=amounts_lists,
    shares=share_lists.filter(lambda shares: len(shares) >= 2),
    data=st.data(),
)
def test_replanning_after_a_changed_amount_keeps_what_was_paid_and_meets_every_margin(amounts, shares, data):
    total = sum(amounts)
    columns = split_total(total, shares)
    plan = round_matrix(proportional_matrix(amounts, columns, shares))
    paid_columns = data.draw(st.integers(min_value=1, max_value=len(shares) - 1))
    finals = data.draw(
        st.lists(st.integers(min_value=0, max_value=5 * 10**6), min_size=len(amounts), max_size=len(amounts))
    )
    paid = [row[:paid_columns] for row in plan]
    remaining_rows = [final - sum(row) for final, row in zip(finals, paid)]
    ahead = shares[paid_columns:]
    remaining_columns = split_total(sum(remaining_rows), ahead)
    exact = proportional_matrix(remaining_rows, remaining_columns, ahead)
    rest = round_matrix(exact)
    assert_rounding_of(exact, rest, remaining_rows, remaining_columns)
    # what was paid stays, and with the rest every Kreis gets exactly its final amount
    for final, paid_row, rest_row in zip(finals, paid, rest):
        assert sum(paid_row) + sum(rest_row) == final


@settings(max_examples=300, deadline=None)
@given(
    matrix=st.integers(min_value=1, max_value=8).flatmap(
        lambda width: st.lists(
            st.lists(
                st.fractions(min_value=-1000, max_value=1000, max_denominator=97), min_size=width, max_size=width
            ),
            min_size=1,
            max_size=10,
        )
    )
)
def test_any_matrix_with_whole_row_sums_rounds_with_rows_exact_and_columns_to_floor_or_ceiling(matrix):
    # make every row sum whole by moving the row's fractional rest into its first entry
    exact = []
    for row in matrix:
        rest = sum(row, Fraction(0))
        exact.append([row[0] - (rest - rest.__floor__())] + row[1:])
    result = round_matrix(exact)
    assert [sum(row) for row in result] == [int(sum(row, Fraction(0))) for row in exact]
    for j in range(len(exact[0])):
        column = sum((row[j] for row in exact), Fraction(0))
        assert column.__floor__() <= sum(row[j] for row in result) <= column.__ceil__()
    for exact_row, row in zip(exact, result):
        assert all(value.__floor__() <= entry <= value.__ceil__() for value, entry in zip(exact_row, row))


def test_sixty_forty_of_the_budget_is_exact_and_the_same_every_time():
    amounts = [1_318_183, 1_318_182, 1_318_182, 54_045_453]
    columns = split_total(sum(amounts), [Fraction(3, 5), Fraction(2, 5)])
    assert columns == [34_800_000, 23_200_000]
    first = round_matrix(proportional_matrix(amounts, columns, [Fraction(3, 5), Fraction(2, 5)]))
    again = round_matrix(proportional_matrix(amounts, columns, [Fraction(3, 5), Fraction(2, 5)]))
    assert first == again
    assert [sum(row) for row in first] == amounts
    assert [first[0][0], first[1][0], first[2][0]] == [790_910, 790_909, 790_909]  # 790 909,8 / 790 909,2


def test_negative_rest_is_split_as_a_repayment():
    assert split_total(-10, [Fraction(1, 2), Fraction(1, 2)]) == [-5, -5]
    assert split_total(-7, [Fraction(1, 2), Fraction(1, 2)]) == [-4, -3]
    exact = proportional_matrix([5, -5], [0, 0], [Fraction(1, 2), Fraction(1, 2)])
    assert round_matrix(exact) in ([[3, 2], [-3, -2]], [[2, 3], [-2, -3]])


def test_row_sums_that_are_not_whole_are_refused():
    with pytest.raises(ValueError):
        round_matrix([[Fraction(1, 2), Fraction(1, 3)]])
