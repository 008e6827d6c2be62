"""Szenarienvergleich at scale: 1,000 variants × 44 Kreise.

Ours: ``xl_funcs.scenarios.comparison.compare`` and ``comparison_document``,
the path ``mittelverteilung compare`` and the script take (every variant through
the single-variant calculation, each uncushioned twin once, the summary and the
Kreis table as the table model). The variants are a grid as staff would build
it: loss caps from 0 % to 33.2 % in steps of 0.1 % times the three financing
rules, plus the Parameter sheet's key.

Against:
1. the obvious way: the single-variant ``calculate`` called once per variant
   (amounts only, no summary, no twin);
2. LibreOffice: one workbook per variant computing the key (Hare-Niemeyer) with
   ordinary spreadsheet formulas (quota, INT, remainder, COUNTIF rank),
   recalculated and exported to CSV by soffice, 200 files a process (one process
   stops after about 245 files). Spreadsheet
   formulas cannot do the loss cap without iteration, so this alternative
   computes the plain key of 1,000 budget variants, and ours is timed on the
   same 1,000 budget variants for that row. Writing the copies is not timed.
   ``--schnell`` uses 100 variants and 10 copies (the shared machine); each row says how many.
"""

from __future__ import annotations

import csv
import os
import subprocess
import tempfile
import time
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from .harness import Comparison, median_seconds

FINANCING = ("all", "gainers", "fund")


def _count(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def grid_variants(count: int):
    from xl_funcs.scenarios.variant import PLANNED, Variant

    variants = [Variant(PLANNED)]
    step = 0
    while len(variants) < count:
        cap = Decimal(step) / 1000
        for financing in FINANCING:
            if len(variants) < count:
                variants.append(Variant(f"Verlust max. {cap * 100} %, {financing}", (("loss_cap", cap), ("financing", financing))))
        step += 1
    return tuple(variants)


def budget_variants(count: int):
    from xl_funcs.scenarios.variant import PLANNED, Variant

    return (Variant(PLANNED),) + tuple(
        Variant(f"Budget {58_000_000 + 1_000 * k}", (("budget", Decimal(58_000_000 + 1_000 * k)),)) for k in range(1, count)
    )


def _ours(source):
    from xl_funcs.scenarios.comparison import compare
    from xl_funcs.scenarios.document import comparison_document

    comparison = compare(source)
    comparison_document(comparison)
    return comparison


def _obvious(source):
    from xl_funcs.calculation import calculate

    return [calculate(variant.inputs(source.inputs)) for variant in source.variants]


def _formula_workbook(path: Path, budget: int, keys: list[str], weights: list[Fraction]) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Kreis", "Bezug", "Quote", "Abgerundet", "Rest", "Rang", "Betrag"])
    last = len(keys) + 1
    for row, (key, weight) in enumerate(zip(keys, weights), start=2):
        sheet.append(
            [
                key,
                float(weight),
                f"={budget}*B{row}/SUM($B$2:$B${last})",
                f"=INT(C{row})",
                f"=C{row}-D{row}",
                f'=COUNTIF($E$2:$E${last},">"&E{row})+COUNTIF($E$2:E{row},E{row})',
                f"=D{row}+IF(F{row}<={budget}-SUM($D$2:$D${last}),1,0)",
            ]
        )
    workbook.save(path)


# LibreOffice 7.4 stops silently after about 245 files of one --convert-to call (exit status 0, the rest missing),
# so the copies go in chunks, one soffice process each.
FILES_PER_PROCESS = 200


def _libreoffice(files: list[Path], out_dir: Path) -> tuple[float, int]:
    """Seconds for recalculating and exporting every file, and how many soffice processes it took."""
    from ..render.libreoffice import soffice  # the PDF is Chromium's now; LibreOffice is only the alternative here

    chunks = [files[start : start + FILES_PER_PROCESS] for start in range(0, len(files), FILES_PER_PROCESS)]
    started = time.perf_counter()
    for chunk in chunks:
        with tempfile.TemporaryDirectory(prefix="mittelverteilung-bench-lo-") as profile:
            command = [
                soffice(),
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--norestore",
                "--nolockcheck",
                "--convert-to",
                "csv:Text - txt - csv (StarCalc):44,34,76,1",
                "--outdir",
                str(out_dir),
                *map(str, chunk),
            ]
            environment = {**os.environ, "LC_ALL": "C.UTF-8", "HOME": profile}
            subprocess.run(command, check=True, capture_output=True, env=environment, timeout=3600)
    return time.perf_counter() - started, len(chunks)


def run(quick: bool = False) -> list[Comparison]:
    from xl_funcs.readers import bundled_workbook_path
    from xl_funcs.readers.scenarios import read_comparison_file
    from xl_funcs.scenarios.variant import ComparisonInputs

    inputs = read_comparison_file(bundled_workbook_path()).inputs
    count = 100 if quick else 1_000
    grid = ComparisonInputs(inputs, grid_variants(count))
    rows: list[Comparison] = []

    ours = _ours(grid)
    obvious = _obvious(grid)
    same = [[r.amount for r in result.calculation.rows] for result in ours.results] == [
        [r.amount for r in calculation.rows] for calculation in obvious
    ]
    repeat = 1 if quick else 3
    rows.append(
        Comparison(
            case=f"Szenarienvergleich, {_count(count)} Szenarien × 44 Kreise (Raster Verlustbegrenzung × Finanzierung)",
            ours=median_seconds(lambda: _ours(grid), repeat=repeat, budget_seconds=120),
            alternative_name="calculate() je Szenario (nur Beträge)",
            alternative=median_seconds(lambda: _obvious(grid), repeat=repeat, budget_seconds=120),
            same_result=same,
            note="ours: alle Szenarien, Zwilling ohne Polster, Übersicht und Kreistabelle als Tabellenmodell",
        )
    )

    copies = 10 if quick else count
    budgets = ComparisonInputs(inputs, budget_variants(copies))
    ours_budgets = _ours(budgets)
    keys = [d.key for d in inputs.districts]
    weights = [row.reference for row in ours_budgets.first.calculation.rows]
    with tempfile.TemporaryDirectory(prefix="mittelverteilung-bench-copies-") as scratch:
        folder = Path(scratch)
        files = []
        for number, variant in enumerate(budgets.variants):
            path = folder / f"Kopie_{number:04d}.xlsx"
            _formula_workbook(path, int(variant.parameters(inputs.parameters).budget), keys, weights)
            files.append(path)
        out_dir = folder / "csv"
        seconds, processes = _libreoffice(files, out_dir)
        recalculated = []
        for path in files:
            with open(out_dir / (path.stem + ".csv"), encoding="utf-8", newline="") as handle:
                recalculated.append([int(float(row[6])) for row in list(csv.reader(handle))[1:]])
    expected = [[r.amount for r in result.calculation.rows] for result in ours_budgets.results]
    agree = sum(1 for a, b in zip(recalculated, expected) if a == b)
    rows.append(
        Comparison(
            case=f"Schlüssel in {_count(copies)} Varianten (Budget), 44 Kreise",
            ours=median_seconds(lambda: _ours(budgets), repeat=repeat, budget_seconds=120),
            alternative_name=f"{_count(copies)} Arbeitsmappen mit Tabellenformeln, LibreOffice ({processes} Prozesse)",
            alternative=seconds,
            same_result=agree == copies,
            note=f"{_count(agree)} von {_count(copies)} Varianten euro-gleich; Schreiben der Kopien nicht gemessen",
        )
    )
    return rows


