"""The sample workbook read from disk: every parameter, all 44 Kreise with keys as text, the counts."""

from __future__ import annotations

import hashlib
import os
from datetime import date
from decimal import Decimal

import pytest
from python_calamine import CalamineWorkbook

from xl_funcs.calculation import calculate
from xl_funcs.engine import Method
from xl_funcs.inputs import CellRef
from xl_funcs.kreise import all_kreise
from xl_funcs.readers import bundled_workbook_path, read_workbook_file
from xl_funcs.sample.workbook import sample_inputs

from .workbooks import AMOUNT, COUNT, changed, parameter_cell, row_of


@pytest.fixture(scope="module")
def inputs():
    return read_workbook_file(bundled_workbook_path())


def test_bundled_workbook_is_the_committed_sample():
    path = bundled_workbook_path()
    assert path.name == "Mittelverteilung.xlsx"
    assert path.parent.name == "workbook"
    assert path.is_file()


def test_parameters(inputs):
    p = inputs.parameters
    assert p.year == 2025
    assert p.budget == Decimal(58_000_000)
    assert p.method is Method.HARE_NIEMEYER
    assert p.unit == Decimal(1)
    assert p.reference_years == (2022, 2023, 2024)
    assert p.stand == date(2025, 3, 31)
    assert p.base == 0 and p.loss_cap is None and p.subtotals is False
    assert p.sample_data is True
    assert p.source_note.startswith("Beispielmappe, Zahlen erzeugt")


def test_all_44_kreise_in_key_order_with_official_names(inputs):
    kreise = all_kreise()
    assert len(inputs.districts) == 44
    assert [d.key for d in inputs.districts] == [k.key for k in kreise]
    assert all(isinstance(d.key, str) and len(d.key) == 5 and d.key.startswith("08") for d in inputs.districts)
    assert [(d.name, d.kind, d.region) for d in inputs.districts] == [(k.name, k.kind, k.region) for k in kreise]
    assert inputs.districts[0].row == CellRef("Zuweisungen", "A5")
    assert inputs.districts[-1].row == CellRef("Zuweisungen", "A48")


def test_counts_and_previous_amounts_match_the_cells(inputs):
    """Compared with an independent reader (python-calamine) cell by cell."""
    book = CalamineWorkbook.from_path(str(bundled_workbook_path()))
    grid = book.get_sheet_by_name("Zuweisungen").to_python(skip_empty_area=False)

    def cell(ref: str):
        column = ord(ref[0]) - ord("A")
        return grid[int(ref[1:]) - 1][column]

    for district in inputs.districts:
        row = row_of(district.key)
        assert cell(f"A{row}") == district.key  # text in the file, leading zero kept
        for year, count in district.counts:
            assert cell(f"{COUNT[year]}{row}") == count
        assert cell(f"{AMOUNT[2024]}{row}") == district.previous_amount
    assert [year for year, _ in inputs.districts[0].counts] == [2021, 2022, 2023, 2024, 2025]


def test_reader_returns_exactly_what_the_generator_put_in(inputs):
    assert inputs == sample_inputs()
    assert inputs.digest == sample_inputs().digest


def test_mittel_2025_column_is_the_engines_result_for_2025(inputs):
    result = calculate(inputs)
    assert result.total == 58_000_000
    book = CalamineWorkbook.from_path(str(bundled_workbook_path()))
    grid = book.get_sheet_by_name("Zuweisungen").to_python(skip_empty_area=False)
    for row in result.rows:
        assert grid[row_of(row.district.key) - 1][ord(AMOUNT[2025]) - ord("A")] == row.amount


def test_year_2026_uses_mittel_2025_as_previous_year(tmp_path):
    def to_2026(workbook):
        sheet = workbook["Parameter"]
        sheet[parameter_cell("Haushaltsjahr")] = 2026
        sheet[parameter_cell("Bezugsjahr_von")] = 2023
        sheet[parameter_cell("Bezugsjahr_bis")] = 2025

    inputs = read_workbook_file(changed(tmp_path, to_2026))
    assert inputs.parameters.year == 2026
    assert inputs.parameters.reference_years == (2023, 2024, 2025)
    amounts_2025 = {row.district.key: row.amount for row in calculate(read_workbook_file(bundled_workbook_path())).rows}
    assert {d.key: d.previous_amount for d in inputs.districts} == amounts_2025
    result = calculate(inputs)
    assert result.total == 58_000_000
    assert any(row.change != 0 for row in result.rows)


