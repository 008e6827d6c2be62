"""``mittelverteilung publish`` as a user runs it: files with the year in the name, same bytes every time,
the workbook untouched, and on bad input every problem reported and the output directory as it was."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from xl_funcs.calculation import calculate
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


def test_default_workbook_gives_xlsx_pdf_csv_and_html_with_the_year(first_run):
    done, out = first_run
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == [f"{STEM}.csv", f"{STEM}.html", f"{STEM}.pdf", f"{STEM}.xlsx"]
    assert done.stdout.splitlines() == [str(out / f"{STEM}.{ext}") for ext in ("xlsx", "csv", "html", "pdf")]
    assert "Erzeuge" in done.stderr and "Chromium" in done.stderr and "Fertig: 4 Dateien" in done.stderr


def test_the_xlsx_is_the_rendered_model_of_the_workbook(first_run):
    _, out = first_run
    expected = render(document_of(read_workbook_file(bundled_workbook_path())))
    assert (out / f"{STEM}.xlsx").read_bytes() == expected.xlsx
    assert (out / f"{STEM}.csv").read_bytes() == expected.csv
    assert (out / f"{STEM}.html").read_bytes() == expected.html
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
    assert re.search(r"^Pages:\s+4$", info, re.M)  # the table, two charts, the Berechnungsgrundlagen
    # Chromium lays out in CSS pixels: 210 mm come out as 594.96 pt; poppler still names it A4.
    assert len(re.findall(r"^Page\s+\d+ size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)", info, re.M)) == 4
    text = pdf_text(pdf)
    assert "58.000.000" in text
    for district in read_workbook_file(bundled_workbook_path()).districts:
        assert district.name in text.split("\f")[0]


def test_publishing_twice_gives_identical_bytes(first_run, tmp_path):
    _, out = first_run
    done = publish("--out", str(tmp_path), "--no-pdf")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{STEM}.csv", f"{STEM}.html", f"{STEM}.xlsx"]
    for ext in ("xlsx", "csv", "html"):
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


def test_missing_chromium_fails_before_anything_is_written(tmp_path):
    out = tmp_path / "ausgabe"
    out.mkdir()
    (out / "alt.txt").write_text("bleibt", encoding="utf-8")
    before = snapshot(out)
    done = publish("--out", str(out), env={"MITTELVERTEILUNG_CHROMIUM": str(tmp_path / "kein-chromium")})
    assert done.returncode == 1
    assert "Chromium" in done.stderr and "bash .ci/setup" in done.stderr and "Nichts geschrieben" in done.stderr
    assert snapshot(out) == before
    assert publish("--out", str(out), "--no-pdf", env={"MITTELVERTEILUNG_CHROMIUM": "kein-chromium"}).returncode == 0


def test_the_year_is_a_parameter_of_the_workbook(tmp_path):
    workbook = changed(tmp_path, lambda wb: wb["Parameter"].__setitem__(parameter_cell("Haushaltsjahr"), 2026))
    done = publish(str(workbook), "--out", str(tmp_path / "2026"), "--no-pdf")
    assert done.returncode == 0, done.stderr
    xlsx = tmp_path / "2026" / "Mittelverteilung_Integrationsmanagement_2026.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(xlsx.read_bytes()))
    assert book.sheetnames == ["Mittelverteilung 2026", "Berechnungsgrundlagen", "Grafiken", "Kreiskarte"]
    assert book["Grafiken"]["A1"].value == "Veränderung der Mittel 2026 gegenüber 2025 je Kreis in %"
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


def _hundredths(text: str) -> int:
    """German share text "3,30" -> 330 hundredths of a percent."""
    whole, _, cents = text.strip().removesuffix("%").strip().partition(",")
    assert len(cents) == 2, text
    return int(whole) * 100 + int(cents)


def test_printed_shares_add_up_to_100_percent_in_every_file(first_run):
    _, out = first_run
    inputs = read_workbook_file(bundled_workbook_path())
    exact = {row.district.key: row.share for row in calculate(inputs).rows}

    def check(printed: dict[str, int], where: str) -> None:
        assert set(printed) == set(exact), where
        assert sum(printed.values()) == 10_000, where
        for key, hundredths in printed.items():
            assert abs(Fraction(hundredths, 10_000) - exact[key]) < Fraction(1, 10_000), (where, key)

    rows = CalamineWorkbook.from_path(str(out / f"{STEM}.xlsx")).get_sheet_by_name("Mittelverteilung 2025").to_python()
    # Stored as the fraction the format "0.00 %" shows: whole hundredths of a percent.
    xlsx = {row[1]: int(Decimal(str(row[6])) * 10_000) for row in rows if re.fullmatch(r"08\d{3}", str(row[1]))}
    assert all(Decimal(str(row[6])) * 10_000 % 1 == 0 for row in rows if re.fullmatch(r"08\d{3}", str(row[1])))
    check(xlsx, "xlsx")

    lines = list(csv.reader(io.StringIO((out / f"{STEM}.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
    column = next(line for line in lines if "Anteil in %" in line).index("Anteil in %")
    check({line[1]: _hundredths(line[column]) for line in lines if len(line) > 1 and re.fullmatch(r"08\d{3}", line[1])}, "CSV")
    total_line = next(line for line in lines if "Baden-Württemberg insgesamt" in line)
    assert total_line[column] == "100,00"

    page = (out / f"{STEM}.html").read_text(encoding="utf-8")
    html_rows = re.findall(r'<tr[^>]*><td class="rechts">\d+</td><td class="mitte">(08\d{3})</td>(.*?)</tr>', page)
    cells = {key: re.findall(r"<t[dh][^>]*>([^<]*)</t[dh]>", rest) for key, rest in html_rows}
    share_column = column - 2  # after Nr. and Kreisschlüssel
    check({key: _hundredths(values[share_column]) for key, values in cells.items()}, "HTML")

    text = pdf_text(out / f"{STEM}.pdf").split("\f")[0]
    printed = {}
    for line in text.splitlines():
        found = re.match(r"\s*\d+\s+(08\d{3})\s", line)
        if found:
            tokens = line.split()
            amount = next(i for i, token in enumerate(tokens) if re.fullmatch(r"\d{1,3}(\.\d{3})+", token) and i > 3
                          and re.fullmatch(r"\d+,\d{2}", tokens[i - 1]) and re.fullmatch(r"[\d.]+,\d{2}", tokens[i - 2]))
            printed[found.group(1)] = _hundredths(tokens[amount - 1])
    check(printed, "PDF")
    assert "100,00" in text


def test_pdf_into_a_folder_with_an_umlaut_under_c_utf8_twice_gives_identical_bytes(first_run, tmp_path):
    _, out = first_run
    plain = {"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "LANGUAGE": ""}  # no German locale needed
    target = tmp_path / "Ausgabe für Kreise"
    done = publish("--out", str(target), env=plain)
    assert done.returncode == 0, done.stderr
    pdf = (target / f"{STEM}.pdf").read_bytes()
    assert pdf == (out / f"{STEM}.pdf").read_bytes()  # the same bytes as the first run, in another locale
    assert re.search(r"^Tagged:\s+yes$", pdf_info(target / f"{STEM}.pdf"), re.M)
    again = tmp_path / "noch einmal für Kreise"
    assert publish("--out", str(again), env=plain).returncode == 0
    assert (again / f"{STEM}.pdf").read_bytes() == pdf


def test_issuer_department_and_contact_in_every_file_and_the_properties(first_run):
    _, out = first_run
    p = read_workbook_file(bundled_workbook_path()).parameters
    assert p.issuer and p.department and p.contact.endswith(".invalid")  # the sample's invented authority
    line = f"Herausgeber: {p.issuer} · {p.department} · Kontakt: {p.contact}"

    book = openpyxl.load_workbook(out / f"{STEM}.xlsx")
    tables = [sheet for sheet in book.worksheets if sheet.title not in ("Grafiken", "Kreiskarte")]
    assert len(tables) == 2
    for sheet in tables:
        assert line in [cell.value for cell in sheet["A"][:8]], sheet.title  # in the title block of each table
    assert book.properties.creator == p.issuer
    assert p.department in book.properties.description and p.contact in book.properties.description

    csv_lines = (out / f"{STEM}.csv").read_text(encoding="utf-8-sig").splitlines()[:8]
    assert any(row.split(";")[0] == line for row in csv_lines)

    page = (out / f"{STEM}.html").read_text(encoding="utf-8")
    assert page.count(f"<p class=\"hinweis\">{line}</p>") == 2  # both sheets' title blocks
    assert f'<meta name="author" content="{p.issuer}">' in page

    text = pdf_text(out / f"{STEM}.pdf")
    pages = [page for page in text.split("\f") if page.strip()]
    assert p.contact in pages[0] and p.contact in pages[-1]  # the official table and the Berechnungsgrundlagen
    assert f"Author:          {p.issuer}" in pdf_info(out / f"{STEM}.pdf")
