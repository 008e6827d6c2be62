"""From provisional to final through the files: publish the sample as provisional, change three counts and the
budget, settle; what was paid plus what remains is each Kreis's final amount, and the Änderungsnachweis names
exactly the changed inputs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from xl_funcs.calculation import calculate
from xl_funcs.cli import main
from xl_funcs.readers import bundled_workbook_path, read_workbook_file

from ..readers.workbooks import COUNT, changed, parameter_cell, row_of

CHANGED_COUNTS = (("08111", 2024, 1_700), ("08226", 2023, 2_000), ("08437", 2022, 10))
FINAL_BUDGET = 60_000_000


def final_workbook(tmp_path: Path) -> Path:
    def change(workbook):
        sheet = workbook["Zuweisungen"]
        for key, year, value in CHANGED_COUNTS:
            sheet[f"{COUNT[year]}{row_of(key)}"] = value
        workbook["Parameter"][parameter_cell("Budget")] = FINAL_BUDGET
        workbook["Parameter"][parameter_cell("Stand")] = date(2025, 9, 1)

    return changed(tmp_path, change, "Endgültig 2025.xlsx")


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("abrechnung")
    provisional_dir, out = tmp_path / "vorläufig", tmp_path / "Ausgabe Schluss"
    assert main(["publish", "--no-pdf", "--out", str(provisional_dir)]) == 0
    assert main(["payments", "--out", str(provisional_dir)]) == 0
    workbook = final_workbook(tmp_path)
    provisional = provisional_dir / "Mittelverteilung_Integrationsmanagement_2025.xlsx"
    assert main(settle_command(workbook, out, provisional)) == 0
    return provisional_dir, out, workbook


def settle_command(workbook: Path, out: Path, provisional: Path) -> list[str]:
    return [
        "payments", str(workbook), "--out", str(out), "--no-pdf",
        "--provisional", str(provisional), "--provisional-workbook", str(bundled_workbook_path()),
    ]  # fmt: skip


def sheet_rows(path: Path, sheet: str) -> list[tuple]:
    return list(openpyxl.load_workbook(path, data_only=True)[sheet].iter_rows(values_only=True))


def joined_text_rows(rows: list[tuple]) -> list[tuple]:
    """Label/text rows with the layout's continuation lines (long texts printed over several rows) joined."""
    joined: list[list] = []
    for row in rows:
        if row[0] is None and joined and isinstance(row[1], str) and isinstance(joined[-1][1], str):
            joined[-1][1] += " " + row[1]
        else:
            joined.append(list(row[:2]))
    return [tuple(row) for row in joined]


def kreis_rows(rows: list[tuple]) -> dict[str, tuple]:
    return {row[1]: row for row in rows if isinstance(row[1], str) and len(row[1]) == 5 and row[1].isdigit()}


def test_paid_plus_remaining_is_the_final_amount_for_every_kreis(run):
    provisional_dir, out, workbook = run
    final = {r.district.key: r.amount for r in calculate(read_workbook_file(workbook)).rows}
    provisional = {r.district.key: r.amount for r in calculate(read_workbook_file(bundled_workbook_path())).rows}
    rows = kreis_rows(sheet_rows(out / "Schlussabrechnung_2025.xlsx", "Schlussabrechnung 2025"))
    plan = kreis_rows(sheet_rows(provisional_dir / "Auszahlungsplan_2025.xlsx", "Auszahlungsplan 2025"))
    assert len(rows) == 44
    # columns: Nr, key, name, provisional, final, difference, paid, remaining on 15.10., remaining total
    for key, row in rows.items():
        _, _, _, was, now, difference, paid, on_october, rest = row
        assert was == provisional[key] and now == final[key]
        assert difference == now - was
        assert paid == plan[key][4]  # the first instalment (15.04.) of the provisional plan was paid
        assert on_october == rest
        assert paid + rest == final[key]
    assert sum(final.values()) == FINAL_BUDGET
    assert sum(row[8] for row in rows.values()) == FINAL_BUDGET - sum(row[6] for row in rows.values())


def test_the_change_record_names_exactly_the_changed_inputs(run):
    _, out, _ = run
    rows = joined_text_rows(sheet_rows(out / "Schlussabrechnung_2025.xlsx", "Änderungsnachweis"))
    labels = [row[0] for row in rows]
    first, last = labels.index("Geänderte Eingaben"), labels.index("Änderung je Kreis")
    named = [row for row in rows[first + 1 : last]]
    assert [row[0] for row in named] == [
        "1. Parameter",
        "2. Stuttgart (Stadtkreis)",
        "3. Rhein-Neckar-Kreis (Landkreis)",
        "4. Sigmaringen (Landkreis)",
    ]
    assert named[0][1] == "Budget 58.000.000 € → 60.000.000 €"
    assert named[1][1].startswith("Zuweisungen 2024 ") and named[1][1].endswith("→ 1.700")
    assert named[2][1].startswith("Zuweisungen 2023 ") and named[2][1].endswith("→ 2.000")
    assert named[3][1].startswith("Zuweisungen 2022 ") and named[3][1].endswith("→ 10")