def test_without_previous_year_column_there_are_no_previous_amounts(tmp_path):
    def year_2023(workbook):
        sheet = workbook["Parameter"]
        sheet[parameter_cell("Haushaltsjahr")] = 2023
        sheet[parameter_cell("Bezugsjahr_von")] = 2021
        sheet[parameter_cell("Bezugsjahr_bis")] = 2022

    inputs = read_workbook_file(changed(tmp_path, year_2023))
    assert all(d.previous_amount is None for d in inputs.districts)
    assert calculate(inputs).has_previous is False


def test_numbers_typed_as_text_are_read_where_unambiguous(tmp_path):
    def as_text(workbook):
        workbook["Parameter"][parameter_cell("Budget")] = "58.000.000"
        workbook["Parameter"][parameter_cell("Haushaltsjahr")] = "2025"
        workbook["Zuweisungen"][f"{COUNT[2023]}{row_of('08111')}"] = " 2326 "
        workbook["Zuweisungen"][f"{COUNT[2022]}{row_of('08115')}"] = "1062"

    inputs = read_workbook_file(changed(tmp_path, as_text))
    assert inputs == sample_inputs()


def test_kreis_names_in_other_common_spellings_are_accepted(tmp_path):
    def spellings(workbook):
        sheet = workbook["Zuweisungen"]
        sheet[f"B{row_of('08125')}"] = "Landkreis Heilbronn"
        sheet[f"B{row_of('08121')}"] = "Heilbronn (Stadtkreis)"
        sheet[f"D{row_of('08111')}"] = "Regierungsbezirk Stuttgart"

    inputs = read_workbook_file(changed(tmp_path, spellings))
    assert inputs == sample_inputs()  # the official names are kept, not the spelling in the cell


def test_table_sorted_differently_gives_the_same_inputs(tmp_path):
    def reverse_rows(workbook):
        sheet = workbook["Zuweisungen"]
        first, last = row_of("08111"), row_of("08437")
        rows = [[cell.value for cell in sheet[r]] for r in range(first, last + 1)]
        for offset, values in enumerate(reversed(rows)):
            for column, value in enumerate(values, start=1):
                sheet.cell(first + offset, column, value)

    inputs = read_workbook_file(changed(tmp_path, reverse_rows))
    assert inputs == sample_inputs()
    assert inputs.districts[0].row == CellRef("Zuweisungen", "A48")


def test_reading_never_writes_to_the_file(tmp_path):
    path = changed(tmp_path, lambda workbook: None)
    os.chmod(path, 0o444)
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), os.stat(path).st_mtime_ns)
    read_workbook_file(path)
    after = (hashlib.sha256(path.read_bytes()).hexdigest(), os.stat(path).st_mtime_ns)
    assert before == after
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_an_xlsm_workbook_is_read_too(tmp_path):
    path = changed(tmp_path, lambda workbook: None, name="Mittelverteilung.xlsm")
    assert read_workbook_file(path) == sample_inputs()


def test_totals_row_in_the_table_and_a_sum_after_a_blank_row_are_fine(tmp_path):
    def with_totals(workbook):
        sheet = workbook["Zuweisungen"]
        table = sheet.tables["Kreise"]
        table.ref = "A4:K49"
        table.totalsRowCount = 1
        sheet["A49"] = "Summe"
        sheet["E49"] = "=SUBTOTAL(109,Kreise[Zuweisungen 2021])"
        sheet["A51"] = "Summe außerhalb der Tabelle"
        sheet["E51"] = "=SUM(E5:E48)"

    assert read_workbook_file(changed(tmp_path, with_totals)) == sample_inputs()


def test_optional_columns_may_be_missing_and_other_columns_are_ignored(tmp_path):
    def other_columns(workbook):
        sheet = workbook["Zuweisungen"]
        sheet["C4"] = "Bemerkung"  # was Art
        sheet["D4"] = "Zuständiges RP"  # was Regierungsbezirk
        sheet[f"C{row_of('08111')}"] = "Landeshauptstadt"

    assert read_workbook_file(changed(tmp_path, other_columns)) == sample_inputs()


def test_an_entirely_empty_count_column_for_a_later_year_is_ignored(tmp_path):
    def clear_2025(workbook):
        for row in range(row_of("08111"), row_of("08437") + 1):
            workbook["Zuweisungen"][f"{COUNT[2025]}{row}"] = None

    inputs = read_workbook_file(changed(tmp_path, clear_2025))
    assert [year for year, _ in inputs.districts[0].counts] == [2021, 2022, 2023, 2024]
    assert calculate(inputs).total == 58_000_000
