"""The transition rules from the workbook's parameters through the calculation into the published texts."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from fractions import Fraction

import pytest

from xl_funcs.calculation import calculate
from xl_funcs.districts.model import proof_lines
from xl_funcs.inputs import InputProblems
from xl_funcs.readers import contract as c
from xl_funcs.readers import read_workbook_file
from xl_funcs.sample.workbook import sample_inputs
from xl_funcs.table.model import Cell
from xl_funcs.table.official import basis_table, official_table

from ..readers.workbooks import changed, parameter_cell, problems_of


def _with(inputs, **parameters):
    return dataclasses.replace(inputs, parameters=dataclasses.replace(inputs.parameters, **parameters))


@pytest.fixture(scope="module")
def inputs():
    return sample_inputs()


def _minimum(previous: Decimal, loss: Fraction) -> int:
    value = Fraction(previous) * (1 - loss)
    return -((-value.numerator) // value.denominator)


def _basis_text(calculation) -> str:
    def shown(value) -> str:
        return str(value.value if isinstance(value, Cell) else value)

    rows = basis_table(calculation).rows
    return "\n".join(" ".join(shown(v) for v in row.cells if v is not None) for row in rows)


def test_sample_key_is_unchanged_by_the_new_defaults(inputs):
    calculation = calculate(inputs)
    assert calculation.transition is None
    assert "Gleichstandsregel Kreisschlüssel" in _basis_text(calculation)


@pytest.mark.parametrize("financing", ["all", "gainers", "fund"])
def test_every_financing_rule_holds_the_cap_and_the_budget(inputs, financing):
    loss = Fraction(1, 10)
    plain = calculate(inputs)
    assert any(r.amount < _minimum(r.previous, loss) for r in plain.rows)  # the sample has Kreise losing more
    calculation = calculate(_with(inputs, loss_cap=Decimal("0.1"), financing=financing))
    assert sum(r.amount for r in calculation.rows) == 58_000_000
    for result in calculation.rows:
        assert result.amount + result.top_up >= _minimum(result.previous, loss)
    text = _basis_text(calculation)
    footnotes = " ".join(official_table(calculation).footnotes)
    if financing == "fund":
        fund = calculation.transition.fund
        assert fund > 0 and sum(r.top_up for r in calculation.rows) == fund
        assert [r.amount for r in calculation.rows] == [r.amount for r in plain.rows]  # the key stays
        assert "Härtefonds" in footnotes and f"{fund:,}".replace(",", ".") in footnotes
    elif financing == "gainers":
        rate = calculation.transition.gain_rate
        assert rate is not None and "nur die gewinnenden Kreise" in text
        assert "gewinnen" in footnotes
        for result, before in zip(calculation.rows, plain.rows):
            if before.amount <= result.previous and before.amount >= _minimum(result.previous, loss):
                assert result.amount == before.amount  # neither lost beyond the cap nor gained: untouched
    else:
        assert calculation.transition is None  # today's path: a lower bound paid by all
    # What moved, per Kreis, is published on the Berechnungsgrundlagen sheet (not for "all": there the bounds show it).
    if financing != "all":
        assert "ohne Regel" in text and "Differenz" in text and "Durch die Übergangsregeln bewegt" in text


def test_kreis_workbook_shows_the_fund_top_up(inputs):
    calculation = calculate(_with(inputs, loss_cap=Decimal("0.1"), financing="fund"))
    index = next(i for i, r in enumerate(calculation.rows) if r.top_up)
    lines = dict(proof_lines(calculation, index))
    assert lines["Aus dem Härtefonds"].endswith("€")
    result = calculation.rows[index]
    assert lines["Ergebnis: Mittel 2025"] == f"{result.amount:,} €".replace(",", ".")  # as in the official table
    total = result.amount + result.top_up
    assert lines["Zusammen mit der Aufstockung aus dem Härtefonds"] == f"{total:,} €".replace(",", ".")
    assert "Härtefonds" in lines["In Worten"] and "mit Übergangsregeln" in lines["In Worten"]


def test_phase_in_and_gain_cap_are_published(inputs):
    calculation = calculate(_with(inputs, phase_in=Decimal("0.5"), max_gain=Decimal("0.2")))
    assert sum(r.amount for r in calculation.rows) == 58_000_000
    for result in calculation.rows:
        assert result.amount <= result.previous * Decimal("1.2")
    footnotes = " ".join(official_table(calculation).footnotes)
    assert "Übergang: Verteilt wird nach einer Mischung der Anteile, 50 %" in footnotes
    assert "Zuwachsbegrenzung: Kein Kreis erhält mehr als 20 % mehr" in footnotes


def test_infeasible_gainers_is_a_german_problem(inputs):
    with pytest.raises(InputProblems, match="Finanzierung durch die Gewinner reicht nicht"):
        # Nobody may lose anything, but the budget is below last year's total: the gains cannot pay for it.
        below = sum(d.previous_amount for d in inputs.districts) - 1000
        calculate(_with(inputs, budget=below, loss_cap=Decimal("0"), financing="gainers"))


def test_order_rule_follows_the_rang_column(inputs):
    # Rang reversed against the key: the last Kreis goes first.
    ranked = tuple(dataclasses.replace(d, rank=len(inputs.districts) - i) for i, d in enumerate(inputs.districts))
    base = dataclasses.replace(inputs, districts=ranked)
    twins = list(ranked)
    twins[5] = dataclasses.replace(twins[5], counts=twins[4].counts)
    base = dataclasses.replace(base, districts=tuple(twins))
    for extra in range(400):
        by_key = calculate(_with(base, budget=Decimal(58_000_000 + extra)))
        if any({4, 5} <= set(t.rows) for t in by_key.ties):
            break
    else:
        pytest.fail("no tie between the twins")
    by_rank = calculate(_with(base, budget=Decimal(58_000_000 + extra), tie_rule="order"))
    assert by_key.rows[4].amount == by_key.rows[5].amount + 1
    assert by_rank.rows[5].amount == by_rank.rows[4].amount + 1
    assert "kleineren Rang" in _basis_text(by_rank)


def test_workbook_names_are_read_and_bad_values_name_the_cell(tmp_path):
    def rules(workbook):
        sheet = workbook["Parameter"]
        sheet[parameter_cell(c.LOSS_CAP)] = 0.1
        sheet[parameter_cell(c.FINANCING)] = "Gewinner"
        sheet[parameter_cell(c.MAX_GAIN)] = "25 %"
        sheet[parameter_cell(c.PHASE_IN)] = 0.5
        sheet[parameter_cell(c.TIE_RULE)] = "Los"
        sheet[parameter_cell(c.SEED)] = 20250115
        sheet[parameter_cell(c.BOUND_RULE)] = "Quote"

    p = read_workbook_file(changed(tmp_path, rules)).parameters
    assert (p.financing, p.max_gain, p.phase_in, p.tie_rule, p.seed, p.bound_rule) == (
        "gainers", Decimal("0.25"), Decimal("0.5"), "lot", "20250115", "quota"
    )

    def bad(workbook):
        workbook["Parameter"][parameter_cell(c.FINANCING)] = "jeder"
        workbook["Parameter"][parameter_cell(c.TIE_RULE)] = "Würfel"

    problems = problems_of(changed(tmp_path, bad, name="falsch.xlsx"))
    texts = {str(p.where): p.message for p in problems}
    assert "Unbekannte Finanzierung" in texts[f"Parameter!{parameter_cell(c.FINANCING)}"]
    assert "Unbekannte Gleichstandsregel" in texts[f"Parameter!{parameter_cell(c.TIE_RULE)}"]


def _with_rank_column(values):
    def change(workbook):
        sheet = workbook["Zuweisungen"]
        table = sheet.tables["Kreise"]
        first, last = table.ref.split(":")
        last_row = int("".join(ch for ch in last if ch.isdigit()))
        sheet["L4"] = c.RANK
        for offset, value in enumerate(values):
            sheet[f"L{5 + offset}"] = value
        table.ref = f"{first}:L{last_row}"
        table.tableColumns = []  # openpyxl rebuilds the column list from the header row on save
        table._initialise_columns()

    return change


def test_rang_column_is_read_and_a_bad_rank_names_its_cell(tmp_path):
    count = 44
    path = changed(tmp_path, _with_rank_column([count - i for i in range(count)]), name="rang.xlsx")
    inputs = read_workbook_file(path)
    assert [d.rank for d in inputs.districts] == [count - i for i in range(count)]
    bad = changed(tmp_path, _with_rank_column(["erster"] + list(range(2, count + 1))), name="rang_falsch.xlsx")
    problems = {str(p.where): p.message for p in problems_of(bad)}
    assert "Rang für Stuttgart" in problems["Zuweisungen!L5"]
