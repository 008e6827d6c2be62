"""The Kreis workbook names its sender and deadline and shows the amount first; collect marks late answers."""

from __future__ import annotations

from xl_funcs.sample.workbook import DEPARTMENT as SAMPLE_DEPARTMENT, ISSUER as SAMPLE_ISSUER

import dataclasses
import json
import re
import shutil
from datetime import date

import openpyxl
import pytest

from xl_funcs.calculation import calculate
from xl_funcs.cli import main
from xl_funcs.districts.collecting import collect
from xl_funcs.districts.model import district_workbook
from xl_funcs.districts.overview import overview_document
from xl_funcs.inputs import Inputs
from xl_funcs.render.xlsx import xlsx_bytes
from xl_funcs.table.model import RowRole

from .returns import answers, fill_with_openpyxl, rewrite_zip

STUTTGART = "08111_Stuttgart_Stadtkreis.xlsx"
DEADLINE = date(2025, 4, 30)  # the sample workbook's Rückmeldefrist (invented, like its sender)


def saved_on(source, target, moment: str):
    """The file as Excel leaves it when saved at ``moment`` (dcterms:modified, UTC)."""

    def edit(name: str, data: bytes) -> bytes:
        if name != "docProps/core.xml":
            return data
        return re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>" + moment.encode() + rb"\g<2>", data)

    return rewrite_zip(source, target, edit=edit)


def test_the_sample_gives_sender_and_deadline(inputs):
    p = inputs.parameters
    assert p.reply_deadline == DEADLINE and p.stand < DEADLINE
    assert "erfunden" in p.issuer and "erfunden" in p.department  # invented, and saying so
    assert p.contact.endswith("beispiel.invalid")  # a domain that cannot exist: nobody mails a stranger


def test_the_amount_is_the_first_row_large_and_filled(share_dir, calculation):
    book = openpyxl.load_workbook(share_dir / STUTTGART)
    sheet = book.worksheets[0]
    header = next(row for row in sheet.iter_rows() if row[0].value == "Angabe")
    first = sheet[header[0].row + 1]
    assert first[0].value == "Ihre Mittel 2025"
    assert first[1].value == calculation.rows[0].amount
    assert first[1].font.b and first[1].font.sz == 14 and first[1].fill.fgColor.rgb.endswith("E2EFDA")
    body = [c.font.sz for row in sheet.iter_rows(min_row=header[0].row + 2) for c in row if c.value is not None]
    assert max(body) < 14  # nothing else in the table is as large


def test_deadline_and_sender_stand_on_the_first_sheet_and_the_rueckmeldung(share_dir):
    book = openpyxl.load_workbook(share_dir / STUTTGART)
    for sheet in (book.worksheets[0], book["Rückmeldung"]):
        text = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)
        assert "Mittwoch, 30.04.2025" in text, sheet.title
        assert f"{SAMPLE_ISSUER}, {SAMPLE_DEPARTMENT}" in text
        assert "mittelverteilung@beispiel.invalid" in text
        assert "an das Ministerium zurück" not in text
    first = " ".join(str(c.value) for row in book.worksheets[0].iter_rows(max_row=8) for c in row if c.value)
    assert "Bitte senden Sie die Rückmeldung (Blatt „Rückmeldung“) bis Mittwoch, 30.04.2025 an mittelverteilung@beispiel.invalid" in first
    properties = {p.name: p.value for p in book.custom_doc_props.props}
    assert properties["Rückmeldefrist"] == "2025-04-30"


def test_the_versandliste_records_the_deadline(manifest_data):
    assert manifest_data["rueckmeldefrist"] == "2025-04-30"


def test_without_sender_and_deadline_the_workbook_says_the_ministry(inputs):
    plain = dataclasses.replace(inputs.parameters, issuer="", department="", contact="", reply_deadline=None)
    workbook = district_workbook(calculate(Inputs(plain, inputs.districts)), 0)
    first, feedback = workbook.document.sheets[:2]
    assert [row.cells[0] for row in first.rows if row.role is RowRole.SECTION][0] == "Ihr Kreis"
    assert first.rows[0].role is RowRole.HIGHLIGHT
    assert not any("Frist" in note for note in first.notes)
    assert any(note.endswith("an das Ministerium zurück.") for note in feedback.notes)
    assert workbook.reply_deadline is None


def test_the_kreis_workbook_speaks_plain_words(share_dir):
    book = openpyxl.load_workbook(share_dir / STUTTGART)
    text = " ".join(str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value)
    for jargon in ("Eingabetabelle", "Einheiten", "in Einheiten"):
        assert jargon not in text


@pytest.fixture
def box(tmp_path, share_dir, manifest_data):
    """Three answers: saved in time, saved after the deadline, and one never saved since it was issued."""
    entries = {entry["kreisschluessel"]: entry for entry in manifest_data["dateien"]}
    folder = tmp_path / "Eingang"
    folder.mkdir()
    for key, moment in (("08111", "2025-04-30T21:30:00Z"), ("08115", "2025-05-03T08:15:00Z")):
        entry = entries[key]
        filled = fill_with_openpyxl(share_dir / entry["datei"], tmp_path / f"{key}.xlsx", answers(entry, bestaetigung="ja"))
        saved_on(filled, folder / entry["datei"], moment)
    shutil.copy(share_dir / entries["08116"]["datei"], folder)
    return folder


