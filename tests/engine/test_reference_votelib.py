"""Differential test against votelib, an independent exact implementation that reports ties."""

from __future__ import annotations

import random

import pytest
from votelib.evaluate.core import Tie
from votelib.evaluate.proportional import HighestAverages, LargestRemainder

from xl_funcs.engine import apportion

ORACLES = {
    "hare-niemeyer": lambda: LargestRemainder("hare"),
    "dhondt": lambda: HighestAverages("d_hondt"),
    "sainte-lague": lambda: HighestAverages("sainte_lague"),
}


def _cases(seed: int, count: int):
    generator = random.Random(seed)
    for _ in range(count):
        n = generator.randint(1, 12)
        scale = generator.choice([10, 1000, 10**6])
        weights = [generator.randint(0, scale) for _ in range(n)]
        if not any(weights):
            weights[0] = 1
        yield weights, generator.randint(1, 120)


@pytest.mark.parametrize("method", sorted(ORACLES))
def test_agrees_with_votelib_wherever_no_tie_is_involved(method):
    compared = 0
    for weights, seats in _cases(seed=sum(map(ord, method)), count=1500):
        oracle = ORACLES[method]().evaluate({f"r{i}": w for i, w in enumerate(weights)}, seats)
        if any(isinstance(key, Tie) for key in oracle):
            continue
        ours = apportion(seats, weights, method=method)
        assert not ours.ties, (weights, seats)
        expected = [oracle.get(f"r{i}", 0) for i in range(len(weights))]
        assert list(ours.units) == expected, (weights, seats)
        compared += 1
    assert compared > 1000


@pytest.mark.parametrize("method", sorted(ORACLES))
def test_reports_a_tie_where_votelib_finds_one(method):
    generator = random.Random(7)
    seen = 0
    for _ in range(400):
        weights = [generator.randint(1, 4) for _ in range(generator.randint(2, 6))]
        seats = generator.randint(1, 12)
        oracle = ORACLES[method]().evaluate({f"r{i}": w for i, w in enumerate(weights)}, seats)
        ours = apportion(seats, weights, method=method)
        tied_by_oracle = {int(c[1:]) for key in oracle if isinstance(key, Tie) for c in key}
        if tied_by_oracle:
            seen += 1
            assert ours.ties, (weights, seats)
            assert tied_by_oracle <= ours.tie_rows
            # The oracle's certain seats are ours too; the tied seats go to the first rows.
            for key, value in oracle.items():
                if not isinstance(key, Tie):
                    assert ours.units[int(key[1:])] >= value
    assert seen > 20
