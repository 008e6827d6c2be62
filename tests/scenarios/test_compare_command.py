"""``mittelverteilung compare`` as a user runs it: the xlsx holds what each variant's own calculation gives,
its summary follows from its Kreis table, same bytes every time, and bad Szenarien cells write nothing."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from xl_funcs.readers import bundled_workbook_path

from ..readers.workbooks import AMOUNT, changed, row_of
from .expected import (
    BASIS,
    DISTRICTS,
    OVERVIEW,
    SAMPLE_VARIANTS,
    kreis_columns,
    overview_rows,
    sheets,
    uncushioned_calculation,
    variant_calculation,
)

FILE = "Szenarienvergleich_Integrationsmanagement_2025.xlsx"


def compare(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "xl_funcs.cli", "compare", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=dict(os.environ),
        timeout=300,
    )


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("vergleich") / "Ausgabe für Szenarien"
    done = compare(str(bundled_workbook_path()), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(out / FILE)
    return out / FILE


@pytest.fixture(scope="module")
def content(written):
    return sheets(written)


def test_the_file_has_the_overview_the_kreis_table_and_the_basis(content):
    assert list(content) == [OVERVIEW, DISTRICTS, BASIS]


def test_every_amount_is_what_the_variants_own_calculation_gives(content):
    keys, by_variant = kreis_columns(content[DISTRICTS])
    assert [name for name, _ in SAMPLE_VARIANTS] == list(by_variant)
    first = variant_calculation({})
    for name, overrides in SAMPLE_VARIANTS:
        calculation = variant_calculation(overrides)
        expected = {row.district.key: row.amount for row in calculation.rows}
        columns = by_variant[name]
        assert dict(zip(keys, columns["amount"])) == expected, name
        assert sum(columns["amount"]) == 58_000_000
        previous = {row.district.key: int(row.previous) for row in calculation.rows}
        assert columns["change"] == [expected[k] - previous[k] for k in keys], name
        for key, ratio in zip(keys, columns["ratio"]):
            assert ratio == pytest.approx(float(Fraction(expected[key] - previous[key], previous[key])), rel=1e-12)
        if name != SAMPLE_VARIANTS[0][0]:
            base = {row.district.key: row.amount for row in first.rows}
            assert columns["versus"] == [expected[k] - base[k] for k in keys], name


def test_the_summary_follows_from_the_kreis_table(content):
    keys, by_variant = kreis_columns(content[DISTRICTS])
    summary = overview_rows(content[OVERVIEW])
    assert len(summary) == len(SAMPLE_VARIANTS)
    labels = dict(zip(keys, [row[1] for row in content[DISTRICTS] if row and row[0] in keys]))
    for line, (name, overrides) in zip(summary, SAMPLE_VARIANTS):
        columns = by_variant[name]
        changes = columns["change"]
        ratios = columns["ratio"]
        assert line["Kreise mit Zuwachs"] == sum(1 for c in changes if c > 0), name
        assert line["Kreise mit Verlust"] == sum(1 for c in changes if c < 0), name
        assert line["Kreise unverändert"] == sum(1 for c in changes if c == 0), name
        assert line["Budget in €"] == 58_000_000
        gain = max(changes)
        loss = min(changes)
        assert line["Größter Zuwachs in €"] == gain and line["Größter Verlust in €"] == loss, name
        assert line["Größter Zuwachs: Kreis"] == labels[keys[changes.index(gain)]][: len(line["Größter Zuwachs: Kreis"])]
        assert line["Größter Verlust: Kreis"] == labels[keys[changes.index(loss)]][: len(line["Größter Verlust: Kreis"])]
        assert line["Größter Verlust in %"] == pytest.approx(ratios[changes.index(loss)], rel=1e-12)
        assert line["Verlust > 10 %"] == sum(1 for r in ratios if r < -0.1), name
        assert line["Verlust > 20 %"] == sum(1 for r in ratios if r < -0.2), name


def test_the_price_of_each_cushion_is_the_difference_to_the_same_key_without_it(content):
    summary = overview_rows(content[OVERVIEW])
    for line, (name, overrides) in zip(summary, SAMPLE_VARIANTS):
        moved = line["Umverteilt durch das Polster in €"]
        if not any(key in overrides for key in ("loss_cap", "max_gain", "phase_in")):
            assert moved in ("", None), name
            continue
        with_cushion = variant_calculation(overrides).rows
        without = uncushioned_calculation(overrides).rows
        expected = sum(max(0, a.amount - b.amount) for a, b in zip(with_cushion, without))
        assert moved == expected, name
        if "loss_cap" in overrides:
            assert expected > 0  # the 20 % cap protects the Kreise hosting a first-reception centre


def test_euro_per_person_spread_is_recomputed_from_the_reference_counts(content):
    summary = overview_rows(content[OVERVIEW])
    for line, (name, overrides) in zip(summary, SAMPLE_VARIANTS):
        rows = variant_calculation(overrides).rows
        per_person = [Fraction(r.amount) / r.reference for r in rows]
        assert line["€ je Person höchster"] == pytest.approx(float(max(per_person)), rel=1e-12)
        assert line["€ je Person Spanne"] == pytest.approx(float(max(per_person) - min(per_person)), rel=1e-9, abs=1e-9)


def test_the_basis_sheet_names_the_inputs_digest_and_each_variants_parameters(content):
    from xl_funcs.sample.workbook import sample_inputs

    text = "\n".join(" ".join(str(cell) for cell in row) for row in content[BASIS])
    assert sample_inputs().digest in text
    for number, (name, _) in enumerate(SAMPLE_VARIANTS, start=1):
        assert f"Szenario {number}: {name}" in text
    assert "Szenarien!A9" in text  # where the variant "Verlust max. 20 %, Gewinner tragen" is defined
    assert "Sainte-Laguë/Schepers" in text


def test_same_bytes_every_run_and_the_workbook_untouched(written, tmp_path):
    workbook = bundled_workbook_path()
    before = hashlib.sha256(workbook.read_bytes()).hexdigest()
    again = compare(str(workbook), "--out", str(tmp_path))
    assert again.returncode == 0, again.stderr
    assert (tmp_path / FILE).read_bytes() == written.read_bytes()
    assert hashlib.sha256(workbook.read_bytes()).hexdigest() == before


# --- bad cells in the table Szenarien: German message with sheet!cell, exit 1, nothing written ---------------


def _no_previous_amounts(workbook):
    sheet = workbook["Zuweisungen"]
    for row in range(row_of("08111"), row_of("08437") + 1):
        sheet[f"{AMOUNT[2024]}{row}"] = None
    sheet = workbook["Szenarien"]
    for row in (8, 9):  # the loss caps need last year's amounts too: take them out of this case
        sheet[f"G{row}"] = None
        sheet[f"H{row}"] = None


BAD_CELLS = [
    ("unbekannte Methode", lambda wb: wb["Szenarien"].__setitem__("B6", "Würfeln"), "Szenarien!B6", "Unbekannte Methode"),
    ("Text im Budget", lambda wb: wb["Szenarien"].__setitem__("E5", "viel Geld"), "Szenarien!E5", "keine Zahl"),
    ("Verlustbegrenzung 120 %", lambda wb: wb["Szenarien"].__setitem__("G8", 1.2), "Szenarien!G8", "größer als 1"),
    ("zwei Szenarien gleichen Namens", lambda wb: wb["Szenarien"].__setitem__("A6", "Nur Zuweisungen 2024"), "Szenarien!A6", "gibt es schon"),
    ("Name der vorgesehenen Verteilung", lambda wb: wb["Szenarien"].__setitem__("A7", "vorgesehene Verteilung"), "Szenarien!A7", "Parameterblatt"),
    ("Übergang ohne Vorjahresbeträge", _no_previous_amounts, "Szenarien!J10", "Mittel des Vorjahres"),
    ("unbekannte Finanzierung", lambda wb: wb["Szenarien"].__setitem__("H8", "der Bund"), "Szenarien!H8", "erlaubt sind alle, Gewinner und Fonds"),
    ("Bezugsjahr ohne Spalte", lambda wb: wb["Szenarien"].__setitem__("C5", 2019), "Szenarien!C5", "Zuweisungen 2019"),
    ("Sockelbetrag über dem Budget", lambda wb: wb["Szenarien"].__setitem__("F7", 2_000_000), "Szenarien!A7", "lässt sich nicht berechnen"),
    ("zwei Szenarien für den Vergleich", lambda wb: wb["Szenarien"].__setitem__("L5", "ja"), "Szenarien!L9", "Nur ein Szenario"),
    ("Finanzierung ohne Verlustbegrenzung", lambda wb: wb["Szenarien"].__setitem__("H10", "Fonds"), "Szenarien!H10", "nur mit einer Verlustbegrenzung"),
    ("unbekannte Gleichstandsregel", lambda wb: wb["Szenarien"].__setitem__("K6", "Münzwurf"), "Szenarien!K6", "Los und Rang"),
    ("vertippte Überschrift", lambda wb: wb["Szenarien"].__setitem__("G4", "Verlustbegrenzng"), "Szenarien!G4", "„Verlustbegrenzung“"),
]


@pytest.mark.parametrize("case, change, cell, words", BAD_CELLS, ids=[case[0] for case in BAD_CELLS])
def test_a_bad_szenarien_cell_is_reported_at_its_cell_and_nothing_is_written(tmp_path, case, change, cell, words):
    workbook = changed(tmp_path, change)
    out = tmp_path / "Ausgabe"
    done = compare(str(workbook), "--out", str(out))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Nichts geschrieben." in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("- ")]
    assert any(cell in line and words in line for line in lines), done.stderr
    assert not out.exists()


def test_every_bad_cell_is_reported_at_once(tmp_path):
    together = [BAD_CELLS[i] for i in (0, 1, 2, 4)]  # in different rows: a row with one bad cell is not read further

    def change(workbook):
        for _, edit, _, _ in together:
            edit(workbook)

    done = compare(str(changed(tmp_path, change)), "--out", str(tmp_path / "Ausgabe"))
    assert done.returncode == 1
    assert "4 Probleme gefunden" in done.stderr
    for _, _, cell, _ in together:
        assert cell in done.stderr
    assert not (tmp_path / "Ausgabe").exists()


def test_without_a_table_szenarien_it_says_how_to_add_one(tmp_path):
    def change(workbook):
        del workbook["Szenarien"]

    done = compare(str(changed(tmp_path, change)), "--out", str(tmp_path / "Ausgabe"))
    assert done.returncode == 1
    assert "fehlt die Tabelle „Szenarien“" in done.stderr and "Einfügen > Tabelle" in done.stderr
    assert not (tmp_path / "Ausgabe").exists()


def test_hundreds_of_variants_take_the_same_path_and_report_progress(tmp_path):
    caps = [Fraction(k, 400) for k in range(200)]  # 0 % to 49.75 % in steps of 0.25 %

    def change(workbook):
        sheet = workbook["Szenarien"]
        for row in range(5, 11):
            for column in range(1, 14):
                sheet.cell(row, column).value = None
        for index, cap in enumerate(caps):
            sheet.cell(5 + index, 1).value = f"Verlust max. {float(cap) * 100:g} %"
            sheet.cell(5 + index, 7).value = float(cap)
        sheet.tables["Szenarien"].ref = f"A4:M{4 + len(caps)}"

    out = tmp_path / "Ausgabe"
    done = compare(str(changed(tmp_path, change)), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "Berechne Szenario 1 von 201 …" in done.stderr and "Berechne Szenario 200 von 201 …" in done.stderr
    keys, by_variant = kreis_columns(sheets(out / FILE)[DISTRICTS])
    assert len(by_variant) == 201
    for cap in caps[::37]:
        name = f"Verlust max. {float(cap) * 100:g} %"
        expected = variant_calculation({"loss_cap": Decimal(str(float(cap)))})
        assert by_variant[name]["amount"] == [row.amount for row in expected.rows], name
