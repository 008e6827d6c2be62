"""The columns Losnummer and Grenzregel of the table Szenarien: read like the Parameter sheet's names, calculated
by the ordinary calculation, named in the comparison's words, and a bad cell reported at its place."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import openpyxl
import pytest

from xl_funcs.calculation import calculate
from xl_funcs.inputs import InputProblems
from xl_funcs.readers import bundled_workbook_path
from xl_funcs.readers.scenarios import read_comparison_file
from xl_funcs.sample.workbook import SCENARIO_HEADERS, sample_inputs
from xl_funcs.scenarios.comparison import compare
from xl_funcs.scenarios.wording import rules_in_words

from ..readers.workbooks import changed

CAPPED = "Verlust max. 20 %, alle tragen"
TIE = "Sainte-Laguë/Schepers"


def _cell(workbook, variant: str, heading: str) -> str:
    sheet = workbook["Szenarien"]
    header_row = next(row for row in sheet.iter_rows() if row[0].value == "Szenario")
    column = SCENARIO_HEADERS.index(heading) + 1
    row = next(cells[0].row for cells in sheet.iter_rows(min_row=header_row[0].row + 1) if cells[0].value == variant)
    return sheet.cell(row, column).coordinate


def _with(tmp_path, values: dict[tuple[str, str], object]):
    def change(workbook):
        for (variant, heading), value in values.items():
            workbook["Szenarien"][_cell(workbook, variant, heading)] = value

    return changed(tmp_path, change)


def test_a_draw_by_lot_reaches_the_calculation_and_the_words(tmp_path):
    path = _with(tmp_path, {(TIE, "Gleichstandsregel"): "Los", (TIE, "Losnummer"): "2025-1"})
    results = {r.variant.name: r for r in compare(read_comparison_file(path)).results}
    drawn = results[TIE].parameters
    assert (drawn.tie_rule, drawn.seed) == ("lot", "2025-1")
    assert "bei Gleichstand: Los; Losnummer „2025-1“" in rules_in_words(drawn)
    expected = calculate(replace(sample_inputs(), parameters=replace(drawn)))
    assert [r.amount for r in results[TIE].calculation.rows] == [r.amount for r in expected.rows]


def test_grenzregel_quote_reaches_the_calculation(tmp_path):
    """Quote keeps each quota on the whole budget; with euros as units a 20 % loss cap cannot be met that way,
    and the engine's reason is reported at the variant's row."""
    path = _with(tmp_path, {(CAPPED, "Grenzregel"): "Quote"})
    variant_row = _cell(openpyxl.load_workbook(path), CAPPED, "Szenario")
    with pytest.raises(InputProblems) as raised:
        compare(read_comparison_file(path))
    (problem,) = raised.value.problems
    assert str(problem.where) == f"Szenarien!{variant_row}" and "Grenzregel „Quote“" in problem.message
    # the same variant with the Parameter sheet's rule is calculated
    plain = {r.variant.name: r for r in compare(read_comparison_file(bundled_workbook_path())).results}
    assert plain[CAPPED].parameters.bound_rule == "redistribute"
    assert "Grenzen:" not in rules_in_words(plain[CAPPED].parameters)


def test_a_bad_grenzregel_is_reported_at_its_cell(tmp_path):
    path = _with(tmp_path, {(CAPPED, "Grenzregel"): "irgendwie"})
    cell = _cell(openpyxl.load_workbook(path), CAPPED, "Grenzregel")
    with pytest.raises(InputProblems) as raised:
        read_comparison_file(path)
    (problem,) = raised.value.problems
    assert str(problem.where) == f"Szenarien!{cell}" and "Unbekannte Grenzregel 'irgendwie'" in problem.message
