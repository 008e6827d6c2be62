"""LibreOffice opens the xlsx and shows the same numbers (the PDF is Chromium's: tests/render/test_pdf.py)."""

from __future__ import annotations

import pytest

from xl_funcs.render.layout import layout
from xl_funcs.table.model import RowRole, cell_format, plain_value
from xl_funcs.table.text import display_text

from .libreoffice import export_csv_as_shown

pytestmark = pytest.mark.slow


def test_libreoffice_shows_the_tables_values(xlsx_path, document, tmp_path):
    sheets = export_csv_as_shown(xlsx_path, tmp_path)
    assert set(sheets) == {"Mittelverteilung 2025", "Berechnungsgrundlagen", "Grafiken", "Kreiskarte"}
    table = document.sheets[0]
    shown = sheets["Mittelverteilung 2025"]
    grid = layout(table)
    for sheet_row, row in zip(grid.body_rows, table.rows):
        line = shown[sheet_row - 1]
        for column, (spec, cell) in enumerate(zip(table.columns, row.cells)):
            value = plain_value(cell)
            if value is None:
                assert line[column] == ""
            elif isinstance(value, str):
                assert line[column] == value
            else:
                # LibreOffice in German shows "1.915.145 €", "3,30 %", "+790.738 €" from our format codes.
                expected = display_text(value, cell_format(cell, spec), units=True)
                assert line[column].lstrip("+") == expected, (sheet_row, spec.key, line[column], expected)
    total = shown[grid.body_rows[-1] - 1]
    assert total[2] == "Baden-Württemberg insgesamt" and total[7] == "58.000.000 €"
    data = [shown[r - 1] for r, row in zip(grid.body_rows, table.rows) if row.role is RowRole.DATA]
    assert [line[1] for line in data] == [d for d in table.values("key")]  # leading zeros kept
    basis = {line[0]: line[1] for line in sheets["Berechnungsgrundlagen"] if len(line) > 1}
    assert basis["Förderbetrag"] == "58.000.000 €" and basis["Stand"] == "14.03.2025"
