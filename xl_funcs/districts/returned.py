"""One file that came back from outside, read safely: its cells, its document properties, or why not.

Before any XML parser sees the file, ``readers.file_guard`` checks that it
is an Office Open XML workbook and small enough to unpack (size, uncompressed
size and number of parts, with lower limits than for the ministry's own
workbook). XML is parsed with defusedxml: openpyxl uses it when it is
installed (a dependency of this project), and the document properties are
read with it directly. A macro-enabled workbook is recognised by its parts,
not its name. Nothing from the file is executed; the file is only read.

This module says what the file holds; ``collecting`` decides what that means.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree

from ..inputs import InputProblems
from ..readers.file_guard import Limits, check_workbook_bytes
from ..os_errors import german_os_reason

_MIB = 1024 * 1024
# A Kreis workbook is about 20 KB; an answer is text in a few cells.
RETURN_LIMITS = Limits(file_bytes=10 * _MIB, unpacked_bytes=50 * _MIB, members=500)

_CUSTOM = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
_MODIFIED = "{http://purl.org/dc/terms/}modified"
_MACRO_PARTS = ("xl/vbaProject.bin", "xl/vbaProjectSignature.bin")
_MACRO_SUFFIXES = (".xlsm", ".xltm", ".xlam")


@dataclass(frozen=True)
class Refusal:
    kind: str  # "unlesbar" | "dateityp"
    message: str


@dataclass
class ReturnedFile:
    path: Path
    size: int = 0
    sha256: str | None = None
    refusal: Refusal | None = None
    has_macros: bool = False
    properties: dict[str, str] = field(default_factory=dict)
    sheet_names: list[str] = field(default_factory=list)
    cells: dict[str, dict[str, object]] = field(default_factory=dict)  # sheet -> coordinate -> value
    saved_on: date | None = None  # when it was last saved, as Excel and LibreOffice record it (docProps/core.xml)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def readable(self) -> bool:
        return self.refusal is None


def read_returned(path: str | os.PathLike, limits: Limits = RETURN_LIMITS) -> ReturnedFile:
    path = Path(path)
    found = ReturnedFile(path=path)
    try:
        # Non-blocking and judged by what was opened: a named pipe would wait forever, a device never ends.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
        with open(descriptor, "rb") as handle:
            status = os.fstat(descriptor)
            if not stat.S_ISREG(status.st_mode):
                found.refusal = Refusal("dateityp", "Das ist keine gewöhnliche Datei (z. B. eine Pipe oder ein Gerät).")
                return found
            found.size = status.st_size
            if found.size > limits.file_bytes:
                found.refusal = Refusal(
                    "unlesbar",
                    f"Die Datei ist zu groß ({_mib(found.size)}; angenommen werden höchstens "
                    f"{_mib(limits.file_bytes)}).",
                )
                return found
            data = handle.read(limits.file_bytes + 1)
    except OSError as error:
        found.refusal = Refusal("unlesbar", f"Die Datei kann nicht gelesen werden ({german_os_reason(error)}).")
        return found
    if len(data) > limits.file_bytes:
        found.refusal = Refusal("unlesbar", f"Die Datei ist zu groß (mehr als {_mib(limits.file_bytes)}).")
        return found
    found.sha256 = hashlib.sha256(data).hexdigest()
    try:
        check_workbook_bytes(data, path.name, limits)
    except InputProblems as problems:
        found.refusal = Refusal(_refusal_kind(data), " ".join(p.message for p in problems.problems))
        return found

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        content_types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
        found.has_macros = (
            any(part in names for part in _MACRO_PARTS)
            or b"macroEnabled" in content_types
            or path.suffix.lower() in _MACRO_SUFFIXES
        )
        try:
            if "docProps/custom.xml" in names:
                found.properties = _custom_properties(archive.read("docProps/custom.xml"))
            if "docProps/core.xml" in names:
                found.saved_on = _saved_on(archive.read("docProps/core.xml"))
        except DefusedXmlException:
            found.refusal = Refusal("unlesbar", HOSTILE)
            return found
        except Exception:  # noqa: BLE001  any other failure to parse: the properties are unreadable
            found.refusal = Refusal("unlesbar", "Die Dokumenteigenschaften der Datei sind beschädigt.")
            return found
    try:
        found.sheet_names, found.cells = _cells(data)
    except Exception as error:  # noqa: BLE001  openpyxl raises many kinds for broken or hostile XML
        found.refusal = Refusal("unlesbar", HOSTILE if _defused(error) else UNREADABLE.format(type(error).__name__))
    return found


HOSTILE = (
    "Die Datei enthält XML mit Entitäten oder Verweisen nach außen (wie eine „XML-Bombe“); "
    "sie wird aus Sicherheitsgründen nicht gelesen."
)
UNREADABLE = "Die Arbeitsmappe lässt sich nicht lesen ({}); bitte neu speichern lassen."


def _defused(error: BaseException) -> bool:
    """Whether defusedxml refused the XML somewhere in the chain (openpyxl wraps it in a ValueError)."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, DefusedXmlException):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def _cells(data: bytes) -> tuple[list[str], dict[str, dict[str, object]]]:
    import openpyxl

    # keep_links=False: external link parts are not even loaded; data_only: cached values, never formulas.
    workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True, keep_links=False)
    try:
        cells = {}
        for sheet in workbook.worksheets:
            values = {}
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.value is not None:
                        values[cell.coordinate] = cell.value
            cells[sheet.title] = values
        return list(workbook.sheetnames), cells
    finally:
        workbook.close()


def _custom_properties(xml: bytes) -> dict[str, str]:
    root = SafeElementTree.fromstring(xml)
    properties = {}
    for item in root.findall(f"{_CUSTOM}property"):
        name = item.get("name")
        value = next((child.text for child in item), None)
        if name and value is not None:
            properties[name] = value
    return properties


def _saved_on(xml: bytes) -> date | None:
    """The calendar day of dcterms:modified in Germany (Excel writes it in UTC); None if absent or unclear."""
    element = SafeElementTree.fromstring(xml).find(_MODIFIED)
    if element is None or not element.text:
        return None
    try:
        moment = datetime.fromisoformat(element.text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(_german_time()).date()


def _german_time():
    """Europe/Berlin where the time zone database is there (not always on Windows); else UTC, a day off at most."""
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Europe/Berlin")
    except Exception:  # noqa: BLE001  ZoneInfoNotFoundError, or no tzdata at all
        return timezone.utc


def _refusal_kind(data: bytes) -> str:
    """Another format (xls, CSV, ods, xlsb, a plain ZIP) or a damaged/oversized xlsx."""
    if not data:
        return "unlesbar"
    if not data.startswith(b"PK"):
        return "dateityp"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, EOFError, ValueError, OSError):
        return "unlesbar"
    if "mimetype" in names or "xl/workbook.bin" in names or not any(n.startswith("xl/") for n in names):
        return "dateityp"
    return "unlesbar"


def _mib(size: int) -> str:
    return f"{size / _MIB:.1f} MB".replace(".", ",")
