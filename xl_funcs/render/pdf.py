"""The PDF: Debian's Chromium prints the HTML page as a tagged PDF, then ``pdf_archive`` makes it archival.

Why Chromium and not LibreOffice: LibreOffice Calc's tagged export holds only
paragraphs (no Table, TR, TH, TD), and its document language follows the
process locale; Chromium prints the page's real ``<table>`` as a PDF
structure tree (Document, H1, Table, Caption, TR, TH, TD, Figure with its
alternative text) with the language of ``<html lang>``. Page size, margins
and the footer ("Seite 1 von 2") come from the page's print style sheet.

Chromium only ever sees a temporary folder with plain ASCII names, so the
output folder may have any name in any locale; each run has its own profile
folder, so parallel runs do not collide. The result comes back as bytes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..os_errors import german_os_reason

INSTALL_HINT = (
    "Chromium installieren: „bash .ci/setup“ im Projektordner ausführen "
    "(oder „sudo apt-get install chromium“)."
)
PROGRAM_NAMES = ("chromium", "chromium-browser", "google-chrome")


class PdfError(Exception):
    """The PDF could not be made; the message is German and says what to do."""


def chromium_command() -> str | None:
    """The browser: $MITTELVERTEILUNG_CHROMIUM, else chromium (or chromium-browser, google-chrome) on PATH."""
    configured = os.environ.get("MITTELVERTEILUNG_CHROMIUM")
    if configured:
        return configured if shutil.which(configured) else None
    return next((found for found in map(shutil.which, PROGRAM_NAMES) if found), None)


def missing_message() -> str:
    return "Für das PDF wird Chromium gebraucht, es wurde aber nicht gefunden. " + INSTALL_HINT


def print_page(html: bytes, *, timeout: float = 180) -> bytes:
    """Chromium's tagged PDF of the page ``html`` (UTF-8), as bytes."""
    program = chromium_command()
    if program is None:
        raise PdfError(missing_message())
    with tempfile.TemporaryDirectory(prefix="mittelverteilung-pdf-") as scratch:
        folder = Path(scratch)
        page = folder / "seite.html"
        page.write_bytes(html)
        target = folder / "seite.pdf"
        command = [
            program,
            "--headless",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--no-pdf-header-footer",
            f"--user-data-dir={folder / 'profil'}",
            f"--print-to-pdf={target}",
            page.as_uri(),
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.insert(1, "--no-sandbox")  # Chromium refuses to run as root inside its sandbox
        environment = {**os.environ, "HOME": str(folder), "XDG_CONFIG_HOME": str(folder), "XDG_CACHE_HOME": str(folder)}
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=timeout, env=environment
            )
        except subprocess.TimeoutExpired:
            raise PdfError(f"Chromium hat das PDF nicht innerhalb von {timeout:.0f} Sekunden erzeugt.") from None
        except OSError as error:
            raise PdfError(f"Chromium konnte nicht gestartet werden ({german_os_reason(error)}). " + INSTALL_HINT) from None
        if done.returncode != 0 or not target.is_file() or target.stat().st_size == 0:
            detail = [line for line in (done.stderr or done.stdout).strip().splitlines() if "dbus" not in line][-3:]
            raise PdfError(
                f"Chromium konnte das PDF nicht erzeugen (Exit-Status {done.returncode})"
                + (": " + " ".join(detail) if detail else ".")
            )
        return target.read_bytes()
