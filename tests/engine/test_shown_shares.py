"""Printed shares: whole hundredths of a percent, 100 % together, each within 0,01 pp of the exact share."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xl_funcs.engine import AllocationError, shares, shown_shares

weights_lists = st.lists(
    st.fractions(min_value=0, max_value=10**6, max_denominator=12), min_size=1, max_size=60
).filter(any)


@given(weights=weights_lists)
def test_add_up_to_exactly_one_and_stay_within_a_hundredth_of_a_point(weights):
    printed = shown_shares(weights)
    assert sum(printed) == 1
    for shown, exact in zip(printed, shares(weights)):
        assert (shown * 10_000).denominator == 1  # whole hundredths of a percent
        assert abs(shown - exact) < Fraction(1, 10_000)


def test_rounding_each_share_would_miss_100_percent_and_this_does_not():
    weights = [1, 1, 1]  # each 33,333… %: rounded on its own 99,99 % together
    assert sum(Fraction(round(Fraction(w, 3) * 10_000), 10_000) for w in weights) == Fraction(9_999, 10_000)
    assert shown_shares(weights) == (Fraction(3_334, 10_000), Fraction(3_333, 10_000), Fraction(3_333, 10_000))


def test_weights_summing_to_zero_are_refused_in_german():
    with pytest.raises(AllocationError, match="ergeben zusammen 0"):
        shown_shares([0, 0])
