"""``mittelverteilung collect DIR [--issued MANIFEST] [--out FILE]``: read and check the Kreise's answers."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .console import nothing_written, progress


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "collect",
        help="die zurückgesandten Arbeitsmappen der Kreise prüfen und in einer Übersicht „Rückmeldungen“ sammeln",
        description="Liest jede Datei im Ordner (nicht in Unterordnern), erkennt sie an ihrem Inhalt (Vorgangsnummer), "
        "nicht am Namen, und prüft sie: unlesbare, zu große oder fremde Dateien, andere Dateitypen und Dateien mit "
        "Makros werden abgelehnt; geänderte gesperrte Zellen (etwa ein Betrag), doppelte Antworten eines Kreises "
        "und unklare Angaben werden gemeldet. Eine einzelne schlechte Datei bricht den Lauf nicht ab. Heraus kommt "
        "die Arbeitsmappe „Rückmeldungen“: eine Zeile je Kreis (eingegangen oder fehlend, bestätigt, Ansprechperson, "
        "Bemerkungen, Korrekturen und ihre Differenz zu unseren Zahlen) und das Blatt „Probleme“ je Datei. "
        "Exit-Status 0, wenn die Übersicht geschrieben wurde, auch wenn Dateien beanstandet sind.",
    )
    parser.add_argument("directory", metavar="ORDNER", help="der Ordner mit den zurückgesandten Dateien")
    parser.add_argument(
        "--issued",
        metavar="VERSANDLISTE",
        help="die Versandliste.json von „share“; damit wird jede Datei gegen das Ausgegebene geprüft und jede "
        "geänderte Zelle genannt (ohne sie nur gegen den Prüfwert in der Datei selbst)",
    )
    parser.add_argument(
        "--out",
        metavar="DATEI",
        help="die Übersicht als .xlsx (Standard: Rueckmeldungen_<Jahr>.xlsx im aktuellen Verzeichnis); "
        "bitte nicht in den Ordner der Rückmeldungen legen",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..districts.collecting import CollectError, collect
    from ..districts.overview import write_overview
    from ..districts.wording import words
    from ..output_files import OutputError
    from ..table.templates import TemplateError, fill

    if args.out and _inside(Path(args.out), Path(args.directory)):
        print(
            f"Fehler: Die Übersicht {args.out} läge im Ordner der Rückmeldungen {args.directory}; dort würde der "
            "nächste Lauf sie als Rückmeldung lesen. Bitte mit --out einen Ort außerhalb dieses Ordners angeben. "
            "Nichts gelesen, nichts geschrieben.",
            file=sys.stderr,
        )
        return 1
    try:
        collection = collect(args.directory, issued=args.issued, progress=progress)
    except (CollectError, TemplateError) as error:
        return nothing_written(error)
    if args.out:
        target = Path(args.out)
    else:
        year = collection.year if collection.year is not None else ""
        target = Path(fill(words()["dateien"]["rueckmeldungen"], jahr=year).replace("_.xlsx", ".xlsx"))
        if _inside(target, Path(args.directory)):
            print(
                f"Fehler: Ohne --out käme die Übersicht in das aktuelle Verzeichnis, und das ist der Ordner der "
                f"Rückmeldungen {args.directory}. Bitte mit --out einen Ort außerhalb dieses Ordners angeben. "
                "Nichts geschrieben.",
                file=sys.stderr,
            )
            return 1
    # The overview never replaces what was read: an answer in the folder or the Versandliste.
    read = [path for path in Path(args.directory).iterdir() if path.is_file()]
    read += [Path(args.issued)] if args.issued else []
    try:
        write_overview(collection, target, protect=tuple(read))
    except OutputError as error:
        return nothing_written(error)
    sys.stdout.write(report(collection, target))
    return 0


def _inside(target: Path, directory: Path) -> bool:
    """Whether ``target`` would lie in ``directory`` or below it (after resolving links and "..")."""
    return target.resolve().is_relative_to(directory.resolve())


def report(collection, target: Path) -> str:
    """What was found, in German: counts, who is missing, every problem by file."""
    from ..districts.overview import deadline_line, late_text, summary_line, time_left
    from ..table.text import german_date

    lines = [summary_line(collection)]
    if collection.reply_deadline is not None:
        lines.append(deadline_line(collection))
        for row in collection.late:
            lines.append(
                f"Nach der Frist eingegangen: {row.key} {row.label}, gespeichert am "
                f"{german_date(row.answer.filled_on)} ({late_text(collection.days_late(row))})"
            )
    missing = [row for row in collection.rows if row.status in ("fehlt", "abgelehnt")]
    if missing:
        left = f" ({time_left(collection.days_left)})" if collection.reply_deadline is not None else ""
        lines.append(f"Ohne verwertbare Rückmeldung{left}: " + ", ".join(f"{row.key} {row.label}" for row in missing))
    if collection.manifest is None:
        lines.append(
            "Ohne Versandliste geprüft (--issued fehlt): nur gegen den Prüfwert in jeder Datei, ohne Zelladressen."
        )
    current = None
    for problem in collection.problems:
        if problem.file != current:
            current = problem.file
            lines.append(f"{problem.file}" + (f" ({problem.kreis})" if problem.kreis else "") + ":")
        lines.append(f"  - {problem.message}")
    lines.append(f"Übersicht geschrieben: {target}")
    return "\n".join(lines) + "\n"
