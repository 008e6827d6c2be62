"""The Excel functions called directly (xlwings' plain-Python flavour), and how they read Excel's values."""

from __future__ import annotations

import datetime as dt
import random
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction

import pytest
from xlwings import XlwingsError

import xl_funcs
from xl_funcs.excel import functions as excel_functions
from xl_funcs.engine import apportion
from xl_funcs.engine import reference_weights as engine_reference_weights
from xl_funcs.excel.arguments import (
    ArgumentError,
    is_omitted,
    number_matrix,
    number_vector,
    optional_bounds,
    optional_text,
    row_numbers,
    scalar_number,
)
from xl_funcs.excel.functions import allocate, allocate_base, explain, per_head, reference_weights, shares
from xl_funcs.table.explanation import explanation_text

from .cases import BUDGET, CALLS, KREIS_WEIGHTS


def test_package_lists_exactly_the_functions_of_the_module():
    assert xl_funcs.EXCEL_FUNCTIONS == tuple(excel_functions.__all__)
    for name in xl_funcs.EXCEL_FUNCTIONS:
        assert getattr(xl_funcs, name) is getattr(excel_functions, name)
        assert name in dir(xl_funcs)


def test_importing_the_package_does_not_import_xlwings():
    done = subprocess.run(
        [sys.executable, "-c", "import sys, xl_funcs; print('xlwings' in sys.modules, 'pandas' in sys.modules)"],
        capture_output=True,
        text=True,
    )
    assert done.stdout.split() == ["False", "False"]


# ---- reading Excel's values ------------------------------------------------


@pytest.mark.parametrize(
    "value, expected, orientation",
    [
        ([[1], [2], [3]], [1, 2, 3], "column"),  # Office.js column
        ([[1, 2, 3]], [1, 2, 3], "row"),  # Office.js row
        (((1.0,), (2.5,)), [1, 2.5], "column"),  # COM: floats, tuples; whole floats become ints
        (((1.0, 2.0),), [1, 2], "row"),
        (7, [7], "column"),  # a single cell arrives as a scalar
        ([1, 2], [1, 2], "row"),  # a 1-D list
        ([["1.234,5"], ["2"], [" 3 "]], [Decimal("1234.5"), Decimal("2"), Decimal("3")], "column"),
        ([[Decimal("12.34")]], [Decimal("12.34")], "column"),  # classic currency cells
        ([[{"type": "FormattedNumber", "basicValue": 5, "numberFormat": "0"}]], [5], "column"),
    ],
)
def test_number_vector_reads_every_host_shape(value, expected, orientation):
    vector = number_vector(value, "Gewichte")
    assert vector.values == expected
    assert [type(v) for v in vector.values] == [type(v) for v in expected]
    assert vector.orientation == orientation


@pytest.mark.parametrize(
    "cell, words",
    [
        ("viel", ["Zeile 2", "'viel' ist keine Zahl"]),
        (True, ["WAHR ist keine Zahl"]),
        (None, ["Zeile 2", "leer"]),
        ("", ["leer"]),
        ({"type": "Error", "errorType": "NotAvailable", "basicValue": "#N/A"}, ["Fehlerwert #NV"]),
        (-2146826273, ["Fehlerwert #WERT!"]),  # a COM error code
        (dt.datetime(2025, 1, 1), ["Datum"]),
        ("1.234", ["mehrdeutig"]),
        (object(), ["keine Zahl"]),
    ],
)
def test_number_vector_names_the_bad_cell(cell, words):
    with pytest.raises(ArgumentError) as raised:
        number_vector([[1], [cell]], "Gewichte")
    message = str(raised.value)
    assert message.startswith("Gewichte, Zeile 2:")
    for word in words:
        assert word in message


def test_many_bad_cells_are_summarised():
    with pytest.raises(ArgumentError, match=r"Zeile 1:.*Zeile 2:.*Zeile 3:.*\(und 2 weitere\)"):
        number_vector([["a"], ["b"], ["c"], ["d"], ["e"]], "Gewichte")


def test_negative_ints_that_are_not_error_codes_stay_numbers():
    assert number_vector([[-5], [3]], "Gewichte").values == [-5, 3]


def test_a_block_is_not_a_vector_but_a_matrix():
    with pytest.raises(ArgumentError, match="2 Zeilen und 2 Spalten"):
        number_vector([[1, 2], [3, 4]], "Gewichte")
    assert number_matrix([[1, 2.0], ["3", 4]], "Zuweisungen") == [[1, 2], [Decimal(3), 4]]
    with pytest.raises(ArgumentError, match="Zeile 2, Spalte 1"):
        number_matrix([[1, 2], [None, 4]], "Zuweisungen")


