"""Exact values as German text by their Excel number format, rounded like Excel shows them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from xl_funcs.table.model import Column, ColumnKind
from xl_funcs.table.text import display_text, german_date, number_pattern, percent_text


@pytest.mark.parametrize(
    ("value", "number_format", "text"),
    [
        (1318182, '#,##0 "€"', "1.318.182"),
        (-1905913, '+#,##0 "€";-#,##0 "€";0 "€"', "-1.905.913"),
        (58_000_000, "#,##0", "58.000.000"),
        (2025, "0", "2025"),
        (Fraction(5728, 3), "#,##0.00", "1.909,33"),
        (Fraction(179, 5421), "0.00 %", "3,30"),
        (Fraction(12345, 100000), "0.00 %", "12,35"),  # 12,345 %: half away from zero, as Excel shows it
        (Fraction(-12345, 100000), "+0.00 %;-0.00 %;0.00 %", "-12,35"),
        (Decimal("1234.5"), "#,##0", "1.235"),
        (Decimal("0.125"), "0.00", "0,13"),
        (Fraction(1), "0.00 %", "100,00"),
        (None, "0", ""),
        ("Stuttgart", "@", "Stuttgart"),
        (date(2025, 3, 14), "DD.MM.YYYY", "14.03.2025"),
    ],
)
def test_display_text(value, number_format, text):
    assert display_text(value, number_format) == text


def test_units_follow_the_number_when_asked():
    assert display_text(58_000_000, '#,##0 "€"', units=True) == "58.000.000 €"
    assert display_text(Fraction(1, 10), "0.00 %", units=True) == "10,00 %"
    assert display_text(44, "0", units=True) == "44"


def test_pattern_reads_only_the_first_section():
    pattern = number_pattern('+#,##0.00 "€";-#,##0.00 "€";0.00 "€"')
    assert (pattern.places, pattern.grouping, pattern.percent) == (2, True, False)
    assert number_pattern("@").text
    assert number_pattern("DD.MM.YYYY").date


def test_percent_text_and_date():
    assert percent_text(Fraction(1, 10), places=None) == "10"
    assert percent_text(Fraction(1, 8), places=None) == "12,5"
    assert german_date(date(2026, 1, 5)) == "05.01.2026"


def test_header_line_joins_hyphenated_breaks():
    assert Column("k", "Kreis-\nschlüssel", ColumnKind.KEY, "@", 8).header_line == "Kreisschlüssel"
    assert Column("m", "Mittel 2025\nin €", ColumnKind.AMOUNT, "0", 8).header_line == "Mittel 2025 in €"
    assert Column("s", "Stadt-/Landkreis", ColumnKind.TEXT, "@", 8).header_line == "Stadt-/Landkreis"


def test_signs_follow_the_formats_positive_section():
    from xl_funcs.table.text import display_text

    change = '+#,##0 "€";-#,##0 "€";0 "€"'
    assert display_text(790738, change, signs=True) == "+790.738"
    assert display_text(-453155, change, signs=True) == "-453.155"
    assert display_text(0, change, signs=True) == "0"
    assert display_text(790738, change) == "790.738"  # without signs, as the CSV writes it
    assert display_text(Fraction(7032, 10000), "+0.00 %;-0.00 %;0.00 %", units=True, signs=True) == "+70,32 %"
    assert display_text(5, "#,##0", signs=True) == "5"  # no plus where the format shows none
