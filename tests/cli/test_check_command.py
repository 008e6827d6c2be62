"""``mittelverteilung check`` as a real process: a report and exit 0, or every problem and exit 1, nothing written."""

from __future__ import annotations

import hashlib
import subprocess
import sys

from xl_funcs.readers import bundled_workbook_path
from xl_funcs.sample.workbook import build_workbook


def check(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "xl_funcs.cli", "check", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
    )


def test_sample_workbook_is_the_default_and_in_order(tmp_path):
    done = check(cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    lines = done.stdout.splitlines()
    assert lines[0] == f"Arbeitsmappe: {bundled_workbook_path()}"
    assert "Haushaltsjahr 2025, Budget 58.000.000 €, Verfahren Hare-Niemeyer, Einheit 1 €, Stand 31.03.2025" in lines
    assert any(line.startswith("Bezugszeitraum 2022–2024: Zuweisungen 2022, 2023, 2024") for line in lines)
    assert "44 Stadt- und Landkreise (9 Stadtkreise, 35 Landkreise), alle Kreisschlüssel bekannt und eindeutig" in lines
    assert "Summenprobe: Die berechneten Mittel 2025 ergeben zusammen 58.000.000 € = Budget." in lines
    assert any(line.startswith("Vorjahresbeträge (Mittel 2024): zusammen ") for line in lines)
    assert "Hinweis: Die Arbeitsmappe ist als Beispieldaten gekennzeichnet (fiktive Zahlen)." in lines
    assert lines[-1] == "Ergebnis: Die Arbeitsmappe ist in Ordnung."
    assert list(tmp_path.iterdir()) == []


def test_every_problem_on_stderr_with_sheet_and_cell_and_exit_1(tmp_path):
    workbook = build_workbook()
    workbook["Zuweisungen"]["G5"] = "ca. 500"
    workbook["Zuweisungen"]["A6"] = 8115
    workbook["Parameter"]["B5"] = -1
    path = tmp_path / "Mappe mit Fehlern.xlsx"
    workbook.save(path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    done = check(str(path), cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert lines[0] == f"Die Arbeitsmappe {path} ist nicht in Ordnung."
    assert lines[1] == "3 Probleme gefunden:"  # the key typed as a number once, not again as a missing Kreis
    assert "- Parameter!B5: Budget: Das Budget muss größer als 0 sein (eingetragen: -1)." in lines
    assert any(line.startswith("- Zuweisungen!G5: Zuweisungen 2023 für Stuttgart (Stadtkreis): „ca. 500“") for line in lines)
    assert any(line.startswith("- Zuweisungen!A6: Kreisschlüssel: Der Schlüssel ist als Zahl 8115") for line in lines)
    assert "Traceback" not in done.stderr
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_engine_problems_surface_too(tmp_path):
    """Bounds the engine cannot meet are only found by calculating: check does calculate."""
    workbook = build_workbook()
    sheet = workbook["Zuweisungen"]
    sheet["L4"] = "Mindestbetrag"
    table = sheet.tables["Kreise"]
    table.ref = "A4:L48"
    table.tableColumns = []  # let openpyxl derive the columns from the header row again
    for row in range(5, 49):
        sheet.cell(row, 12, 2_000_000)
    path = tmp_path / "grenzen.xlsx"
    workbook.save(path)
    done = check(str(path))
    assert done.returncode == 1
    # One problem that names the Kreise concerned, not the same sentence once per Kreis.
    assert "1 Problem gefunden" in done.stderr
    assert "- Die Untergrenzen ergeben zusammen mehr als das zu verteilende Budget" in done.stderr
    assert "betroffen: Stuttgart (Stadtkreis), Böblingen (Landkreis)" in done.stderr
    assert done.stdout == ""


def test_file_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "daten.xlsx"
    path.write_text("Kreisschlüssel;Zuweisungen\n08111;500\n", encoding="utf-8")
    done = check(str(path))
    assert done.returncode == 1
    assert f"- {path}: Die Datei ist eine CSV-Datei (Text mit Trennzeichen), keine Excel-Arbeitsmappe, auch wenn ihr Name auf .xlsx endet" in done.stderr


def test_missing_file(tmp_path):
    done = check(str(tmp_path / "fehlt.xlsx"))
    assert done.returncode == 1
    assert "Die Datei gibt es nicht." in done.stderr


def test_check_loads_no_xlwings():
    code = (
        "import sys, io, contextlib; from xl_funcs.cli import main; "
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out): main(['check'])\n"
        "print(sorted(m for m in ('xlwings', 'pandas') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.splitlines()[-1] == "[]", done.stderr
