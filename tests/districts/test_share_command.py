"""``mittelverteilung share`` from the command line: what it prints, where it writes, and that bad input writes nothing."""

from __future__ import annotations

import shutil

from xl_funcs.cli import main
from xl_funcs.readers import bundled_workbook_path

from ..readers.workbooks import COUNT, changed, row_of


def test_share_writes_into_the_named_folder_and_lists_the_files(tmp_path, capsys, share_dir):
    out = tmp_path / "Versand"
    assert main(["share", "--out", str(out)]) == 0
    captured = capsys.readouterr()
    listed = captured.out.splitlines()
    assert len(listed) == 50 and listed[0].endswith("08111_Stuttgart_Stadtkreis.xlsx")
    assert "Arbeitsmappe 44/44: 08437_Sigmaringen_Landkreis.xlsx" in captured.err
    assert "Fertig: 44 Arbeitsmappen, die Versandliste (JSON und CSV) und 4 ZIP-Dateien" in captured.err
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in share_dir.iterdir())


def test_share_without_out_uses_a_folder_named_after_the_year(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["share"]) == 0
    capsys.readouterr()
    assert len(list((tmp_path / "Kreis-Arbeitsmappen_2025").glob("*.xlsx"))) == 44


def test_bad_input_writes_nothing_and_names_the_cell(tmp_path, capsys):
    def change(workbook):
        workbook["Zuweisungen"][f"{COUNT[2023]}{row_of('08437')}"] = -5

    workbook = changed(tmp_path, change)
    out = tmp_path / "Versand"
    assert main(["share", str(workbook), "--out", str(out)]) == 1
    error = capsys.readouterr().err
    assert "Nichts geschrieben." in error and f"Zuweisungen!{COUNT[2023]}{row_of('08437')}" in error
    assert not out.exists()


def test_the_input_workbook_is_never_overwritten(tmp_path, capsys):
    workbook = tmp_path / "08111_Stuttgart_Stadtkreis.xlsx"
    shutil.copyfile(bundled_workbook_path(), workbook)
    before = workbook.read_bytes()
    assert main(["share", str(workbook), "--out", str(tmp_path)]) == 1
    assert "Eingabe-Arbeitsmappe" in capsys.readouterr().err
    assert workbook.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [workbook.name]
