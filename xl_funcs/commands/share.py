"""``mittelverteilung share [WORKBOOK] --out DIR``: a workbook per Kreis, the Versandliste, a ZIP per Regierungsbezirk."""

from __future__ import annotations

import argparse
from pathlib import Path

from .console import nothing_written, progress, read_inputs


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "share",
        help="für jeden der 44 Kreise eine eigene Arbeitsmappe erzeugen (mit Versandliste und ZIP je Regierungsbezirk)",
        description="Liest die Arbeitsmappe, rechnet die Verteilung und schreibt für jeden Kreis eine Arbeitsmappe "
        "(z. B. 08121_Heilbronn_Stadtkreis.xlsx) mit seinem Blatt samt Berechnungsnachweis, dem Blatt "
        "„Rückmeldung“ und der amtlichen Tabelle; dazu die Versandliste (Versandliste.json für „collect“, "
        "Versandliste.csv zum Lesen) und je Regierungsbezirk eine ZIP-Datei mit dessen Arbeitsmappen. "
        "Bei fehlerhafter Eingabe werden alle Probleme mit Blatt und Zelle gemeldet und nichts geschrieben "
        "(Exit-Status 1). Die Arbeitsmappe wird nur gelesen.",
    )
    parser.add_argument(
        "workbook",
        nargs="?",
        metavar="ARBEITSMAPPE",
        help="die Arbeitsmappe des Ministeriums (.xlsx); ohne Angabe die mitgelieferte Beispielmappe",
    )
    parser.add_argument(
        "--out",
        metavar="VERZEICHNIS",
        help="Ausgabeverzeichnis (wird bei Bedarf angelegt; Standard: Kreis-Arbeitsmappen_<Jahr> im aktuellen "
        "Verzeichnis)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..districts.sharing import ShareError, share
    from ..districts.wording import words
    from ..inputs import InputProblems
    from ..table.templates import TemplateError, fill

    try:
        workbook, inputs = read_inputs(args.workbook)
        out_dir = Path(args.out) if args.out else Path(fill(words()["dateien"]["ordner"], jahr=inputs.parameters.year))
        shared = share(inputs, out_dir, protect=(workbook,), progress=progress)
    except (InputProblems, ShareError, TemplateError) as error:
        return nothing_written(error)
    for path in shared.paths:
        print(path)
    zips = sum(1 for path in shared.paths if path.suffix == ".zip")
    progress(
        f"Fertig: {len(shared.workbook_paths)} Arbeitsmappen, die Versandliste (JSON und CSV) und {zips} ZIP-Dateien "
        f"in {out_dir}."
    )
    return 0
