"""The Versandliste: what was sent to which Kreis, as JSON (for ``collect``) and CSV (for people).

Per file: name, Kreis, Regierungsbezirk and ZIP, amount, size and SHA-256 of
the bytes sent, the Vorgangsnummer, the Prüfwert with its per-sheet digests,
where the input cells are, and the counts the Rückmeldung showed (so that a
correction can be compared with them). The Versandliste stays at the ministry;
the ZIPs for the Kreise do not contain it.
"""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..engine.notation import german_number
from ..render.csv import BYTE_ORDER_MARK, safe_text
from ..table.templates import fill
from .wording import words
from ..os_errors import german_os_reason

FORMAT = "mittelverteilung-versandliste/1"
MAX_MANIFEST_BYTES = 10 * 1024 * 1024


class ManifestError(Exception):
    """The Versandliste cannot be read or is not one; German message naming the file."""


@dataclass(frozen=True)
class IssuedFile:
    file_name: str
    key: str
    name: str
    kind: str
    region: str
    zip_name: str
    amount: int | Decimal
    size: int
    sha256: str
    issue_number: str
    check_value: str
    sheet_digests: dict[str, str]
    input_cells: dict[str, str]  # field -> "Rückmeldung!C14"
    counts: dict[int, int]  # year -> count the Rückmeldung showed

    @property
    def label(self) -> str:
        return f"{self.name} ({self.kind})"


@dataclass(frozen=True)
class Manifest:
    year: int
    stand: date
    budget: int | Decimal
    total: int | Decimal
    inputs_sha256: str
    program: str
    files: tuple[IssuedFile, ...]
    reply_deadline: date | None = None  # Rückmeldefrist, if the workbook set one

    def by_issue_number(self) -> dict[str, IssuedFile]:
        return {entry.issue_number: entry for entry in self.files}


def manifest_json(manifest: Manifest) -> bytes:
    data = {
        "format": FORMAT,
        "haushaltsjahr": manifest.year,
        "stand": manifest.stand.isoformat(),
        "foerderbetrag": _money_out(manifest.budget),
        "summe": _money_out(manifest.total),
        "eingaben_sha256": manifest.inputs_sha256,
        "programm": manifest.program,
        "rueckmeldefrist": manifest.reply_deadline.isoformat() if manifest.reply_deadline else None,
        "dateien": [
            {
                "datei": entry.file_name,
                "kreisschluessel": entry.key,
                "kreis": entry.name,
                "art": entry.kind,
                "regierungsbezirk": entry.region,
                "zip": entry.zip_name,
                "mittel": _money_out(entry.amount),
                "bytes": entry.size,
                "sha256": entry.sha256,
                "vorgangsnummer": entry.issue_number,
                "pruefwert": entry.check_value,
                "blatt_pruefwerte": entry.sheet_digests,
                "eingabezellen": entry.input_cells,
                "zuweisungen": {str(year): count for year, count in entry.counts.items()},
            }
            for entry in manifest.files
        ],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def manifest_csv(manifest: Manifest) -> bytes:
    """Semicolons, UTF-8 with byte order mark, as the published CSV."""
    w = words()["versand"]
    headers = [
        w["datei"],
        w["kreisschluessel"].replace("-\n", ""),
        w["kreis"],
        "Art",
        w["bezirk"].replace("-\n", ""),
        w["zip"],
        fill(w["mittel"], jahr=manifest.year).replace("\n", " "),
        "Größe in Byte",
        "SHA-256",
        w["vorgangsnummer"].replace("-\n", ""),
        "Prüfwert",
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    for entry in manifest.files:
        writer.writerow(
            [
                safe_text(entry.file_name),
                entry.key,
                safe_text(entry.name),
                entry.kind,
                safe_text(entry.region),
                safe_text(entry.zip_name),
                _german_money(entry.amount),
                str(entry.size),
                entry.sha256,
                entry.issue_number,
                entry.check_value,
            ]
        )
    return (BYTE_ORDER_MARK + buffer.getvalue()).encode("utf-8")


def read_manifest(path: str | os.PathLike) -> Manifest:
    """The Versandliste written by ``share``; ManifestError with a German message otherwise."""
    label = str(path)
    try:
        size = os.stat(path).st_size
        if size > MAX_MANIFEST_BYTES:
            raise ManifestError(f"{label}: Die Versandliste ist zu groß ({size} Byte); das ist keine Versandliste.")
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise ManifestError(f"{label}: Die Versandliste gibt es nicht.") from None
    except IsADirectoryError:
        raise ManifestError(f"{label}: Das ist ein Ordner; erwartet wird die Datei Versandliste.json.") from None
    except OSError as error:
        raise ManifestError(f"{label}: Die Versandliste kann nicht gelesen werden ({german_os_reason(error)}).") from None
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):  # RecursionError: nested beyond reason
        raise ManifestError(
            f"{label}: Das ist keine Versandliste im JSON-Format (bitte Versandliste.json angeben, nicht die CSV)."
        ) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise ManifestError(f"{label}: Das ist keine Versandliste von „mittelverteilung share“.")
    try:
        files = tuple(
            IssuedFile(
                file_name=str(item["datei"]),
                key=str(item["kreisschluessel"]),
                name=str(item["kreis"]),
                kind=str(item["art"]),
                region=str(item["regierungsbezirk"]),
                zip_name=str(item["zip"]),
                amount=_money_in(item["mittel"]),
                size=int(item["bytes"]),
                sha256=str(item["sha256"]),
                issue_number=str(item["vorgangsnummer"]),
                check_value=str(item["pruefwert"]),
                sheet_digests={str(k): str(v) for k, v in item["blatt_pruefwerte"].items()},
                input_cells={str(k): str(v) for k, v in item["eingabezellen"].items()},
                counts={int(k): int(v) for k, v in item["zuweisungen"].items()},
            )
            for item in raw["dateien"]
        )
        return Manifest(
            year=int(raw["haushaltsjahr"]),
            stand=date.fromisoformat(raw["stand"]),
            budget=_money_in(raw["foerderbetrag"]),
            total=_money_in(raw["summe"]),
            inputs_sha256=str(raw["eingaben_sha256"]),
            program=str(raw["programm"]),
            files=files,
            reply_deadline=date.fromisoformat(raw["rueckmeldefrist"]) if raw.get("rueckmeldefrist") else None,
        )
    except (KeyError, TypeError, ValueError, AttributeError, InvalidOperation) as error:
        raise ManifestError(f"{label}: Die Versandliste ist unvollständig oder beschädigt ({error!r}).") from None


def _money_out(value):
    """Whole euros as a JSON number, cents as exact text (never a float)."""
    if isinstance(value, int):
        return value
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else str(value)


def _money_in(value) -> int | Decimal:
    if isinstance(value, bool):
        raise TypeError("Betrag")
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        return Decimal(value)
    raise TypeError("Betrag")


def _german_money(value) -> str:
    return german_number(value if isinstance(value, int) else Decimal(value))
