"""Publishing against the bare minimum: the same cells written by pandas ``to_excel`` without formatting.

Ours: from the sample workbook's inputs, ``xl_funcs.publication.files.publish``
(calculation, document, the formatted official xlsx and the CSV) and
``xl_funcs.districts.sharing.share`` (44 protected Kreis workbooks with their
Berechnungsnachweis and Rückmeldung form, the Versandliste as JSON and CSV,
one ZIP per Regierungsbezirk). The bare minimum gets the content of exactly
those files, read back before timing, and only writes it: every sheet of
every xlsx as a DataFrame through ``pandas.ExcelWriter``, CSVs through
``DataFrame.to_csv``, JSON through ``json.dump``, ZIPs with the bare
workbooks inside. Both file sets are read back and compared cell by cell.
The PDF (LibreOffice) is timed on its own, for our file and the unformatted one.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import tempfile
import zipfile
from pathlib import Path

from .harness import Comparison, median_seconds


def sharing_available() -> bool:
    """Whether the Kreis workbooks (``mittelverteilung share``) are part of this checkout yet."""
    try:
        return importlib.util.find_spec("xl_funcs.districts.sharing") is not None
    except ModuleNotFoundError:
        return False


def _workbook_cells(path: Path) -> dict[str, list[list]]:
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    return {name: workbook.get_sheet_by_name(name).to_python() for name in workbook.sheet_names}


def _csv_rows(path: Path, encoding: str = "utf-8-sig") -> list[list[str]]:
    with open(path, encoding=encoding, newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


def _contents(paths: list[Path]) -> dict[str, tuple[str, object]]:
    """Every written file's content, by file name: what the bare writer gets and what is compared."""
    contents: dict[str, tuple[str, object]] = {}
    for path in paths:
        if path.suffix == ".xlsx":
            contents[path.name] = ("xlsx", _workbook_cells(path))
        elif path.suffix == ".csv":
            contents[path.name] = ("csv", _csv_rows(path))
        elif path.suffix == ".json":
            contents[path.name] = ("json", json.loads(path.read_text(encoding="utf-8")))
        elif path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                contents[path.name] = ("zip", archive.namelist())
        else:
            raise ValueError(f"unexpected file {path.name}")
    return contents


def _bare_write(contents: dict[str, tuple[str, object]], out_dir: Path) -> None:
    """The same content with nothing but pandas, json and zipfile: no styles, no protection, no checks."""
    import pandas as pd

    for name, (kind, content) in contents.items():
        target = out_dir / name
        if kind == "xlsx":
            with pd.ExcelWriter(target, engine="openpyxl") as writer:
                for sheet, rows in content.items():
                    pd.DataFrame(rows).to_excel(writer, sheet_name=sheet, index=False, header=False)
        elif kind == "csv":
            pd.DataFrame(content).to_csv(target, sep=";", index=False, header=False)
        elif kind == "json":
            target.write_text(json.dumps(content, ensure_ascii=False, indent=2), encoding="utf-8")
    for name, (kind, members) in contents.items():
        if kind == "zip":
            with zipfile.ZipFile(out_dir / name, "w", zipfile.ZIP_DEFLATED) as archive:
                for member in members:
                    archive.write(out_dir / member, member)


def _same(ours: dict, bare: dict) -> bool:
    if ours.keys() != bare.keys():
        return False
    for name, (kind, content) in ours.items():
        other = bare[name][1]
        if kind == "csv":
            width = max(len(row) for row in content + other)
            content = [row + [""] * (width - len(row)) for row in content]
            other = [row + [""] * (width - len(row)) for row in other]
        if content != other:
            return False
    return True


def run(quick: bool = False) -> list[Comparison]:
    from xl_funcs.publication.files import publish
    from xl_funcs.readers import bundled_workbook_path, read_workbook_file
    from xl_funcs.render.pdf import xlsx_to_pdf

    share = None
    if sharing_available():
        from xl_funcs.districts.sharing import share

    inputs = read_workbook_file(bundled_workbook_path())

    def ours(out_dir: Path) -> list[Path]:
        written = list(publish(inputs, out_dir, pdf=False))
        if share is not None:
            written += share(inputs, out_dir).paths
        return written

    rows: list[Comparison] = []
    with tempfile.TemporaryDirectory(prefix="mittelverteilung-bench-") as scratch:
        ours_dir, bare_dir, pdf_dir = (Path(scratch) / name for name in ("ours", "bare", "pdf"))
        bare_dir.mkdir()
        written = ours(ours_dir)
        contents = _contents(written)
        time_ours = median_seconds(lambda: ours(ours_dir), repeat=3 if quick else 11)
        time_bare = median_seconds(lambda: _bare_write(contents, bare_dir), repeat=3 if quick else 11)
        bare_contents = _contents([bare_dir / path.name for path in written])
        workbooks = sum(1 for path in written if path.suffix == ".xlsx")
        what = "amtliche Tabelle (xlsx + CSV)"
        if share is not None:
            what += f", {workbooks - 1} Kreis-Arbeitsmappen, Versandliste (JSON + CSV), ZIP je Regierungsbezirk"
        rows.append(
            Comparison(
                f"Veröffentlichen mit Berechnung: {what}",
                time_ours,
                "dieselben Inhalte mit pandas to_excel/to_csv, json, zipfile, ohne Format",
                time_bare,
                _same(contents, bare_contents),
                f"{len(written)} Dateien" + ("" if share is not None else "; Kreis-Arbeitsmappen noch nicht im Stand"),
            )
        )

        our_xlsx = next(path for path in written if path.suffix == ".xlsx")  # the official table comes first
        repeat = 1 if quick else 3
        our_pdf_dir, bare_pdf_dir = pdf_dir / "ours", pdf_dir / "bare"  # both PDFs have the same name
        our_pdf_dir.mkdir(parents=True)
        bare_pdf_dir.mkdir()
        time_pdf = median_seconds(lambda: xlsx_to_pdf(our_xlsx, our_pdf_dir), repeat=repeat)
        time_bare_pdf = median_seconds(lambda: xlsx_to_pdf(bare_dir / our_xlsx.name, bare_pdf_dir), repeat=repeat)
        pages = _pages(our_pdf_dir / (our_xlsx.stem + ".pdf"))
        bare_pages = _pages(bare_pdf_dir / (our_xlsx.stem + ".pdf"))
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


def _pages(pdf: Path) -> int:
    import subprocess

    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split(":", 1)[1] for line in info.splitlines() if line.startswith("Pages:")))
