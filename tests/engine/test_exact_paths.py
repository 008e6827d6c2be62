"""The fast paths give exactly what the plain exact definitions give.

Hare-Niemeyer switches to NumPy for large inputs; the divisor methods let
floats order their steps. Neither may change a single unit.
"""

from __future__ import annotations

import heapq
import random
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xl_funcs.engine import apportion
from xl_funcs.engine.largest_remainder import largest_remainder


@given(
    numbers=st.lists(st.integers(min_value=0, max_value=10**12), min_size=2, max_size=200).filter(any),
    seats=st.integers(min_value=0, max_value=10**6),
)
def test_numpy_and_python_largest_remainder_agree(numbers, seats):
    total = sum(numbers)
    numerators = [seats * n for n in numbers]
    python = largest_remainder(numerators, total, seats, vectorise=False)
    vectorised = largest_remainder(numerators, total, seats, vectorise=True)
    assert python == vectorised


def test_numpy_path_falls_back_beyond_64_bits():
    numerators = [3 * 10**30, 10**30]
    result = largest_remainder(numerators, 4 * 10**30 // 7, 7, vectorise=True)
    assert result.units == [5, 2]


def _textbook_highest_averages(weights, seats, divisor):
    """Seat by seat to the largest weight/divisor(k), equal quotients to the first row."""
    units = [0] * len(weights)
    heap = [(-Fraction(w) / divisor(1), i) for i, w in enumerate(weights) if w > 0]
    heapq.heapify(heap)
    for _ in range(seats):
        _, row = heapq.heappop(heap)
        units[row] += 1
        heapq.heappush(heap, (-Fraction(weights[row]) / divisor(units[row] + 1), row))
    return tuple(units)


DIVISORS = {"dhondt": lambda k: Fraction(k), "sainte-lague": lambda k: Fraction(2 * k - 1, 2)}


@pytest.mark.parametrize("method", sorted(DIVISORS))
def test_weights_floats_cannot_tell_apart(method):
    """Weights differing in the 25th digit: floats see them equal, the engine must not."""
    generator = random.Random(11)
    for _ in range(60):
        base = 10**24
        weights = [base + generator.randint(0, 50) for _ in range(generator.randint(2, 9))]
        seats = generator.randint(1, 40)
        expected = _textbook_highest_averages(weights, seats, DIVISORS[method])
        assert apportion(seats, weights, method=method).units == expected, (weights, seats)


@pytest.mark.parametrize("method", sorted(DIVISORS))
def test_divisor_methods_match_the_textbook_loop(method):
    generator = random.Random(5)
    for _ in range(300):
        weights = [generator.choice([0, generator.randint(1, 30), generator.randint(1, 10**6)]) for _ in range(8)]
        if not any(weights):
            continue
        seats = generator.randint(0, 200)
        expected = _textbook_highest_averages(weights, seats, DIVISORS[method])
        assert apportion(seats, weights, method=method).units == expected, (weights, seats)