def test_each_kreis_sentence_adds_its_parts_up_to_its_change(run):
    _, out, workbook = run
    from xl_funcs.payments.changes import record_changes

    provisional = calculate(read_workbook_file(bundled_workbook_path()))
    final = calculate(read_workbook_file(workbook))
    record = record_changes(provisional, final)
    for index in range(44):
        assert sum(amount for _, amount in record.parts(index)) == record.final[index] - record.provisional[index]
    stuttgart = record.parts(0)
    assert [what for what, _ in stuttgart][:2] == ["Budget 58.000.000 € → 60.000.000 €", "Zuweisungen 2024 1.547 → 1.700"]
    assert stuttgart[-1][0] == "Änderungen bei anderen Kreisen"
    rows = joined_text_rows(sheet_rows(out / "Schlussabrechnung_2025.xlsx", "Änderungsnachweis"))
    sentence = next(row[1] for row in rows if row[0] == "Stuttgart (Stadtkreis)")
    assert sentence == record.sentence(0)
    assert "Zuweisungen 2024 1.547 → 1.700: +" in sentence


def test_the_same_inputs_give_the_same_bytes(run, tmp_path):
    provisional_dir, out, workbook = run
    again = tmp_path / "again"
    provisional = provisional_dir / "Mittelverteilung_Integrationsmanagement_2025.xlsx"
    assert main(settle_command(workbook, again, provisional)) == 0
    for name in ("Auszahlungsplan_2025.xlsx", "Auszahlungsplan_2025.csv", "Schlussabrechnung_2025.xlsx"):
        assert (again / name).read_bytes() == (out / name).read_bytes(), name


def test_unchanged_inputs_change_nothing(tmp_path):
    from xl_funcs.payments.changes import record_changes
    from xl_funcs.payments.settlement import settle

    calculation = calculate(read_workbook_file(bundled_workbook_path()))
    record = record_changes(calculation, calculation)
    assert record.steps == () and record.changes == ()
    assert record.sentence(0).endswith("Keine Eingabe hat sich geändert.")
    settlement = settle(calculation, calculation, as_of=date(2025, 12, 31))
    assert settlement.remaining_dates == (date(2025, 12, 31),)
    assert all(value == 0 for row in settlement.remaining for value in row)
    assert [settlement.paid_total(i) for i in range(44)] == list(settlement.final)


def test_a_repayment_is_negative_and_still_adds_up():
    from dataclasses import replace

    from xl_funcs.payments.settlement import settle

    provisional = calculate(read_workbook_file(bundled_workbook_path()))
    inputs = provisional.inputs
    smaller = replace(inputs, parameters=replace(inputs.parameters, budget=Decimal(20_000_000)))
    settlement = settle(provisional, calculate(smaller), as_of=date(2025, 11, 1))  # both instalments paid
    assert settlement.paid_dates == (date(2025, 4, 15), date(2025, 10, 15))
    assert all(settlement.remaining_total(i) < 0 for i in range(44))
    assert all(settlement.paid_total(i) + settlement.remaining_total(i) == settlement.final[i] for i in range(44))


@pytest.mark.slow
def test_the_settlement_pdf_shows_both_sheets_in_german(run, tmp_path):
    from ..render.libreoffice import pdf_info, pdf_text

    provisional_dir, _, workbook = run
    out = tmp_path / "mit pdf"
    command = [part for part in settle_command(workbook, out, provisional_dir / "Mittelverteilung_Integrationsmanagement_2025.xlsx") if part != "--no-pdf"]
    assert main(command) == 0
    pdf = out / "Schlussabrechnung_2025.pdf"
    text = pdf_text(pdf)
    assert "Schlussabrechnung Integrationsmanagement 2025" in text
    assert "Änderungsnachweis Integrationsmanagement 2025" in text
    assert "Budget 58.000.000 € → 60.000.000 €" in text
    assert "3.730.455 €" in text  # Stuttgart's final amount, in German notation
    assert "Title:" in pdf_info(pdf)


def test_inputs_that_only_fit_together_are_switched_and_named_together():
    from dataclasses import replace

    from xl_funcs.payments.changes import record_changes

    inputs = read_workbook_file(bundled_workbook_path())
    districts = list(inputs.districts)
    provisional_amount = calculate(inputs).rows[0].amount
    # provisional: Stuttgart capped below its amount; final: a floor above that cap (and the cap lifted)
    districts[0] = replace(districts[0], upper=Decimal(provisional_amount - 100_000))
    before = replace(inputs, districts=tuple(districts))
    districts[0] = replace(districts[0], lower=Decimal(provisional_amount + 50_000), upper=Decimal(provisional_amount + 60_000))
    after = replace(inputs, districts=tuple(districts))
    record = record_changes(calculate(before), calculate(after))
    (step,) = record.steps
    assert [change.label for change in step.changes] == ["Mindestbetrag", "Höchstbetrag"]
    what, amount = record.parts(0)[0]
    assert what.startswith("Mindestbetrag – → ") and " zusammen mit Höchstbetrag " in what
    assert amount == record.final[0] - record.provisional[0] == 150_000
    for index in range(44):
        assert sum(part for _, part in record.parts(index)) == record.final[index] - record.provisional[index]
