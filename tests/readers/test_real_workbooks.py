"""Workbooks as ministries really have them, each built from the sample: accepted with the sample's amounts,
or refused with the one true message (and nothing on standard output)."""

from __future__ import annotations

import contextlib
import io
import re
import unicodedata
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.defined_name import DefinedName

from xl_funcs.calculation import calculate
from xl_funcs.inputs import CellRef
from xl_funcs.readers import read_workbook_file
from xl_funcs.readers.contract import REQUIRED_NAMES
from xl_funcs.sample.workbook import amounts_2025, sample_inputs

from ..hardening.cli_runs import run_process
from . import real_workbooks as real
from .workbooks import KEYS, changed, patch_member, problems_of, row_of

Z = "Zuweisungen"


def written(tmp_path: Path, data: bytes, name: str = "mappe.xlsx") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def assert_accepted_with_the_samples_amounts(path: Path) -> None:
    inputs = read_workbook_file(path)
    assert inputs == sample_inputs()
    amounts = {row.district.key: row.amount for row in calculate(inputs).rows}
    assert amounts == amounts_2025()


def openpyxl_full_load_fails(data: bytes) -> str:
    """What today's openpyxl-based reading met: the error openpyxl's full reader raises, and what it printed."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            openpyxl.load_workbook(io.BytesIO(data))
        except Exception as error:  # the point: which error
            return f"{type(error).__name__}{printed.getvalue()}"
    return ""


# -- accepted ---------------------------------------------------------------------------------------


ACCEPTED = {
    "formatierte leere zelle XFD1048576": real.stray_formatted_cell,
    "wert in A1048576": real.value_in_last_row,
    "pivot mit gruppierten elementen": real.pivot_with_grouped_items,
    "bild": real.picture_on_parameter_sheet,
    "alternate content": real.alternate_content,
    "ungewöhnliche zeilenattribute": real.unusual_row_attributes,
    "teile außerhalb von xl": real.parts_elsewhere,
    "backslash-pfade": real.backslash_paths,
    "formatvorlagen ohne zellformatvorlage": real.styles_without_cell_style_formats,
}


@pytest.mark.parametrize("build", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_workbook_as_found_in_ministries_is_accepted(tmp_path, build):
    assert_accepted_with_the_samples_amounts(written(tmp_path, build()))


# The cases openpyxl's full reader (today's reader) refused: they are real failures, not constructions that
# every reader would manage anyway.
TODAY_REFUSED = {
    "pivot mit gruppierten elementen": (real.pivot_with_grouped_items, "TypeError"),
    "ungewöhnliche zeilenattribute": (real.unusual_row_attributes, "TypeError"),
    "teile außerhalb von xl": (real.parts_elsewhere, "IndexError"),
    "backslash-pfade": (real.backslash_paths, "KeyError"),
    "formatvorlagen ohne zellformatvorlage": (real.styles_without_cell_style_formats, "IndexError0 is out of range"),
}


@pytest.mark.parametrize("build, failure", TODAY_REFUSED.values(), ids=TODAY_REFUSED.keys())
def test_openpyxls_full_reader_fails_on_the_case(build, failure):
    assert openpyxl_full_load_fails(build()).strip() == failure


@pytest.fixture(scope="module")
def raw_data_workbook(tmp_path_factory) -> Path:
    return written(tmp_path_factory.mktemp("rohdaten"), real.raw_data_sheet())


def test_raw_data_sheet_of_590000_rows_is_not_read(raw_data_workbook):
    with zipfile.ZipFile(raw_data_workbook) as archive:
        sheet = archive.getinfo("xl/worksheets/sheet90.xml")
        assert sheet.file_size > 50 * 2**20  # the raw data really is there
        assert archive.read("xl/worksheets/sheet90.xml").count(b"<row ") == real.RAW_ROWS + 1
    assert_accepted_with_the_samples_amounts(raw_data_workbook)


def test_check_of_the_raw_data_workbook_prints_the_summary(raw_data_workbook):
    done = run_process("check", str(raw_data_workbook))
    assert done.returncode == 0, done.stderr
    assert "Budget 58.000.000 €" in done.stdout


def test_the_backslash_package_passes_the_guard(tmp_path):
    data = real.backslash_paths()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert not any(name.startswith("xl/") for name in archive.namelist())
    assert_accepted_with_the_samples_amounts(written(tmp_path, data))


# -- text as a person sees it ----------------------------------------------------------------------------


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_names_and_headers_pasted_from_macos_in_nfd_are_accepted(tmp_path):
    def change(workbook):
        sheet = workbook[Z]
        sheet["A4"] = nfd("Kreisschlüssel")
        for key in KEYS:
            cell = sheet[f"B{row_of(key)}"]
            cell.value = nfd(cell.value)
        assert nfd("Böblingen") != "Böblingen"

    assert_accepted_with_the_samples_amounts(changed(tmp_path, change))


def test_a_look_alike_character_is_named(tmp_path):
    stuttgart = row_of("08111")
    path = changed(tmp_path, lambda wb: wb[Z].__setitem__(f"B{stuttgart}", "Stuttg\u0430rt"))  # Cyrillic а
    problems = problems_of(path)
    assert len(problems) == 1
    assert problems[0].where == CellRef(Z, f"B{stuttgart}")
    assert (
        "(Unterschied an Stelle 7: dort steht „\u0430“ (CYRILLIC SMALL LETTER A, U+0430) statt „a“ "
        "(LATIN SMALL LETTER A, U+0061))" in problems[0].message
    )


def test_no_break_spaces_and_zero_width_characters_in_names_are_accepted(tmp_path):
    def change(workbook):
        sheet = workbook[Z]
        sheet[f"B{row_of('08115')}"] = "Böblingen\u200b"
        sheet[f"B{row_of('08125')}"] = "Heilbronn\u00a0"
        sheet[f"D{row_of('08111')}"] = "Stuttgart\u202f"

    assert_accepted_with_the_samples_amounts(changed(tmp_path, change))


# -- names scoped to a sheet -----------------------------------------------------------------------------


def _scoped_to(sheet: str, names=None):
    def change(workbook):
        for name in names or list(workbook.defined_names):
            definition = workbook.defined_names.pop(name)
            workbook[sheet].defined_names[name] = DefinedName(name, attr_text=definition.attr_text)

    return change


def test_names_defined_for_one_sheet_only_are_accepted(tmp_path):
    path = changed(tmp_path, _scoped_to("Parameter", [n for n in REQUIRED_NAMES]))
    with zipfile.ZipFile(path) as archive:
        assert archive.read("xl/workbook.xml").count(b'localSheetId="1"') == len(REQUIRED_NAMES)
    assert_accepted_with_the_samples_amounts(path)


def test_a_name_defined_differently_for_two_sheets_is_refused_once(tmp_path):
    def change(workbook):
        _scoped_to("Parameter", ["Budget"])(workbook)
        workbook[Z].defined_names["Budget"] = DefinedName("Budget", attr_text="Zuweisungen!$A$1")

    problems = problems_of(changed(tmp_path, change))
    assert [p.message for p in problems] == [
        "Der Name „Budget“ (das zu verteilende Budget in Euro) ist nur für einzelne Blätter definiert "
        "(„Parameter“, „Zuweisungen“), nicht für die ganze Arbeitsmappe, und zeigt dort auf verschiedene Zellen. "
        "Bitte im Namens-Manager (Formeln > Namens-Manager) einen davon löschen und beim anderen den Bereich "
        "„Arbeitsmappe“ wählen."
    ]


# -- filters, hidden columns, keys as numbers --------------------------------------------------------------


def _filtered_table(tmp_path: Path) -> Path:
    """Rows 10 and 11 hidden by a filter on the table's column "Art", as Excel saves an active filter."""

    def hide(workbook):
        for row in (10, 11):
            workbook[Z].row_dimensions[row].hidden = True

    path = changed(tmp_path, hide)
    with zipfile.ZipFile(path) as package:  # the Kreise table's part, whichever number it has
        (part,) = [
            name for name in package.namelist()
            if name.startswith("xl/tables/") and 'displayName="Kreise"' in package.read(name).decode("utf-8")
        ]
    return patch_member(
        path,
        part,
        lambda text: text.replace(
            '<autoFilter ref="A4:K48" />',
            '<autoFilter ref="A4:K48"><filterColumn colId="2"><filters><filter val="Landkreis"/></filters>'
            "</filterColumn></autoFilter>",
        ),
    )


