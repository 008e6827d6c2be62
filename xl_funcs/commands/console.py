"""What the writing commands share: progress on stderr, reading the workbook, German failure lines."""

from __future__ import annotations

import sys
from pathlib import Path


def add_no_pdf(parser) -> None:
    """``--no-pdf`` (old spelling ``--ohne-pdf``): the commands that print a PDF with Chromium can leave it out."""
    parser.add_argument(
        "--no-pdf",
        dest="pdf",
        action="store_false",
        help="kein PDF erzeugen (Chromium wird dann nicht gebraucht)",
    )
    parser.add_old_spelling("--ohne-pdf", "--no-pdf")


def progress(message: str) -> None:
    """Long work says what it is doing; stderr, so stdout stays the list of files written."""
    print(message, file=sys.stderr, flush=True)


def read_inputs(workbook_argument: str | None, read=None):
    """The workbook named on the command line, or the bundled sample, read by ``read`` (by default the ministry
    workbook's reader); raises InputProblems."""
    from ..readers import bundled_workbook_path, read_workbook_file

    workbook = Path(workbook_argument) if workbook_argument else bundled_workbook_path()
    progress(f"Lese {workbook} …")
    return workbook, (read or read_workbook_file)(workbook)


def nothing_written(error: Exception) -> int:
    """The German failure line of a command that wrote nothing; the exit status for bad input."""
    from ..inputs import InputProblems

    if isinstance(error, InputProblems):
        print(f"Nichts geschrieben. {error.german_report()}", file=sys.stderr)
    else:
        print(f"Fehler: {error} Nichts geschrieben.", file=sys.stderr)
    return 1
