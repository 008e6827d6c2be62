"""``mittelverteilung compare [WORKBOOK] --out DIR``: the variants of the table Szenarien side by side."""

from __future__ import annotations

import argparse
from pathlib import Path

from .console import add_no_pdf, nothing_written, progress, read_inputs


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "compare",
        help="Szenarien (Tabelle „Szenarien“) vergleichen: Übersicht, Mittel je Kreis, Grafiken, Berechnungsgrundlagen "
        "als xlsx, PDF und HTML-Seite",
        description="Liest die Arbeitsmappe mit der Tabelle „Szenarien“, rechnet die vorgesehene Verteilung "
        "(Blatt „Parameter“) und jedes Szenario und schreibt „Szenarienvergleich_Integrationsmanagement_<Jahr>“ "
        "als xlsx, PDF und HTML-Seite in das Ausgabeverzeichnis: je Szenario Regeln, Gewinner und Verlierer, was ein "
        "Polster kostet und wer es trägt; die Mittel jedes Kreises unter jedem Szenario; je Szenario die Veränderung "
        "je Kreis als Balkendiagramm und eine Kreiskarte des Unterschieds zum Vergleichsszenario; die "
        "Berechnungsgrundlagen. Die Arbeitsmappe wird nur "
        "gelesen. Bei fehlerhafter Eingabe werden alle Probleme mit Blatt und Zelle gemeldet und nichts geschrieben "
        "(Exit-Status 1).",
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
    from ..readers.scenarios import read_comparison_file
    from ..publication.comparison_files import write_comparison
    from ..publication.files import PublishError
    from ..table.templates import TemplateError

    try:
        workbook, source = read_inputs(args.workbook, read_comparison_file)
        written = write_comparison(source, args.out, pdf=args.pdf, protect=(workbook,), progress=progress)
    except (InputProblems, PublishError, TemplateError) as error:
        return nothing_written(error)
    for path in written:
        print(path)
    progress(f"Fertig: {len(source.variants)} Szenarien verglichen, {len(written)} Dateien in {Path(args.out)}.")
    return 0
