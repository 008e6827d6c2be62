"""``mittelverteilung compare`` as a user runs it: the xlsx, the PDF's text and the HTML page's tables hold what each
variant's own calculation gives, its summary follows from its Kreis table, the pictures show each variant and the
difference of the two compared ones, same bytes every time, and bad Szenarien cells write nothing."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from xl_funcs.readers import bundled_workbook_path

from ..readers.workbooks import AMOUNT, changed, row_of
from .expected import (
    BASIS,
    CHART_SHEETS,
    DISTRICTS,
    OVERVIEW,
    SAMPLE_VARIANTS,
    kreis_columns,
    overview_rows,
    sheets,
    uncushioned_calculation,
    variant_calculation,
)

STEM = "Szenarienvergleich_Integrationsmanagement_2025"
FILE = STEM + ".xlsx"
FILES = (FILE, STEM + ".html", STEM + ".pdf")
COMPARED = "Verlust max. 20 %, Gewinner tragen"  # the sample's row marked Vergleich = ja (Szenarien!L9)


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
    assert done.stdout.splitlines() == [str(out / name) for name in FILES]
    return out / FILE


@pytest.fixture(scope="module")
def content(written):
    return sheets(written)


def test_the_file_has_the_overview_the_kreis_table_and_the_basis(content):
    assert list(content) == [OVERVIEW, DISTRICTS, BASIS, *CHART_SHEETS]


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
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (written.parent / name).read_bytes(), name
    assert hashlib.sha256(workbook.read_bytes()).hexdigest() == before


# --- the PDF and the HTML page: the same amounts, found in their text --------------------------------------------

NUMBER = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})*(?:,\d+)?$")


def german(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", "."))


def expected_kreis_rows() -> dict[str, list[tuple[Decimal, bool]]]:
    """Per Kreis, built from each variant's own calculation: last year, then per variant amount, change in €,
    change in % and (after the first) the difference to the first variant, as the Kreis table orders them;
    each value with whether it is a percentage."""
    calculations = [variant_calculation(overrides) for _, overrides in SAMPLE_VARIANTS]
    rows = {}
    for position, first in enumerate(calculations[0].rows):
        values = [(Decimal(first.previous), False)]
        for index, calculation in enumerate(calculations):
            row = calculation.rows[position]
            change = row.amount - row.previous
            values += [(Decimal(row.amount), False), (Decimal(change), False)]
            values.append((Decimal(100 * change) / Decimal(row.previous), True))
            if index:
                values.append((Decimal(row.amount - first.amount), False))
        rows[first.district.key] = values
    return rows


def assert_same_as_expected(found: dict[str, list[Decimal]]) -> None:
    expected = expected_kreis_rows()
    assert list(found) == list(expected)
    for key, values in expected.items():
        assert len(found[key]) == len(values), key
        for column, (shown, (value, percent)) in enumerate(zip(found[key], values)):
            if percent:  # shown with two decimals
                assert abs(shown - value) <= Decimal("0.005"), (key, column)
            else:
                assert shown == value, (key, column)


def test_the_pdf_text_holds_every_variants_amounts(written):
    pdf = written.parent / (STEM + ".pdf")
    assert pdf.read_bytes().startswith(b"%PDF-")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    found = {}
    for line in text.splitlines():
        match = re.match(r"^\s*(08\d{3})\s+(.+?\))\s+(.*)$", line)
        if match:
            tokens = match.group(3).split()
            assert all(NUMBER.match(token) for token in tokens), line
            found[match.group(1)] = [german(token) for token in tokens]
    assert_same_as_expected(found)
    for name, _ in SAMPLE_VARIANTS:  # the pictures: one per variant, titled with its name, and the map
        assert f"{name}: Veränderung 2025 ggü. 2024 je Kreis in %" in text.replace("\n", " "), name
    assert "Kreiskarte: Unterschied der Mittel 2025 zwischen zwei Szenarien in %" in text


class Tables(HTMLParser):
    """Every <table> of a page by its caption: rows of cell texts."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.rows: list[list[str]] | None = None
        self.cell: list[str] | None = None
        self.caption: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.rows = []
        elif tag == "caption":
            self.caption = []
        elif tag == "tr" and self.rows is not None:
            self.rows.append([])
        elif tag in ("td", "th") and self.rows is not None:
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "caption":
            self.tables["".join(self.caption)] = self.rows
            self.caption = None
        elif tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append("".join(self.cell).strip())
            self.cell = None
        elif tag == "table":
            self.rows = None

    def handle_data(self, data):
        for part in (self.caption, self.cell):
            if part is not None:
                part.append(data)


