"""The ministry workbook's contract: the defined names and table columns a workbook must have.

Inputs are found by these names, never by fixed cell addresses, so that the
ministry can lay out its own workbook as it likes. The sample workbook is
built from the same constants.
"""

from __future__ import annotations

import re
import unicodedata

TABLE_NAME = "Kreise"

# Defined names (workbook scope), each pointing at one cell.
YEAR = "Haushaltsjahr"
BUDGET = "Budget"
METHOD = "Methode"
UNIT = "Einheit"
REFERENCE_FROM = "Bezugsjahr_von"
REFERENCE_TO = "Bezugsjahr_bis"
STAND = "Stand"
BASE = "Sockelbetrag"
LOSS_CAP = "Verlustbegrenzung"
SUBTOTALS = "Zwischensummen"
SOURCE_NOTE = "Datenquelle"
SAMPLE_DATA = "Beispieldaten"
FINANCING = "Finanzierung"
MAX_GAIN = "Zuwachsbegrenzung"
PHASE_IN = "Übergangsanteil"
TIE_RULE = "Gleichstandsregel"
SEED = "Losnummer"
BOUND_RULE = "Grenzregel"
ISSUER = "Herausgeber"
DEPARTMENT = "Referat"
CONTACT = "Kontakt"
REPLY_DEADLINE = "Rückmeldefrist"

REQUIRED_NAMES = (YEAR, BUDGET, METHOD, UNIT, REFERENCE_FROM, REFERENCE_TO, STAND)
OPTIONAL_NAMES = (BASE, LOSS_CAP, SUBTOTALS, SOURCE_NOTE, SAMPLE_DATA, FINANCING, MAX_GAIN, PHASE_IN, TIE_RULE, SEED,
                  BOUND_RULE, ISSUER, DEPARTMENT, CONTACT, REPLY_DEADLINE)

# What each parameter is, for messages ("Der Name „Budget“ (das Budget in Euro) fehlt").
NAME_MEANINGS = {
    YEAR: "das Haushaltsjahr",
    BUDGET: "das zu verteilende Budget in Euro",
    METHOD: "das Verteilungsverfahren",
    UNIT: "die Auszahlungseinheit in Euro",
    REFERENCE_FROM: "das erste Bezugsjahr",
    REFERENCE_TO: "das letzte Bezugsjahr",
    STAND: "das Datum des Stands",
    BASE: "der Sockelbetrag je Kreis",
    LOSS_CAP: "die Verlustbegrenzung gegenüber dem Vorjahr",
    SUBTOTALS: "ob Zwischensummen je Regierungsbezirk gezeigt werden",
    SOURCE_NOTE: "die Datenquelle (Fußnote)",
    SAMPLE_DATA: "ob es sich um Beispieldaten handelt",
    FINANCING: "wer die Verlustbegrenzung finanziert (alle, Gewinner, Fonds)",
    MAX_GAIN: "die Zuwachsbegrenzung gegenüber dem Vorjahr",
    PHASE_IN: "der Anteil der Vorjahresverteilung beim Übergang",
    TIE_RULE: "die Regel bei Gleichstand (Schlüssel, Gewicht, Los, Rang)",
    SEED: "die Losnummer für den Losentscheid",
    BOUND_RULE: "die Grenzregel (neu verteilen oder Quote)",
    ISSUER: "der Herausgeber (die Behörde, die Tabelle und Kreis-Arbeitsmappen herausgibt)",
    DEPARTMENT: "das zuständige Referat",
    CONTACT: "der Kontakt (E-Mail oder Telefon; dorthin senden die Kreise ihre Rückmeldung)",
    REPLY_DEADLINE: "bis wann die Kreise antworten sollen",
}

# Table columns, found by their header text.
KEY = "Kreisschlüssel"
NAME = "Stadt-/Landkreis"
KIND = "Art"
REGION = "Regierungsbezirk"
LOWER = "Mindestbetrag"
UPPER = "Höchstbetrag"
RANK = "Rang"
COUNT_PREFIX = "Zuweisungen"
AMOUNT_PREFIX = "Mittel"

REQUIRED_COLUMNS = (KEY, NAME)
OPTIONAL_COLUMNS = (KIND, REGION, LOWER, UPPER, RANK)


def count_header(year: int) -> str:
    return f"{COUNT_PREFIX} {year}"


def amount_header(year: int) -> str:
    return f"{AMOUNT_PREFIX} {year}"


def fold_header(text: str) -> str:
    """Header text compared without case and extra spaces: ``" zuweisungen  2023"`` = ``"Zuweisungen 2023"``."""
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


_YEAR_COLUMN = re.compile(r"(zuweisungen|mittel) (\d{4})(?: in €| \(€\)| €)?")


def year_column(header: str) -> tuple[str, int] | None:
    """``"Zuweisungen 2023"`` -> ("Zuweisungen", 2023); ``"Mittel 2024 in €"`` -> ("Mittel", 2024)."""
    match = _YEAR_COLUMN.fullmatch(fold_header(header))
    if not match:
        return None
    prefix = COUNT_PREFIX if match[1] == "zuweisungen" else AMOUNT_PREFIX
    return prefix, int(match[2])
