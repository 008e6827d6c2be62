"""Publishing against the bare minimum: the same cells written by pandas ``to_excel`` without formatting.

Ours: from the sample workbook's inputs, ``xl_funcs.publication.files.publish``
(calculation, document, the formatted official xlsx and the CSV) and
``xl_funcs.districts.sharing.share`` (44 protected Kreis workbooks with their
Berechnungsnachweis and Rückmeldung form, the Versandliste as JSON and CSV,
one ZIP per Regierungsbezirk). The bare minimum gets the content of exactly
those files, read back before timing, and only writes it: every sheet of
every xlsx as a DataFrame through ``pandas.ExcelWriter``, CSVs through
``DataFrame.to_csv``, JSON through ``json.dump``, ZIPs with the bare
workbooks inside, the HTML page as ``DataFrame.to_html``. Both file sets are
read back and compared cell by cell.
The PDF is timed on its own: ours is Chromium's tagged print of the HTML page,
made PDF/A with pikepdf; the alternative is LibreOffice Calc's plain (untagged)
export of the same xlsx, the route this project used before.
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


def _html_cells(path: Path) -> list[list[str]]:
    """The text of every table row's cells, tables one after the other."""
    from html.parser import HTMLParser

    class Cells(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.rows: list[list[str]] = []
            self.cell: list[str] | None = None

        def handle_starttag(self, tag, attrs):
            if tag == "tr":
                self.rows.append([])
            elif tag in ("td", "th") and self.rows:
                self.cell = []

        def handle_endtag(self, tag):
            if tag in ("td", "th") and self.cell is not None:
                self.rows[-1].append("".join(self.cell).strip())
                self.cell = None

        def handle_data(self, data):
            if self.cell is not None:
                self.cell.append(data)

    parser = Cells()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.rows


def _libreoffice_pdf(xlsx: Path, out_dir: Path) -> Path:
    """LibreOffice Calc's plain PDF export of ``xlsx`` into ``out_dir`` (fresh profile, C.UTF-8)."""
    import os
    import shutil
    import subprocess

    with tempfile.TemporaryDirectory(prefix="mittelverteilung-bench-lo-") as profile:
        subprocess.run(
            [shutil.which("soffice"), f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
             "--convert-to", "pdf:calc_pdf_Export", "--outdir", str(out_dir), str(xlsx)],
            capture_output=True, check=True, timeout=180, env={**os.environ, "LC_ALL": "C.UTF-8", "HOME": profile},
        )
    return out_dir / (xlsx.stem + ".pdf")


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
        elif path.suffix == ".html":
            contents[path.name] = ("html", _html_cells(path))
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
        elif kind == "html":
            target.write_text(pd.DataFrame(content).to_html(index=False, header=False, na_rep=""), encoding="utf-8")
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
        if kind in ("csv", "html"):
            width = max(len(row) for row in content + other)
            content = [row + [""] * (width - len(row)) for row in content]
            other = [row + [""] * (width - len(row)) for row in other]
        if content != other:
            return False
    return True


def run(quick: bool = False) -> list[Comparison]:
    from xl_funcs.publication.files import document_of, publish, render
    from xl_funcs.readers import bundled_workbook_path, read_workbook_file

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
        what = "amtliche Tabelle (xlsx + CSV + HTML)"
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
        pdf_dir.mkdir()
        publication = render(document_of(inputs))
        our_pdf = pdf_dir / publication.pdf_name
        time_pdf = median_seconds(lambda: our_pdf.write_bytes(publication.pdf()), repeat=repeat)
        time_calc_pdf = median_seconds(lambda: _libreoffice_pdf(our_xlsx, pdf_dir / "calc"), repeat=repeat)
        pages = _pages(our_pdf)
        calc_pages = _pages(pdf_dir / "calc" / (our_xlsx.stem + ".pdf"))
        rows.append(
            Comparison(
                "PDF der amtlichen Tabelle: Chromium druckt die HTML-Seite, pikepdf ergänzt (getaggt, PDF/A-2b)",
                time_pdf,
                "LibreOffice Calc exportiert dieselbe xlsx (ungetaggt, der frühere Weg)",
                time_calc_pdf,
                None,
                f"{pages} Seiten gegen {calc_pages}; beide Programme starten je PDF neu",
            )
        )
    return rows


def _pages(pdf: Path) -> int:
    import subprocess

    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split(":", 1)[1] for line in info.splitlines() if line.startswith("Pages:")))
