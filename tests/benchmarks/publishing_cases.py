"""Publishing against the bare minimum: the same cells written by pandas ``to_excel`` without formatting.

Ours: ``xl_funcs.publishing.publish`` from the sample workbook's inputs, which
calculates, builds the document and writes the formatted official xlsx and
the CSV. The bare minimum gets the cells of exactly those files (read back
with python-calamine before timing) and only writes them: one DataFrame per
sheet through ``pandas.ExcelWriter``, the CSV through ``DataFrame.to_csv``.
Both file sets are read back and compared cell by cell. The PDF (LibreOffice)
is timed on its own, for our file and for the unformatted one.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from .harness import Comparison, median_seconds


def _cells(path: Path) -> dict[str, list[list]]:
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    return {name: workbook.get_sheet_by_name(name).to_python() for name in workbook.sheet_names}


def _bare_write(sheets: dict[str, list[list]], csv_rows: list[list], xlsx: Path, csv: Path) -> None:
    import pandas as pd

    with pd.ExcelWriter(xlsx, engine="openpyxl") as writer:
        for name, rows in sheets.items():
            pd.DataFrame(rows).to_excel(writer, sheet_name=name, index=False, header=False)
    pd.DataFrame(csv_rows).to_csv(csv, sep=";", index=False, header=False)


def run(quick: bool = False) -> list[Comparison]:
    import csv as csv_module

    from xl_funcs.publishing import publish
    from xl_funcs.readers import bundled_workbook_path, read_workbook_file
    from xl_funcs.render.pdf import xlsx_to_pdf

    inputs = read_workbook_file(bundled_workbook_path())
    rows: list[Comparison] = []
    with tempfile.TemporaryDirectory(prefix="mittelverteilung-bench-") as scratch:
        ours_dir, bare_dir, pdf_dir = (Path(scratch) / name for name in ("ours", "bare", "pdf"))
        bare_dir.mkdir()
        pdf_dir.mkdir()
        written = publish(inputs, ours_dir, pdf=False)
        our_xlsx = next(path for path in written if path.suffix == ".xlsx")
        our_csv = next(path for path in written if path.suffix == ".csv")
        sheets = _cells(our_xlsx)
        with open(our_csv, encoding="utf-8-sig", newline="") as handle:
            csv_rows = list(csv_module.reader(handle, delimiter=";"))
        bare_xlsx, bare_csv = bare_dir / our_xlsx.name, bare_dir / our_csv.name

        time_ours = median_seconds(lambda: publish(inputs, ours_dir, pdf=False), repeat=5 if quick else 21)
        time_bare = median_seconds(lambda: _bare_write(sheets, csv_rows, bare_xlsx, bare_csv), repeat=5 if quick else 21)
        with open(bare_csv, encoding="utf-8", newline="") as handle:
            bare_csv_rows = list(csv_module.reader(handle, delimiter=";"))
        same = _cells(bare_xlsx) == sheets and _same_csv(bare_csv_rows, csv_rows)
        rows.append(
            Comparison(
                "Veröffentlichen: amtliche Tabelle als xlsx (formatiert) + CSV, mit Berechnung",
                time_ours,
                "dieselben Zellen mit pandas to_excel/to_csv, ohne Format",
                time_bare,
                same,
            )
        )

        repeat = 1 if quick else 3
        our_pdf_dir, bare_pdf_dir = pdf_dir / "ours", pdf_dir / "bare"  # both PDFs have the same name
        our_pdf_dir.mkdir()
        bare_pdf_dir.mkdir()
        time_pdf = median_seconds(lambda: xlsx_to_pdf(our_xlsx, our_pdf_dir), repeat=repeat)
        time_bare_pdf = median_seconds(lambda: xlsx_to_pdf(bare_xlsx, bare_pdf_dir), repeat=repeat)
        pages = _pages(our_pdf_dir / (our_xlsx.stem + ".pdf"))
        bare_pages = _pages(bare_pdf_dir / (bare_xlsx.stem + ".pdf"))
        rows.append(
            Comparison(
                "PDF der amtlichen Tabelle (LibreOffice headless)",
                time_pdf,
                "LibreOffice auf der unformatierten xlsx",
                time_bare_pdf,
                None,
                f"{pages} Seiten gegen {bare_pages} unformatiert; LibreOffice startet je PDF neu",
            )
        )
    return rows


def _same_csv(written: list[list[str]], original: list[list[str]]) -> bool:
    """pandas drops nothing but trailing empty cells may differ in count; compare padded rows."""
    width = max(len(row) for row in original + written)
    return [row + [""] * (width - len(row)) for row in written] == [
        row + [""] * (width - len(row)) for row in original
    ]


def _pages(pdf: Path) -> int:
    import subprocess

    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split(":", 1)[1] for line in info.splitlines() if line.startswith("Pages:")))
