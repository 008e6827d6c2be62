"""``mittelverteilung publish`` as a user runs it: files with the year in the name, same bytes every time,
the workbook untouched, and on bad input every problem reported and the output directory as it was."""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from xl_funcs.publication.files import document_of, render
from xl_funcs.readers import bundled_workbook_path, read_workbook_file

from ..readers.workbooks import COUNT, changed, parameter_cell, row_of
from ..render.libreoffice import pdf_info, pdf_text

STEM = "Mittelverteilung_Integrationsmanagement_2025"


def publish(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "xl_funcs.cli", "publish", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, **(env or {})},
        timeout=300,
    )


def snapshot(directory: Path) -> dict[str, bytes] | None:
    if not directory.exists():
        return None
    return {p.relative_to(directory).as_posix(): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def sample_copy(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("mappe") / "Mittelverteilung.xlsx"
    shutil.copyfile(bundled_workbook_path(), target)
    return target


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("run") / "ausgabe"
    done = publish("--out", str(out))
    return done, out


def test_default_workbook_gives_xlsx_pdf_and_csv_with_the_year(first_run):
    done, out = first_run
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == [f"{STEM}.csv", f"{STEM}.pdf", f"{STEM}.xlsx"]
    assert done.stdout.splitlines() == [str(out / f"{STEM}.{ext}") for ext in ("xlsx", "csv", "pdf")]
    assert "Erzeuge" in done.stderr and "LibreOffice" in done.stderr and "Fertig: 3 Dateien" in done.stderr


def test_the_xlsx_is_the_rendered_model_of_the_workbook(first_run):
    _, out = first_run
    expected = render(document_of(read_workbook_file(bundled_workbook_path())))
    assert (out / f"{STEM}.xlsx").read_bytes() == expected.xlsx
    assert (out / f"{STEM}.csv").read_bytes() == expected.csv
    rows = CalamineWorkbook.from_path(str(out / f"{STEM}.xlsx")).get_sheet_by_name("Mittelverteilung 2025").to_python()
    data = [row for row in rows if isinstance(row[1], str) and re.fullmatch(r"08\d{3}", row[1])]
    assert len(data) == 44
    assert sum(int(row[7]) for row in data) == 58_000_000
    total = [row for row in rows if row[2] == "Baden-Württemberg insgesamt"]
    assert total and total[0][7] == 58_000_000


def test_pdf_one_a4_page_per_table_with_every_kreis(first_run):
    _, out = first_run
    pdf = out / f"{STEM}.pdf"
    info = pdf_info(pdf)
    assert re.search(r"^Pages:\s+2$", info, re.M)
    assert len(re.findall(r"^Page\s+\d+ size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info, re.M)) == 2
    text = pdf_text(pdf)
    assert "58.000.000" in text
    for district in read_workbook_file(bundled_workbook_path()).districts:
        assert district.name in text.split("\f")[0]


def test_publishing_twice_gives_identical_bytes(first_run, tmp_path):
    _, out = first_run
    done = publish("--out", str(tmp_path), "--no-pdf")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{STEM}.csv", f"{STEM}.xlsx"]
    for ext in ("xlsx", "csv"):
        assert (tmp_path / f"{STEM}.{ext}").read_bytes() == (out / f"{STEM}.{ext}").read_bytes()


def test_the_input_workbook_is_never_modified(sample_copy, tmp_path):
    before = sample_copy.read_bytes()
    stat = sample_copy.stat()
    done = publish(str(sample_copy), "--out", str(tmp_path), "--no-pdf")
    assert done.returncode == 0, done.stderr
    assert sample_copy.read_bytes() == before
    assert sample_copy.stat().st_mtime_ns == stat.st_mtime_ns
    assert hashlib.sha256(before).hexdigest() == hashlib.sha256(sample_copy.read_bytes()).hexdigest()


def _bad(tmp_path: Path) -> Path:
    def change(workbook):
        workbook["Parameter"][parameter_cell("Budget")] = "viel Geld"
        workbook["Zuweisungen"][f"{COUNT[2023]}{row_of('08437')}"] = -5
        workbook["Zuweisungen"][f"{COUNT[2024]}{row_of('08111')}"] = None

    return changed(tmp_path, change, "fehlerhaft.xlsx")


def test_bad_input_lists_every_problem_and_leaves_the_directory_as_it_was(tmp_path):
    workbook = _bad(tmp_path)
    out = tmp_path / "ausgabe"
    out.mkdir()
    (out / "alt.txt").write_text("bleibt", encoding="utf-8")
    (out / f"{STEM}.xlsx").write_bytes(b"alte Fassung")
    before = snapshot(out)
    done = publish(str(workbook), "--out", str(out))
    assert done.returncode == 1
    assert done.stdout == ""
    assert "Nichts geschrieben" in done.stderr and "3 Probleme gefunden" in done.stderr
    assert "Parameter!B5" in done.stderr
    assert f"Zuweisungen!{COUNT[2023]}{row_of('08437')}" in done.stderr
    assert f"Zuweisungen!{COUNT[2024]}{row_of('08111')}" in done.stderr
    assert snapshot(out) == before


def test_bad_input_does_not_create_the_directory(tmp_path):
    out = tmp_path / "neu"
    done = publish(str(_bad(tmp_path)), "--out", str(out))
    assert done.returncode == 1
    assert not out.exists()


def test_missing_libreoffice_fails_before_anything_is_written(tmp_path):
    out = tmp_path / "ausgabe"
    out.mkdir()
    (out / "alt.txt").write_text("bleibt", encoding="utf-8")
    before = snapshot(out)
    done = publish("--out", str(out), env={"MITTELVERTEILUNG_SOFFICE": str(tmp_path / "kein-soffice")})
    assert done.returncode == 1
    assert "LibreOffice" in done.stderr and "bash .ci/setup" in done.stderr and "Nichts geschrieben" in done.stderr
    assert snapshot(out) == before
    assert publish("--out", str(out), "--no-pdf", env={"MITTELVERTEILUNG_SOFFICE": "kein-soffice"}).returncode == 0


def test_the_year_is_a_parameter_of_the_workbook(tmp_path):
    workbook = changed(tmp_path, lambda wb: wb["Parameter"].__setitem__(parameter_cell("Haushaltsjahr"), 2026))
    done = publish(str(workbook), "--out", str(tmp_path / "2026"), "--no-pdf")
    assert done.returncode == 0, done.stderr
    xlsx = tmp_path / "2026" / "Mittelverteilung_Integrationsmanagement_2026.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(xlsx.read_bytes()))
    assert book.sheetnames == ["Mittelverteilung 2026", "Berechnungsgrundlagen"]
    sheet = book["Mittelverteilung 2026"]
    assert sheet["A1"].value == "Vorläufige Mittelverteilung Integrationsmanagement 2026"
    headers = [c.value for row in sheet.iter_rows(max_row=12) for c in row if isinstance(c.value, str)]
    assert "Mittel 2026\nin €" in headers and "Mittel 2025\nin €" in headers


def test_never_overwrites_the_workbook_it_reads(tmp_path):
    workbook = tmp_path / f"{STEM}.xlsx"
    shutil.copyfile(bundled_workbook_path(), workbook)
    before = workbook.read_bytes()
    done = publish(str(workbook), "--out", str(tmp_path), "--no-pdf")
    assert done.returncode == 1
    assert "wird nicht überschrieben" in done.stderr
    assert workbook.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [workbook.name]


def test_unreadable_workbook_is_exit_1(tmp_path):
    broken = tmp_path / "kaputt.xlsx"
    broken.write_bytes(b"kein Excel")
    done = publish(str(broken), "--out", str(tmp_path / "aus"))
    assert done.returncode == 1 and "kaputt.xlsx" in done.stderr
    assert not (tmp_path / "aus").exists()
