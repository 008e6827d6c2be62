"""Our own outputs given where the ministry workbook is wanted: the message says what the file is and what to give."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from xl_funcs.cli import main


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, Path]:
    """publish, share and collect run for real on the sample workbook."""
    base = tmp_path_factory.mktemp("ausgaben")
    assert main(["publish", "--out", str(base / "amtlich"), "--no-pdf"]) == 0
    assert main(["share", "--out", str(base / "kreise")]) == 0
    inbox = base / "eingang"
    inbox.mkdir()
    overview = base / "Rueckmeldungen_2025.xlsx"
    assert main(["collect", str(inbox), "--issued", str(base / "kreise" / "Versandliste.json"), "--out", str(overview)]) == 0
    comparison = base / "vergleich.xlsx"
    book = openpyxl.Workbook()
    book.properties.title = "Szenarienvergleich Integrationsmanagement 2025"
    book.save(comparison)
    named = base / "Szenarienvergleich_Integrationsmanagement_2025.xlsx"
    openpyxl.Workbook().save(named)
    return {
        "amtlich": base / "amtlich" / "Mittelverteilung_Integrationsmanagement_2025.xlsx",
        "kreis": base / "kreise" / "08111_Stuttgart_Stadtkreis.xlsx",
        "uebersicht": overview,
        "vergleich": comparison,
        "vergleich_name": named,
    }


EXPECTED = {
    "amtlich": "Diese Datei ist die veröffentlichte amtliche Tabelle (erzeugt von „mittelverteilung publish“)",
    "kreis": "Diese Datei ist die Arbeitsmappe eines Kreises (erzeugt von „mittelverteilung share“)",
    "uebersicht": "Diese Datei ist die Übersicht der Rückmeldungen (erzeugt von „mittelverteilung collect“)",
    "vergleich": "Diese Datei ist der Szenarienvergleich (erzeugt von „mittelverteilung compare“)",
    "vergleich_name": "Diese Datei ist der Szenarienvergleich (erzeugt von „mittelverteilung compare“)",
}


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_check_says_what_the_file_is_and_which_file_it_wants(outputs, kind, capsys):
    path = outputs[kind]
    assert main(["check", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"- {path}: {EXPECTED[kind]}" in captured.err
    assert "Bitte die Arbeitsmappe des Ministeriums mit den Eingaben angeben" in captured.err
    assert "1 Problem gefunden" in captured.err  # one sentence, not a list of missing names
    assert "fehlt" not in captured.err


def test_the_kreis_workbook_points_to_collect(outputs, capsys):
    main(["check", str(outputs["kreis"])])
    assert "„mittelverteilung collect ORDNER“" in capsys.readouterr().err


def test_publish_and_share_say_the_same(outputs, tmp_path, capsys):
    for command in (["publish", str(outputs["amtlich"]), "--out", str(tmp_path / "a")], ["share", str(outputs["amtlich"]), "--out", str(tmp_path / "b")]):
        assert main(command) == 1
        assert EXPECTED["amtlich"] in capsys.readouterr().err
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_a_foreign_workbook_still_gets_the_list_of_missing_names(tmp_path, capsys):
    path = tmp_path / "fremd.xlsx"
    openpyxl.Workbook().save(path)
    assert main(["check", str(path)]) == 1
    err = capsys.readouterr().err
    assert "Diese Datei ist" not in err and "Haushaltsjahr" in err