@pytest.fixture(scope="module")
def page(written) -> str:
    return (written.parent / (STEM + ".html")).read_text(encoding="utf-8")


def test_the_html_tables_hold_every_variants_amounts(page):
    parser = Tables()
    parser.feed(page)
    assert list(parser.tables) == [OVERVIEW, DISTRICTS, BASIS]
    found = {row[0]: [german(cell) for cell in row[2:]] for row in parser.tables[DISTRICTS] if re.fullmatch(r"08\d{3}", row[0] or "")}
    assert_same_as_expected(found)
    overview = [row for row in parser.tables[OVERVIEW] if row and row[0].isdigit()]
    assert [row[1] for row in overview] == [name for name, _ in SAMPLE_VARIANTS]


def map_tiles(page: str) -> dict[str, Decimal]:
    """The tile map's figure in the page: Kreis -> the value on its tile, in %."""
    start = page.index('id="szenarien-kreiskarte-titel"')
    figure = page[start : page.index("</svg>", start)]
    return {label: german(value) for label, value in re.findall(r"<title>([^<:]+): ([+-]?[\d.,]+) %</title>", figure)}


def expected_tiles(compared: dict) -> dict[str, Decimal]:
    first = variant_calculation({}).rows
    second = variant_calculation(compared).rows
    names = [row.district.name for row in first]
    return {
        (a.district.name if names.count(a.district.name) == 1 else a.district.label): Decimal(100 * (b.amount - a.amount)) / Decimal(a.amount)
        for a, b in zip(first, second)
    }


def assert_tiles(shown: dict[str, Decimal], expected: dict[str, Decimal]) -> None:
    assert set(shown) == set(expected)
    for label, value in expected.items():
        assert abs(shown[label] - value) <= Decimal("0.05"), label  # one decimal on the tile


def test_the_map_shows_the_first_variant_against_the_compared_one_and_follows_its_parameters(page, tmp_path):
    compared = dict(SAMPLE_VARIANTS)[COMPARED]
    shown = map_tiles(page)
    assert_tiles(shown, expected_tiles(compared))
    assert any(value > 0 for value in shown.values()) and any(value < 0 for value in shown.values())

    # A harder cap in the compared variant (Szenarien!G9) changes the tiles of the Kreise it protects.
    workbook = changed(tmp_path, lambda wb: wb["Szenarien"].__setitem__("G9", 0.1))
    done = compare(str(workbook), "--out", str(tmp_path / "Ausgabe"), "--no-pdf")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "Ausgabe").iterdir()) == sorted(FILES[:2])
    again = map_tiles((tmp_path / "Ausgabe" / (STEM + ".html")).read_text(encoding="utf-8"))
    assert_tiles(again, expected_tiles({**compared, "loss_cap": Decimal("0.1")}))
    assert again != shown


def test_the_old_spelling_of_no_pdf_still_works(tmp_path):
    done = compare(str(bundled_workbook_path()), "--out", str(tmp_path), "--ohne-pdf")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(FILES[:2])


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
    content = sheets(out / FILE)
    keys, by_variant = kreis_columns(content[DISTRICTS])
    assert len(by_variant) == 201
    # Bars for the first twelve variants only, and the overview says so; the map compares the first two.
    assert list(content)[3:] == [f"Szenario {number} Grafik" for number in range(1, 13)] + ["Szenarien Kreiskarte"]
    overview = "\n".join(str(cell) for row in content[OVERVIEW] for cell in row)
    assert "Balkendiagramme nur für die ersten 12 der 201 Szenarien" in overview
    page = (out / (STEM + ".html")).read_text(encoding="utf-8")
    assert page.count("<figure") == 13
    assert_tiles(map_tiles(page), expected_tiles({"loss_cap": Decimal("0")}))
    for cap in caps[::37]:
        name = f"Verlust max. {float(cap) * 100:g} %"
        expected = variant_calculation({"loss_cap": Decimal(str(float(cap)))})
        assert by_variant[name]["amount"] == [row.amount for row in expected.rows], name


def test_the_comparison_page_passes_axe_in_chromium(written, tmp_path):
    from ..render.test_html import check_in_chromium

    result = check_in_chromium(written.parent / (STEM + ".html"), tmp_path / "seite.png", 1280, 900)
    assert result["violations"] == [] and result["external"] == []
    assert result["captions"] == [OVERVIEW, DISTRICTS, BASIS]
    assert len(result["figures"]) == len(SAMPLE_VARIANTS) + 1
