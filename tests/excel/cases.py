"""Calls of the Excel functions as Office.js sends them, with the answers they must give.

Every argument is a 2-D matrix, ``[[None]]`` (JSON null) for an omitted one, as
Excel hands them to xlwings. Expected amounts come from the engine called
directly (plus a few numbers checked by hand), never from the Excel functions
themselves. The same cases run in-process (Lite's path), through the live
server, through the generated Lite main.py and through Excel's JavaScript.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from xl_funcs.engine import apportion, per_head, reference_weights
from xl_funcs.engine.transition import apportion_transition
from xl_funcs.table.explanation import transition_text

OMITTED = [[None]]

# 44 invented counts, roughly like Kreise of different size (fixed seed: the same every run).
_rng = random.Random(2025)
KREIS_WEIGHTS = [_rng.randint(150, 4000) for _ in range(44)]
BUDGET = 58_000_000


def column(values) -> list[list]:
    return [[value] for value in values]


def row(values) -> list[list]:
    return [list(values)]


def _excel(amount):
    if isinstance(amount, Decimal):
        return int(amount) if amount == amount.to_integral_value() else float(amount)
    if isinstance(amount, Fraction):
        return amount.numerator if amount.denominator == 1 else float(amount)
    return amount


def _column_of(amounts) -> list[list]:
    return column(_excel(a) for a in amounts)


def _row_of(amounts) -> list[list]:
    return row(_excel(a) for a in amounts)


@dataclass(frozen=True)
class Call:
    name: str  # readable test id
    func_name: str  # Python name = Excel name in lower case
    args: list
    expected: list | None = None  # the spilled 2-D result
    error: tuple[str, ...] = field(default=())  # words the German message must contain

    @property
    def excel_name(self) -> str:
        return self.func_name.upper()


def _allocation_calls() -> list[Call]:
    calls = [
        # Checked by hand (the README's example): 1234 : 567 : 8901 of 58,000,000 €.
        Call(
            "allocate_readme_example",
            "allocate",
            [[[58_000_000]], column([1234, 567, 8901]), OMITTED, OMITTED, OMITTED, OMITTED],
            column([6_687_722, 3_072_884, 48_239_394]),
        ),
        # The Bundestag example: 18 seats by D'Hondt (checked by hand).
        Call(
            "allocate_dhondt_18_seats",
            "allocate",
            [[[18]], column([1_305_954, 903_151, 650_114, 532_193, 319_024]), [["d'Hondt"]], OMITTED, OMITTED, OMITTED],
            column([7, 5, 3, 2, 1]),
        ),
        # Trailing optional arguments left out altogether, and a plain null for one.
        Call("allocate_two_arguments", "allocate", [[[58_000_000]], row([1234, 567, 8901])], row([6_687_722, 3_072_884, 48_239_394])),
        Call("allocate_null_method", "allocate", [[[100]], column([1, 2]), None], column([33, 67])),
    ]
    spellings = {
        "hare-niemeyer": ["HARE-NIEMEYER", "Hare-Niemeyer", ""],
        "sainte-lague": ["SAINTE-LAGUE", "Sainte-Laguë", "sainte-lague"],
        "dhondt": ["DHONDT", "d'Hondt", "D'Hondt"],
    }
    for method, texts in spellings.items():
        amounts = apportion(BUDGET, KREIS_WEIGHTS, method=method).amounts
        for index, text in enumerate(texts):
            orientation = "column" if index % 2 == 0 else "row"
            weights = column(KREIS_WEIGHTS) if orientation == "column" else row(KREIS_WEIGHTS)
            expected = _column_of(amounts) if orientation == "column" else _row_of(amounts)
            calls.append(
                Call(
                    f"allocate_44_{method}_{index}_{orientation}",
                    "allocate",
                    [[[BUDGET]], weights, [[text]] if text else [[""]], OMITTED, OMITTED, OMITTED],
                    expected,
                )
            )
    # Bounds: scalar, a range with empty cells (= no bound), and a row of bounds for a column of weights.
    lower = [None] * 44
    lower[7], lower[16] = 600_000, 500_000  # both above what their weights would give
    upper_value = 2_600_000  # below what the largest weights would give
    for method in ("hare-niemeyer", "sainte-lague", "dhondt"):
        amounts = apportion(BUDGET, KREIS_WEIGHTS, method=method, lower=lower, upper=upper_value).amounts
        calls.append(
            Call(
                f"allocate_bounds_{method}",
                "allocate",
                [[[BUDGET]], column(KREIS_WEIGHTS), [[method]], OMITTED, column(lower), [[upper_value]]],
                _column_of(amounts),
            )
        )
    # A row of weights with a column of bounds: only the size has to match.
    amounts = apportion(BUDGET, KREIS_WEIGHTS, lower=lower, upper=upper_value).amounts
    calls.append(
        Call(
            "allocate_bounds_row_weights",
            "allocate",
            [[[BUDGET]], row(KREIS_WEIGHTS), OMITTED, OMITTED, column(lower), row([upper_value] * 44)],
            _row_of(amounts),
        )
    )
    floor_value = 1_000_000
    amounts = apportion(BUDGET, KREIS_WEIGHTS, lower=floor_value).amounts
    calls.append(
        Call(
            "allocate_lower_scalar_upper_row",
            "allocate",
            [[[BUDGET]], column(KREIS_WEIGHTS), OMITTED, OMITTED, [[floor_value]], row([None] * 44)],
            _column_of(amounts),
        )
    )
    # Cents: a float unit, amounts with decimals.
    amounts = apportion(Decimal("1000000.01"), [1, 2, 4], unit=Decimal("0.01")).amounts
    calls.append(
        Call(
            "allocate_cents",
            "allocate",
            [[[1000000.01]], column([1, 2, 4]), OMITTED, [[0.01]], OMITTED, OMITTED],
            _column_of(amounts),
        )
    )
    # Numbers stored as text, in German notation, and one cell as weights.
    calls.append(
        Call(
            "allocate_numbers_as_text",
            "allocate",
            [[["58.000.000"]], column(["1.234,0", "567", 8901]), OMITTED, OMITTED, OMITTED, OMITTED],
            column([6_687_722, 3_072_884, 48_239_394]),
        )
    )
    calls.append(Call("allocate_single_cell", "allocate", [[[500]], [[7]]], [[500]]))
    # Sockelbetrag.
    amounts = apportion(BUDGET, KREIS_WEIGHTS, base=100_000, method="sainte-lague").amounts
    calls.append(
        Call(
            "allocate_base_44",
            "allocate_base",
            [[[BUDGET]], column(KREIS_WEIGHTS), [[100_000]], [["Sainte-Laguë"]], OMITTED],
            _column_of(amounts),
        )
    )
    return calls


def _companion_calls() -> list[Call]:
    calls = [
        # 796.08 € per person (the 2017-2019 flat rate), checked by hand.
        Call("per_head_flat_rate", "per_head", [[[796.08]], column([85, 30, 352]), OMITTED], column([67_667, 23_882, 280_220])),
        Call(
            "per_head_cents_row",
            "per_head",
            [[[796.085]], row([85, 30, 352]), [[0.01]]],
            _row_of(per_head(Decimal("796.085"), [85, 30, 352], unit=Decimal("0.01"))),
        ),
    ]
    counts = [[_rng.randint(100, 3000) for _ in range(3)] for _ in range(44)]
    by_year = [[line[year] for line in counts] for year in range(3)]
    calls.append(
        Call("reference_weights_mean", "reference_weights", [counts, OMITTED], _column_of(reference_weights(by_year)))
    )
    calls.append(
        Call(
            "reference_weights_weighted",
            "reference_weights",
            [counts, row([1, 2, 3])],
            _column_of(reference_weights(by_year, [1, 2, 3])),
        )
    )
    total = sum(KREIS_WEIGHTS)
    calls.append(
        Call("shares_row", "shares", [row(KREIS_WEIGHTS)], row(float(Fraction(w, total)) for w in KREIS_WEIGHTS))
    )
    return calls


def _error_calls() -> list[Call]:
    return [
        Call("error_text_weight", "allocate", [[[100]], column([1, "viel", 3])], error=("ALLOCATE", "Gewichte", "Zeile 2")),
        Call("error_negative_weight", "allocate", [[[100]], column([1, -2, 3])], error=("ALLOCATE", "Zeile 2", "negativ")),
        Call("error_empty_weight", "allocate", [[[100]], column([1, None, 3])], error=("Zeile 2", "leer")),
        Call("error_unknown_method", "allocate", [[[100]], column([1, 2]), [["Losverfahren"]]], error=("Unbekannte Methode",)),
        Call(
            "error_bounds_size",
            "allocate",
            [[[100]], column([1, 2, 3]), OMITTED, OMITTED, column([1, 2])],
            error=("Untergrenze", "2 Werte", "3 Gewichte"),
        ),
        Call("error_budget_range", "allocate", [column([1, 2]), column([1, 2])], error=("Budget", "einzelne Zelle")),
        Call(
            "error_cell_error",
            "allocate",
            [[[100]], column([1, {"type": "Error", "errorType": "Div0", "basicValue": "#DIV/0!"}])],
            error=("Fehlerwert #DIV/0!",),
        ),
        Call("error_boolean", "allocate", [[[100]], column([1, True])], error=("WAHR", "keine Zahl")),
        Call("error_ambiguous_text", "allocate", [[[100]], column(["1.234", 2])], error=("mehrdeutig",)),
        Call(
            "error_infeasible_bounds",
            "allocate",
            [[[100]], column([1, 1]), OMITTED, OMITTED, [[60]]],
            error=("Untergrenzen", "Budget"),
        ),
        Call("error_block_of_weights", "allocate", [[[100]], [[1, 2], [3, 4]]], error=("Zeile oder einer Spalte",)),
        Call("error_explain_row", "explain", [[[5]], [[100]], column([1, 2])], error=("EXPLAIN", "1 bis 2")),
        Call("error_shares_zero", "shares", [column([0, 0])], error=("SHARES", "0")),
        Call("error_base_missing", "allocate_base", [[[100]], column([1, 2]), OMITTED], error=("Sockelbetrag fehlt",)),
    ]


def _explain_calls() -> list[Call]:
    # The sentences are checked in test_functions; across hosts they only have to be identical.
    return [
        Call("explain_rows", "explain", [column([1, 2, 3]), [[58_000_000]], column([1234, 567, 8901])]),
        Call("explain_tie", "explain", [[[2]], [[1]], column([1, 1])]),
    ]


def _transition_calls() -> list[Call]:
    """ALLOCATE_TRANSITION: the worked example of each financing rule (checked by hand) and the 44 Kreise."""
    weights, previous = column([10, 30, 60]), column([500, 300, 200])
    calls = [
        Call(
            f"allocate_transition_{financing}",
            "allocate_transition",
            [[[1000]], weights, previous, [[0.1]], [[financing]], OMITTED, OMITTED, OMITTED, OMITTED],
            column(amounts),
        )
        for financing, amounts in (("alle", [450, 270, 280]), ("Gewinner", [450, 300, 250]), ("Fonds", [450, 300, 600]))
    ]
    calls.append(
        Call("allocate_transition_phase_in", "allocate_transition", [[[1000]], weights, previous, OMITTED, OMITTED,
             OMITTED, [[1]]], column([500, 300, 200]))
    )
    old = list(apportion(BUDGET, KREIS_WEIGHTS[::-1]).units)  # last year: the same Kreise in another order
    expected = apportion_transition(
        BUDGET, KREIS_WEIGHTS, old, max_loss=Fraction(1, 10), financing="gainers", max_gain=Fraction(1, 4),
        phase_in=Fraction(1, 2), method="sainte-lague",
    ).amounts
    calls.append(
        Call("allocate_transition_kreise_row", "allocate_transition",
             [[[BUDGET]], row(KREIS_WEIGHTS), row(old), [[0.1]], [["gainers"]], [[0.25]], [[0.5]], [["Sainte-Laguë"]],
              [[1]]], _row_of(expected))
    )
    calls.append(
        Call("explain_transition_gainers", "explain",
             [column([1, 3]), [[1000]], weights, OMITTED, OMITTED, OMITTED, OMITTED, previous, [[0.1]], [["Gewinner"]]],
             column([
                 transition_text(apportion_transition(1000, [10, 30, 60], [500, 300, 200], max_loss=Fraction(1, 10),
                                                      financing="gainers"), row)
                 for row in (0, 2)
             ]))
    )
    calls += [
        Call("error_transition_no_previous", "allocate_transition", [[[100]], column([1, 2]), OMITTED, [[0.1]]],
             error=("ALLOCATE_TRANSITION", "Vorjahr", "fehlen")),
        Call("error_transition_gainers_short", "allocate_transition",
             [[[100]], column([50, 50]), column([90, 20]), [[0]], [["Gewinner"]]],
             error=("ALLOCATE_TRANSITION", "reicht nicht")),
        Call("error_transition_financing", "allocate_transition",
             [[[100]], column([50, 50]), column([90, 20]), [[0.1]], [["jeder"]]], error=("Unbekannte Finanzierung",)),
    ]
    return calls


CALLS: list[Call] = (
    _allocation_calls() + _companion_calls() + _error_calls() + _explain_calls() + _transition_calls()
)


def body(call: Call) -> dict:
    """The JSON body Excel's JavaScript posts to /xlwings/custom-functions-call."""
    import xlwings

    return {
        "client": "Office.js",
        "func_name": call.func_name,
        "args": call.args,
        "caller_address": "[Mittelverteilung.xlsx]Berechnung!C5",
        "culture_info_name": "de-DE",
        "date_format": "TT.MM.JJJJ",
        "version": xlwings.__version__,
        "runtime": "1.4",
    }


def check_answer(call: Call, answer: dict) -> None:
    """``answer`` is {"result": matrix} or {"error": message}; it must be what ``call`` expects."""
    if call.error:
        assert "error" in answer, f"{call.name}: expected an error, got {answer}"
        message = answer["error"]
        for word in call.error:
            assert word in message, f"{call.name}: {word!r} not in {message!r}"
        assert "Traceback" not in message and "File " not in message
        return
    assert "result" in answer, f"{call.name}: {answer}"
    result = answer["result"]
    if call.expected is not None:
        assert result == call.expected, call.name
    else:  # explanations: one German sentence per requested row, in the requested layout
        rows = call.args[0]
        assert [len(line) for line in result] == [len(line) for line in rows]
        assert all(isinstance(text, str) and text.startswith("Zeile ") for line in result for text in line)
