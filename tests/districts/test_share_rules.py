"""What goes out: all 44 workbooks opened as zip archives and their XML inspected, rule by rule."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from xml.etree import ElementTree

import openpyxl
import pytest

from xl_funcs import __version__
from xl_funcs.districts.sharing import share
from xl_funcs.kreise import all_kreise
from xl_funcs.render.xlsx import xlsx_bytes
from xl_funcs.sample.workbook import ISSUER as SAMPLE_ISSUER
from xl_funcs.table.official import official_document

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
CORE = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
}
CUSTOM = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
PROGRAM = f"mittelverteilung {__version__}"
FEEDBACK = "Rückmeldung"
OFFICIAL = "Mittelverteilung 2025"


def workbook_paths(share_dir):
    return sorted(share_dir.glob("*.xlsx"))


def parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.fixture(scope="module")
def archives(share_dir):
    return {path.name: parts(path) for path in workbook_paths(share_dir)}


@pytest.fixture(scope="module")
def books(share_dir):
    return {path.name: openpyxl.load_workbook(path) for path in workbook_paths(share_dir)}


def sheet_parts(archive: dict[str, bytes]) -> dict[str, bytes]:
    """Sheet name -> its worksheet XML, following workbook.xml and its relationships."""
    workbook = ElementTree.fromstring(archive["xl/workbook.xml"])
    relations = ElementTree.fromstring(archive["xl/_rels/workbook.xml.rels"])
    targets = {r.get("Id"): r.get("Target") for r in relations}
    result = {}
    for sheet in workbook.iter(f"{MAIN}sheet"):
        rid = sheet.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
        target = targets[rid].lstrip("/")
        result[sheet.get("name")] = archive[target if target.startswith("xl/") else "xl/" + target]
    return result


def test_one_workbook_per_kreis_with_distinct_names(share_dir):
    names = [path.name for path in workbook_paths(share_dir)]
    assert len(names) == 44
    for kreis in all_kreise():
        assert sum(name.startswith(kreis.key + "_") for name in names) == 1
    assert {"08121_Heilbronn_Stadtkreis.xlsx", "08125_Heilbronn_Landkreis.xlsx"} <= set(names)
    assert {"08212_Karlsruhe_Stadtkreis.xlsx", "08215_Karlsruhe_Landkreis.xlsx"} <= set(names)
    assert "08127_Schwaebisch_Hall_Landkreis.xlsx" in names
    assert all(re.fullmatch(r"08\d{3}_[A-Za-z0-9_-]+\.xlsx", name) for name in names)


def test_no_formula_no_comment_no_external_link_no_macro(archives):
    for name, archive in archives.items():
        members = set(archive)
        assert not any("vbaProject" in m or m.endswith(".bin") for m in members), name
        assert not any("comments" in m.lower() or "vmlDrawing" in m or "threadedComment" in m for m in members), name
        assert not any("externalLink" in m for m in members), name
        assert not any(m.startswith(("xl/drawings", "xl/media", "xl/embeddings", "customXml")) for m in members), name
        assert b"macroEnabled" not in archive["[Content_Types].xml"], name
        workbook = ElementTree.fromstring(archive["xl/workbook.xml"])
        assert workbook.find(f"{MAIN}externalReferences") is None, name
        for sheet, xml in sheet_parts(archive).items():
            root = ElementTree.fromstring(xml)
            assert root.find(f".//{MAIN}f") is None, (name, sheet)  # not a single cell formula
            assert root.find(f".//{MAIN}hyperlinks") is None, (name, sheet)
            assert root.find(f".//{MAIN}legacyDrawing") is None, (name, sheet)
        rels = [m for m in members if m.endswith(".rels")]
        for rel in rels:
            assert b'TargetMode="External"' not in archive[rel], (name, rel)


def test_three_visible_sheets_and_only_print_names(archives):
    for name, archive in archives.items():
        workbook = ElementTree.fromstring(archive["xl/workbook.xml"])
        sheets = list(workbook.iter(f"{MAIN}sheet"))
        key = name[:5]
        assert [s.get("name") for s in sheets] == [f"Kreis {key}", FEEDBACK, OFFICIAL], name
        assert all(s.get("state") in (None, "visible") for s in sheets), name
        defined = [(d.get("name"), d.get("localSheetId")) for d in workbook.iter(f"{MAIN}definedName")]
        assert defined, name
        assert {n for n, _ in defined} <= {"_xlnm.Print_Titles", "_xlnm.Print_Area"}, name
        assert all(sheet is not None for _, sheet in defined), name  # each local to the sheet it prints
        protection = workbook.find(f"{MAIN}workbookProtection")
        assert protection is not None and protection.get("lockStructure") in ("1", "true"), name


def test_no_person_in_the_document_properties(archives, manifest_data):
    entries = {entry["datei"]: entry for entry in manifest_data["dateien"]}
    for name, archive in archives.items():
        core = ElementTree.fromstring(archive["docProps/core.xml"])
        # The authority named in the workbook (Herausgeber) is the author; without it the program. No person.
        assert core.findtext("dc:creator", namespaces=CORE) == SAMPLE_ISSUER, name
        assert core.findtext("cp:lastModifiedBy", namespaces=CORE) in (SAMPLE_ISSUER, None), name
        app = archive["docProps/app.xml"].decode("utf-8")
        assert "<Company" not in app and "<Manager" not in app, name
        assert "<Application>" in app  # the file says which program wrote it, nothing about a person
        custom = ElementTree.fromstring(archive["docProps/custom.xml"])
        properties = {p.get("name"): p[0].text for p in custom.findall(f"{CUSTOM}property")}
        entry = entries[name]
        assert properties == {
            "Vorgangsnummer": entry["vorgangsnummer"],
            "Kreisschlüssel": entry["kreisschluessel"],
            "Haushaltsjahr": "2025",
            "Stand": "2025-03-31",
            "Eingabezellen": ";".join(f"{k}={v}" for k, v in entry["eingabezellen"].items()),
            "Prüfwert": entry["pruefwert"],
            "Programm": PROGRAM,
            "Rückmeldefrist": "2025-04-30",  # a date, nothing about a person
        }, name


def test_the_official_table_is_the_published_one_cell_by_cell(books, calculation):
    published = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(official_document(calculation))))[OFFICIAL]
    expected = [[cell.value for cell in row] for row in published.iter_rows()]
    for name, book in books.items():
        assert [[cell.value for cell in row] for row in book[OFFICIAL].iter_rows()] == expected, name


def test_each_kreis_sheet_holds_its_own_unpublished_figures_and_no_other_kreis(books, inputs):
    districts = {d.key: d for d in inputs.districts}
    for name, book in books.items():
        key = name[:5]
        own = districts[key]
        kreis_sheet = book[f"Kreis {key}"]
        labels = {row[0].value: row[1].value for row in kreis_sheet.iter_rows(min_col=1, max_col=2) if row[0].value}
        assert labels["Kreisschlüssel"] == key and labels["Stadt-/Landkreis"] == own.name
        for year, count in own.counts:
            label = next(text for text in labels if isinstance(text, str) and text.startswith(f"Zuweisungen {year}"))
            assert labels[label] == count, (name, year)
        private_values = [
            cell.value
            for sheet in (kreis_sheet, book[FEEDBACK])
            for row in sheet.iter_rows()
            for cell in row
            if cell.value is not None
        ]
        numbers = {v for v in private_values if isinstance(v, int)}
        texts = " ".join(v for v in private_values if isinstance(v, str))
        for other in inputs.districts:
            if other.key == key:
                continue
            assert other.key not in texts, (name, other.key)
            # Another Kreis's counts per year (which are not published) are not all there.
            assert not {count for _, count in other.counts} <= numbers, (name, other.key)
        # The per-year counts are nowhere in the official table (it shows only the reference value).
        official_numbers = {
            cell.value for row in book[OFFICIAL].iter_rows() for cell in row if isinstance(cell.value, int)
        }
        assert not {count for _, count in own.counts} <= official_numbers, name


def test_amounts_across_the_44_files_add_up_to_the_budget(books, calculation):
    official = {row.district.key: row.amount for row in calculation.rows}
    total = 0
    for name, book in books.items():
        key = name[:5]
        feedback = {row[0].value: row[1].value for row in book[FEEDBACK].iter_rows(min_col=1, max_col=2)}
        kreis = {row[0].value: row[1].value for row in book[f"Kreis {key}"].iter_rows(min_col=1, max_col=2)}
        amount = feedback["Mittel 2025"]
        assert isinstance(amount, int) and amount == kreis["Mittel 2025"] == official[key], name
        assert kreis["Ergebnis: Mittel 2025"] == f"{amount:,} €".replace(",", "."), name
        total += amount
    assert total == 58_000_000


def test_only_the_input_cells_are_unlocked_and_every_sheet_is_protected(books, manifest_data):
    entries = {entry["datei"]: entry for entry in manifest_data["dateien"]}
    for name, book in books.items():
        for sheet in book.worksheets:
            assert sheet.protection.sheet, (name, sheet.title)
            unlocked = {
                f"{sheet.title}!{cell.coordinate}"
                for row in sheet.iter_rows()
                for cell in row
                if cell.protection.locked is False
            }
            expected = {cell for cell in entries[name]["eingabezellen"].values() if cell.startswith(sheet.title + "!")}
            assert unlocked == expected, (name, sheet.title)
        cells = entries[name]["eingabezellen"]
        feedback = book[FEEDBACK]
        validations = {str(dv.sqref): dv for dv in feedback.data_validations.dataValidation}
        choice = next(dv for dv in validations.values() if dv.type == "list")
        assert choice.formula1 == '"ja,nein"' and choice.showErrorMessage
        assert str(choice.sqref) == cells["bestaetigung"].split("!")[1]
        counts = next(dv for dv in validations.values() if dv.type == "whole")
        assert counts.operator == "greaterThanOrEqual" and counts.formula1 == "0"
        count_cells = {cells[f"zuweisungen_{year}"].split("!")[1] for year in range(2021, 2026)}
        assert set(str(counts.sqref).split()) == count_cells
        for field, cell in cells.items():
            assert feedback[cell.split("!")[1]].value is None, (name, field)  # empty for the Kreis to fill in


def test_manifest_lists_every_file_with_size_and_hash(share_dir, manifest_data):
    entries = manifest_data["dateien"]
    assert len(entries) == 44 and manifest_data["summe"] == manifest_data["foerderbetrag"] == 58_000_000
    assert sum(entry["mittel"] for entry in entries) == 58_000_000
    for entry in entries:
        data = (share_dir / entry["datei"]).read_bytes()
        assert entry["bytes"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    assert len({entry["vorgangsnummer"] for entry in entries}) == 44
    text = (share_dir / "Versandliste.csv").read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows[0][:3] == ["Datei", "Kreisschlüssel", "Stadt-/Landkreis"]
    assert [row[0] for row in rows[1:]] == [entry["datei"] for entry in entries]
    assert [row[8] for row in rows[1:]] == [entry["sha256"] for entry in entries]


def test_one_zip_per_regierungsbezirk_with_exactly_its_workbooks(share_dir, manifest_data):
    zips = sorted(share_dir.glob("*.zip"))
    assert [z.name for z in zips] == [
        f"Kreis-Arbeitsmappen_2025_Regierungsbezirk_{region}.zip"
        for region in ("Freiburg", "Karlsruhe", "Stuttgart", "Tuebingen")
    ]
    seen = []
    for path in zips:
        region = path.stem.rsplit("_", 1)[1].replace("ue", "ü")
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            expected = sorted(e["datei"] for e in manifest_data["dateien"] if e["regierungsbezirk"] == region)
            assert names == expected, path.name
            for member in names:
                assert archive.read(member) == (share_dir / member).read_bytes()
                assert archive.getinfo(member).date_time == (2025, 3, 31, 0, 0, 0)
        seen.extend(names)
    assert len(seen) == 44 and "Versandliste.json" not in seen


def test_same_inputs_same_bytes(inputs, share_dir, tmp_path):
    again = share(inputs, tmp_path / "noch einmal")
    assert len(again.paths) == 50
    for path in again.paths:
        assert path.read_bytes() == (share_dir / path.name).read_bytes(), path.name


def test_every_timestamp_is_the_stand(archives):
    for name, archive in archives.items():
        core = archive["docProps/core.xml"].decode("utf-8")
        assert core.count("2025-03-31T00:00:00Z") == 2, name
