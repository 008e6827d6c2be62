"""Texts and styles live in templates/*.toml: one edit there changes every renderer at once."""

from __future__ import annotations

import io

import openpyxl
import pytest

from xl_funcs.calculation import calculate
from xl_funcs.render.csv import csv_text
from xl_funcs.render.layout import layout
from xl_funcs.render.xlsx import xlsx_bytes
from xl_funcs.table import official_document, templates

from ..table.inputs_factory import make_inputs


@pytest.fixture
def edited_templates():
    """Replace the template texts for one test, as an edit of the TOML files would."""
    originals = {name: (templates.TEMPLATE_DIR / name).read_text(encoding="utf-8") for name in templates.TEMPLATE_FILES}

    def edit(name: str, old: str, new: str) -> None:
        text = templates.EMBEDDED.get(name, originals[name])
        assert old in text
        templates.EMBEDDED[name] = text.replace(old, new)
        templates.load.cache_clear()

    yield edit
    templates.EMBEDDED.clear()
    templates.load.cache_clear()


def test_an_edited_title_and_amount_format_reach_xlsx_csv_and_layout(edited_templates):
    edited_templates("amtliche_tabelle.toml", 'titel = "Vorläufige Mittelverteilung', 'titel = "Endgültige Mittelverteilung')
    edited_templates("stile.toml", "betrag = '#,##0 \"€\"'", "betrag = '#,##0.00 \"€\"'")
    document = official_document(calculate(make_inputs()))
    table = document.sheets[0]
    assert table.title == "Endgültige Mittelverteilung Integrationsmanagement 2025"

    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(document)))["Mittelverteilung 2025"]
    assert sheet["A1"].value == table.title
    grid = layout(table)
    assert sheet.cell(grid.body_rows[-1], table.column_index("amount") + 1).number_format == '#,##0.00 "€"'

    lines = csv_text(table).splitlines()
    assert lines[0].startswith("Endgültige Mittelverteilung")
    (total,) = [line for line in lines if "Baden-Württemberg insgesamt" in line]
    assert ";58.000.000,00;" in total


def test_the_shipped_templates_load(edited_templates):
    assert templates.texts()["tabelle"]["summe"] == "Baden-Württemberg insgesamt"
    assert templates.styles()["zahlenformate"]["anteil"] == "0.00 %"


def test_broken_template_is_a_german_error(edited_templates):
    edited_templates("stile.toml", "[schrift]", "[schrift")
    with pytest.raises(templates.TemplateError, match="kein gültiges TOML"):
        templates.styles()


def test_every_template_file_is_registered():
    """The Lite bundle and the wheel take the files from TEMPLATE_FILES: a file missing there would be missing there."""
    shipped = {path.name for path in templates.TEMPLATE_DIR.glob("*.toml")}
    assert shipped == set(templates.TEMPLATE_FILES)
    assert templates.PAYMENTS in shipped


def test_edited_payment_texts_reach_the_plan_its_csv_and_the_change_record(edited_templates):
    from dataclasses import replace
    from decimal import Decimal

    from xl_funcs.payments.changes import record_changes
    from xl_funcs.payments.tables import plan_document_of
    from xl_funcs.readers import bundled_workbook_path, read_workbook_file
    from xl_funcs.render.csv import records_csv_bytes

    edited_templates("auszahlung.toml", 'titel = "Auszahlungsplan Integrationsmanagement', 'titel = "Abschlagsplan Integrationsmanagement')
    edited_templates("auszahlung.toml", 'cents = "Betrag_Cent"', 'cents = "Betrag_in_Cent"')
    edited_templates("auszahlung.toml", 'budget = "Budget"', 'budget = "Förderbetrag"')
    provisional = calculate(read_workbook_file(bundled_workbook_path()))
    document = plan_document_of(provisional)

    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(document)))
    assert book["Auszahlungsplan 2025"]["A1"].value == "Abschlagsplan Integrationsmanagement 2025"
    header = records_csv_bytes(document.sheets[1]).decode("utf-8-sig").splitlines()[0]
    assert "Betrag_in_Cent" in header and "Betrag_Cent;" not in header

    inputs = provisional.inputs
    final = calculate(replace(inputs, parameters=replace(inputs.parameters, budget=Decimal(60_000_000))))
    (change,) = record_changes(provisional, final).changes
    assert change.words() == "Förderbetrag 58.000.000 € → 60.000.000 €"
