"""The Kreis workbook shows the Kreis its own instalments when the workbook has the table Abschläge."""

from __future__ import annotations

import io
from dataclasses import replace

import openpyxl

from xl_funcs.calculation import calculate
from xl_funcs.districts.model import district_workbook
from xl_funcs.districts.writer import render_district_workbook
from xl_funcs.payments.plan import plan_instalments
from xl_funcs.readers import bundled_workbook_path, read_workbook_file


def kreis_sheet_rows(calculation, index: int) -> list[tuple]:
    rendered = render_district_workbook(district_workbook(calculation, index))
    workbook = openpyxl.load_workbook(io.BytesIO(rendered.data))
    return list(workbook[f"Kreis {calculation.rows[index].district.key}"].iter_rows(values_only=True))


def test_the_kreis_sheet_lists_its_row_of_the_plan_adding_up_to_its_amount():
    calculation = calculate(read_workbook_file(bundled_workbook_path()))
    plan = plan_instalments(calculation)
    for index in (0, 43):
        rows = kreis_sheet_rows(calculation, index)
        labels = [row[0] for row in rows]
        assert "Ihre Abschläge 2025 (Auszahlungsplan)" in labels
        first = next(row for row in rows if row[0] == "1. Abschlag am 15.04.2025 (60 % des Budgets)")
        second = next(row for row in rows if row[0] == "2. Abschlag am 15.10.2025 (40 % des Budgets)")
        total = next(row for row in rows if row[0] == "Summe Ihrer Abschläge (= Ihre Mittel 2025)")
        assert (first[1], second[1]) == plan.entries[index]
        assert total[1] == first[1] + second[1] == calculation.rows[index].amount


def test_without_abschlaege_the_block_is_absent():
    inputs = read_workbook_file(bundled_workbook_path())
    calculation = calculate(replace(inputs, instalments=()))
    labels = [row[0] for row in kreis_sheet_rows(calculation, 0)]
    assert not any(isinstance(label, str) and "Abschlag" in label for label in labels)
