"""Files as they come back from the Kreise: honest answers and every kind of bad file, made from the issued ones."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl

FEEDBACK = "Rückmeldung"


def cell(entry: dict, field: str) -> str:
    """The Rückmeldung cell of an input field, e.g. ``C16``, from the Versandliste entry."""
    return entry["eingabezellen"][field].split("!")[1]


def issued_cell(entry: dict, field: str) -> str:
    """The cell beside an input field that shows the ministry's value (column B)."""
    return "B" + re.sub(r"\D", "", cell(entry, field))


def fill_with_openpyxl(source: Path, target: Path, values: dict[tuple[str, str], object]) -> Path:
    """``values``: (sheet, cell) -> value; saved by openpyxl, as a script or another program might."""
    workbook = openpyxl.load_workbook(source)
    for (sheet, coordinate), value in values.items():
        workbook[sheet][coordinate] = value
    workbook.save(target)
    return target


def answers(entry: dict, **fields) -> dict[tuple[str, str], object]:
    """Input fields by name (``bestaetigung="ja"``, ``zuweisungen_2023=512``) -> cells of the Rückmeldung."""
    return {(FEEDBACK, cell(entry, name)): value for name, value in fields.items()}


def rewrite_zip(source: Path, target: Path, *, edit=None, add: dict[str, bytes] | None = None) -> Path:
    """Copy an xlsx member by member; ``edit(name, data) -> data`` changes parts, ``add`` adds parts."""
    out = io.BytesIO()
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if edit is not None:
                data = edit(info.filename, data)
            zout.writestr(info.filename, data)
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    target.write_bytes(out.getvalue())
    return target


def macro_enabled(source: Path, target: Path) -> Path:
    """The workbook saved as .xlsm with a VBA project part, as Excel writes one."""

    def edit(name: str, data: bytes) -> bytes:
        if name == "[Content_Types].xml":
            return data.replace(
                b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
            ).replace(
                b"</Types>", b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'
            )
        return data

    return rewrite_zip(source, target, edit=edit, add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\x00" * 508})


def with_issue_number(source: Path, target: Path, number: str) -> Path:
    """The document property Vorgangsnummer replaced (an answer to another round, or a forged one)."""

    def edit(name: str, data: bytes) -> bytes:
        if name == "docProps/custom.xml":
            return re.sub(rb"MV\d{4}-\d{5}-[0-9A-F]{8}", number.encode("ascii"), data)
        return data

    return rewrite_zip(source, target, edit=edit)


def truncated(source: Path, target: Path) -> Path:
    data = source.read_bytes()
    target.write_bytes(data[: len(data) // 2])
    return target


def zip_bomb(target: Path, unpacked_megabytes: int = 80) -> Path:
    """A small file that looks like a workbook and would unpack to ``unpacked_megabytes`` of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", b'<?xml version="1.0"?><Types/>')
        archive.writestr("xl/workbook.xml", b'<?xml version="1.0"?><workbook/>')
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (unpacked_megabytes * 1024 * 1024))
    target.write_bytes(out.getvalue())
    return target


def oversized(target: Path, megabytes: int = 11) -> Path:
    with open(target, "wb") as handle:
        handle.write(b"PK\x03\x04")
        handle.truncate(megabytes * 1024 * 1024)
    return target


def foreign_workbook(target: Path) -> Path:
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Rückmeldung Kreis"
    workbook.active["B1"] = "alles in Ordnung"
    workbook.save(target)
    return target


def copy(source: Path, target: Path) -> Path:
    shutil.copyfile(source, target)
    return target
