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
