"""Bad input for the payments gives a German message naming the place, and nothing is written."""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import date
from pathlib import Path

import pytest

from xl_funcs.cli import main
from xl_funcs.inputs import InputProblems
from xl_funcs.payments.provisional import read_provisional

from ..readers.workbooks import changed, parameter_cell, problems_of


def abschlaege_cells(workbook) -> tuple[str, str]:
    sheet = workbook["Parameter"]
    first, _ = sheet.tables["Abschläge"].ref.split(":")
    row = int(first[1:]) + 1
    return f"A{row}", f"B{row}"


def test_shares_not_adding_to_100_percent_are_named_at_their_cells(tmp_path):
    def change(workbook):
        workbook["Parameter"][abschlaege_cells(workbook)[1]] = 0.5

    problems = problems_of(changed(tmp_path, change))
    (problem,) = problems
    assert "ergeben zusammen 90 % statt 100 %" in problem.message
    assert problem.where.sheet == "Parameter" and problem.where.cell == "B19:B20"


def test_a_date_outside_the_haushaltsjahr_is_named_at_its_cell_and_nothing_is_written(tmp_path, capsys):
    def change(workbook):
        workbook["Parameter"][abschlaege_cells(workbook)[0]] = date(2024, 12, 15)

    workbook = changed(tmp_path, change)
    out = tmp_path / "out"
    assert main(["payments", str(workbook), "--out", str(out)]) == 1
    assert (
        "Parameter!A19: Fälligkeit: Der 15.12.2024 liegt nicht im Haushaltsjahr 2025; jeder Abschlag wird im "
        "Haushaltsjahr ausgezahlt." in capsys.readouterr().err
    )
    assert not out.exists()
    # the official table does not depend on the payment dates: a workbook moved on to the next year publishes
    assert main(["check", str(workbook)]) == 0


def test_a_share_that_is_not_a_number_is_named_at_its_cell(tmp_path):
    def change(workbook):
        workbook["Parameter"][abschlaege_cells(workbook)[1]] = "sechzig"

    (problem,) = problems_of(changed(tmp_path, change))
    assert problem.message.startswith("Anteil: ") and str(problem.where) == "Parameter!B19"


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


def refusal(path: Path, year: int = 2025) -> str:
    with pytest.raises(InputProblems) as caught:
        read_provisional(path, year)
    (problem,) = caught.value.problems
    return problem.message


def test_a_provisional_table_of_another_year_is_refused(published, tmp_path, capsys):
    assert "gehört zum Haushaltsjahr 2025, abgerechnet wird aber das Haushaltsjahr 2026" in refusal(published, 2026)


def test_a_workbook_that_is_not_ours_is_refused(tmp_path, capsys):
    from xl_funcs.readers import bundled_workbook_path

    assert refusal(bundled_workbook_path()).startswith("Die Datei ist keine von mittelverteilung veröffentlichte")
    out = tmp_path / "out"
    assert main(["payments", "--out", str(out), "--provisional", str(bundled_workbook_path())]) == 1
    assert "Nichts geschrieben." in capsys.readouterr().err
    assert not out.exists()


def rewritten(path: Path, target: Path, edit) -> Path:
    """``path`` with every XML part passed through ``edit`` (bytes -> bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in source.infolist():
            copy.writestr(info, edit(info.filename, source.read(info.filename)))
    target.write_bytes(buffer.getvalue())
    return target


def test_carried_inputs_changed_after_publishing_are_refused(published, tmp_path):
    import re

    with zipfile.ZipFile(published) as archive:
        carried = archive.read("docProps/custom.xml")
    count = re.search(rb"\[2022,(\d+)\]", carried)
    assert count

    def edit(name: str, data: bytes) -> bytes:  # one count of 2022 one higher, as an edit by hand would do
        higher = b"[2022,%d]" % (int(count[1]) + 1)
        return data.replace(count[0], higher, 1) if name == "docProps/custom.xml" else data

    message = refusal(rewritten(published, tmp_path / "bearbeitet.xlsx", edit))
    assert "passen nicht zu ihrer Prüfsumme" in message


def test_amounts_edited_in_the_table_are_refused(published, tmp_path):
    import openpyxl

    workbook = openpyxl.load_workbook(published)
    sheet = workbook["Mittelverteilung 2025"]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == 3_510_034)
    cell.value = 3_600_000
    workbook.save(tmp_path / "geändert.xlsx")
    assert "stimmen nicht mit den mitgeführten Eingaben überein (z. B. Kreis 08111)" in refusal(tmp_path / "geändert.xlsx")


def test_the_official_xlsx_carries_inputs_that_hash_to_its_printed_digest(published):
    import openpyxl

    workbook = openpyxl.load_workbook(published)
    carried = {p.name: p.value for p in workbook.custom_doc_props}["Mittelverteilung-Eingaben"]
    printed = [row[1] for row in workbook["Berechnungsgrundlagen"].iter_rows(values_only=True) if row[0] == "SHA-256 der Eingaben"]
    assert printed == [hashlib.sha256(carried.encode("utf-8")).hexdigest()]