def test_an_active_filter_is_named_once_not_per_hidden_row(tmp_path):
    problems = problems_of(_filtered_table(tmp_path))
    assert [str(p) for p in problems] == [
        f"{Z}!A4:K48: Filter in {Z}!A4:K48 aktiv: bitte alle Zeilen anzeigen (Daten > Sortieren und Filtern > "
        "Löschen), damit sichtbar ist, was gerechnet wird."
    ]


def test_a_hidden_column_is_refused_like_a_hidden_row(tmp_path):
    path = changed(tmp_path, lambda wb: setattr(wb[Z].column_dimensions["C"], "hidden", True))
    problems = problems_of(path)
    assert [str(p) for p in problems] == [
        f"{Z}!C4: Spalte C der Tabelle „Kreise“ ist ausgeblendet; bitte einblenden, damit sichtbar ist, was "
        "gerechnet wird."
    ]


def test_keys_typed_as_numbers_formatted_00000_are_reported_once_each(tmp_path):
    def change(workbook):
        for key in KEYS:
            cell = workbook[Z][f"A{row_of(key)}"]
            cell.value = int(key)
            cell.number_format = "00000"

    problems = problems_of(changed(tmp_path, change))
    assert len(problems) == len(KEYS) == 44
    for key, problem in zip(KEYS, problems):
        assert problem.where == CellRef(Z, f"A{row_of(key)}")
        assert f"als Zahl {int(key)} eingetragen, die führende Null fehlt" in problem.message
        assert "ein Zahlenformat wie 00000 zeigt die Null nur an" in problem.message