@pytest.mark.parametrize("value", [None, [[None]], "", [[""]], "  ", [[None, None]], (("",),)])
def test_omitted_or_empty_optional_arguments(value):
    assert is_omitted(value)
    assert optional_text(value, "Methode") is None
    assert optional_bounds(value, "Untergrenze", 3) is None


def test_bounds_scalar_range_with_gaps_and_size_check():
    assert optional_bounds([[5]], "Untergrenze", 3) == 5
    assert optional_bounds([[1, None, "2"]], "Untergrenze", 3) == [1, None, Decimal(2)]
    with pytest.raises(ArgumentError, match="2 Werte, aber 3 Gewichte"):
        optional_bounds([[1], [2]], "Untergrenze", 3)


def test_scalars_and_row_numbers():
    assert scalar_number([["58.000.000"]], "Budget") == 58_000_000
    with pytest.raises(ArgumentError, match="Budget fehlt"):
        scalar_number([[None]], "Budget")
    with pytest.raises(ArgumentError, match="einzelne Zelle"):
        scalar_number([[1], [2]], "Budget")
    with pytest.raises(ArgumentError, match="Methode muss ein Text sein"):
        optional_text([[3]], "Methode")
    assert row_numbers([[1, 3]], "Zeile", 3).values == [0, 2]
    with pytest.raises(ArgumentError, match="von 1 bis 3"):
        row_numbers(1.5, "Zeile", 3)


# ---- the functions -----------------------------------------------------------


def test_allocate_equals_the_engine_in_the_layout_of_the_weights():
    expected = list(apportion(BUDGET, KREIS_WEIGHTS, method="sainte-lague").amounts)
    assert allocate(BUDGET, [[w] for w in KREIS_WEIGHTS], "Sainte-Laguë") == [[a] for a in expected]
    assert allocate(float(BUDGET), [[float(w) for w in KREIS_WEIGHTS]], "SAINTE-LAGUE") == [expected]
    assert sum(expected) == BUDGET


def test_whole_euros_are_ints_and_cents_are_floats():
    euros = allocate(100, [[1], [2]])
    assert euros == [[33], [67]] and all(type(line[0]) is int for line in euros)
    cents = allocate(100, [[1], [2]], None, 0.01)
    assert cents == [[33.33], [66.67]] and all(type(line[0]) is float for line in cents)


def test_companions():
    assert allocate_base(100, [[1], [3]], 10) == [[30], [70]]
    assert per_head(796.08, [[85, 30, 352]]) == [[67_667, 23_882, 280_220]]
    assert reference_weights([[1, 2, 3], [4, 5, 7]]) == [[2], [16 / 3]]
    assert reference_weights([[1, 2, 3], [4, 5, 6]], [[1], [1], [2]]) == [[2.25], [5.25]]
    assert reference_weights([[2], [4]], 3) == [[2], [4]]
    assert shares([[1], [2], [1]]) == [[0.25], [0.5], [0.25]]
    assert shares([[0.1, 0.2, 0.7]]) == [[0.1, 0.2, 0.7]]  # 0.1 taken as one tenth, as Excel shows it


def test_bad_input_raises_a_german_xlwings_error_naming_the_function():
    with pytest.raises(XlwingsError, match=r"^ALLOCATE: Gewichte, Zeile 2: 'x' ist keine Zahl\.$"):
        allocate(100, [[1], ["x"]])
    with pytest.raises(XlwingsError, match=r"^REFERENCE_WEIGHTS: Jahresgewichte: 2 Werte, aber 3 Bezugsjahre"):
        reference_weights([[1, 2, 3]], [[1, 2]])
    with pytest.raises(XlwingsError, match=r"^PER_HEAD: Die Pauschale ist negativ"):
        per_head(-1, [[1]])


