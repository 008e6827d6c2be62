"""What the add-in offers, in one place: the ribbon's buttons, the task pane's buttons and its function list.

The manifest (templates/manifest.xml) and the task pane (templates/taskpane.html)
are drawn from these tuples, so a button exists in both or in neither. The label
of a button is the German name its @script registers (``@script(name=...)``);
adding a one-click action is one more line in ``ACTIONS``.
"""

from __future__ import annotations

import importlib.metadata
import re

import custom_scripts

# (script function in xl_funcs.excel.scripts, what the button does: one sentence for the task pane and the tooltip)
ACTIONS: tuple[tuple[str, str], ...] = (
    (
        "publish_official_table",
        "Schreibt die amtliche Tabelle und ihre Berechnungsgrundlagen als eigene Blätter in diese Mappe; "
        "alle anderen Blätter bleiben, wie sie sind.",
    ),
    (
        "prepare_district_workbooks",
        "Zeigt auf einem eigenen Blatt, welche Datei jeder Kreis mit welchem Betrag und welcher Vorgangsnummer "
        "erhält; die Dateien selbst schreibt „mittelverteilung share“.",
    ),
    (
        "compare_scenarios",
        "Rechnet jede Variante der Tabelle „Szenarien“ und stellt Übersicht und Mittel je Kreis nebeneinander "
        "auf eigene Blätter.",
    ),
    (
        "plan_payments",
        "Verteilt die Abschläge der Tabelle „Abschläge“ euro-genau auf die Kreise und zeigt den Auszahlungsplan "
        "und die Zahlungsliste auf eigenen Blättern.",
    ),
)

# (Excel function, what it computes, an example that works on the sample workbook's table "Kreise").
# The examples use the German list separator ";" and decimal comma, as German Excel shows them.
FUNCTIONS: tuple[tuple[str, str, str], ...] = (
    ("ALLOCATE", "verteilt das Budget euro-genau nach Gewichten", "ALLOCATE(Budget; Kreise[Zuweisungen 2025]; Methode; Einheit)"),
    ("ALLOCATE_BASE", "wie ALLOCATE, mit einem Sockelbetrag je Kreis vorab", "ALLOCATE_BASE(Budget; Kreise[Zuweisungen 2025]; 100000)"),
    ("PER_HEAD", "Pauschale × Personen, gerundet auf die Einheit", "PER_HEAD(796,08; Kreise[Zuweisungen 2025])"),
    (
        "REFERENCE_WEIGHTS",
        "Bezugsgröße aus mehreren Jahren (Mittelwert oder gewichtet)",
        "REFERENCE_WEIGHTS(Kreise[[Zuweisungen 2023]:[Zuweisungen 2025]])",
    ),
    ("SHARES", "Anteil jedes Kreises an der Summe", "SHARES(Kreise[Zuweisungen 2025])"),
    ("EXPLAIN", "erklärt in Worten, wie ein Betrag zustande kommt", "EXPLAIN(1; Budget; Kreise[Zuweisungen 2025]; Methode; Einheit)"),
    (
        "ALLOCATE_TRANSITION",
        "verteilt mit Übergangsregeln gegenüber dem Vorjahr (Verlust-/Zuwachsbegrenzung, Finanzierung, Übergangsanteil)",
        "ALLOCATE_TRANSITION(Budget; Kreise[Zuweisungen 2025]; Kreise[Mittel 2025]; Verlustbegrenzung; Finanzierung)",
    ),
)


def actions() -> list[dict[str, str]]:
    """The buttons, each with the script it runs, its German label and its explanation."""
    buttons = []
    for function_name, explanation in ACTIONS:
        meta = getattr(getattr(custom_scripts, function_name, None), "__xlscript__", None)
        if meta is None:
            # Raised while xlwings Server loads routers/custom.py: it logs this and serves no add-in routes.
            raise LookupError(
                f"addin_content.ACTIONS nennt „{function_name}“, doch custom_scripts hat kein solches @script."
            )
        buttons.append(
            {
                "script": function_name,
                "label": meta["name"],
                "explanation": explanation,
                # Which sheets the client sends, as the script declares it (@script(include=..., exclude=...)).
                "include": _sheet_list(meta.get("include")),
                "exclude": _sheet_list(meta.get("exclude")),
            }
        )
    return buttons


# The versions of xlwings Server and xlwings this package was tested with (docs: "Welche Versionen
# zusammengehören"). The task pane points out when the running ones differ.
TESTED_WITH = {"server": "1.20.0", "xlwings": "0.37.8"}


def _sheet_list(value) -> str:
    if not value:
        return ""
    return ",".join(value) if isinstance(value, (list, tuple)) else value


def versions() -> dict[str, str]:
    """The running versions, as IT compares them with the tested ones (TESTED_WITH)."""
    package = importlib.metadata.version("mittelverteilung")
    return {
        "package": package,
        # Office compares manifests by this number of up to four parts; it follows the package's release.
        "manifest": ".".join((re.match(r"\d+(?:\.\d+)*", package).group().split(".") + ["0", "0", "0"])[:4]),
        "server": importlib.metadata.version("xlwings-server"),
        "xlwings": importlib.metadata.version("xlwings"),
    }
