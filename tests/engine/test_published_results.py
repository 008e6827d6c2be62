"""Published results reproduced, and the examples in the project's brief."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xl_funcs.engine import Method, apportion, per_head

# European Parliament election 2019 in Austria (18 seats, D'Hondt), official valid votes.
AUSTRIA_EP_2019 = {"ÖVP": 1_305_954, "SPÖ": 903_151, "FPÖ": 650_114, "GRÜNE": 532_193, "NEOS": 319_024}


def test_austria_european_parliament_2019_dhondt():
    result = apportion(18, list(AUSTRIA_EP_2019.values()), method="DHONDT")
    assert dict(zip(AUSTRIA_EP_2019, result.units)) == {"ÖVP": 7, "SPÖ": 5, "FPÖ": 3, "GRÜNE": 2, "NEOS": 1}


def test_bundestag_2021_first_distribution_sainte_lague():
    # Bundestagswahl 2021, seats per party list in Bremen's 'Oberverteilung' would need data we do not
    # have; instead: the classic textbook example of Sainte-Laguë/Schepers (Bundeswahlleiter's sample)
    # 10 seats, votes 10000/6000/1500 -> 6/3/1; D'Hondt gives 6/4/0.
    votes = [10_000, 6_000, 1_500]
    assert apportion(10, votes, method="sainte-lague").units == (6, 3, 1)
    assert apportion(10, votes, method=Method.DHONDT).units == (6, 4, 0)


def test_naive_rounding_overshoots_but_we_do_not():
    counts = [1234, 567, 8901]
    naive = sum(int(Decimal(58_000_000 * c) / sum(counts) + Decimal("0.5")) for c in counts)
    assert naive == 58_000_001
    assert sum(apportion(58_000_000, counts).amounts) == 58_000_000


def test_known_tie_where_the_apportionment_package_is_wrong():
    result = apportion(2, [1, 1, 1, 2])
    assert result.units == (1, 0, 0, 1)
    assert result.ties[0].winners == (0,) and result.ties[0].losers == (1, 2)


@pytest.mark.parametrize("persons, amount", [(85, 67_667), (30, 23_882), (352, 280_220)])
def test_per_head_rate_of_2017_to_2019(persons, amount):
    assert per_head(Decimal("796.08"), [persons]) == (amount,)


def test_per_head_rounds_half_away_from_zero_like_excel():
    assert per_head(Decimal("0.5"), [1, 3, 5]) == (1, 2, 3)  # round() would give 0, 2, 2


def test_a_million_weights():
    weights = [(i * 7919) % 10_007 for i in range(1_000_000)]
    result = apportion(58_000_000, weights)
    assert sum(result.units) == 58_000_000
    assert len(result.units) == 1_000_000
