"""PDF from the written xlsx by LibreOffice headless, in a German locale, one page per table.

The xlsx carries the page setup (A4, fit to width, repeated heading row,
footer), so the PDF shows exactly what a ministry user would print from Excel.
Each run uses a fresh LibreOffice profile: parallel runs do not collide and a
user's own LibreOffice settings do not leak into the output.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..os_errors import german_os_reason

GERMAN_LOCALE = "de_DE.UTF-8"
INSTALL_HINT = (
    "LibreOffice installieren: „bash .ci/setup“ im Projektordner ausführen "
    "(oder „sudo apt-get install libreoffice-calc-nogui“)."
)


class PdfError(Exception):
    """The PDF could not be made; the message is German and says what to do."""


def soffice_command() -> str | None:
    """The LibreOffice program: $MITTELVERTEILUNG_SOFFICE, else soffice/libreoffice on PATH."""
    configured = os.environ.get("MITTELVERTEILUNG_SOFFICE")
    if configured:
        return configured if shutil.which(configured) else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def xlsx_to_pdf(xlsx: str | Path, out_dir: str | Path, *, timeout: float = 180) -> Path:
    """Convert ``xlsx`` to ``out_dir/<same name>.pdf`` and return that path."""
    xlsx = Path(xlsx)
    out_dir = Path(out_dir)
    program = soffice_command()
    if program is None:
        raise PdfError("Für das PDF wird LibreOffice (soffice) gebraucht, es wurde aber nicht gefunden. " + INSTALL_HINT)
    with tempfile.TemporaryDirectory(prefix="mittelverteilung-lo-") as profile:
        command = [
            program,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--nodefault",
            "--convert-to",
            "pdf:calc_pdf_Export",
            "--outdir",
            str(out_dir),
            str(xlsx),
        ]
        environment = {**os.environ, "LC_ALL": GERMAN_LOCALE, "LANG": GERMAN_LOCALE, "LANGUAGE": "de", "HOME": profile}
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=environment)
        except subprocess.TimeoutExpired:
            raise PdfError(f"LibreOffice hat das PDF nicht innerhalb von {timeout:.0f} Sekunden erzeugt.") from None
        except OSError as error:
            raise PdfError(f"LibreOffice konnte nicht gestartet werden ({german_os_reason(error)}). " + INSTALL_HINT) from None
    pdf = out_dir / (xlsx.stem + ".pdf")
    if done.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise PdfError(
            f"LibreOffice konnte das PDF nicht erzeugen (Exit-Status {done.returncode})"
            + (": " + " ".join(detail) if detail else ".")
        )
    return pdf
