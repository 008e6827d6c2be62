"""The ministry workbook's contract: the defined names and table columns a workbook must have.

Inputs are found by these names, never by fixed cell addresses, so that the
ministry can lay out its own workbook as it likes. The sample workbook is
built from the same constants.
"""

from __future__ import annotations

import re

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
ISSUER = "Herausgeber"
DEPARTMENT = "Referat"
CONTACT = "Kontakt"
REPLY_DEADLINE = "Rückmeldefrist"

REQUIRED_NAMES = (YEAR, BUDGET, METHOD, UNIT, REFERENCE_FROM, REFERENCE_TO, STAND)
OPTIONAL_NAMES = (BASE, LOSS_CAP, SUBTOTALS, SOURCE_NOTE, SAMPLE_DATA, ISSUER, DEPARTMENT, CONTACT, REPLY_DEADLINE)

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
    ISSUER: "wer die Kreis-Arbeitsmappen herausgibt",
    DEPARTMENT: "das zuständige Referat",
    CONTACT: "an wen sich die Kreise wenden und ihre Rückmeldung senden",
    REPLY_DEADLINE: "bis wann die Kreise antworten sollen",
}

# Table columns, found by their header text.
KEY = "Kreisschlüssel"
NAME = "Stadt-/Landkreis"
KIND = "Art"
REGION = "Regierungsbezirk"
LOWER = "Mindestbetrag"
UPPER = "Höchstbetrag"
COUNT_PREFIX = "Zuweisungen"
AMOUNT_PREFIX = "Mittel"

REQUIRED_COLUMNS = (KEY, NAME)
OPTIONAL_COLUMNS = (KIND, REGION, LOWER, UPPER)


def count_header(year: int) -> str:
    return f"{COUNT_PREFIX} {year}"


def amount_header(year: int) -> str:
    return f"{AMOUNT_PREFIX} {year}"


def fold_header(text: str) -> str:
    """Header text compared without case and extra spaces: ``" zuweisungen  2023"`` = ``"Zuweisungen 2023"``."""
    return " ".join(text.split()).casefold()


_YEAR_COLUMN = re.compile(r"(zuweisungen|mittel) (\d{4})(?: in €| \(€\)| €)?")


def year_column(header: str) -> tuple[str, int] | None:
    """``"Zuweisungen 2023"`` -> ("Zuweisungen", 2023); ``"Mittel 2024 in €"`` -> ("Mittel", 2024)."""
    match = _YEAR_COLUMN.fullmatch(fold_header(header))
    if not match:
        return None
    prefix = COUNT_PREFIX if match[1] == "zuweisungen" else AMOUNT_PREFIX
    return prefix, int(match[2])
