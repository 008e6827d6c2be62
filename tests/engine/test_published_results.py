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


# US House apportionment after the census of 1880 (Apportionment Act of 1882): 325 seats, Hamilton (largest
# remainders) with every state keeping its quota on the whole House and at least one seat. Populations and seats
# are the U.S. Census Bureau's (public domain), as tabulated in the repository sarahscheffler/dp-census
# (census_data/historical_populations.csv, column 1880, and census_data/house_apportionments.csv, column 1880).
US_1880_POPULATION = {
    "AL": 1_262_505, "AR": 802_525, "CA": 864_694, "CO": 194_327, "CT": 622_700, "DE": 146_608, "FL": 269_493,
    "GA": 1_542_180, "IL": 3_077_871, "IN": 1_978_301, "IA": 1_624_615, "KS": 996_096, "KY": 1_648_690,
    "LA": 939_946, "ME": 648_936, "MD": 934_943, "MA": 1_783_085, "MI": 1_636_937, "MN": 780_773, "MS": 1_131_597,
    "MO": 2_168_380, "NE": 452_402, "NV": 62_266, "NH": 346_991, "NJ": 1_131_116, "NY": 5_082_871,
    "NC": 1_399_750, "OH": 3_198_062, "OR": 174_768, "PA": 4_282_891, "RI": 276_531, "SC": 995_577,
    "TN": 1_542_359, "TX": 1_591_749, "VT": 332_286, "VA": 1_512_565, "WV": 618_457, "WI": 1_315_497,
}
US_1882_SEATS = {
    "AL": 8, "AR": 5, "CA": 6, "CO": 1, "CT": 4, "DE": 1, "FL": 2, "GA": 10, "IL": 20, "IN": 13, "IA": 11, "KS": 7,
    "KY": 11, "LA": 6, "ME": 4, "MD": 6, "MA": 12, "MI": 11, "MN": 5, "MS": 7, "MO": 14, "NE": 3, "NV": 1, "NH": 2,
    "NJ": 7, "NY": 34, "NC": 9, "OH": 21, "OR": 1, "PA": 28, "RI": 2, "SC": 7, "TN": 10, "TX": 11, "VT": 2,
    "VA": 10, "WV": 4, "WI": 9,
}


def test_us_house_1882_hamilton_with_a_minimum_of_one_keeping_quotas():
    assert sum(US_1882_SEATS.values()) == 325 and sum(US_1880_POPULATION.values()) == 49_371_340
    result = apportion(325, list(US_1880_POPULATION.values()), lower=1, bound_rule="quota")
    assert dict(zip(US_1880_POPULATION, result.units)) == US_1882_SEATS
    # Re-apportioning the rest among the others (the default) is a different rule, and gives another House:
    redistributed = dict(zip(US_1880_POPULATION, apportion(325, list(US_1880_POPULATION.values()), lower=1).units))
    assert (redistributed["MS"], redistributed["NY"]) == (8, 33)
    nevada = list(US_1880_POPULATION).index("NV")
    assert result.explain(nevada).bound == "lower" and result.units[nevada] == 1
