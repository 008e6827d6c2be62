"""Bad input for the payments gives a German message naming the place, and nothing is written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from xl_funcs.cli import main
from xl_funcs.inputs import InputProblems
from xl_funcs.payments.provisional import read_provisional

from ..readers.workbooks import changed, problems_of


def abschlaege_cells(workbook) -> tuple[str, str]:
    sheet = workbook["Parameter"]
    first, _ = sheet.tables["Abschläge"].ref.split(":")
    row = int(first[1:]) + 1
    return f"A{row}", f"B{row}"


def test_shares_not_adding_to_100_percent_are_named_at_their_cells(tmp_path):
    def change(workbook):
        workbook["Parameter"][abschlaege_cells(workbook)[1]] = 0.5

    workbook = changed(tmp_path, change)
    problems = problems_of(workbook)
    (problem,) = problems
    assert "ergeben zusammen 90 % statt 100 %" in problem.message
    # the share column of the table's two rows, wherever the table stands on the sheet
    first_share = int(abschlaege_cells(openpyxl.load_workbook(workbook))[1][1:])
    assert problem.where.sheet == "Parameter" and problem.where.cell == f"B{first_share}:B{first_share + 1}"


def test_a_date_outside_the_haushaltsjahr_is_named_at_its_cell_and_nothing_is_written(tmp_path, capsys):
    def change(workbook):
        workbook["Parameter"][abschlaege_cells(workbook)[0]] = date(2024, 12, 15)

    workbook = changed(tmp_path, change)
    out = tmp_path / "out"
    date_cell = abschlaege_cells(openpyxl.load_workbook(workbook))[0]
    assert main(["payments", str(workbook), "--out", str(out)]) == 1
    assert (
        f"Parameter!{date_cell}: Fälligkeit: Der 15.12.2024 liegt nicht im Haushaltsjahr 2025; jeder Abschlag wird im "
        "Haushaltsjahr ausgezahlt." in capsys.readouterr().err
    )
    assert not out.exists()
    # the official table does not depend on the payment dates: a workbook moved on to the next year publishes
    assert main(["check", str(workbook)]) == 0


def test_a_share_that_is_not_a_number_is_named_at_its_cell(tmp_path):
    def change(workbook):
        workbook["Parameter"][abschlaege_cells(workbook)[1]] = "sechzig"

    workbook = changed(tmp_path, change)
    (problem,) = problems_of(workbook)
    share_cell = abschlaege_cells(openpyxl.load_workbook(workbook))[1]
    assert problem.message.startswith("Anteil: ") and str(problem.where) == f"Parameter!{share_cell}"


def test_without_the_table_there_is_no_plan_and_nothing_is_written(tmp_path, capsys):
    def change(workbook):
        del workbook["Parameter"].tables["Abschläge"]

    workbook = changed(tmp_path, change)
    out = tmp_path / "out"
    assert main(["payments", str(workbook), "--out", str(out)]) == 1
    assert "keine Tabelle „Abschläge“" in capsys.readouterr().err
    assert not out.exists()
    assert main(["check", str(workbook)]) == 0  # the table is optional for everything else


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("published")
    assert main(["publish", "--no-pdf", "--out", str(out)]) == 0
    return out / "Mittelverteilung_Integrationsmanagement_2025.xlsx"


@pytest.fixture(scope="module")
def sample_inputs():
    from xl_funcs.readers import bundled_workbook_path, read_workbook_file

    return read_workbook_file(bundled_workbook_path())


def refusal(path: Path, inputs, year: int = 2025) -> str:
    with pytest.raises(InputProblems) as caught:
        read_provisional(path, year, inputs)
    (problem,) = caught.value.problems
    return problem.message


def test_the_published_table_and_its_workbook_are_accepted(published, sample_inputs):
    result = read_provisional(published, 2025, sample_inputs)
    assert result.calculation.total == 58_000_000


def test_a_provisional_table_of_another_year_is_refused(published, sample_inputs):
    message = refusal(published, sample_inputs, 2026)
    assert "gehört zum Haushaltsjahr 2025, abgerechnet wird aber das Haushaltsjahr 2026" in message


def test_a_file_that_is_not_ours_is_refused_and_nothing_is_written(sample_inputs, tmp_path, capsys):
    from xl_funcs.readers import bundled_workbook_path

    sample = bundled_workbook_path()
    assert refusal(sample, sample_inputs).startswith("Die Datei ist keine von mittelverteilung veröffentlichte")
    out = tmp_path / "out"
    command = ["payments", "--out", str(out), "--provisional", str(sample), "--provisional-workbook", str(sample)]
    assert main(command) == 1
    assert "Nichts geschrieben." in capsys.readouterr().err
    assert not out.exists()


def test_another_version_of_the_workbook_is_refused_by_the_printed_digest(published, tmp_path):
    from xl_funcs.readers import read_workbook_file

    from ..readers.workbooks import COUNT, row_of

    def change(workbook):
        workbook["Zuweisungen"][f"{COUNT[2023]}{row_of('08111')}"] = 1

    other = read_workbook_file(changed(tmp_path, change))
    message = refusal(published, other)
    assert message.startswith("Die Arbeitsmappe der vorläufigen Tabelle ist nicht die, aus der diese Tabelle")


def test_amounts_edited_in_the_table_are_refused(published, sample_inputs, tmp_path):
    import openpyxl

    workbook = openpyxl.load_workbook(published)
    sheet = workbook["Mittelverteilung 2025"]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == 3_510_034)
    cell.value = 3_600_000
    workbook.save(tmp_path / "geändert.xlsx")
    message = refusal(tmp_path / "geändert.xlsx", sample_inputs)
    assert "nicht die aus der Arbeitsmappe gerechneten (z. B. Kreis 08111)" in message


def test_only_one_of_the_two_provisional_files_is_refused(published, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["payments", "--out", str(out), "--provisional", str(published)]) == 1
    assert "werden beide gebraucht" in capsys.readouterr().err
    assert not out.exists()


def test_the_published_files_carry_no_counts_per_year(published):
    """The counts per year are not published: the settlement takes them from the workbook, not the table."""
    import zipfile

    with zipfile.ZipFile(published) as archive:
        assert "docProps/custom.xml" not in archive.namelist()
