"""collect never puts its overview into the folder it reads: the next run would read it as an answer."""

from __future__ import annotations

import shutil

import pytest

from xl_funcs.cli import main


@pytest.fixture
def box(tmp_path, share_dir):
    folder = tmp_path / "Eingang"
    folder.mkdir()
    shutil.copy(share_dir / "08111_Stuttgart_Stadtkreis.xlsx", folder)
    return folder


@pytest.mark.parametrize("inside", ["uebersicht.xlsx", "unter/uebersicht.xlsx", "../Eingang/uebersicht.xlsx"])
def test_an_out_inside_the_folder_is_refused_before_anything_is_read(box, share_dir, inside, capsys):
    before = sorted(p.name for p in box.rglob("*"))
    code = main(["collect", str(box), "--issued", str(share_dir / "Versandliste.json"), "--out", str(box / inside)])
    captured = capsys.readouterr()
    assert code == 1 and captured.out == ""
    assert "läge im Ordner der Rückmeldungen" in captured.err and "Nichts gelesen, nichts geschrieben." in captured.err
    assert "Prüfe" not in captured.err  # refused before the first file was read
    assert sorted(p.name for p in box.rglob("*")) == before


def test_the_default_out_is_refused_when_the_current_folder_is_the_inbox(box, share_dir, monkeypatch, capsys):
    monkeypatch.chdir(box)
    assert main(["collect", ".", "--issued", str(share_dir / "Versandliste.json")]) == 1
    assert "Ohne --out käme die Übersicht in das aktuelle Verzeichnis" in capsys.readouterr().err
    assert sorted(p.name for p in box.iterdir()) == ["08111_Stuttgart_Stadtkreis.xlsx"]


def test_an_out_beside_the_folder_works_and_the_next_run_reads_the_same(box, share_dir, capsys):
    target = box.parent / "Eingang_uebersicht.xlsx"  # a sibling whose name starts like the folder's
    issued = str(share_dir / "Versandliste.json")
    assert main(["collect", str(box), "--issued", issued, "--out", str(target)]) == 0
    first = capsys.readouterr().out
    assert target.is_file()
    assert main(["collect", str(box), "--issued", issued, "--out", str(target)]) == 0
    assert capsys.readouterr().out == first
