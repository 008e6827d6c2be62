"""``mittelverteilung publish``: the official table as xlsx, PDF, CSV and HTML from the ministry workbook."""

from __future__ import annotations

import argparse
from pathlib import Path

from .console import add_no_pdf, nothing_written, progress, read_inputs


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "publish",
        help="die amtliche Tabelle „Vorläufige Mittelverteilung“ als xlsx, PDF, CSV und HTML-Seite erzeugen",
        description="Liest die Arbeitsmappe, rechnet die Verteilung und schreibt die amtliche Tabelle "
        "„Vorläufige Mittelverteilung Integrationsmanagement <Jahr>“ als xlsx, PDF, CSV und HTML-Seite "
        "(das Haushaltsjahr steht im Dateinamen) in das Ausgabeverzeichnis. Die Arbeitsmappe wird nur "
        "gelesen. Bei fehlerhafter Eingabe werden alle gefundenen Probleme mit Blatt und Zelle gemeldet "
        "und nichts geschrieben (Exit-Status 1).",
    )
    parser.add_argument(
        "workbook",
        nargs="?",
        metavar="ARBEITSMAPPE",
        help="die Arbeitsmappe des Ministeriums (.xlsx); ohne Angabe die mitgelieferte Beispielmappe",
    )
    parser.add_argument(
        "--out",
        default=".",
        metavar="VERZEICHNIS",
        help="Ausgabeverzeichnis (wird bei Bedarf angelegt; Standard: das aktuelle Verzeichnis)",
    )
    add_no_pdf(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..inputs import InputProblems
    from ..publication.files import PublishError, publish
    from ..table.templates import TemplateError

    try:
        workbook, inputs = read_inputs(args.workbook)
        written = publish(inputs, args.out, pdf=args.pdf, protect=(workbook,), progress=progress)
    except (InputProblems, PublishError, TemplateError) as error:
        return nothing_written(error)
    for path in written:
        print(path)
    progress(f"Fertig: {len(written)} Dateien in {Path(args.out)}.")
    return 0
