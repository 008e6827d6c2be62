"""The published sentence about ties is the rule that decided: rows reversed, rule changed, read back from the
PDF (pdftotext) and from a Kreis workbook (openpyxl)."""

from __future__ import annotations

import hashlib
import io
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from xl_funcs.calculation import calculate
from xl_funcs.districts.model import district_workbooks
from xl_funcs.districts.writer import render_district_workbook
from xl_funcs.readers import contract as c
from xl_funcs.readers import read_workbook_file
from xl_funcs.sample.workbook import FIRST_DATA_ROW

from ..readers.workbooks import COUNT, KEYS, changed, parameter_cell, row_of
from ..render.libreoffice import pdf_text

LUDWIGSBURG, REMS_MURR = "08118", "08119"


def _twins(workbook) -> None:
    """Rems-Murr gets Ludwigsburg's counts: equal weights, equal remainders."""
    sheet = workbook["Zuweisungen"]
    for column in COUNT.values():
        sheet[f"{column}{row_of(REMS_MURR)}"] = sheet[f"{column}{row_of(LUDWIGSBURG)}"].value


def _reverse_rows(workbook) -> None:
    sheet = workbook["Zuweisungen"]
    rows = range(FIRST_DATA_ROW, FIRST_DATA_ROW + len(KEYS))
    values = [[cell.value for cell in sheet[row]] for row in rows]
    for row, row_values in zip(rows, reversed(values)):
        for column, value in enumerate(row_values, start=1):
            sheet.cell(row, column, value)


@pytest.fixture(scope="module")
def tie_budget(tmp_path_factory) -> int:
    """A budget at which the twins' tie decides the last euro (found once, with the engine)."""
    path = changed(tmp_path_factory.mktemp("twins"), _twins)
    inputs = read_workbook_file(path)
    p = inputs.parameters
    for extra in range(400):
        candidate = type(inputs)(
            parameters=type(p)(**{**p.__dict__, "budget": Decimal(58_000_000 + extra)}), districts=inputs.districts
        )
        ties = calculate(candidate).ties
        keys = [{candidate.districts[i].key for i in tie.rows} for tie in ties]
        if {LUDWIGSBURG, REMS_MURR} in keys:
            return 58_000_000 + extra
    pytest.fail("no budget gave the twins a deciding tie")


def _workbook(tmp_path: Path, budget: int, *, reverse: bool, rule: str | None = None, seed: str | None = None):
    def change(workbook):
        _twins(workbook)
        workbook["Parameter"][parameter_cell(c.BUDGET)] = budget
        if reverse:
            _reverse_rows(workbook)
        if rule is not None:
            workbook["Parameter"][parameter_cell(c.TIE_RULE)] = rule
        if seed is not None:
            workbook["Parameter"][parameter_cell(c.SEED)] = seed

    return changed(tmp_path, change, name=f"Mappe {rule or 'Schlüssel'} {'umgekehrt' if reverse else 'sortiert'}.xlsx")


def _published_text(workbook: Path, out: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "xl_funcs.cli", "publish", str(workbook), "--out", str(out)],
        capture_output=True, text=True, encoding="utf-8", timeout=300,
    )
    assert done.returncode == 0, done.stderr
    (pdf,) = out.glob("*.pdf")
    return " ".join(pdf_text(pdf).split())


def _kreis_workbook_text(workbook: Path, key: str) -> str:
    calculation = calculate(read_workbook_file(workbook))
    (chosen,) = [w for w in district_workbooks(calculation) if w.result.district.key == key]
    book = openpyxl.load_workbook(io.BytesIO(render_district_workbook(chosen).data))
    cells = [str(v) for sheet in book for row in sheet.iter_rows(values_only=True) for v in row if v is not None]
    return " ".join(" ".join(cells).split())


def _amounts(workbook: Path) -> dict[str, int]:
    return {r.district.key: r.amount for r in calculate(read_workbook_file(workbook)).rows}


def test_key_rule_reversed_rows_same_amounts_true_sentence(tmp_path, tie_budget):
    sorted_book = _workbook(tmp_path, tie_budget, reverse=False)
    reversed_book = _workbook(tmp_path, tie_budget, reverse=True)
    amounts = _amounts(reversed_book)
    assert amounts == _amounts(sorted_book)
    assert amounts[LUDWIGSBURG] == amounts[REMS_MURR] + 1  # the smaller key won the tie

    text = _published_text(reversed_book, tmp_path / "pdf")
    assert "weiter oben" not in text and "früher stehende" not in text
    assert "geht der Kreis mit dem kleineren Kreisschlüssel vor, gleich in welcher Reihenfolge die Kreise in der Arbeitsmappe stehen" in text
    assert re.search(r"Ludwigsburg \(Landkreis\) erhielt den Vorzug vor Rems-Murr-Kreis \(Landkreis\), weil bei gleichem "
                     r"Anspruch der kleinere Kreisschlüssel vorgeht", text)

    kreis = _kreis_workbook_text(reversed_book, LUDWIGSBURG)
    assert "geht der Kreis mit dem kleineren Kreisschlüssel vor" in kreis and "weiter oben" not in kreis
    assert "bei gleichem Anspruch der kleinere Kreisschlüssel vorgeht" in kreis


def _lot_winner(seed: str) -> str:
    draws = {key: hashlib.sha256(f"{seed}\n{key}".encode()).hexdigest() for key in (LUDWIGSBURG, REMS_MURR)}
    return min(draws, key=draws.get)


def test_lot_rule_names_the_seed_and_the_draw_decides(tmp_path, tie_budget):
    # A seed whose draw puts Rems-Murr first, so that the rule visibly changes the result.
    seed = next(f"Ziehung 15.01.2025 Nr. {n}" for n in range(1, 100) if _lot_winner(f"Ziehung 15.01.2025 Nr. {n}") == REMS_MURR)
    book = _workbook(tmp_path, tie_budget, reverse=True, rule="Los", seed=seed)
    amounts = _amounts(book)
    assert amounts[REMS_MURR] == amounts[LUDWIGSBURG] + 1
    (tmp_path / "sortiert").mkdir()
    again = _workbook(tmp_path / "sortiert", tie_budget, reverse=False, rule="Los", seed=seed)
    assert _amounts(again) == amounts  # same seed, any row order: same amounts

    text = _published_text(book, tmp_path / "pdf")
    assert f"entscheidet das Los mit der Losnummer „{seed}“" in text
    assert "SHA-256 von Losnummer, Zeilenumbruch und Kreisschlüssel" in text
    assert "kleineren Kreisschlüssel vor, gleich" not in text
    assert re.search(r"Rems-Murr-Kreis \(Landkreis\) erhielt den Vorzug vor Ludwigsburg \(Landkreis\), weil bei gleichem "
                     rf"Anspruch das Los mit der Losnummer „{re.escape(seed)}“ entscheidet", text)
    kreis = _kreis_workbook_text(book, REMS_MURR)
    assert f"entscheidet das Los mit der Losnummer „{seed}“" in kreis
    assert "frühere Zeile" not in kreis and "kleineren Kreisschlüssel vor" not in kreis


def test_weight_and_rank_rules_are_named_too(tmp_path, tie_budget):
    weight_book = _workbook(tmp_path, tie_budget, reverse=True, rule="Gewicht")
    assert "geht der Kreis mit der größeren Bezugsgröße vor" in _kreis_workbook_text(weight_book, LUDWIGSBURG)
