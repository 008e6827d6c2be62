"""The sample's cushioned variants go through the transition rules: each rule does what its name says.

Before the rules existed, "Gewinner tragen" and "alle tragen" gave the same amounts and the phase-in changed
nothing; these checks recompute what each rule promises from the variant's own inputs.
"""

from __future__ import annotations

from fractions import Fraction
from math import ceil

import pytest

from xl_funcs.readers import bundled_workbook_path
from xl_funcs.readers.scenarios import read_comparison_file
from xl_funcs.scenarios.comparison import compare


@pytest.fixture(scope="module")
def results():
    comparison = compare(read_comparison_file(bundled_workbook_path()))
    return {result.variant.name: result for result in comparison.results}


def _rows(result):
    return result.calculation.rows


def test_a_loss_cap_holds_for_every_kreis_whoever_pays_for_it(results):
    capped = [r for r in results.values() if r.parameters.loss_cap is not None]
    assert {r.parameters.financing for r in capped} == {"all", "gainers"}
    for result in capped:
        keep = 1 - Fraction(result.parameters.loss_cap)
        for row in _rows(result):
            assert row.amount + row.top_up >= ceil(Fraction(row.previous) * keep), (result.variant.name, row.district.key)
        assert sum(row.amount for row in _rows(result)) == result.parameters.budget


def test_who_pays_decides_the_amounts(results):
    by_financing = {r.parameters.financing: r for r in results.values() if r.parameters.loss_cap is not None}
    everyone, gainers = by_financing["all"], by_financing["gainers"]
    assert [row.amount for row in _rows(everyone)] != [row.amount for row in _rows(gainers)]
    # financed by the gainers: gains are cut to one common rate; who gains less, or loses within the cap, is
    # left as without the cushion
    plain = [row.amount for row in gainers.uncushioned.calculation.rows]
    rate = gainers.calculation.transition.gain_rate  # the common rate the engine found exactly
    assert rate is not None and rate >= max(Fraction(r.amount - 1) / Fraction(r.previous) - 1 for r in _rows(gainers))
    keep = 1 - Fraction(gainers.parameters.loss_cap)
    cut = untouched = 0
    for row, without in zip(_rows(gainers), plain, strict=True):
        ceiling = Fraction(row.previous) * (1 + rate)
        if without > ceiling + 1:
            assert abs(row.amount - ceiling) <= 1, row.district.key  # capped at the common rate, to the euro
            cut += 1
        elif without >= ceil(Fraction(row.previous) * keep):
            assert row.amount == without, row.district.key  # neither capped nor raised: as without the rule
            untouched += 1
    assert cut and untouched

def test_the_phase_in_blends_last_years_shares_with_the_new_key(results):
    (result,) = [r for r in results.values() if r.parameters.phase_in is not None]
    old = Fraction(result.parameters.phase_in)
    rows = _rows(result)
    previous_total = sum(Fraction(row.previous) for row in rows)
    budget = Fraction(result.parameters.budget)
    for row in rows:
        blended = budget * (old * Fraction(row.previous) / previous_total + (1 - old) * row.share)
        assert abs(row.amount - blended) < 1, row.district.key
    planned = results["Vorgesehene Verteilung"]
    assert [row.amount for row in rows] != [row.amount for row in _rows(planned)]