def test_collect_marks_late_answers_by_the_day_they_were_saved(box, share_dir):
    collection = collect(box, issued=share_dir / "Versandliste.json", today=date(2025, 4, 25))
    rows = {row.key: row for row in collection.rows}
    # 21:30 UTC on 30 April is 23:30 in Stuttgart: still the last day
    assert rows["08111"].answer.filled_on == date(2025, 4, 30) and collection.days_late(rows["08111"]) == 0
    assert rows["08115"].answer.filled_on == date(2025, 5, 3) and collection.days_late(rows["08115"]) == 3
    assert rows["08116"].answer.filled_on is None and collection.days_late(rows["08116"]) is None
    assert [row.key for row in collection.late] == ["08115"]
    assert collection.days_left == 5


def test_the_overview_shows_the_deadline_and_each_kreis_against_it(box, share_dir, tmp_path):
    collection = collect(box, issued=share_dir / "Versandliste.json", today=date(2025, 4, 25))
    path = tmp_path / "uebersicht.xlsx"
    path.write_bytes(xlsx_bytes(overview_document(collection)))
    sheet = openpyxl.load_workbook(path)["Rückmeldungen"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    notes = [row[0] for row in rows[:6] if row[0]]
    assert "Rückmeldefrist: Mittwoch, 30.04.2025; heute (25.04.2025): noch 5 Tage. 1 verspätet eingegangen." in notes
    header = next(row for row in rows if row[0] == "Nr.")
    column = {str(title).replace("\n", " "): index for index, title in enumerate(header)}
    by_key = {row[1]: row for row in rows if isinstance(row[0], int)}
    assert by_key["08111"][column["Gespeichert am"]] == "30.04.2025"
    assert by_key["08111"][column["Frist"]] == "rechtzeitig"
    assert by_key["08115"][column["Frist"]] == "3 Tage zu spät"
    assert by_key["08116"][column["Frist"]] == "Datum unbekannt"
    assert by_key["08117"][column["Frist"]] == "noch 5 Tage"


@pytest.mark.parametrize(
    ("today", "left"),
    [(date(2025, 4, 29), "noch 1 Tag"), (date(2025, 4, 30), "Frist endet heute"), (date(2025, 5, 1), "Frist seit 1 Tag abgelaufen"), (date(2025, 5, 10), "Frist seit 10 Tagen abgelaufen")],
)
def test_the_days_left_read_as_german(box, share_dir, today, left):
    collection = collect(box, issued=share_dir / "Versandliste.json", today=today)
    document = overview_document(collection)
    assert any(f": {left}." in note for note in document.sheets[0].notes)


def test_without_the_versandliste_the_deadline_comes_from_the_answers(box):
    collection = collect(box, today=date(2025, 4, 25))
    assert collection.reply_deadline == DEADLINE
    assert [row.key for row in collection.late] == ["08115"]


def test_collect_command_lists_the_late_and_the_missing_with_the_days_left(box, share_dir, tmp_path, capsys):
    target = tmp_path / "Rueckmeldungen_2025.xlsx"
    assert main(["collect", str(box), "--issued", str(share_dir / "Versandliste.json"), "--out", str(target)]) == 0
    out = capsys.readouterr().out
    assert "Rückmeldefrist: Mittwoch, 30.04.2025; heute (" in out
    assert "Nach der Frist eingegangen: 08115 Böblingen (Landkreis), gespeichert am 03.05.2025 (3 Tage zu spät)" in out
    missing = next(line for line in out.splitlines() if line.startswith("Ohne verwertbare Rückmeldung"))
    assert re.match(r"Ohne verwertbare Rückmeldung \((noch \d+ Tage?|Frist endet heute|Frist seit \d+ Tag(en)? abgelaufen)\): 08117 ", missing)
    assert "08111" not in missing and "08116" not in missing


def test_a_deadline_before_the_stand_is_refused_by_share_and_accepted_by_check(tmp_path, capsys):
    """Past the Rückmeldefrist (the final table in autumn) the workbook is fine; sending it out is not."""
    from xl_funcs.readers import bundled_workbook_path

    book = openpyxl.load_workbook(bundled_workbook_path())
    destination = book.defined_names["Rückmeldefrist"].destinations
    sheet, cell = next(iter(destination))
    book[sheet][cell.replace("$", "")] = date(2025, 3, 1)
    path = tmp_path / "frist.xlsx"
    book.save(path)
    assert main(["check", str(path)]) == 0
    capsys.readouterr()
    out = tmp_path / "versand"
    assert main(["share", str(path), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "Rückmeldefrist: Die Frist 01.03.2025 liegt vor dem Stand 31.03.2025" in err and "„Parameter“" in err
    assert not out.exists()
