"""``mittelverteilung lite``: writes xlwings Lite's main.py and requirements.txt from the package."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "lite",
        help="die Dateien für xlwings Lite (main.py, requirements.txt) aus dem Paket erzeugen",
        description="Erzeugt main.py (die Excel-Funktionen und das Skript „Amtliche Tabelle erzeugen“ samt "
        "Verteilungsrechnung, Kreisliste und Vorlagen in einer Datei) und "
        "requirements.txt für xlwings Lite. Beide Dateien werden im Lite-Editor in die Arbeitsmappe "
        "übernommen; mit --check wird nur verglichen, ob die vorhandenen Dateien aktuell sind.",
    )
    parser.add_argument(
        "directory",
        nargs="?",
        metavar="VERZEICHNIS",
        help="Zielverzeichnis (Standard: workbook/lite des Quellverzeichnisses, aus dem das Paket stammt, "
        "gleich in welchem Verzeichnis der Befehl aufgerufen wird)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="nichts schreiben, nur prüfen, ob die Dateien aktuell sind (Exit-Status 1, wenn nicht)",
    )
    parser.add_old_spelling("--pruefen", "--check")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..excel.lite_bundle import lite_files, write_lite_files
    from ..output_files import OutputError

    directory = Path(args.directory) if args.directory else _checkout_lite_folder()
    if directory is None:
        print(
            "Fehler: Dieses Paket ist nicht aus einem Quellverzeichnis (git-Checkout) installiert, daher gibt es "
            "kein workbook/lite, in das die Dateien gehören. Bitte das Zielverzeichnis angeben, z. B. "
            "`mittelverteilung lite lite-dateien`. Nichts geschrieben.",
            file=sys.stderr,
        )
        return 1
    if args.check:
        expected = lite_files()
        stale = [name for name, text in expected.items() if _read(directory / name) != text]
        if stale:
            print(f"Nicht aktuell in {directory}: {', '.join(stale)}; bitte `mittelverteilung lite` ausführen.", file=sys.stderr)
            return 1
        print(f"{directory}: main.py und requirements.txt sind aktuell.")
        return 0
    try:
        written = write_lite_files(directory)
    except OutputError as error:
        print(f"Fehler: {error} Nichts geschrieben.", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


def _checkout_lite_folder() -> Path | None:
    """workbook/lite of the checkout this package runs from (an editable install); None for an installed wheel."""
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "pyproject.toml").is_file() and (checkout / "workbook" / "lite").is_dir():
        return checkout / "workbook" / "lite"
    return None


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None
