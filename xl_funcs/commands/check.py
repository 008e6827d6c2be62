"""``mittelverteilung check [WORKBOOK]``: read and validate the workbook, calculate, write nothing."""

from __future__ import annotations

import argparse
import sys


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "check",
        help="die Arbeitsmappe prüfen und berichten, was gefunden wurde (schreibt nichts)",
        description="Liest die Arbeitsmappe, prüft Parameter und die Tabelle „Kreise“ und rechnet die Verteilung "
        "probeweise durch. Ist alles in Ordnung, steht eine Zusammenfassung auf der Standardausgabe (Exit-Status 0); "
        "sonst steht jedes gefundene Problem mit Blatt und Zelle auf der Standardfehlerausgabe (Exit-Status 1). "
        "Es wird nichts geschrieben, auch nicht in die Arbeitsmappe.",
    )
    parser.add_argument(
        "workbook",
        nargs="?",
        metavar="ARBEITSMAPPE",
        help="die .xlsx-Datei des Ministeriums (Standard: die Beispielarbeitsmappe workbook/Mittelverteilung.xlsx)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..calculation import calculate
    from ..inputs import InputProblems
    from ..readers import bundled_workbook_path, read_workbook_file

    try:
        path = args.workbook if args.workbook is not None else bundled_workbook_path()
    except InputProblems as problems:
        print(problems.german_report(), file=sys.stderr)
        return 1
    try:
        calculation = calculate(read_workbook_file(path))
    except InputProblems as problems:
        print(f"Die Arbeitsmappe {path} ist nicht in Ordnung.", file=sys.stderr)
        print(problems.german_report(), file=sys.stderr)
        return 1
    sys.stdout.write(summary(path, calculation))
    return 0 if calculation.total == calculation.inputs.parameters.budget else 1


def summary(path, calculation) -> str:
    """What was found, in German, for a person to compare with the workbook."""
    from ..engine.notation import german_number

    inputs = calculation.inputs
    p = inputs.parameters
    districts = inputs.districts
    city = sum(1 for d in districts if d.kind == "Stadtkreis")
    total_reference = calculation.total_reference
    lines = [
        f"Arbeitsmappe: {path}",
        f"Haushaltsjahr {p.year}, Budget {german_number(p.budget)} €, Verfahren {p.method.label}, "
        f"Einheit {german_number(p.unit)} €, Stand {p.stand.strftime('%d.%m.%Y')}",
        f"Bezugszeitraum {p.reference_period}: Zuweisungen {', '.join(str(y) for y in p.reference_years)}, "
        f"Bezugsgröße zusammen {german_number(total_reference, places=2)}",
        f"{len(districts)} Stadt- und Landkreise ({city} Stadtkreise, {len(districts) - city} Landkreise), "
        "alle Kreisschlüssel bekannt und eindeutig",
        f"Sockelbetrag {german_number(p.base)} €, Verlustbegrenzung "
        + ("keine" if p.loss_cap is None else f"{german_number(p.loss_cap * 100)} %")
        + f", Zwischensummen {'ja' if p.subtotals else 'nein'}",
    ]
    lines.append(_rules_line(calculation))
    if calculation.has_previous:
        previous_total = calculation.previous_total
        shown = german_number(previous_total) + " €" if previous_total is not None else "nicht für alle Kreise"
        lines.append(f"Vorjahresbeträge (Mittel {p.previous_year}): zusammen {shown}")
    else:
        lines.append(f"Vorjahresbeträge: keine Spalte „Mittel {p.previous_year}“ (keine Veränderung gegenüber dem Vorjahr)")
    total = calculation.total
    matches = total == p.budget
    lines.append(
        f"Summenprobe: Die berechneten Mittel {p.year} ergeben zusammen {german_number(total)} € "
        + ("= Budget." if matches else f"≠ Budget {german_number(p.budget)} €!")
    )
    ties = calculation.ties
    lines.append(
        "Gleichstände: keine" if not ties else f"Gleichstände, die einen Betrag entschieden haben: {len(ties)}"
    )
    if p.sample_data:
        lines.append("Hinweis: Die Arbeitsmappe ist als Beispieldaten gekennzeichnet (fiktive Zahlen).")
    lines.append("Ergebnis: Die Arbeitsmappe ist in Ordnung." if matches else "Ergebnis: Summenprobe fehlgeschlagen.")
    return "\n".join(lines) + "\n"


_FINANCING = {"all": "alle übrigen Kreise", "gainers": "die Gewinner", "fund": "Härtefonds"}
_TIE_RULES = {"key": "Kreisschlüssel", "weight": "Gewicht", "lot": "Los", "order": "Rang"}


def _rules_line(calculation) -> str:
    """The transition rules and conventions in one line, as the parameters set them."""
    p = calculation.inputs.parameters

    def percent(value, none: str = "keine") -> str:
        return none if value is None else f"{german_number(value * 100)} %"

    tie = _TIE_RULES[p.tie_rule] + (f" (Losnummer „{p.seed}“)" if p.tie_rule == "lot" else "")
    line = (
        f"Übergangsregeln: Finanzierung {_FINANCING[p.financing]}, Zuwachsbegrenzung {percent(p.max_gain)}, "
        f"Übergangsanteil {percent(p.phase_in, 'keiner')}; Gleichstandsregel {tie}; Grenzregel "
        + ("Quote" if p.bound_rule == "quota" else "neu verteilen")
    )
    transition = calculation.transition
    if transition is not None and transition.financing == "fund":
        line += f"; Härtefonds {german_number(transition.fund)} €"
    return line
