"""Bad input is refused with a German message that names the row; nothing is coerced."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest

from xl_funcs.engine import AllocationError, apportion, parse_method, reference_weights


@pytest.mark.parametrize(
    "weights, rows, words",
    [
        ([1, -2, 3], (1,), "Zeile 2 ist negativ"),
        ([1, float("nan")], (1,), "Zeile 2 ist keine endliche Zahl"),
        ([math.inf, 1], (0,), "Zeile 1 ist keine endliche Zahl"),
        ([1, "abc"], (1,), "Zeile 2 ist keine Zahl"),
        ([None, 1], (0,), "Zeile 1 ist keine Zahl (leer)"),
        ([True, 1], (0,), "Zeile 1 ist keine Zahl (WAHR)"),
        ([1, -1, "x"], (1, 2), "Zeile 3"),
    ],
)
def test_bad_weights_name_their_rows(weights, rows, words):
    with pytest.raises(AllocationError) as caught:
        apportion(100, weights)
    assert caught.value.rows == rows
    assert words in caught.value.message


def test_all_weights_zero_cannot_take_a_budget():
    with pytest.raises(AllocationError, match="Alle Gewichte sind null"):
        apportion(100, [0, 0, 0])
    assert apportion(0, [0, 0]).units == (0, 0)


def test_budget_must_be_a_whole_multiple_of_the_unit():
    with pytest.raises(AllocationError, match="kein ganzzahliges Vielfaches der Einheit 1"):
        apportion(Decimal("58000000.50"), [1, 2])
    with pytest.raises(AllocationError, match="Vielfaches der Einheit 100"):
        apportion(58_000_050, [1, 2], unit=100)
    assert apportion(Decimal("58000000.50"), [1, 2], unit=Decimal("0.01")).amounts == (
        Decimal("19333333.50"),
        Decimal("38666667.00"),
    )


def test_negative_or_non_numeric_budget_and_unit():
    with pytest.raises(AllocationError, match="Budget ist negativ"):
        apportion(-1, [1])
    with pytest.raises(AllocationError, match="Budget ist keine Zahl"):
        apportion("58 Mio", [1])
    with pytest.raises(AllocationError, match="Einheit muss größer als 0"):
        apportion(10, [1], unit=0)


def test_mismatched_lengths():
    with pytest.raises(AllocationError, match="Untergrenzen: 2 Werte, aber 3 Gewichte"):
        apportion(10, [1, 2, 3], lower=[1, 2])


def test_infeasible_bounds_say_which_rows():
    with pytest.raises(AllocationError) as caught:
        apportion(100, [1, 1, 1], lower=[10, 60, 50])
    assert caught.value.rows == (0, 1, 2)
    assert "Untergrenzen ergeben zusammen mehr" in caught.value.message
    with pytest.raises(AllocationError) as caught:
        apportion(100, [1, 1], lower=[0, 50], upper=[10, 40])
    assert caught.value.rows == (1,)
    with pytest.raises(AllocationError, match="Obergrenzen ergeben zusammen weniger"):
        apportion(100, [1, 1], upper=[10, 40])


def test_empty_input_and_no_list():
    with pytest.raises(AllocationError, match="keine Gewichte"):
        apportion(10, [])
    with pytest.raises(AllocationError, match="Liste von Zahlen"):
        apportion(10, "123")


@pytest.mark.parametrize("text", ["HARE-NIEMEYER", "hare/niemeyer", "Hare Niemeyer", None, ""])
def test_method_spellings_hare(text):
    assert parse_method(text).value == "hare-niemeyer"


@pytest.mark.parametrize("text", ["SAINTE-LAGUE", "Sainte-Laguë", "sainte-laguë/schepers", "Webster"])
def test_method_spellings_sainte_lague(text):
    assert parse_method(text).value == "sainte-lague"


@pytest.mark.parametrize("text", ["DHONDT", "d'Hondt", "D’Hondt", "d hondt"])
def test_method_spellings_dhondt(text):
    assert parse_method(text).value == "dhondt"


def test_unknown_method_lists_the_allowed_ones():
    with pytest.raises(AllocationError, match="HARE-NIEMEYER, SAINTE-LAGUE und DHONDT"):
        parse_method("Hagenbach-Bischoff")


def test_reference_weights_mean_and_errors():
    assert reference_weights([[3, 6], [6, 9]], [1, 2]) == (5, 8)
    with pytest.raises(AllocationError, match="Bezugsjahr 2 in Zeile 1 ist negativ"):
        reference_weights([[1], [-1]])


def test_shares_are_exact_and_refuse_what_apportion_refuses():
    from fractions import Fraction

    from xl_funcs.engine import shares

    assert shares([1, 3]) == (Fraction(1, 4), Fraction(3, 4))
    with pytest.raises(AllocationError, match="Zeile 2 ist negativ"):
        shares([1, -1])
    with pytest.raises(AllocationError, match="ergeben zusammen 0"):
        shares([0, 0])
