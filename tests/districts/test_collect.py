"""Answers come back: honest ones (openpyxl, LibreOffice) and tampered or bad files; collect must tell each apart."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from xl_funcs.cli import main
from xl_funcs.districts.collecting import collect
from xl_funcs.districts.overview import overview_document
from xl_funcs.render.xlsx import xlsx_bytes

from .libreoffice_fill import fill_with_libreoffice
from .returns import (
    FEEDBACK,
    answers,
    cell,
    copy,
    fill_with_openpyxl,
    foreign_workbook,
    macro_enabled,
    oversized,
    truncated,
    with_issue_number,
    zip_bomb,
)

OFFICIAL = "Mittelverteilung 2025"


def label_row(path: Path, sheet: str, label: str, column: int = 1) -> int:
    workbook = openpyxl.load_workbook(path)
    for row in workbook[sheet].iter_rows():
        if row[column - 1].value == label:
            return row[0].row
    raise AssertionError(f"{label} not on {sheet}")


@pytest.fixture(scope="module")
def entries(manifest_data) -> dict[str, dict]:
    return {entry["kreisschluessel"]: entry for entry in manifest_data["dateien"]}


@pytest.fixture(scope="module")
def inbox(share_dir, entries, tmp_path_factory) -> Path:
    """The folder the answers were saved into, one case a file."""
    work = tmp_path_factory.mktemp("collect")
    box = work / "Eingang"
    box.mkdir()

    def issued(key: str) -> Path:
        return share_dir / entries[key]["datei"]

    def count(key: str, year: int) -> int:
        return entries[key]["zuweisungen"][str(year)]

    # Honest answers.
    fill_with_openpyxl(
        issued("08111"),
        box / "Rückmeldung Stuttgart.xlsx",  # renamed: harmless, the content counts
        answers(
            entries["08111"],
            bestaetigung="ja",
            ansprechperson="Erika Muster",
            email="erika.muster@stuttgart.example",
            telefon="0711 1234-56",
            bemerkungen="Zwei Zuweisungen aus Dezember 2023\nwurden erst im Januar gebucht.",
            zuweisungen_2023=count("08111", 2023) + 12,
        ),
    )
    entry = entries["08115"]
    fill_with_libreoffice(
        issued("08115"),
        box / entry["datei"],
        {
            cell(entry, "bestaetigung"): "nein",
            cell(entry, "ansprechperson"): "Max Beispiel",
            cell(entry, "email"): "max.beispiel@lrabb.example",
            cell(entry, "zuweisungen_2022"): count("08115", 2022) - 3,
        },
        work,
    )
    fill_with_openpyxl(issued("08116"), box / entries["08116"]["datei"], answers(entries["08116"], bestaetigung="ja"))

    # An amount changed: in the Rückmeldung and in the official table.
    amount_row = label_row(issued("08117"), FEEDBACK, "Mittel 2025")
    official_row = label_row(issued("08117"), OFFICIAL, "08117", column=2)
    fill_with_openpyxl(
        issued("08117"),
        box / entries["08117"]["datei"],
        {
            **answers(entries["08117"], bestaetigung="ja"),
            (FEEDBACK, f"B{amount_row}"): entries["08117"]["mittel"] + 100_000,
            (OFFICIAL, f"H{official_row}"): entries["08117"]["mittel"] + 100_000,
        },
    )
    # Swapped Kreis: Ludwigsburg's workbook made to say Rems-Murr-Kreis.
    key_row = label_row(issued("08118"), FEEDBACK, "Kreisschlüssel")
    fill_with_openpyxl(
        issued("08118"),
        box / "08119_Rems-Murr-Kreis_Landkreis.xlsx",
        {
            **answers(entries["08118"], bestaetigung="ja"),
            (FEEDBACK, f"B{key_row}"): "08119",
            (FEEDBACK, f"B{key_row + 1}"): "Rems-Murr-Kreis (Landkreis)",
        },
    )
    # Renamed: Heilbronn (Stadtkreis) answers under the name of Heilbronn (Landkreis)'s file.
    fill_with_openpyxl(
        issued("08121"),
        box / entries["08125"]["datei"],
        answers(entries["08121"], bestaetigung="ja", ansprechperson="Stadt Heilbronn, Amt für Familie"),
    )
    macro_enabled(issued("08126"), box / "08126_Hohenlohekreis_Landkreis.xlsm")
    truncated(issued("08127"), box / entries["08127"]["datei"])
    zip_bomb(box / entries["08128"]["datei"])
    oversized(box / "Scan der Rückmeldung.xlsx")
    foreign_workbook(box / "Fremde Mappe.xlsx")
    (box / "Tabelle.xlsx").write_text("Kreis;Zuweisungen\n08135;1200\n", encoding="utf-8")
    # Heidenheim answers twice, differently; Ostalbkreis sends the same file twice.
    fill_with_openpyxl(issued("08135"), box / entries["08135"]["datei"], answers(entries["08135"], bestaetigung="ja"))
    fill_with_openpyxl(issued("08135"), box / "08135 Nachtrag.xlsx", answers(entries["08135"], bestaetigung="nein"))
    ostalb = fill_with_openpyxl(
        issued("08136"), box / entries["08136"]["datei"], answers(entries["08136"], bestaetigung="ja")
    )
    copy(ostalb, box / "Kopie von 08136_Ostalbkreis_Landkreis.xlsx")
    # A forged or foreign Vorgangsnummer in the document properties.
    with_issue_number(issued("08211"), box / entries["08211"]["datei"], "MV2024-08211-0123ABCD")
    # Unclear answers: reported, shown as typed.
    fill_with_openpyxl(
        issued("08212"),
        box / entries["08212"]["datei"],
        answers(
            entries["08212"],
            bestaetigung="vielleicht",
            email="keine",
            zuweisungen_2023="ca. 500",
            zuweisungen_2024="1234",
        ),
    )
    (box / "Archiv").mkdir()
    return box


@pytest.fixture(scope="module")
def checked(inbox, share_dir):
    return collect(inbox, issued=share_dir / "Versandliste.json")


@pytest.fixture(scope="module")
def unlisted(inbox):
    """The same folder without the Versandliste: each file only against its own Prüfwert."""
    return collect(inbox)


def problems_of(collection, file: str) -> list:
    return [problem for problem in collection.problems if problem.file == file]


def kinds_of(collection, file: str) -> set[str]:
    return {problem.kind for problem in problems_of(collection, file)}


def row(collection, key: str):
    return next(r for r in collection.rows if r.key == key)


def test_every_file_is_looked_at_and_none_stops_the_run(checked, inbox):
    assert set(checked.files) == {path.name for path in inbox.iterdir()}
    assert len(checked.rows) == 44


def test_honest_answers_pass_unchanged_whoever_saved_them(checked, entries):
    for file in ("Rückmeldung Stuttgart.xlsx", entries["08115"]["datei"], entries["08116"]["datei"]):
        assert problems_of(checked, file) == [], file
    stuttgart = row(checked, "08111")
    assert stuttgart.status == "eingegangen" and not stuttgart.problems
    assert stuttgart.answer.confirmed == "ja"
    assert stuttgart.answer.texts == {
        "ansprechperson": "Erika Muster",
        "email": "erika.muster@stuttgart.example",
        "telefon": "0711 1234-56",
        "bemerkungen": "Zwei Zuweisungen aus Dezember 2023\nwurden erst im Januar gebucht.",
    }
    assert stuttgart.answer.counts == {2023: entries["08111"]["zuweisungen"]["2023"] + 12}
    boeblingen = row(checked, "08115")  # filled in and saved by LibreOffice
    assert boeblingen.status == "eingegangen" and not boeblingen.problems
    assert boeblingen.answer.confirmed == "nein"
    assert boeblingen.answer.texts["ansprechperson"] == "Max Beispiel"
    assert boeblingen.answer.counts == {2022: entries["08115"]["zuweisungen"]["2022"] - 3}


def test_a_changed_amount_is_reported_with_cell_and_both_values(checked, entries):
    file = entries["08117"]["datei"]
    messages = [p.message for p in problems_of(checked, file)]
    assert kinds_of(checked, file) == {"gesperrt"}
    issued = f"{entries['08117']['mittel']:,}".replace(",", ".")
    changed = f"{entries['08117']['mittel'] + 100_000:,}".replace(",", ".")
    assert any(m.startswith("Rückmeldung!B") and f"ausgegeben {issued}, jetzt {changed}" in m for m in messages), (
        messages
    )
    assert any(m.startswith("'Mittelverteilung 2025'!H") and changed in m for m in messages), messages
    goeppingen = row(checked, "08117")
    assert goeppingen.status == "eingegangen" and goeppingen.problems  # answer kept, flagged


def test_a_swapped_kreis_is_found_by_content_not_name(checked):
    file = "08119_Rems-Murr-Kreis_Landkreis.xlsx"
    problems = problems_of(checked, file)
    assert {p.kind for p in problems} == {"gesperrt", "dateiname"}
    assert all(p.kreis == "08118 Ludwigsburg (Landkreis)" for p in problems)
    messages = " ".join(p.message for p in problems)
    assert "ausgegeben „08118“, jetzt „08119“" in messages
    assert row(checked, "08118").status == "eingegangen" and row(checked, "08118").problems
    assert row(checked, "08119").status == "fehlt"


def test_a_renamed_file_counts_for_the_kreis_in_it(checked, entries):
    file = entries["08125"]["datei"]
    problems = problems_of(checked, file)
    assert [p.kind for p in problems] == ["dateiname"]
    assert problems[0].kreis == "08121 Heilbronn (Stadtkreis)" and "08125" in problems[0].message
    heilbronn = row(checked, "08121")
    assert heilbronn.status == "eingegangen" and heilbronn.answer.file == file and not heilbronn.problems
    assert row(checked, "08125").status == "fehlt"


def test_macros_bad_files_and_foreign_files_are_refused(checked, entries):
    xlsm = "08126_Hohenlohekreis_Landkreis.xlsm"
    assert kinds_of(checked, xlsm) == {"makros"}
    assert problems_of(checked, xlsm)[0].kreis == "08126 Hohenlohekreis (Landkreis)"
    assert row(checked, "08126").status == "abgelehnt" and row(checked, "08126").answer is None
    assert kinds_of(checked, entries["08127"]["datei"]) == {"unlesbar"}
    assert "beschädigt oder unvollständig" in problems_of(checked, entries["08127"]["datei"])[0].message
    assert row(checked, "08127").status == "fehlt"
    bomb = problems_of(checked, entries["08128"]["datei"])
    assert [p.kind for p in bomb] == ["unlesbar"] and "ZIP-Bombe" in bomb[0].message
    big = problems_of(checked, "Scan der Rückmeldung.xlsx")
    assert [p.kind for p in big] == ["unlesbar"] and "zu groß" in big[0].message
    assert kinds_of(checked, "Fremde Mappe.xlsx") == {"fremd"}
    text = problems_of(checked, "Tabelle.xlsx")
    assert [p.kind for p in text] == ["dateityp"] and "CSV-Datei (Text mit Trennzeichen)" in text[0].message
    forged = problems_of(checked, entries["08211"]["datei"])
    assert [p.kind for p in forged] == ["fremd"] and "MV2024-08211-0123ABCD" in forged[0].message
    assert row(checked, "08211").status == "abgelehnt"
    assert kinds_of(checked, "Archiv") == {"ordner"}


def test_a_kreis_answering_twice(checked, entries):
    heidenheim = row(checked, "08135")
    assert heidenheim.status == "mehrfach" and heidenheim.answer is None and heidenheim.problems
    for file in (entries["08135"]["datei"], "08135 Nachtrag.xlsx"):
        assert kinds_of(checked, file) == {"doppelt"}
        assert "verschiedenen Angaben" in problems_of(checked, file)[0].message
    ostalb = row(checked, "08136")
    assert ostalb.status == "doppelt" and ostalb.answer.confirmed == "ja"
    assert "gleichen Angaben" in problems_of(checked, "Kopie von 08136_Ostalbkreis_Landkreis.xlsx")[0].message


def test_unclear_answers_are_reported_and_shown_as_typed(checked, entries):
    file = entries["08212"]["datei"]
    messages = [p.message for p in problems_of(checked, file)]
    assert kinds_of(checked, file) == {"angabe"} and len(messages) == 3
    assert any("„vielleicht“" in m for m in messages)
    assert any("„keine“" in m and "@" in m for m in messages)
    assert any("Korrektur 2023" in m and "„ca. 500“" in m for m in messages)
    karlsruhe = row(checked, "08212")
    assert karlsruhe.answer.counts == {2023: "ca. 500", 2024: 1234}
    assert karlsruhe.answer.confirmed == "vielleicht"


def test_missing_kreise_are_listed(checked):
    answered = {"08111", "08115", "08116", "08117", "08118", "08121", "08135", "08136", "08212"}
    refused = {"08126", "08211"}
    for kreis in checked.rows:
        if kreis.key in answered:
            assert kreis.status in ("eingegangen", "mehrfach", "doppelt"), kreis.key
        elif kreis.key in refused:
            assert kreis.status == "abgelehnt", kreis.key
        else:
            assert kreis.status == "fehlt" and kreis.answer is None, kreis.key
    assert checked.answered == len(answered) and checked.missing == 44 - len(answered)


def test_without_the_versandliste_the_own_pruefwert_still_catches_changes(unlisted, checked, entries):
    for file in ("Rückmeldung Stuttgart.xlsx", entries["08115"]["datei"], entries["08116"]["datei"]):
        assert problems_of(unlisted, file) == [], file
    for file in (entries["08117"]["datei"], "08119_Rems-Murr-Kreis_Landkreis.xlsx"):
        gesperrt = [p for p in problems_of(unlisted, file) if p.kind == "gesperrt"]
        assert len(gesperrt) == 1 and "Prüfwert stimmt nicht" in gesperrt[0].message, file
    assert kinds_of(unlisted, entries["08211"]["datei"]) == {"fremd"}
    assert kinds_of(unlisted, "08126_Hohenlohekreis_Landkreis.xlsm") == {"makros"}
    for key in ("08111", "08115", "08121"):
        assert row(unlisted, key).answer == row(checked, key).answer, key
    assert unlisted.year == 2025 and str(unlisted.stand) == "2025-03-31"
    # The unchanged file shows the ministry's counts, so the difference is known without the Versandliste.
    assert row(unlisted, "08111").issued_counts == row(checked, "08111").issued_counts
    assert row(unlisted, "08117").issued_counts == {}  # a changed file's numbers are not trusted


def test_collect_command_writes_the_overview(inbox, share_dir, tmp_path, capsys, entries):
    target = tmp_path / "Rückmeldungen.xlsx"
    code = main(["collect", str(inbox), "--issued", str(share_dir / "Versandliste.json"), "--out", str(target)])
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("9 von 44 Kreisen haben geantwortet, 6 bestätigt; 35 fehlen;")
    assert "08126_Hohenlohekreis_Landkreis.xlsm (08126 Hohenlohekreis (Landkreis)):" in out
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Rückmeldungen", "Probleme"]
    sheet = book["Rückmeldungen"]
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    header = next(r for r in rows if r[0] == "Nr.")
    column = {str(title).replace("\n", " "): index for index, title in enumerate(header)}
    by_key = {r[1]: r for r in rows if isinstance(r[0], int)}
    assert len(by_key) == 44
    stuttgart = by_key["08111"]
    assert stuttgart[column["Rückmeldung"]] == "eingegangen" and stuttgart[column["Prüfung"]] == "in Ordnung"
    assert stuttgart[column["Bestätigt"]] == "ja" and stuttgart[column["Ansprechperson"]] == "Erika Muster"
    assert stuttgart[column["Korrektur 2023"]] == entries["08111"]["zuweisungen"]["2023"] + 12
    assert stuttgart[column["Differenz 2023"]] == 12
    boeblingen = by_key["08115"]
    assert boeblingen[column["Bestätigt"]] == "nein" and boeblingen[column["Differenz 2022"]] == -3
    assert by_key["08119"][column["Rückmeldung"]] == "fehlt"
    assert by_key["08117"][column["Prüfung"]].startswith("Beanstandung")
    problems = [[c.value for c in r] for r in book["Probleme"].iter_rows()]
    assert any(r[0] == "08126_Hohenlohekreis_Landkreis.xlsm" and r[2] == "Makros, abgelehnt" for r in problems)


def test_overview_is_reproducible(checked, inbox, share_dir):
    again = collect(inbox, issued=share_dir / "Versandliste.json")
    assert xlsx_bytes(overview_document(again)) == xlsx_bytes(overview_document(checked))


def test_collect_refuses_a_missing_folder_or_a_wrong_versandliste(tmp_path, share_dir, capsys):
    assert main(["collect", str(tmp_path / "gibt es nicht")]) == 1
    assert "ist kein Ordner" in capsys.readouterr().err
    (tmp_path / "leer").mkdir()
    assert main(["collect", str(tmp_path / "leer"), "--issued", str(share_dir / "Versandliste.csv")]) == 1
    assert "keine Versandliste" in capsys.readouterr().err
    assert not any(tmp_path.glob("*.xlsx"))


def test_hostile_xml_and_an_unknown_kreis_are_refused(share_dir, entries, tmp_path):
    from .returns import rewrite_zip

    box = tmp_path / "Eingang"
    box.mkdir()
    source = share_dir / entries["08111"]["datei"]
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><Properties><property name="x">&c;</property></Properties>'
    )
    rewrite_zip(source, box / "Entitaeten.xlsx", edit=lambda name, data: bomb if name == "docProps/custom.xml" else data)

    def sheet_bomb(name: str, data: bytes) -> bytes:
        if name == "xl/worksheets/sheet2.xml":
            return data.replace(b"<worksheet", b'<!DOCTYPE worksheet [<!ENTITY x "x">]><worksheet', 1)
        return data

    rewrite_zip(source, box / "Entitaeten im Blatt.xlsx", edit=sheet_bomb)

    def unknown_key(name: str, data: bytes) -> bytes:  # the number changed everywhere it is written
        if name == "docProps/custom.xml" or name.startswith("xl/worksheets/"):
            return data.replace(entries["08111"]["vorgangsnummer"].encode(), b"MV2025-08999-0123ABCD")
        return data

    rewrite_zip(source, box / "08999_Erfunden.xlsx", edit=unknown_key)

    unlisted = collect(box)
    for file in ("Entitaeten.xlsx", "Entitaeten im Blatt.xlsx"):
        (problem,) = problems_of(unlisted, file)
        assert problem.kind == "unlesbar" and "Sicherheitsgründen" in problem.message, file
    unknown = problems_of(unlisted, "08999_Erfunden.xlsx")
    assert [p.kind for p in unknown] == ["fremd"] and "08999" in unknown[0].message
    assert all(r.status == "fehlt" for r in unlisted.rows)
    listed = collect(box, issued=share_dir / "Versandliste.json")
    assert kinds_of(listed, "08999_Erfunden.xlsx") == {"fremd"}
