"""Files this program wrote, recognised when they are given where the ministry workbook is wanted.

A published table, a Kreis workbook, the overview of answers or a comparison of
scenarios lacks the workbook's names (Haushaltsjahr, Budget …); listing them as
missing would not help. Instead the message says what the file is and which
file is wanted. The files are recognised by what they carry, not by their names:
the Kreis workbook by its identity properties, the others by the document title
their template gives them (so an edited template still matches), the comparison
of scenarios by its title or, failing that, its file name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..table.templates import DISTRICTS, load, texts


@dataclass(frozen=True)
class FileFacts:
    """What the document properties of an xlsx file say about it."""

    title: str
    keywords: str
    custom_names: frozenset[str]
    sheet_names: tuple[str, ...]


WANTED = (
    "Bitte die Arbeitsmappe des Ministeriums mit den Eingaben angeben (mit den Namen „Haushaltsjahr“, "
    "„Budget“ … und der Tabelle „Kreise“), z. B. workbook/Mittelverteilung.xlsx."
)


def own_output(path: str, facts: FileFacts) -> str | None:
    """A German sentence saying which of our outputs the file is and what to give instead; None if it is none."""
    districts = load(DISTRICTS)
    if districts["kennung"]["vorgangsnummer"] in facts.custom_names:
        return (
            "Diese Datei ist die Arbeitsmappe eines Kreises (erzeugt von „mittelverteilung share“), nicht die "
            "Arbeitsmappe des Ministeriums. Zurückgesandte Kreis-Arbeitsmappen prüft „mittelverteilung collect "
            "ORDNER“. " + WANTED
        )
    if _matches(districts["uebersicht"]["dateiname_titel"], facts.title):
        return (
            "Diese Datei ist die Übersicht der Rückmeldungen (erzeugt von „mittelverteilung collect“), nicht die "
            "Arbeitsmappe des Ministeriums. " + WANTED
        )
    if _matches(texts()["dokument"]["titel"], facts.title):
        return (
            "Diese Datei ist die veröffentlichte amtliche Tabelle (erzeugt von „mittelverteilung publish“), nicht "
            "die Arbeitsmappe, aus der sie berechnet wurde. " + WANTED
        )
    if "Szenarienvergleich" in facts.title or Path(path).name.startswith("Szenarienvergleich_"):
        return (
            "Diese Datei ist der Szenarienvergleich (erzeugt von „mittelverteilung compare“), nicht die "
            "Arbeitsmappe des Ministeriums. " + WANTED
        )
    return None


def _matches(template: str, text: str) -> bool:
    """Whether ``text`` is ``template`` with its {placeholders} filled in somehow."""
    pieces = re.split(r"\{[a-z_]+\}", template)
    pattern = ".+?".join(re.escape(piece) for piece in pieces)
    return bool(text) and re.fullmatch(pattern, text.strip(), flags=re.DOTALL) is not None