def test_a_defect_is_reported_briefly_and_logged(monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("kaputt")

    monkeypatch.setattr(excel_functions.engine, "apportion", broken)
    with pytest.raises(XlwingsError, match=r"^ALLOCATE: Interner Fehler \(RuntimeError: kaputt\)"):
        allocate(100, [[1]])
    assert "ALLOCATE failed" in caplog.text and "Traceback" in caplog.text


def test_the_bounds_cases_do_bind():
    """The shared cases must exercise bounds, not only pass them along."""
    for call in CALLS:
        if call.name.startswith("allocate_bounds_"):
            lower = [line[0] for line in call.args[4]]
            result = apportion(BUDGET, KREIS_WEIGHTS, method=call.args[2][0][0], lower=lower, upper=call.args[5][0][0])
            bounds = {result.explain(row).bound for row in range(44)}
            assert {"lower", "upper"} <= bounds


# ---- explanations ------------------------------------------------------------


def test_explain_hare_niemeyer_retraces_the_amount():
    text = explain(1, 58_000_000, [[1234], [567], [8901]])[0][0]
    assert text == (
        "Zeile 1: 6.687.722 € (Hare-Niemeyer). Exakte Quote 6.687.721,921136… € (Anteil 11,5305… %); "
        "abgerundet 6.687.721 €. Der Rest 0,921136… € steht auf Rang 1 von 3; die 2 übrigen Beträge "
        "zu je 1 € gehen an die Ränge 1 bis 2. Daher 6.687.721 € + 1 €."
    )
    third = explain(3, 58_000_000, [[1234], [567], [8901]])[0][0]
    assert "Rang 3 von 3" in third and third.endswith("Daher bleibt es bei 48.239.394 €.")


def test_explain_divisor_methods_name_the_divisor_and_the_rounding():
    weights = [[1_305_954], [903_151], [650_114], [532_193], [319_024]]
    texts = explain([[1], [5]], 18, weights, "dhondt")
    assert texts[0][0].startswith("Zeile 1: 7 € (D'Hondt).")
    assert "Divisor 177.398: Gewicht 1.305.954 ÷ Divisor = 7,361717… Beträge zu je 1 €, abgerundet 7." in texts[0][0]
    assert texts[1][0].startswith("Zeile 5: 1 € (D'Hondt).")
    sainte_lague = explain(1, 18, weights, "Sainte-Laguë")[0][0]
    assert "(Sainte-Laguë/Schepers)" in sainte_lague and "kaufmännisch gerundet 6." in sainte_lague


def test_explain_bounds_base_ties_and_nothing_left():
    assert "Obergrenze (Höchstbetrag) greift: die Zeile erhält genau 20 €" in explain(1, 100, [[1], [1], [1]], None, None, None, [[20], [None], [None]])[0][0]
    assert "Untergrenze (Mindestbetrag) greift" in explain(1, 100, [[1], [3]], None, None, 30)[0][0]
    won, lost = (explain(row, 1, [[1], [1]])[0][0] for row in (1, 2))
    assert "Gleichstand mit Zeile 2" in won and "diese Zeile erhielt den umstrittenen Betrag" in won
    assert "Gleichstand mit Zeile 1" in lost and "der umstrittene Betrag ging an Zeile 1" in lost
    assert "Nach dem Abrunden blieb kein Betrag übrig." in explain(1, 10, [[1], [1]])[0][0]
    cents = explain(1, 100.5, [[1], [1]], None, 0.5)[0][0]
    assert cents.startswith("Zeile 1: 50,5 €") and "zu je 0,5 €" in cents
    assert "Sockelbetrag 10 €" in explanation_text(apportion(100, [1, 3], base=10), 0)


def test_explain_answers_in_the_layout_of_the_rows_asked_for():
    texts = explain([[1, 2, 3]], 58_000_000, [[1234], [567], [8901]])
    assert len(texts) == 1 and [text[:8] for text in texts[0]] == ["Zeile 1:", "Zeile 2:", "Zeile 3:"]


@pytest.mark.parametrize(
    "value, expected",
    [
        (0.1, 0.1),  # typed: the decimal it shows
        (1234.3333333333333, Fraction(3703, 3)),  # a mean Excel computed: the fraction it stands for
        (1 / 3, Fraction(1, 3)),
        (2 / 7, Fraction(2, 7)),
        (0.1 + 0.2, 0.30000000000000004),  # 3/10 would be another float: the value stays as it is
        (0.1234567891234567, 0.1234567891234567),  # no small fraction gives exactly this float
    ],
)
def test_computed_floats_are_read_as_the_fraction_they_stand_for(value, expected):
    read = number_vector([[value]], "Gewichte").values[0]
    assert read == expected and type(read) is type(expected)


def test_means_from_reference_weights_allocate_like_the_exact_means():
    """=ALLOCATE(Budget; REFERENCE_WEIGHTS(...)) gives the official table's amounts, not float-rounded ones."""
    rng = random.Random(7)
    for _ in range(60):
        counts = [[rng.randint(50, 5000) for _ in range(3)] for _ in range(44)]
        by_year = [[line[year] for line in counts] for year in range(3)]
        for year_weights in (None, [1, 1, 2], [0.2, 0.3, 0.5]):
            exact_means = engine_reference_weights(by_year, year_weights)
            means = reference_weights(counts, None if year_weights is None else [year_weights])
            for method in ("hare-niemeyer", "sainte-lague", "dhondt"):
                expected = list(apportion(BUDGET, list(exact_means), method=method).amounts)
                assert [line[0] for line in allocate(BUDGET, means, method)] == expected
