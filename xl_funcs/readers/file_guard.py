"""Before any XML parser sees a file: is it really an xlsx, and small enough to unpack safely?

A workbook is a ZIP archive of XML parts. Its size after unpacking and its
number of parts are read from the archive's directory and limited before
anything is unpacked (a "zip bomb" of a few kilobytes could otherwise unpack
to gigabytes). Python's zipfile stops at the declared size of each part and
checks its CRC, so the declared sizes bound the real work. Every part is
then unpacked once to find a truncated or damaged file early.

Other formats are recognised by their first bytes, not by the file name, and
refused with a German message saying what to do: old .xls files, files
encrypted with a password (both are OLE compound files), text files such as
CSV renamed to .xlsx, OpenDocument and binary .xlsb workbooks.

The file is read once into memory and never opened for writing.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..inputs import InputProblems, Problem
from ..os_errors import german_os_reason

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Generous for a ministry workbook (the sample is ~20 KB), small enough to unpack safely."""

    file_bytes: int = 50 * _MIB
    unpacked_bytes: int = 250 * _MIB
    members: int = 2000


DEFAULT_LIMITS = Limits()


def read_workbook_bytes(path: str | os.PathLike, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The bytes of an xlsx/xlsm file that passed every check; InputProblems naming the file otherwise."""
    label = str(path)
    try:
        if Path(path).is_dir():
            _refuse(label, "Das ist ein Ordner, keine Excel-Datei.")
        # Non-blocking, and judged by what was opened: a named pipe would otherwise wait forever for a
        # writer, a device such as /dev/zero never ends; neither can be a workbook.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
        with open(descriptor, "rb") as handle:
            status = os.fstat(descriptor)
            if not stat.S_ISREG(status.st_mode):
                _refuse(label, "Das ist keine gewöhnliche Datei (sondern z. B. eine Pipe oder ein Gerät), keine Excel-Datei.")
            if status.st_size > limits.file_bytes:
                _refuse(
                    label,
                    f"Die Datei ist zu groß ({_mib(status.st_size)}; höchstens {_mib(limits.file_bytes)} werden gelesen).",
                )
            data = handle.read(limits.file_bytes + 1)
    except FileNotFoundError:
        _refuse(label, "Die Datei gibt es nicht.")
    except PermissionError:
        _refuse(label, "Die Datei darf nicht gelesen werden (keine Leseberechtigung).")
    except OSError as error:
        _refuse(label, f"Die Datei kann nicht gelesen werden ({german_os_reason(error)}).")
    if len(data) > limits.file_bytes:
        _refuse(label, f"Die Datei ist zu groß (mehr als {_mib(limits.file_bytes)}).")
    check_workbook_bytes(data, label, limits)
    return data


def check_workbook_bytes(data: bytes, label: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Raise InputProblems unless ``data`` is an Office Open XML workbook within the limits."""
    if not data:
        _refuse(label, "Die Datei ist leer (0 Byte).")
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_STREAM in data:
            _refuse(
                label,
                "Die Datei ist mit einem Kennwort verschlüsselt und kann nicht gelesen werden. Bitte in Excel "
                "öffnen, das Kennwort entfernen (Datei > Informationen > Arbeitsmappe schützen > Mit Kennwort "
                "verschlüsseln) und als .xlsx speichern.",
            )
        _refuse(
            label,
            "Die Datei ist im alten Excel-Format (.xls) oder einem anderen Binärformat gespeichert. Bitte in Excel "
            "öffnen und als „Excel-Arbeitsmappe (*.xlsx)“ speichern.",
        )
    if not data.startswith(_ZIP_MAGICS):
        for magic, kind in _OTHER_FORMATS:
            if data.startswith(magic):
                _refuse(label, f"Die Datei ist {kind}, keine Excel-Arbeitsmappe{_despite_name(label)}.")
        if b"\x00" not in data[:4096]:
            _refuse(
                label,
                f"Die Datei ist {_text_kind(label, data)}, keine Excel-Arbeitsmappe{_despite_name(label)}. "
                "Bitte in Excel öffnen und als „Excel-Arbeitsmappe (*.xlsx)“ speichern.",
            )
        _refuse(label, f"Die Datei ist keine Excel-Arbeitsmappe (.xlsx); ihr Format ist unbekannt{_despite_name(label)}.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, EOFError, ValueError):
        _refuse(label, _DAMAGED)
    with archive:
        members = archive.infolist()
        if len(members) > limits.members:
            _refuse(
                label,
                f"Die Datei besteht aus {len(members)} Teilen (höchstens {limits.members}); sie wird aus "
                "Sicherheitsgründen nicht geöffnet.",
            )
        unpacked = sum(member.file_size for member in members)
        if unpacked > limits.unpacked_bytes:
            _refuse(
                label,
                f"Die Datei wäre entpackt {_mib(unpacked)} groß (höchstens {_mib(limits.unpacked_bytes)}); "
                "sie wird aus Sicherheitsgründen nicht geöffnet (möglicherweise eine „ZIP-Bombe“).",
            )
        names = {member.filename for member in members}
        _check_kind(label, archive, names)
        try:
            damaged = archive.testzip()
        except Exception:  # BadZipFile, zlib.error, EOFError …: any failure to unpack means a damaged file
            damaged = "?"
        if damaged is not None:
            _refuse(label, _DAMAGED)


_DAMAGED = (
    "Die Datei ist beschädigt oder unvollständig (das ZIP-Archiv einer .xlsx-Datei lässt sich nicht lesen). "
    "Bitte die Datei erneut speichern oder erneut herunterladen."
)


def _check_kind(label: str, archive: zipfile.ZipFile, names: set[str]) -> None:
    if "mimetype" in names:
        mimetype = archive.read("mimetype")[:100]
        if b"opendocument.spreadsheet" in mimetype:
            _refuse(
                label,
                "Die Datei ist eine OpenDocument-Tabelle (.ods). Bitte als „Excel-Arbeitsmappe (*.xlsx)“ speichern.",
            )
        _refuse(label, "Die Datei ist ein OpenDocument-Dokument, keine Excel-Arbeitsmappe.")
    # Part names as OPC compares them: some producers write backslashes, a leading slash or another case.
    parts = {name.replace("\\", "/").lstrip("/").casefold(): name for name in names}
    if "xl/workbook.bin" in parts:
        _refuse(
            label,
            "Die Datei ist eine Excel-Binärarbeitsmappe (.xlsb). Bitte als „Excel-Arbeitsmappe (*.xlsx)“ speichern.",
        )
    content_types = parts.get("[content_types].xml")
    if content_types is None or not (
        any(name.startswith("xl/") for name in parts) or _declares_a_workbook(archive, content_types)
    ):
        if any(name.startswith("word/") for name in parts):
            _refuse(label, "Die Datei ist ein Word-Dokument, keine Excel-Arbeitsmappe.")
        _refuse(label, "Die Datei ist ein ZIP-Archiv, aber keine Excel-Arbeitsmappe (.xlsx).")


_WORKBOOK_TYPES = (b"spreadsheetml.sheet.main+xml", b"sheet.macroEnabled.main+xml", b"spreadsheetml.template.main+xml")


def _declares_a_workbook(archive: zipfile.ZipFile, content_types: str) -> bool:
    """A workbook part outside xl/ (allowed by OPC) is still declared as one in [Content_Types].xml."""
    try:
        with archive.open(content_types) as handle:
            declared = handle.read(_MIB)
    except Exception:  # damaged: testzip below says so
        return True
    return any(kind in declared for kind in _WORKBOOK_TYPES)


# Formats recognised by their first bytes, named by what they are.
_OTHER_FORMATS = (
    (b"%PDF-", "ein PDF-Dokument"),
    (b"\x89PNG", "ein Bild (PNG)"),
    (b"\xff\xd8\xff", "ein Bild (JPEG)"),
    (b"{\\rtf", "ein RTF-Textdokument"),
)


def _despite_name(label: str) -> str:
    """Only a file whose name claims to be a workbook is told that its name misleads."""
    suffix = Path(label).suffix.lower()
    return f", auch wenn ihr Name auf {suffix} endet" if suffix in (".xlsx", ".xlsm", ".xls") else ""


def _text_kind(label: str, data: bytes) -> str:
    """What a text file is, by its name and its first lines: CSV, HTML/XML, JSON or plain text."""
    start = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    lines = [line for line in start.splitlines()[:5] if line.strip()]
    suffix = Path(label).suffix.lower()
    if start.startswith(b"<"):
        return "eine HTML- oder XML-Datei (Text)"
    if start.startswith((b"{", b"[")) and suffix == ".json":
        return "eine JSON-Datei (Text)"
    separated = len(lines) > 1 and any(
        lines[0].count(sep) and all(line.count(sep) == lines[0].count(sep) for line in lines) for sep in (b";", b",", b"\t")
    )
    if suffix == ".csv" or separated:
        return "eine CSV-Datei (Text mit Trennzeichen)"
    return "eine Textdatei"


def _refuse(label: str, message: str):
    raise InputProblems([Problem(message, file=label)])


def _mib(size: int) -> str:
    megabytes = size / _MIB
    shown = f"{megabytes:.1f}".replace(".", ",") if megabytes < 100 else f"{megabytes:,.0f}".replace(",", ".")
    return f"{shown} MB"