# -- damaged parts and standard output ----------------------------------------------------------------------


def test_a_damaged_sheet_is_named_with_its_part(tmp_path):
    data = real.rebuild(real.sample(), {real.TABLE_SHEET: lambda text: text.replace("</sheetData>", "</sheetDat>")})
    problems = problems_of(written(tmp_path, data))
    assert len(problems) == 1
    assert re.fullmatch(
        r"Die Datei ist beschädigt oder keine gültige Excel-Arbeitsmappe und kann nicht gelesen werden: Der Teil "
        r"„xl/worksheets/sheet3\.xml“ \(das Blatt „Zuweisungen“\) ist kein gültiges XML \(Zeile \d+, Spalte \d+\)\. "
        r"Bitte in Excel öffnen und erneut als \.xlsx speichern\.",
        problems[0].message,
    ), problems[0].message


def test_a_damaged_pivot_cache_does_not_matter(tmp_path):
    data = real.rebuild(
        real.pivot_with_grouped_items(), {"xl/pivotCache/pivotCacheDefinition1.xml": lambda text: text[: len(text) // 2]}
    )
    assert_accepted_with_the_samples_amounts(written(tmp_path, data))


def test_standard_output_stays_empty_on_refusal(tmp_path):
    """The styles make openpyxl print "0 is out of range"; the refusal of a bad budget is all that is said."""
    data = real.rebuild(
        real.styles_without_cell_style_formats(),
        {real.PARAMETER_SHEET: lambda text: re.sub(r'(<c r="B5"[^>]*>)<v>\d+</v>', r"\1<v>-5</v>", text, count=1)},
    )
    path = written(tmp_path, data)
    for command in (["check", str(path)], ["publish", str(path), "--out", str(tmp_path / "aus"), "--ohne-pdf"]):
        done = run_process(*command)
        assert done.returncode == 1
        assert done.stdout == ""
        assert "Parameter!B5: Budget: Das Budget muss größer als 0 sein (eingetragen: -5)" in done.stderr


def test_raw_rows_below_the_table_on_its_sheet_are_skipped(tmp_path):
    assert_accepted_with_the_samples_amounts(written(tmp_path, real.raw_rows_below_the_table()))


def test_what_the_sheet_lists_after_its_cells_is_still_read(tmp_path):
    """Merged cells come after all cells in the sheet's XML: skipping the raw rows must not skip them."""
    stuttgart = row_of("08111")
    data = real.raw_rows_below_the_table(merged=f"B{stuttgart}:C{stuttgart}")
    problems = problems_of(written(tmp_path, data))
    assert [str(p.where) for p in problems] == [f"{Z}!B{stuttgart}:C{stuttgart}"]
    assert problems[0].message.startswith(f"Verbundene Zellen B{stuttgart}:C{stuttgart}")
