"""The Auszahlungsplan and the paying office's CSV: every Kreis and date once, amounts in cents, keys as text;
read back by LibreOffice with German settings (standing in for German Excel) with the same amounts."""

from __future__ import annotations

import csv
import datetime
import io
import os
import subprocess
from pathlib import Path

import openpyxl
import pytest

from xl_funcs.calculation import calculate
from xl_funcs.cli import main
from xl_funcs.payments.plan import plan_instalments
from xl_funcs.readers import bundled_workbook_path, read_workbook_file

from ..render.libreoffice import soffice

# LibreOffice's CSV import: ";" separated, '"' quoted, UTF-8 (76), from line 1; columns 1, 2 and 5 as text (2),
# column 3 as date D.M.Y (4), column 4 standard (1); language German (1031), as German Excel reads numbers.
GERMAN_IMPORT = "59,34,76,1,1/2/2/2/3/4/4/1/5/2,1031,false,true"


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("plan") / "Zahlstelle Ausgabe"
    assert main(["payments", "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def amounts() -> dict[str, int]:
    return {r.district.key: r.amount for r in calculate(read_workbook_file(bundled_workbook_path())).rows}


def read_csv(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_one_row_per_kreis_and_date_in_cents_adding_up_to_each_amount(written, amounts):
    header, *rows = read_csv(written / "Auszahlungsplan_2025.csv")
    assert header == ["Kreisschluessel", "Empfaenger", "Faelligkeit", "Betrag_Cent", "Verwendungszweck"]
    assert len(rows) == 88
    by_kreis: dict[str, int] = {}
    by_date: dict[str, int] = {}
    for key, _, due, cents, reference in rows:
        assert cents.isdigit()  # euros and cents without any separator
        by_kreis[key] = by_kreis.get(key, 0) + int(cents)
        by_date[due] = by_date.get(due, 0) + int(cents)
        assert reference.startswith(f"Integrationsmanagement 2025 Kreis {key} ") and "Abschlag" in reference
        assert len(reference) <= 140
    assert by_kreis == {key: amount * 100 for key, amount in amounts.items()}
    assert by_date == {"15.04.2025": 34_800_000_00, "15.10.2025": 23_200_000_00}
    assert {row[4] for row in rows} >= {"Integrationsmanagement 2025 Kreis 08111 Stuttgart Abschlag 1 von 2"}


def test_the_plan_sheet_holds_the_same_entries_within_one_euro_of_60_and_40_percent(written, amounts):
    rows = list(openpyxl.load_workbook(written / "Auszahlungsplan_2025.xlsx")["Auszahlungsplan 2025"].iter_rows(values_only=True))
    kreise = [row for row in rows if isinstance(row[1], str) and row[1].isdigit()]
    assert len(kreise) == 44
    for _, key, _, amount, first, second in kreise:
        assert amount == amounts[key] and first + second == amount
        assert abs(first - amount * 0.6) < 1 and abs(second - amount * 0.4) < 1
    total = next(row for row in rows if row[2] == "Summe")
    assert total[3:] == (58_000_000, 34_800_000, 23_200_000)


def test_german_libreoffice_imports_the_keys_as_text_and_the_same_amounts(written, tmp_path):
    source = written / "Auszahlungsplan_2025.csv"
    profile = tmp_path / "profil"
    done = subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            f"--infilter=Text - txt - csv (StarCalc):{GERMAN_IMPORT}",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"},
    )
    assert done.returncode == 0, done.stderr
    sheet = openpyxl.load_workbook(tmp_path / "Auszahlungsplan_2025.xlsx").active
    header, *rows = list(sheet.iter_rows(values_only=True))
    assert header[:4] == ("Kreisschluessel", "Empfaenger", "Faelligkeit", "Betrag_Cent")
    original = read_csv(source)[1:]
    assert len(rows) == len(original) == 88
    for imported, line in zip(rows, original):
        key, name, due, cents, reference = imported[:5]
        assert isinstance(key, str) and key == line[0] and key.startswith("08")  # the leading zero stays
        assert name == line[1] and reference == line[4]
        assert isinstance(due, datetime.datetime) and due.strftime("%d.%m.%Y") == line[2]
        assert isinstance(cents, int) and cents == int(line[3])


def test_plan_is_exact_for_a_unit_of_one_cent(tmp_path):
    from dataclasses import replace
    from decimal import Decimal

    inputs = read_workbook_file(bundled_workbook_path())
    cents = replace(inputs, parameters=replace(inputs.parameters, unit=Decimal("0.01"), budget=Decimal("58000000.05")))
    plan = plan_instalments(calculate(cents))
    assert sum(plan.column_totals) == 5_800_000_005
    assert [sum(row) for row in plan.entries] == list(plan.amounts)
    assert list(plan.column_totals) == [3_480_000_003, 2_320_000_002]
