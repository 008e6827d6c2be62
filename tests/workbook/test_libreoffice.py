"""LibreOffice (headless, started by the test) opens the sample workbook: 44 Kreise, keys as text with the leading zero.

LibreOffice also recalculates every formula it knows, so the helper names of
the Berechnung sheet (found by table header, following the parameters) are
checked for real; the Excel functions themselves show #NAME? there, as in an
Excel without an xlwings add-in.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess

import pytest

from xl_funcs.kreise import all_kreise
from xl_funcs.readers import bundled_workbook_path, read_workbook_file
from xl_funcs.sample.workbook import build_workbook

# Text cells quoted, numbers not (7th token true), every sheet to its own file (last token -1).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,false,false,false,-1"


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.fail("LibreOffice (soffice) is not installed; run .ci/setup")
    return found


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """Every sheet of the committed sample and of a probe copy, as CSV written by LibreOffice."""
    folder = tmp_path_factory.mktemp("libreoffice")
    probe = build_workbook()
    sheet = probe.create_sheet("Probe")
    sheet["A1"] = "=ROWS(Bezugszuweisungen)"
    sheet["B1"] = "=COLUMNS(Bezugszuweisungen)"
    sheet["C1"] = "=SUM(Bezugszuweisungen)"
    sheet["D1"] = "=SUM(Vorjahresmittel)"
    sheet["E1"] = "=INDEX(Bezugszuweisungen,1,1)"
    probe_path = folder / "Probe.xlsx"
    probe.save(probe_path)
    sample = bundled_workbook_path()
    out = folder / "csv"
    done = subprocess.run(
        [
            _soffice(),
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{folder / 'profil'}",
            "--convert-to",
            CSV_FILTER,
            "--outdir",
            str(out),
            str(sample),
            str(probe_path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env=dict(os.environ, LC_ALL="de_DE.UTF-8", LANG="de_DE.UTF-8"),
    )
    assert done.returncode == 0, done.stderr
    return out


def _rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _raw_lines(path):
    return path.read_text(encoding="utf-8").splitlines()


def test_all_44_kreise_with_keys_as_text(exported):
    path = exported / "Mittelverteilung-Zuweisungen.csv"
    rows = _rows(path)
    header = rows[3]
    assert header[:2] == ["Kreisschlüssel", "Stadt-/Landkreis"]
    data = rows[4:48]
    assert [row[0] for row in data] == [k.key for k in all_kreise()]
    assert [row[1] for row in data] == [k.name for k in all_kreise()]
    # quoted in the CSV = a text cell in LibreOffice, leading zero kept; counts are numbers (unquoted)
    raw = _raw_lines(path)[4:48]
    for line, kreis in zip(raw, all_kreise()):
        assert line.startswith(f'"{kreis.key}","{kreis.name}"')
        assert line.split(",")[4].isdigit()
    assert all(not cell for cell in (rows[48] if len(rows) > 48 else []))


def test_libreoffice_sees_the_same_numbers_as_the_reader(exported):
    rows = _rows(exported / "Mittelverteilung-Zuweisungen.csv")[4:48]
    inputs = read_workbook_file(bundled_workbook_path())
    for row, district in zip(rows, inputs.districts):
        assert [int(value) for value in row[4:9]] == [count for _, count in district.counts]
        assert int(row[9]) == district.previous_amount


def test_parameters_as_libreoffice_shows_them(exported):
    rows = {row[0]: row[1] for row in _rows(exported / "Mittelverteilung-Parameter.csv")[3:] if row}
    assert rows["Haushaltsjahr"] == "2025"
    assert rows["Budget (Förderbetrag)"] == "58000000"
    assert rows["Verfahren"] == "Hare-Niemeyer"


def test_berechnung_helper_names_work_and_excel_functions_need_an_add_in(exported):
    rows = _rows(exported / "Mittelverteilung-Berechnung.csv")
    assert rows[3][4:6] == ["Mittel 2025", "Mittel 2024"]  # headers computed from Haushaltsjahr
    data = rows[4:48]
    inputs = read_workbook_file(bundled_workbook_path())
    assert [row[0] for row in data] == [d.key for d in inputs.districts]
    assert [int(row[5]) for row in data] == [d.previous_amount for d in inputs.districts]
    assert {row[4] for row in data} == {"#NAME?"}  # =ALLOCATE(...) without xlwings


def test_helper_names_follow_the_reference_years(exported):
    probe = _rows(exported / "Probe-Probe.csv")[0]
    inputs = read_workbook_file(bundled_workbook_path())
    reference = (2022, 2023, 2024)
    total = sum(count for d in inputs.districts for year, count in d.counts if year in reference)
    assert probe[:4] == ["44", "3", str(total), str(sum(d.previous_amount for d in inputs.districts))]
    assert probe[4] == str(dict(inputs.districts[0].counts)[2022])
