"""``collect``: read every file in a folder of answers, recognise it by its content, check it, sum up per Kreis.

Each file is judged on its own and never stops the run:

- unreadable, oversized, a zip bomb, another format (xls, CSV, ods …): refused;
- macro-enabled (.xlsm, or a VBA part under any name): refused, though it is
  still said which Kreis it claims to be;
- no Vorgangsnummer, or one not in the Versandliste: not one we issued;
- a cell outside the input cells that differs from what was issued (an amount,
  a count, the key): reported with the cell and both values when the issued
  file lies beside the Versandliste, else with the sheet; without a
  Versandliste the file's own Prüfwert is the reference;
- a file name that names another Kreis than its content: reported, the
  content counts;
- the same Kreis in several files: reported; equal answers count once.

The Rückmeldung's values are taken as typed; a count that is not a whole
number from 0, an unclear Bestätigung or an e-mail without "@" is reported
so that someone asks back, and the value is shown as it came.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from ..inputs import CellRef
from ..kreise import all_kreise
from ..number_text import parse_number_text
from ..table.templates import fill
from .fingerprint import changes, sheet_cells, sheet_digest, shown, workbook_digest
from .identity import issued_key_in_name, parse_issue_number
from .manifest import IssuedFile, Manifest, ManifestError, read_manifest
from .returned import RETURN_LIMITS, ReturnedFile, read_returned
from .wording import words
from .writer import parse_input_cells
from ..os_errors import german_os_reason

MAX_CELLS_NAMED = 10  # per sheet; more changed cells are counted, not listed
TEXT_FIELDS = ("ansprechperson", "email", "telefon", "bemerkungen")


class CollectError(Exception):
    """The folder or the Versandliste cannot be used at all; German message."""


@dataclass(frozen=True)
class FileProblem:
    file: str
    kind: str  # key of [uebersicht.arten] in the template
    message: str
    kreis: str = ""  # "08121 Heilbronn (Stadtkreis)" when the content says which
    key: str = ""  # its Kreisschlüssel, then

    @property
    def rejects(self) -> bool:
        return self.kind in ("unlesbar", "dateityp", "makros", "fremd")


@dataclass
class Answer:
    """What one file says, for one Kreis."""

    file: str
    key: str
    issue_number: str
    sha256: str
    confirmed: str = ""  # "ja" | "nein" | "" (empty) | anything else typed
    texts: dict[str, str] = field(default_factory=dict)  # ansprechperson, email, telefon, bemerkungen
    counts: dict[int, object] = field(default_factory=dict)  # year -> int, or the text typed
    shown_counts: dict[int, int] = field(default_factory=dict)  # the ministry's counts as the file shows them
    tampered: bool = False
    filled_on: date | None = None  # the day the Kreis saved its answer (None: not saved since it was issued)

    def same_answer(self, other: Answer) -> bool:
        return (self.confirmed, self.texts, self.counts) == (other.confirmed, other.texts, other.counts)


@dataclass(frozen=True)
class KreisRow:
    key: str
    name: str
    kind: str
    region: str
    status: str  # key of the status words: eingegangen | fehlt | mehrfach | doppelt | abgelehnt
    answer: Answer | None
    files: tuple[str, ...]
    issued_counts: dict[int, int]
    problems: bool

    @property
    def label(self) -> str:
        return f"{self.name} ({self.kind})"


@dataclass(frozen=True)
class Collection:
    directory: Path
    manifest: Manifest | None
    year: int | None
    stand: date | None
    rows: tuple[KreisRow, ...]  # one per Kreis
    problems: tuple[FileProblem, ...]  # in file name order
    files: tuple[str, ...]  # every file looked at
    reply_deadline: date | None = None  # Rückmeldefrist from the Versandliste (else from the answers)
    today: date | None = None  # the day of the run, for the days left

    def days_late(self, row: KreisRow) -> int | None:
        """Days after the deadline the Kreis saved its answer; 0 in time; None without deadline or date."""
        if self.reply_deadline is None or row.answer is None or row.answer.filled_on is None:
            return None
        return max(0, (row.answer.filled_on - self.reply_deadline).days)

    @property
    def days_left(self) -> int | None:
        """Days until the deadline (0 on the day itself, negative after it); None without deadline."""
        if self.reply_deadline is None or self.today is None:
            return None
        return (self.reply_deadline - self.today).days

    @property
    def late(self) -> tuple[KreisRow, ...]:
        return tuple(row for row in self.rows if (self.days_late(row) or 0) > 0)

    @property
    def answered(self) -> int:
        return sum(1 for row in self.rows if row.answer is not None or row.status == "mehrfach")

    @property
    def confirmed(self) -> int:
        return sum(1 for row in self.rows if row.answer is not None and row.answer.confirmed == _yes())

    @property
    def missing(self) -> int:
        return sum(1 for row in self.rows if row.status in ("fehlt", "abgelehnt"))

    @property
    def files_with_problems(self) -> int:
        return len({problem.file for problem in self.problems})


def collect(
    directory: str | os.PathLike,
    *,
    issued: str | os.PathLike | None = None,
    progress: Callable[[str], None] = lambda message: None,
    today: date | None = None,
) -> Collection:
    """Read every file in ``directory`` (not its subfolders) and check it; nothing is written.

    ``today``: the day the days left are counted from (default: the clock's).
    ``issued``: the Versandliste.json written by ``share``. Raises CollectError
    if the folder or the Versandliste cannot be used; a bad file never raises.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise CollectError(f"{directory} ist kein Ordner (erwartet: der Ordner mit den zurückgesandten Dateien).")
    manifest = None
    manifest_path = Path(issued) if issued is not None else None
    if manifest_path is not None:
        try:
            manifest = read_manifest(manifest_path)
        except ManifestError as error:
            raise CollectError(str(error)) from None
    own_names = {f"{words()['dateien']['versandliste']}.{suffix}" for suffix in ("json", "csv")}
    try:
        entries = sorted(directory.iterdir(), key=lambda path: path.name)
    except OSError as error:
        raise CollectError(f"Der Ordner {directory} kann nicht gelesen werden ({german_os_reason(error)}).") from None

    checker = _Checker(manifest, manifest_path)
    problems: list[FileProblem] = []
    answers: list[Answer] = []
    rejected_keys: dict[str, list[str]] = {}
    looked_at = []
    for number, path in enumerate(entries, start=1):
        if path.name in own_names:
            continue
        looked_at.append(path.name)
        if path.is_dir():
            problems.append(FileProblem(path.name, "ordner", _kinds_text("ordner_text")))
            continue
        progress(f"Prüfe {number}/{len(entries)}: {path.name}")
        answer, found = checker.examine(read_returned(path, RETURN_LIMITS))
        problems.extend(found)
        if answer is not None:
            answers.append(answer)
        else:
            key = next((p.key for p in found if p.key), "")
            if key:
                rejected_keys.setdefault(key, []).append(path.name)

    rows, double = _rows(checker, answers, rejected_keys, problems)
    problems.extend(double)
    year = manifest.year if manifest else checker.year
    stand = manifest.stand if manifest else checker.stand
    problems.sort(key=lambda problem: problem.file)
    return Collection(
        directory=directory,
        manifest=manifest,
        year=year,
        stand=stand,
        rows=rows,
        problems=tuple(problems),
        files=tuple(looked_at),
        reply_deadline=manifest.reply_deadline if manifest else checker.reply_deadline,
        today=today or date.today(),
    )


class _Checker:
    def __init__(self, manifest: Manifest | None, manifest_path: Path | None) -> None:
        self.manifest = manifest
        self.issued = manifest.by_issue_number() if manifest else {}
        self.originals_dir = manifest_path.parent if manifest_path else None
        self._originals: dict[str, dict[str, dict[str, str]] | None] = {}
        self.year: int | None = None
        self.stand: date | None = None
        self.reply_deadline: date | None = None
        self.names = words()["kennung"]
        self.known_keys = {k.key for k in all_kreise()}

    # --- one file ------------------------------------------------------------------------------

    def examine(self, file: ReturnedFile) -> tuple[Answer | None, list[FileProblem]]:
        name = file.name
        if file.refusal is not None:
            return None, [FileProblem(name, file.refusal.kind, file.refusal.message)]
        number, contradiction = self._issue_number(file)
        if number is None:
            return None, [FileProblem(name, "fremd", _kinds_text("keine_kennung"))]
        if contradiction is not None:
            message = _kinds_text("kennung_widerspruch", eigenschaft=number.text, blatt=contradiction)
            return None, [FileProblem(name, "fremd", message, self._kreis_text(number.key, None), number.key)]
        entry = self.issued.get(number.text)
        if self.manifest is not None and entry is None:
            return None, [FileProblem(name, "fremd", _kinds_text("unbekannte_kennung", nummer=number.text))]
        if entry is None and number.key not in self.known_keys:
            return None, [FileProblem(name, "fremd", _kinds_text("unbekannter_kreis", schluessel=number.key))]
        kreis = self._kreis_text(number.key, entry)
        if file.has_macros:
            return None, [FileProblem(name, "makros", _kinds_text("makros_text"), kreis, number.key)]

        problems: list[FileProblem] = []
        input_cells = (
            entry.input_cells if entry else parse_input_cells(file.properties.get(self.names["eingabezellen"], ""))
        )
        if input_cells is None:
            return None, [FileProblem(name, "fremd", _kinds_text("keine_eingabezellen"), kreis, number.key)]
        if entry is None:
            self._remember_round(file)
        tampered = self._check_locked(file, entry, input_cells, kreis, problems)
        named = issued_key_in_name(name)
        if named is not None and named != number.key:
            problems.append(FileProblem(name, "dateiname", _kinds_text("dateiname_text", genannt=named), kreis))
        answer = self._answer(file, number, input_cells, kreis, problems)
        answer.tampered = tampered
        return answer, problems

    def _issue_number(self, file: ReturnedFile):
        """The Vorgangsnummer from the document properties, else from the sheet; (number, contradiction)."""
        stated = parse_issue_number(file.properties.get(self.names["vorgangsnummer"]))
        # The visible cell is covered by the Prüfwert; an office program that drops properties keeps it.
        feedback = words()["rueckmeldung"]["blatt"]
        shown_numbers = {
            number.text
            for number in map(parse_issue_number, file.cells.get(feedback, {}).values())
            if number is not None
        }
        if stated is not None:
            if shown_numbers and stated.text not in shown_numbers:
                return stated, ", ".join(sorted(shown_numbers))
            return stated, None
        if len(shown_numbers) == 1:
            return parse_issue_number(shown_numbers.pop()), None
        return None, None

    def _remember_round(self, file: ReturnedFile) -> None:
        year = file.properties.get(self.names["haushaltsjahr"], "")
        stand = file.properties.get(self.names["stand"], "")
        if self.year is None and year.isdigit():
            self.year = int(year)
        if self.stand is None:
            try:
                self.stand = date.fromisoformat(stand)
            except ValueError:
                pass
        if self.reply_deadline is None:
            try:
                self.reply_deadline = date.fromisoformat(file.properties.get(self.names["rueckmeldefrist"], ""))
            except ValueError:
                pass

    def _kreis_text(self, key: str, entry: IssuedFile | None) -> str:
        if entry is not None:
            return f"{key} {entry.label}"
        kreis = next((k for k in all_kreise() if k.key == key), None)
        return f"{key} {kreis.label}" if kreis else key

    def _check_locked(
        self, file: ReturnedFile, entry: IssuedFile | None, input_cells: dict[str, str], kreis: str, problems
    ) -> bool:
        inputs_by_sheet: dict[str, set[str]] = {}
        for qualified in input_cells.values():
            sheet, _, cell = qualified.rpartition("!")
            inputs_by_sheet.setdefault(sheet, set()).add(cell)
        now = {
            sheet: sheet_cells(file.cells.get(sheet, {}).items(), inputs_by_sheet.get(sheet, ()))
            for sheet in file.sheet_names
        }
        digests = {sheet: sheet_digest(cells) for sheet, cells in now.items()}
        if entry is None:
            expected = file.properties.get(self.names["pruefwert"])
            if not expected:
                problems.append(FileProblem(file.name, "gesperrt", _kinds_text("kein_pruefwert"), kreis))
                return True
            if workbook_digest(digests) != expected:
                problems.append(FileProblem(file.name, "gesperrt", _kinds_text("pruefwert_falsch"), kreis))
                return True
            return False

        tampered = False
        for sheet in entry.sheet_digests:
            if sheet not in digests:
                problems.append(FileProblem(file.name, "gesperrt", _kinds_text("blatt_fehlt", blatt=sheet), kreis))
                tampered = True
        for sheet in file.sheet_names:
            if sheet not in entry.sheet_digests:
                problems.append(FileProblem(file.name, "gesperrt", _kinds_text("blatt_neu", blatt=sheet), kreis))
                tampered = True
        for sheet, expected in entry.sheet_digests.items():
            if sheet not in digests or digests[sheet] == expected:
                continue
            tampered = True
            original = self._original(entry)
            if original is None or sheet not in original:
                problems.append(FileProblem(file.name, "gesperrt", _kinds_text("blatt_geaendert", blatt=sheet), kreis))
                continue
            changed = changes(original[sheet], now[sheet])
            for change in changed[:MAX_CELLS_NAMED]:
                problems.append(
                    FileProblem(
                        file.name,
                        "gesperrt",
                        _kinds_text(
                            "zelle_geaendert",
                            zelle=_cell_ref(sheet, change.coordinate),
                            vorher=shown(change.issued),
                            jetzt=shown(change.now),
                        ),
                        kreis,
                    )
                )
            if len(changed) > MAX_CELLS_NAMED:
                problems.append(
                    FileProblem(
                        file.name,
                        "gesperrt",
                        _kinds_text("weitere_zellen", anzahl=len(changed) - MAX_CELLS_NAMED, blatt=sheet),
                        kreis,
                    )
                )
        return tampered

    def _original(self, entry: IssuedFile) -> dict[str, dict[str, str]] | None:
        """The issued file's locked cells, if it still lies beside the Versandliste unchanged."""
        if entry.issue_number in self._originals:
            return self._originals[entry.issue_number]
        cells = None
        if self.originals_dir is not None:
            original = read_returned(self.originals_dir / entry.file_name)
            if original.readable and original.sha256 == entry.sha256:
                inputs: dict[str, set[str]] = {}
                for qualified in entry.input_cells.values():
                    sheet, _, cell = qualified.rpartition("!")
                    inputs.setdefault(sheet, set()).add(cell)
                cells = {
                    sheet: sheet_cells(original.cells.get(sheet, {}).items(), inputs.get(sheet, ()))
                    for sheet in original.sheet_names
                }
        self._originals[entry.issue_number] = cells
        return cells

    def _answer(self, file: ReturnedFile, number, input_cells: dict[str, str], kreis: str, problems) -> Answer:
        answer = Answer(file=file.name, key=number.key, issue_number=number.text, sha256=file.sha256 or "")
        issued_on = self.manifest.stand if self.manifest else self.stand
        # Our own files carry the Stand as their saving date: a later one is the Kreis's.
        if file.saved_on is not None and (issued_on is None or file.saved_on > issued_on):
            answer.filled_on = file.saved_on

        def value(field_name: str):
            qualified = input_cells.get(field_name)
            if qualified is None:
                return None
            sheet, _, cell = qualified.rpartition("!")
            return file.cells.get(sheet, {}).get(cell)

        yes, no = words()["rueckmeldung"]["auswahl_bestaetigung"][:2]
        confirmed = _text(value("bestaetigung"))
        if confirmed.casefold() in (yes.casefold(), no.casefold()):
            confirmed = confirmed.casefold()
        elif confirmed:
            problems.append(FileProblem(file.name, "angabe", _kinds_text("bestaetigung_unklar", wert=confirmed), kreis))
        answer.confirmed = confirmed
        for name in TEXT_FIELDS:
            text = _text(value(name))
            if text:
                answer.texts[name] = text
        email = answer.texts.get("email", "")
        if email and "@" not in email:
            problems.append(FileProblem(file.name, "angabe", _kinds_text("email_unklar", wert=email), kreis))
        for name in sorted(input_cells):
            if not name.startswith("zuweisungen_"):
                continue
            year = int(name.rpartition("_")[2])
            sheet, _, coordinate = input_cells[name].rpartition("!")
            shown_count = file.cells.get(sheet, {}).get(_left_of(coordinate))
            if isinstance(shown_count, int) and not isinstance(shown_count, bool):
                answer.shown_counts[year] = shown_count
            raw = value(name)
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                continue
            count = _count(raw)
            if count is None:
                problems.append(
                    FileProblem(
                        file.name,
                        "angabe",
                        _kinds_text("anzahl_unklar", jahr=year, wert=_text(raw), zelle=input_cells[name]),
                        kreis,
                    )
                )
                answer.counts[year] = _text(raw)
            else:
                answer.counts[year] = count
        return answer


# --- per Kreis ----------------------------------------------------------------------------------


def _rows(
    checker: _Checker, answers: list[Answer], rejected_keys, problems
) -> tuple[tuple[KreisRow, ...], list[FileProblem]]:
    manifest = checker.manifest
    if manifest is not None:
        kreise = [(e.key, e.name, e.kind, e.region, dict(e.counts)) for e in manifest.files]
    else:
        kreise = [(k.key, k.name, k.kind, k.region, {}) for k in all_kreise()]
    by_key: dict[str, list[Answer]] = {}
    for answer in answers:
        by_key.setdefault(answer.key, []).append(answer)
    files_with_problems = {problem.file for problem in problems if problem.kind not in ("dateiname",)}
    double: list[FileProblem] = []
    rows = []
    for key, name, kind, region, issued_counts in kreise:
        found = by_key.get(key, [])
        files = tuple(a.file for a in found) or tuple(rejected_keys.get(key, ()))
        answer = None
        if not found:
            status = "abgelehnt" if key in rejected_keys else "fehlt"
        elif len(found) == 1:
            status, answer = "eingegangen", found[0]
        elif all(a.same_answer(found[0]) for a in found[1:]):
            status, answer = "doppelt", found[0]
            for a in found:
                double.append(
                    FileProblem(
                        a.file,
                        "doppelt",
                        _kinds_text("doppelt_gleich", dateien=_files_text(found)),
                        f"{key} {name} ({kind})",
                    )
                )
        else:
            status = "mehrfach"
            for a in found:
                double.append(
                    FileProblem(
                        a.file,
                        "doppelt",
                        _kinds_text("doppelt_verschieden", dateien=_files_text(found)),
                        f"{key} {name} ({kind})",
                    )
                )
        if not issued_counts and answer is not None and not answer.tampered:
            # Without a Versandliste the unchanged file itself says what the ministry's counts were.
            issued_counts = dict(answer.shown_counts)
        rows.append(
            KreisRow(
                key=key,
                name=name,
                kind=kind,
                region=region,
                status=status,
                answer=answer,
                files=files,
                issued_counts=issued_counts,
                problems=any(f in files_with_problems for f in files) or status == "mehrfach",
            )
        )
    return tuple(rows), double


# --- small helpers ------------------------------------------------------------------------------


def _left_of(coordinate: str) -> str:
    """``"C22"`` -> ``"B22"``: where the Rückmeldung shows the ministry's value beside an input cell."""
    letters = coordinate.rstrip("0123456789")
    column = 0
    for letter in letters.upper():
        column = column * 26 + ord(letter) - 64
    column -= 1
    name = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        name = chr(65 + rest) + name
    return name + coordinate[len(letters) :]


def _yes() -> str:
    return words()["rueckmeldung"]["auswahl_bestaetigung"][0].casefold()


def _kinds_text(name: str, **values) -> str:
    return fill(words()["pruefung"][name], **values)


def _files_text(answers: list[Answer]) -> str:
    return ", ".join(a.file for a in answers)


def _cell_ref(sheet: str, coordinate: str) -> str:
    return str(CellRef(sheet, coordinate))


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _count(value) -> int | None:
    """A whole count from 0, typed as a number or as text ("1.234", "1234"); None if it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, float):
        return int(value) if value.is_integer() and value >= 0 else None
    if isinstance(value, str):
        try:
            number = parse_number_text(value)
        except ValueError:
            return None
        if number >= 0 and number == number.to_integral_value():
            return int(number)
    if isinstance(value, Decimal):
        return int(value) if value >= 0 and value == value.to_integral_value() else None
    return None
