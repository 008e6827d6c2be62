"""The committed sample workbook: up to date with its generator, reproducible, laid out as the contract says."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile

import openpyxl
import pytest
from openpyxl.worksheet.formula import ArrayFormula

from xl_funcs.sample import workbook as sample_workbook
from xl_funcs.kreise import all_kreise
from xl_funcs.readers import bundled_workbook_path
from xl_funcs.readers import contract as c


@pytest.fixture(scope="module")
def fresh() -> bytes:
    return sample_workbook.workbook_bytes()


@pytest.fixture(scope="module")
def book():
    return openpyxl.load_workbook(bundled_workbook_path())


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info.filename) for info in archive.infolist()}


def test_committed_workbook_is_byte_identical_to_a_fresh_build(fresh):
    committed = bundled_workbook_path().read_bytes()
    if committed != fresh:
        old, new = _members(committed), _members(fresh)
        differing = sorted(name for name in old.keys() | new.keys() if old.get(name) != new.get(name))
        pytest.fail(
            "workbook/Mittelverteilung.xlsx is out of date (run `python -m xl_funcs.sample.workbook`); "
            f"differing parts: {differing or 'only the zip container'}"
        )


def test_two_builds_give_the_same_bytes(fresh):
    assert sample_workbook.workbook_bytes() == fresh


def test_build_ignores_clock_and_time_zone(fresh, tmp_path):
    target = tmp_path / "Mittelverteilung.xlsx"
    env = dict(os.environ, TZ="Pacific/Kiritimati", LC_ALL="C", LANG="C")
    done = subprocess.run(
        [sys.executable, "-m", "xl_funcs.sample.workbook", "--target", str(target)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert target.read_bytes() == fresh


def test_zip_members_and_properties_carry_the_stand_date(fresh, book):
    with zipfile.ZipFile(io.BytesIO(fresh)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2025, 3, 31, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "2025-03-31T00:00:00Z" in core
    assert book.properties.language == "de-DE"
    assert "fiktive Daten" in book.properties.title


def test_check_option_reports_an_outdated_file(tmp_path):
    target = tmp_path / "alt.xlsx"
    target.write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    assert sample_workbook.main(["--check", "--target", str(target)]) == 1
    assert sample_workbook.main(["--target", str(target)]) == 0
    assert sample_workbook.main(["--check", "--target", str(target)]) == 0


def test_sheets_in_order(book):
    assert book.sheetnames == ["Hinweise", "Parameter", "Zuweisungen", "Berechnung", "Szenarien", "xlwings.conf"]
    assert book.active.title == "Hinweise"


def test_hinweise_say_the_counts_are_fictitious_and_explain_each_host(book):
    text = "\n".join(str(row[0]) for row in book["Hinweise"].iter_rows(values_only=True) if row[0])
    assert "FIKTIVE BEISPIELDATEN" in text
    assert "keine amtlichen Zahlen" in text
    for host in ("klassischen xlwings-Add-in", "xlwings Server", "xlwings Lite", "mittelverteilung check"):
        assert host in text


def test_defined_names_point_at_single_cells_on_the_parameter_sheet(book):
    for name in c.REQUIRED_NAMES + c.OPTIONAL_NAMES:
        destinations = list(book.defined_names[name].destinations)
        assert len(destinations) == 1, name
        sheet, cell = destinations[0]
        assert sheet == "Parameter" and ":" not in cell
    values = {name: book["Parameter"][list(book.defined_names[name].destinations)[0][1]].value for name in c.REQUIRED_NAMES + c.OPTIONAL_NAMES}
    assert values["Haushaltsjahr"] == 2025 and values["Budget"] == 58_000_000 and values["Einheit"] == 1
    assert values["Methode"] == "Hare-Niemeyer"
    assert (values["Bezugsjahr_von"], values["Bezugsjahr_bis"]) == (2022, 2024)
    assert values["Stand"].date().isoformat() == "2025-03-31"
    assert values["Sockelbetrag"] == 0 and values["Verlustbegrenzung"] is None
    assert values["Zwischensummen"] == "nein" and values["Beispieldaten"] == "ja"
    assert values["Datenquelle"].startswith("Beispielmappe, Zahlen erzeugt")
    assert values["Herausgeber"].endswith("(erfundener Herausgeber)") and values["Referat"].endswith("(erfunden)")
    assert values["Kontakt"].endswith(".invalid")  # an address that cannot exist


def test_table_kreise_with_keys_as_text_and_formats(book):
    sheet = book["Zuweisungen"]
    table = sheet.tables["Kreise"]
    assert table.ref == "A4:K48"
    headers = [cell.value for cell in sheet[4]]
    assert headers == [
        "Kreisschlüssel", "Stadt-/Landkreis", "Art", "Regierungsbezirk",
        "Zuweisungen 2021", "Zuweisungen 2022", "Zuweisungen 2023", "Zuweisungen 2024", "Zuweisungen 2025",
        "Mittel 2024", "Mittel 2025",
    ]  # fmt: skip
    kreise = all_kreise()
    for offset, kreis in enumerate(kreise):
        row = 5 + offset
        key = sheet.cell(row, 1)
        assert key.value == kreis.key and key.data_type == "s" and key.number_format == "@"
        assert sheet.cell(row, 2).value == kreis.name
        assert all(isinstance(sheet.cell(row, col).value, int) for col in range(5, 12))
        assert sheet.cell(row, 5).number_format == "#,##0"
        assert sheet.cell(row, 10).number_format == '#,##0 "€"'
    assert sum(sheet.cell(row, 11).value for row in range(5, 49)) == 58_000_000
    assert all(sheet.cell(49, col).value is None for col in range(1, 12))
    widths = [sheet.column_dimensions[letter].width for letter in "ABCDEFGHIJK"]
    assert all(width and width >= 12 for width in widths)


def test_counts_are_roughly_proportional_and_first_reception_hosts_get_fewer(book):
    sheet = book["Zuweisungen"]
    counts = {sheet.cell(row, 1).value: sheet.cell(row, 8).value for row in range(5, 49)}
    population = sample_workbook.POPULATION
    per_thousand = {key: counts[key] / population[key] for key in counts}
    ordinary = [v for key, v in per_thousand.items() if key not in sample_workbook.FIRST_RECEPTION_HOSTS]
    hosts = [v for key, v in per_thousand.items() if key in sample_workbook.FIRST_RECEPTION_HOSTS]
    assert max(ordinary) / min(ordinary) < 1.2
    assert max(hosts) < 0.5 * min(ordinary)


def test_berechnung_uses_the_excel_functions_as_array_formulas_over_44_rows(book):
    sheet = book["Berechnung"]
    formulas = {}
    for column in "ABCDEFGHI":
        value = sheet[f"{column}5"].value
        assert isinstance(value, ArrayFormula), column
        assert value.ref == f"{column}5:{column}48"
        formulas[column] = value.text
    assert formulas["C"] == "=REFERENCE_WEIGHTS(Bezugszuweisungen)"
    assert formulas["D"] == "=SHARES($C$5:$C$48)"
    assert formulas["E"] == "=ALLOCATE(Budget,$C$5:$C$48,Methode,Einheit)"
    assert formulas["I"].startswith("=EXPLAIN(")
    assert sheet["E49"].value == "=SUM(E5:E48)"
    assert "Bezugsjahr_von" in book.defined_names["Bezugszuweisungen"].attr_text
    functions = {"REFERENCE_WEIGHTS", "SHARES", "ALLOCATE", "EXPLAIN"}
    import xl_funcs

    assert {name.upper() for name in xl_funcs.EXCEL_FUNCTIONS} >= functions


def test_xlwings_conf_names_the_udf_module(book):
    sheet = book["xlwings.conf"]
    assert (sheet["A1"].value, sheet["B1"].value) == ("UDF Modules", "xl_funcs")
