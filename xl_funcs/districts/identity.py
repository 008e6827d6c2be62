"""How an issued workbook is named and marked: file names and the Vorgangsnummer.

The Vorgangsnummer (e.g. ``MV2025-08121-3F9A2C1B``) names one Kreis's workbook
of one distribution: the year, the Kreisschlüssel and the first hex digits of
a hash over the inputs' SHA-256 and the key. It is the same for the same inputs
(so a second run writes the same bytes) and different after any change of the
inputs (so an answer to an earlier round is recognised as such). It carries
nothing personal and nothing that is not on the sheet anyway.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from ..table.templates import fill
from .wording import words

ISSUE_PATTERN = re.compile(r"^MV(?P<year>\d{4})-(?P<key>\d{5})-(?P<check>[0-9A-F]{8})$")
_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


@dataclass(frozen=True)
class IssueNumber:
    year: int
    key: str
    text: str

    def __str__(self) -> str:
        return self.text


def issue_number(inputs_digest: str, year: int, key: str) -> str:
    check = hashlib.sha256(f"{inputs_digest}:{key}".encode("ascii")).hexdigest()[:8].upper()
    return f"MV{year}-{key}-{check}"


def parse_issue_number(text) -> IssueNumber | None:
    """The parts of a Vorgangsnummer, or None if ``text`` is not one."""
    if not isinstance(text, str):
        return None
    match = ISSUE_PATTERN.match(text.strip())
    if match is None:
        return None
    return IssueNumber(int(match["year"]), match["key"], match.group(0))


def ascii_name(text: str) -> str:
    """``"Schwäbisch Hall"`` -> ``"Schwaebisch_Hall"``: letters, digits, ``-`` and ``_`` only."""
    text = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATION))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^A-Za-z0-9-]+", "_", text)
    return text.strip("_")


def workbook_file_name(key: str, name: str, kind: str) -> str:
    """``08121_Heilbronn_Stadtkreis.xlsx``: key, name and kind keep the two Heilbronn and Karlsruhe apart."""
    return fill(words()["dateien"]["arbeitsmappe"], schluessel=key, name=ascii_name(name), art=ascii_name(kind))


def zip_file_name(year: int, region: str) -> str:
    return fill(words()["dateien"]["zip"], jahr=year, bezirk=ascii_name(region))


def issued_key_in_name(file_name: str) -> str | None:
    """The Kreisschlüssel a file name starts with (``08121_…``), if it starts with one."""
    match = re.match(r"^(08\d{3})(?!\d)", file_name)
    return match.group(1) if match else None
