"""LibreOffice started by a test, with a fresh profile and a German locale, as a second reader of our files."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from pathlib import Path

CSV_AS_SHOWN = "csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,true,false,false,-1"


def soffice() -> str:
    program = shutil.which("soffice")
    assert program, "LibreOffice (soffice) fehlt: bash .ci/setup installiert es"
    return program


def export_csv_as_shown(xlsx: Path, out_dir: Path) -> dict[str, list[list[str]]]:
    """Every sheet as LibreOffice shows it (German number display), by sheet name."""
    profile = out_dir / "profile"
    done = subprocess.run(
        [soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", CSV_AS_SHOWN, "--outdir", str(out_dir), str(xlsx)],
        capture_output=True, text=True, timeout=180,
        env={**os.environ, "LC_ALL": "de_DE.UTF-8", "LANG": "de_DE.UTF-8"},
    )
    assert done.returncode == 0, done.stderr
    sheets = {}
    for path in out_dir.glob(f"{xlsx.stem}-*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            sheets[path.stem[len(xlsx.stem) + 1 :]] = list(csv.reader(handle, delimiter=";"))
    return sheets


def export_pdf(xlsx: Path, out_dir: Path) -> Path:
    """The workbook as LibreOffice prints it: a second reader's view of the native charts (the published PDF
    is printed by Chromium from the HTML page)."""
    profile = out_dir / "profile-pdf"
    done = subprocess.run(
        [soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf:calc_pdf_Export", "--outdir", str(out_dir), str(xlsx)],
        capture_output=True, text=True, timeout=180,
        env={**os.environ, "LC_ALL": "de_DE.UTF-8", "LANG": "de_DE.UTF-8", "LANGUAGE": "de"},
    )
    assert done.returncode == 0, done.stderr
    return out_dir / (xlsx.stem + ".pdf")


def pdf_info(pdf: Path) -> str:
    return subprocess.run(["pdfinfo", "-f", "1", "-l", "99", str(pdf)], capture_output=True, text=True, check=True).stdout


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
