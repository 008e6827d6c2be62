"""Every amount can be retraced: quota, floor, remainder rank, bound, tie."""

from __future__ import annotations

from fractions import Fraction

from xl_funcs.engine import apportion


def test_hare_niemeyer_explanation_of_each_row():
    result = apportion(10, [5, 3, 2, 1])
    total = 11
    for row, weight in enumerate([5, 3, 2, 1]):
        explanation = result.explain(row)
        assert explanation.quota == Fraction(10 * weight, total)
        assert explanation.floor == explanation.quota.__floor__()
        assert explanation.remainder == explanation.quota - explanation.floor
        assert explanation.units == explanation.floor + explanation.got_extra
    ranks = sorted(result.explain(row).rank for row in range(4))
    assert ranks == [1, 2, 3, 4]
    assert result.explain(0).extra_units == 10 - sum(result.explain(r).floor for r in range(4))


def test_bound_and_tie_are_named():
    bounded = apportion(100, [1, 1, 1], upper=[20, None, None])
    assert bounded.explain(0).bound == "upper"
    assert bounded.explain(1).bound is None
    assert bounded.units == (20, 40, 40)
    tied = apportion(1, [1, 1])
    assert tied.explain(0).tie is tied.ties[0] and tied.explain(0).got_extra


def test_divisor_multiplier_reproduces_every_unbound_row():
    weights = [1_305_954, 903_151, 650_114, 532_193, 319_024]
    for method, rounding in (
        ("dhondt", lambda x: x.__floor__()),
        ("sainte-lague", lambda x: (x + Fraction(1, 2)).__floor__()),
    ):
        result = apportion(58_000_000, weights, method=method)
        multiplier = result.explain(0).multiplier
        assert [rounding(w * multiplier) for w in weights] == list(result.units)


def test_multiplier_applies_to_weights_as_given_also_for_fractions():
    weights = [Fraction(7, 3), Fraction(5, 2), Fraction(1, 6)]
    result = apportion(1000, weights, method="dhondt")
    multiplier = result.explain(0).multiplier
    assert [(w * multiplier).__floor__() for w in weights] == list(result.units)


def test_pool_is_what_the_unbound_rows_share():
    weights = [50, 30, 15, 5]
    result = apportion(1000, weights, lower=[0, 0, 0, 120], upper=[400, None, None, None], base=10)
    explanations = [result.explain(row) for row in range(4)]
    assert [e.bound for e in explanations] == ["upper", None, None, "lower"]
    pool = explanations[1]
    assert pool.pool_units == 1000 - 4 * 10 - (400 - 10) - (120 - 10)
    assert pool.pool_weight == 30 + 15
    for e in explanations[1:3]:
        assert e.quota == Fraction(e.pool_units) * e.weight / e.pool_weight
    assert sum(e.units - e.base for e in explanations[1:3]) == pool.pool_units


def test_transition_text_says_what_each_rule_did_and_who_paid():
    from xl_funcs.engine.transition import apportion_transition
    from xl_funcs.table.explanation import transition_text

    weights, previous = [10, 30, 60], [500, 300, 200]
    everyone = apportion_transition(1000, weights, previous, max_loss=Fraction(1, 10), financing="all")
    text = transition_text(everyone, 0)
    assert text.startswith("Zeile 1: 450 € mit Übergangsregeln; nach dem Schlüssel ohne Regel 100 €, Differenz +350 €.")
    assert "mindestens 450 € (Vorjahr 500 € abzüglich 10 %, aufgerundet)" in text
    assert "tragen alle übrigen Zeilen" in text
    gainers = apportion_transition(1000, weights, previous, max_loss=Fraction(1, 10), financing="gainers")
    assert "einheitlichen Zuwachsrate von 25 %" in transition_text(gainers, 0)
    assert "gleiche Rate 25 % des Vorjahres begrenzt, höchstens 250 €" in transition_text(gainers, 2)
    assert "250 € statt 600 €" in transition_text(gainers, 2)
    fund = apportion_transition(1000, weights, previous, max_loss=Fraction(1, 10), financing="fund")
    assert "den Rest von 350 € zahlt der Härtefonds außerhalb des Budgets" in transition_text(fund, 0)
    blended = apportion_transition(1000, weights, previous, phase_in=Fraction(1, 2), max_gain=Fraction(1, 5))
    text = transition_text(blended, 2)
    assert "Übergangsanteil 50 %" in text and "höchstens 240 €" in text and "sie greift" in text
    assert "Der Schlüssel, von dem die Regeln ausgehen: 240 € (Hare-Niemeyer)." in text
