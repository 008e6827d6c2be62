"""``mittelverteilung payments``: Auszahlungsplan and, against the provisional table, Schlussabrechnung."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from .console import nothing_written, progress, read_inputs


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "payments",
        help="Auszahlungsplan (xlsx, CSV für die Zahlstelle) und Schlussabrechnung mit Änderungsnachweis erzeugen",
        description="Liest die Arbeitsmappe, rechnet die Verteilung und verteilt jeden Abschlag der Tabelle "
        "„Abschläge“ euro-genau auf die Kreise: Auszahlungsplan_<Jahr>.xlsx und Auszahlungsplan_<Jahr>.csv "
        "(Einlesedatei der Zahlstelle: je Kreis und Termin eine Zeile, Betrag in Cent, Kreisschlüssel als Text). "
        "Mit --provisional (die veröffentlichte vorläufige Tabelle, xlsx von „mittelverteilung publish“) und "
        "--provisional-workbook (die Arbeitsmappe, aus der sie erzeugt wurde; ihre Prüfsumme muss die der Tabelle "
        "sein) werden Schlussabrechnung_<Jahr>.xlsx und .pdf mit dem Änderungsnachweis geschrieben. Bei "
        "fehlerhafter Eingabe wird jedes Problem gemeldet und nichts geschrieben (Exit-Status 1).",
    )
    parser.add_argument(
        "workbook",
        nargs="?",
        metavar="ARBEITSMAPPE",
        help="die (endgültige) Arbeitsmappe des Ministeriums (.xlsx); ohne Angabe die mitgelieferte Beispielmappe",
    )
    parser.add_argument("--out", default=".", metavar="VERZEICHNIS", help="Ausgabeverzeichnis (Standard: das aktuelle)")
    parser.add_argument(
        "--provisional",
        metavar="DATEI",
        help="die veröffentlichte vorläufige Tabelle (xlsx); dann auch Schlussabrechnung und Änderungsnachweis",
    )
    parser.add_argument(
        "--provisional-workbook",
        dest="provisional_workbook",
        metavar="ARBEITSMAPPE",
        help="die Arbeitsmappe, aus der die vorläufige Tabelle erzeugt wurde (sie enthält die nicht "
        "veröffentlichten Zuweisungen je Jahr, die der Änderungsnachweis vergleicht)",
    )
    parser.add_argument(
        "--as-of",
        dest="as_of",
        metavar="DATUM",
        type=_german_date,
        help="Stichtag der Schlussabrechnung (TT.MM.JJJJ): bis dahin fällige Abschläge gelten als gezahlt; "
        "Standard: der Stand der Arbeitsmappe",
    )
    parser.add_argument(
        "--no-pdf", dest="pdf", action="store_false", help="kein PDF der Schlussabrechnung (ohne Chromium)"
    )
    parser.set_defaults(run=run)


def _german_date(text: str) -> date:
    try:
        day, month, year = (int(part) for part in text.strip().split("."))
        return date(year, month, day)
    except ValueError:
        raise argparse.ArgumentTypeError(f"„{text}“ ist kein Datum (TT.MM.JJJJ, z. B. 01.09.2025)") from None


def _provisional(args: argparse.Namespace):
    """Both provisional files, or neither; InputProblems in German when only one is given."""
    from ..inputs import InputProblems, Problem
    from ..payments.files import ProvisionalSource
    from ..readers import read_workbook_file

    if not args.provisional and not args.provisional_workbook:
        return None
    if not (args.provisional and args.provisional_workbook):
        raise InputProblems(
            [
                Problem(
                    "Für die Schlussabrechnung werden beide gebraucht: --provisional (die veröffentlichte vorläufige "
                    "Tabelle) und --provisional-workbook (die Arbeitsmappe, aus der sie erzeugt wurde)."
                )
            ]
        )
    progress(f"Lese {args.provisional_workbook} …")
    workbook = Path(args.provisional_workbook)
    return ProvisionalSource(Path(args.provisional), workbook, read_workbook_file(workbook))


def run(args: argparse.Namespace) -> int:
    from ..inputs import InputProblems
    from ..payments.files import write_payments
    from ..publication.files import PublishError
    from ..table.templates import TemplateError

    try:
        workbook, inputs = read_inputs(args.workbook)
        provisional = _provisional(args)
        protect = (workbook,) + ((provisional.table, provisional.workbook) if provisional else ())
        written = write_payments(
            inputs,
            args.out,
            provisional=provisional,
            as_of=args.as_of,
            pdf=args.pdf,
            protect=protect,
            progress=progress,
        )
    except (InputProblems, PublishError, TemplateError) as error:
        return nothing_written(error)
    for path in written:
        print(path)
    progress(f"Fertig: {len(written)} Dateien in {Path(args.out)}.")
    return 0
