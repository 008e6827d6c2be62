"""The official table as data: every figure from the Calculation, arranged and summed correctly."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from fractions import Fraction

import pytest

import xl_funcs
from xl_funcs.calculation import calculate
from xl_funcs.inputs import InputProblems
from xl_funcs.table import Column, ColumnKind, Row, RowRole, Table, official_document
from xl_funcs.table.model import Cell, plain_value

from .inputs_factory import make_inputs, with_parameters

BUDGET = 58_000_000


@pytest.fixture(scope="module")
def calculation():
    return calculate(make_inputs())


@pytest.fixture(scope="module")
def table(calculation):
    return official_document(calculation).sheets[0]


def test_one_data_row_per_kreis_in_input_order_with_the_engines_amounts(calculation, table):
    data = table.rows_with(RowRole.DATA)
    assert len(data) == 44
    assert table.values("nr") == tuple(range(1, 45))
    assert table.values("key") == tuple(d.key for d in calculation.inputs.districts)
    assert table.values("key")[0] == "08111"
    assert table.values("name") == tuple(d.name for d in calculation.inputs.districts)
    assert table.values("kind").count("Stadtkreis") == 9
    assert table.values("amount") == tuple(row.amount for row in calculation.rows)
    assert all(type(amount) is int for amount in table.values("amount"))
    assert table.values("reference") == tuple(row.reference for row in calculation.rows)
    # The printed shares: whole hundredths of a percent, apportioned so that they add up to 100 %.
    assert table.values("share") == tuple(row.shown_share for row in calculation.rows)
    assert sum(table.values("share")) == 1
    for shown, row in zip(table.values("share"), calculation.rows):
        assert (shown * 10_000).denominator == 1 and abs(shown - row.share) < Fraction(1, 10_000)


def test_total_row_is_the_budget_to_the_euro(calculation, table):
    (total,) = table.rows_with(RowRole.TOTAL)
    assert table.rows[-1] is total
    cells = dict(zip((c.key for c in table.columns), total.cells))
    assert cells["name"] == "Baden-Württemberg insgesamt"
    assert cells["amount"] == BUDGET == sum(table.values("amount"))
    assert cells["share"] == Fraction(1)
    assert cells["reference"] == calculation.total_reference
    assert cells["previous"] == sum(int(d.previous_amount) for d in calculation.inputs.districts)
    assert cells["change"] == BUDGET - cells["previous"]
    assert cells["change_ratio"] == Fraction(cells["change"], cells["previous"])
    assert cells["nr"] is None and cells["key"] is None


def test_previous_year_columns_with_exact_change(calculation, table):
    assert [c.key for c in table.columns] == [
        "nr", "key", "name", "kind", "region", "reference", "share", "amount", "previous", "change", "change_ratio",
    ]
    for row, amount, previous, change, ratio in zip(
        calculation.rows, table.values("amount"), table.values("previous"), table.values("change"), table.values("change_ratio")
    ):
        assert previous == int(row.district.previous_amount)
        assert change == amount - previous
        assert ratio == Fraction(change, previous)


def test_headers_name_year_previous_year_and_reference_period(table):
    headers = [c.header_line for c in table.columns]
    assert headers[0] == "Nr."
    assert "Kreisschlüssel" in headers and "Stadt-/Landkreis" in headers and "Regierungsbezirk" in headers
    assert "Mittel 2025 in €" in headers and "Mittel 2024 in €" in headers
    assert "Anteil in %" in headers and "Veränderung in €" in headers and "Veränderung in %" in headers
    reference = table.columns[table.column_index("reference")].header_line
    assert reference.startswith("Bezugsgröße") and "2022–2024" in reference


def test_number_formats_in_excel_notation(table):
    formats = {c.key: c.number_format for c in table.columns}
    assert formats["amount"] == formats["previous"] == '#,##0 "€"'
    assert formats["share"] == "0.00 %"
    assert formats["key"] == "@"
    assert formats["change_ratio"].startswith("+0.00 %")
    assert all(c.width > 0 for c in table.columns)
    assert table.columns[table.column_index("key")].kind is ColumnKind.KEY


def test_without_previous_amounts_the_three_change_columns_are_left_out():
    table = official_document(calculate(make_inputs(previous=False))).sheets[0]
    assert [c.key for c in table.columns][-1] == "amount"
    assert len(table.columns) == 8
    assert table.values("amount", RowRole.TOTAL) == (BUDGET,)


def test_subtotals_per_regierungsbezirk_sum_their_rows():
    calculation = calculate(make_inputs(subtotals=True))
    table = official_document(calculation).sheets[0]
    subtotals = table.rows_with(RowRole.SUBTOTAL)
    assert [plain_value(r.cells[table.column_index("name")]) for r in subtotals] == [
        "Regierungsbezirk Stuttgart", "Regierungsbezirk Karlsruhe", "Regierungsbezirk Freiburg", "Regierungsbezirk Tübingen",
    ]
    amount = table.column_index("amount")
    region = table.column_index("region")
    current: list[Row] = []
    for row in table.rows:
        if row.role is RowRole.DATA:
            current.append(row)
        elif row.role is RowRole.SUBTOTAL:
            assert {r.cells[region] for r in current} == {row.cells[table.column_index("name")].split(" ", 1)[1]}
            assert row.cells[amount] == sum(r.cells[amount] for r in current)
            assert row.cells[table.column_index("share")] == sum(r.cells[table.column_index("share")] for r in current)
            current = []
    assert sum(r.cells[amount] for r in subtotals) == BUDGET
    assert table.values("amount", RowRole.TOTAL) == (BUDGET,)
    assert table.values("nr") == tuple(range(1, 45))


def test_the_year_is_a_parameter():
    document = official_document(calculate(make_inputs(2026)))
    table = document.sheets[0]
    assert document.title == table.title == "Vorläufige Mittelverteilung Integrationsmanagement 2026"
    assert table.sheet_name == "Mittelverteilung 2026"
    assert document.file_stem == "Mittelverteilung_Integrationsmanagement_2026"
    headers = [c.header_line for c in table.columns]
    assert "Mittel 2026 in €" in headers and "Mittel 2025 in €" in headers
    assert "2023–2025" in table.columns[table.column_index("reference")].header_line
    assert any("2026" in note for note in table.notes)


def test_notes_footnotes_and_the_sample_data_warning(table, calculation):
    assert table.notes[0] == "Stand: 14.03.2025"
    assert "vorbehaltlich der Beschlussfassung des Landtags" in table.notes[1]
    assert any("frei erfunden" in w for w in table.warnings)
    footnotes = " ".join(table.footnotes)
    assert "Hare-Niemeyer, auf volle Euro; Summe entspricht exakt dem Förderbetrag von 58.000.000 €." in footnotes
    assert "Datenquelle: Regierungspräsidium Karlsruhe" in footnotes
    # The sample-data notice once: in the heading, not again in the footnotes or on the second sheet.
    document = official_document(calculation)
    everything = [line for sheet in document.sheets for line in (*sheet.notes, *sheet.warnings, *sheet.footnotes)]
    assert sum("frei erfunden" in line for line in everything) == 1
    assert "Mittelwert der Jahre 2022–2024" in footnotes


def test_real_data_carries_no_sample_warning():
    table = official_document(calculate(make_inputs(sample_data=False, source_note=""))).sheets[0]
    assert table.warnings == ()
    assert not any("erfunden" in f or "Beispieldaten" in f or "Datenquelle" in f for f in table.footnotes)


def test_method_is_named_for_divisor_methods_too():
    from xl_funcs.engine import Method

    table = official_document(calculate(make_inputs(method=Method.SAINTE_LAGUE))).sheets[0]
    assert any(f.startswith("Verteilung nach Sainte-Laguë/Schepers, auf volle Euro") for f in table.footnotes)
    assert table.values("amount", RowRole.TOTAL) == (BUDGET,)


def test_basis_sheet_has_parameters_method_digest_and_version():
    inputs = make_inputs()
    document = official_document(calculate(inputs))
    basis = document.sheets[1]
    assert basis.sheet_name == "Berechnungsgrundlagen"
    pairs = {plain_value(r.cells[0]): r.cells[1] for r in basis.rows if r.role is RowRole.DATA}
    assert pairs["SHA-256 der Eingaben"] == inputs.digest
    assert pairs["Programm"] == f"mittelverteilung {xl_funcs.__version__}"
    assert pairs["Förderbetrag"] == Cell(BUDGET, '#,##0 "€"')
    assert pairs["Haushaltsjahr"].value == 2025
    assert pairs["Verteilungsverfahren"] == "Hare-Niemeyer"
    assert pairs["Bezugszeitraum"] == "2022–2024"
    sections = [plain_value(r.cells[0]) for r in basis.rows if r.role is RowRole.SECTION]
    assert sections == [
        "Parameter", "Verfahren in Worten", "Kreise an einer Grenze",
        "Gleichstände, die einen Betrag entschieden haben", "Nachweis",
    ]
    words = " ".join(str(plain_value(r.cells[1])) for r in basis.rows)
    assert "größten Resten" in words and "Kein Gleichstand hat einen Betrag entschieden." in words


def test_ties_that_decided_an_amount_are_named():
    # 44 equal counts: 58,000,000 = 44 × 1,318,181 + 36, so 36 Kreise win a euro over 8 with the same claim.
    inputs = make_inputs()
    equal = tuple(dataclasses.replace(d, counts=tuple((y, 100) for y, _ in d.counts)) for d in inputs.districts)
    calculation = calculate(dataclasses.replace(inputs, districts=equal))
    document = official_document(calculation)
    assert sorted(set(document.sheets[0].values("amount"))) == [1_318_181, 1_318_182]
    assert any("Gleichstand" in f for f in document.sheets[0].footnotes)
    basis = document.sheets[1]
    sentences = [plain_value(r.cells[1]) for r in basis.rows if "erhielt den Vorzug" in str(plain_value(r.cells[1]))]
    assert len(sentences) == 1
    assert "Stuttgart (Stadtkreis)" in sentences[0] and "Sigmaringen (Landkreis)" in sentences[0]


def test_loss_cap_is_footnoted_and_bounded_kreise_listed():
    calculation = calculate(make_inputs(loss_cap=Decimal("0.1")))
    document = official_document(calculation)
    footnotes = " ".join(document.sheets[0].footnotes)
    assert "Kein Kreis erhält mehr als 10 % weniger als im Vorjahr." in footnotes
    bounded = [r.district.label for r in calculation.rows if r.explanation.bound == "lower"]
    assert bounded, "the invented data must put some Kreise at the loss cap"
    labels = [plain_value(r.cells[0]) for r in document.sheets[1].rows]
    assert all(label in labels for label in bounded)
    for row in calculation.rows:
        assert row.amount >= row.district.previous_amount * Decimal("0.9")
    assert document.sheets[0].values("amount", RowRole.TOTAL) == (BUDGET,)


def test_engine_refusal_becomes_input_problems():
    inputs = with_parameters(make_inputs(), base=Decimal(2_000_000))
    with pytest.raises(InputProblems):
        official_document(calculate(inputs))


def test_the_model_is_immutable_and_checked():
    column = Column("a", "A", ColumnKind.TEXT, "@", 10)
    with pytest.raises(ValueError):
        Table("Blatt", "Titel", (column,), (Row(("x", "y")),))
    with pytest.raises(ValueError):
        Table("Blatt/1", "Titel", (column,), ())
    table = Table("Blatt", "Titel", (column,), (Row(("x",)),))
    with pytest.raises(dataclasses.FrozenInstanceError):
        table.title = "anders"
    assert table.with_rows([Row(("y",))]).values("a") == ("y",)
    assert table.values("a") == ("x",)


def test_a_kreis_without_last_years_amount_leaves_its_change_and_the_totals_change_empty():
    inputs = make_inputs()
    districts = (dataclasses.replace(inputs.districts[0], previous_amount=None),) + inputs.districts[1:]
    table = official_document(calculate(dataclasses.replace(inputs, districts=districts))).sheets[0]
    assert table.values("previous")[0] is None and table.values("change")[0] is None
    assert table.values("change_ratio")[0] is None
    assert table.values("previous")[1] is not None
    assert table.values("previous", RowRole.TOTAL) == (None,)
    assert table.values("change_ratio", RowRole.TOTAL) == (None,)
    assert table.values("amount", RowRole.TOTAL) == (BUDGET,)
    assert any(f.startswith("Veränderung in %: leer") for f in table.footnotes)


def test_issuer_in_both_title_blocks_and_as_author_only_when_given():
    plain = official_document(calculate(make_inputs()))
    assert plain.author == f"mittelverteilung {xl_funcs.__version__}" and plain.publisher == "" and plain.contact == ""
    assert not any("Herausgeber" in note for sheet in plain.sheets for note in sheet.notes)

    inputs = make_inputs()
    parameters = dataclasses.replace(inputs.parameters, issuer="Ministerium X", department="Referat 7", contact="ref7@x.invalid")
    given = official_document(calculate(dataclasses.replace(inputs, parameters=parameters)))
    assert given.author == "Ministerium X" and given.publisher == "Ministerium X, Referat 7"
    assert given.contact == "ref7@x.invalid"
    for sheet in given.sheets:
        assert "Herausgeber: Ministerium X · Referat 7 · Kontakt: ref7@x.invalid" in sheet.notes

    only_contact = dataclasses.replace(inputs.parameters, contact="0711 000")
    sheet = official_document(calculate(dataclasses.replace(inputs, parameters=only_contact))).sheets[0]
    assert "Kontakt: 0711 000" in sheet.notes
