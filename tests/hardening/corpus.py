"""The corpus of bad inputs: every way a workbook or a file can be wrong that the hardening tests run.

Built by code, so that it grows by one line: the reader tests' one-change
workbooks (``tests/readers/test_bad_workbooks.CASES``, reused, not copied),
more one-change workbooks below, and files that are not a readable workbook
at all. Each case makes its file in a folder and says where the German message
must point: a sheet and cell (``Zuweisungen!G5``) or, for a problem of the
whole file, the file itself.
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

from xl_funcs.readers import bundled_workbook_path
from xl_funcs.readers.file_guard import DEFAULT_LIMITS

from ..readers.test_bad_workbooks import CASES as READER_CASES
from ..readers.test_bad_workbooks import (
    STUTTGART,
    _with_saved_result,
    set_cell,
    set_parameter,
)
from ..readers.test_file_failures import _zip_declaring, ole_file
from ..readers.workbooks import (
    COUNT,
    KEYS,
    changed,
    parameter_cell,
    patch_member,
    row_of,
)

FILE_NAME = "geaendert.xlsx"
HUGE_BYTES = 400 * 1024 * 1024  # "several hundred megabytes", sparse: costs no disk space


@dataclass(frozen=True)
class BadInput:
    id: str
    make: Callable[[Path], Path]  # writes the bad file into the folder, returns its path
    place: str | None  # "Blatt!Zelle" the message must name; None: the message names the file
    fragment: str  # part of the German message
    kind: str  # "zelle": one wrong thing in a workbook; "datei": not a readable workbook at all


def _from_change(change) -> Callable[[Path], Path]:
    return lambda folder: changed(folder, change, FILE_NAME)


def _writing(data_of: Callable[[], bytes], name: str = FILE_NAME) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data_of())
        return path

    return make


def _sample() -> bytes:
    return bundled_workbook_path().read_bytes()


# -- more one-change workbooks ------------------------------------------------------------------


def _delete_table(workbook):
    del workbook["Zuweisungen"].tables["Kreise"]


def _delete_parameter_sheet(workbook):
    del workbook["Parameter"]


def _swap_names_across_regions(workbook):
    sheet = workbook["Zuweisungen"]
    a, b = row_of("08111"), row_of("08437")
    sheet[f"B{a}"], sheet[f"B{b}"] = "Sigmaringen", "Stuttgart"


def _key_with_no_break_space(workbook):
    workbook["Zuweisungen"][f"A{STUTTGART}"] = "08111\u00a0"


def _all_counts_zero_every_year(workbook):
    for key in KEYS:
        for column in COUNT.values():
            workbook["Zuweisungen"][f"{column}{row_of(key)}"] = 0


def _saved_error(folder: Path) -> Path:
    cell = f"{COUNT[2023]}{STUTTGART}"
    return _with_saved_result(folder, cell, "F5/0", ' t="e"><f>F5/0</f><v>#DIV/0!</v></c>')


def _saved_name_error(folder: Path) -> Path:
    cell = f"{COUNT[2024]}{STUTTGART}"
    return _with_saved_result(folder, cell, "ZUWEISUNG(F5)", ' t="e"><f>ZUWEISUNG(F5)</f><v>#NAME?</v></c>')


MORE_CELL_CASES = [
    BadInput("tabelle fehlt ganz", _from_change(_delete_table), None, "Die Tabelle „Kreise“ fehlt", "zelle"),
    BadInput("blatt parameter fehlt", _from_change(_delete_parameter_sheet), None, "Der Name „Budget“", "zelle"),
    BadInput(
        "namen über bezirke vertauscht",
        _from_change(_swap_names_across_regions),
        "Zuweisungen!B5",
        "Zum Kreisschlüssel 08111 gehört „Stuttgart“",
        "zelle",
    ),
    BadInput(
        "schlüssel mit geschütztem leerzeichen",
        _from_change(_key_with_no_break_space),
        "Zuweisungen!A5",
        "enthält Leerzeichen",
        "zelle",
    ),
    BadInput(
        "anzahl mit einheit",
        _from_change(set_cell(f"G{STUTTGART}", "500 Personen")),
        "Zuweisungen!G5",
        "„500 Personen“ ist keine Zahl",
        "zelle",
    ),
    BadInput(
        "anzahl mit 16 stellen als text",
        _from_change(set_cell(f"G{STUTTGART}", "1234567890123456")),
        "Zuweisungen!G5",
        "mehr als 15 Stellen",
        "zelle",
    ),
    BadInput(
        "alle anzahlen null in allen jahren",
        _from_change(_all_counts_zero_every_year),
        "Zuweisungen!F5:H48",
        "sind 0",
        "zelle",
    ),
    BadInput(
        "budget mit cent als text",
        _from_change(set_parameter("Budget", "58.000.000,50")),
        f"Parameter!{parameter_cell('Budget')}",
        "bei der Einheit 1 € sind keine Cent möglich",
        "zelle",
    ),
    BadInput(
        "einheit negativ",
        _from_change(set_parameter("Einheit", -1)),
        f"Parameter!{parameter_cell('Einheit')}",
        "Die Einheit muss größer als 0 sein",
        "zelle",
    ),
    BadInput(
        "haushaltsjahr text",
        _from_change(set_parameter("Haushaltsjahr", "nächstes Jahr")),
        f"Parameter!{parameter_cell('Haushaltsjahr')}",
        "„nächstes Jahr“",
        "zelle",
    ),
    BadInput("anzahl formel mit gespeichertem #DIV/0!", _saved_error, "Zuweisungen!G5", "Fehlerwert #DIV/0!", "zelle"),
    BadInput(
        "anzahl formel mit gespeichertem #NAME?", _saved_name_error, "Zuweisungen!H5", "Fehlerwert #NAME?", "zelle"
    ),
]


# -- files that are not a readable workbook -------------------------------------------------------


def _empty_workbook(folder: Path) -> Path:
    path = folder / FILE_NAME
    Workbook().save(path)
    return path


def _csv_renamed() -> bytes:
    return "Kreisschlüssel;Stadt-/Landkreis;Zuweisungen 2024\r\n08111;Stuttgart;1547\r\n".encode("utf-8-sig")


def _truncated(fraction: float) -> Callable[[], bytes]:
    return lambda: _sample()[: int(len(_sample()) * fraction)]


def _damaged_part() -> bytes:
    data = bytearray(_sample())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        member = archive.getinfo("xl/workbook.xml")
    start = member.header_offset + 30 + len(member.filename) + len(member.extra)
    data[start + 10 : start + 20] = b"\xff" * 10
    return bytes(data)


_BOMB_UNPACKED = 300 * 1024 * 1024
_bomb_cache: dict[str, bytes] = {}


def zip_bomb(declared: int | None = None) -> bytes:
    """A real zip bomb: a sheet part of 300 MB of zeros packed into about 300 KB (made once, in chunks).

    ``declared`` rewrites the size the archive states for that part: a bomb that lies about its size.
    """
    if "bomb" not in _bomb_cache:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("xl/workbook.xml", "<workbook/>")
            part_info = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
            part_info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(part_info, "w") as part:
                chunk = bytes(1024 * 1024)
                for _ in range(_BOMB_UNPACKED // len(chunk)):
                    part.write(chunk)
        _bomb_cache["bomb"] = buffer.getvalue()
    data = bytearray(_bomb_cache["bomb"])
    if declared is not None:
        for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # local header, directory entry
            at = data.rfind(signature)
            data[at + offset : at + offset + 4] = struct.pack("<I", declared)
    return bytes(data)


def _patched(folder: Path, member: str, edit) -> Path:
    """The sample workbook with one XML part rewritten; fails loudly if the edit changed nothing."""
    path = folder / FILE_NAME
    path.write_bytes(_sample())

    def checked(text: str) -> str:
        new = edit(text)
        assert new != text, f"edit of {member} changed nothing"
        return new

    with zipfile.ZipFile(path) as archive:
        assert member in archive.namelist(), member
    return patch_member(path, member, checked)


def _xml_entity_bomb(folder: Path) -> Path:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>'
    )
    return _patched(
        folder, "xl/workbook.xml", lambda text: bomb + text.split("?>", 1)[-1].replace("<sheets>", "<sheets>&lol4;", 1)
    )


def _external_entity(folder: Path) -> Path:
    """XXE: the Kreise sheet asks the parser to read another file of the machine into a cell."""
    doctype = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY geheim SYSTEM "file:///etc/passwd">]>'
    member = "xl/worksheets/sheet3.xml"  # Zuweisungen in the sample
    return _patched(folder, member, lambda text: doctype + text.split("?>", 1)[-1].replace("<t>", "<t>&geheim;", 1))


def _malformed_xml(folder: Path) -> Path:
    return _patched(folder, "xl/workbook.xml", lambda text: text[: len(text) // 2])


def _many_parts() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for index in range(DEFAULT_LIMITS.members + 1):
            archive.writestr(f"xl/teil{index}.xml", "")
    return buffer.getvalue()


def _zip_of(members: dict[str, str]) -> Callable[[], bytes]:
    def data() -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, text in members.items():
                archive.writestr(name, text)
        return buffer.getvalue()

    return data


def huge_file(folder: Path) -> Path:
    """A file of several hundred megabytes that starts like the sample workbook (sparse: no disk space used)."""
    path = folder / FILE_NAME
    with open(path, "wb") as handle:
        handle.write(_sample())
        handle.truncate(HUGE_BYTES)
    return path


def _directory(folder: Path) -> Path:
    path = folder / FILE_NAME
    path.mkdir()
    return path


def _named_pipe(folder: Path) -> Path:
    path = folder / FILE_NAME
    os.mkfifo(path)
    return path


def _missing(folder: Path) -> Path:
    return folder / FILE_NAME


FILE_CASES = [
    BadInput("leere arbeitsmappe", _empty_workbook, None, "fehlt in der Arbeitsmappe", "datei"),
    BadInput("0 byte", _writing(lambda: b""), None, "Die Datei ist leer (0 Byte).", "datei"),
    BadInput("csv umbenannt", _writing(_csv_renamed), None, "ist eine CSV-Datei (Text mit Trennzeichen)", "datei"),
    BadInput(
        "alte xls",
        _writing(lambda: ole_file("Workbook", "\x05SummaryInformation"), "alt.xls"),
        None,
        "im alten Excel-Format (.xls)",
        "datei",
    ),
    BadInput(
        "kennwortgeschützt",
        _writing(lambda: ole_file("EncryptionInfo", "EncryptedPackage")),
        None,
        "mit einem Kennwort verschlüsselt",
        "datei",
    ),
    BadInput("abgeschnitten halb", _writing(_truncated(0.5)), None, "beschädigt oder unvollständig", "datei"),
    BadInput("abgeschnitten am ende", _writing(_truncated(0.995)), None, "beschädigt oder unvollständig", "datei"),
    BadInput("beschädigter teil", _writing(_damaged_part), None, "beschädigt oder unvollständig", "datei"),
    BadInput(
        "zip-bombe mit großer angabe", _writing(lambda: _zip_declaring(4_000_000_000)), None, "ZIP-Bombe", "datei"
    ),
    BadInput("zip-bombe echt", _writing(zip_bomb), None, "wäre entpackt 300 MB groß", "datei"),
    BadInput(
        "zip-bombe mit gelogener größe",
        _writing(lambda: zip_bomb(declared=1000)),
        None,
        "beschädigt oder unvollständig",
        "datei",
    ),
    BadInput("zu viele teile", _writing(_many_parts), None, "Teilen (höchstens 2000)", "datei"),
    BadInput("xml-entitäten-bombe", _xml_entity_bomb, None, "unzulässige XML-Konstrukte", "datei"),
    BadInput("externe xml-entität", _external_entity, None, "unzulässige XML-Konstrukte", "datei"),
    BadInput("xml kaputt", _malformed_xml, None, "beschädigt oder keine gültige Excel-Arbeitsmappe", "datei"),
    BadInput(
        "opendocument",
        _writing(_zip_of({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"})),
        None,
        "OpenDocument-Tabelle (.ods)",
        "datei",
    ),
    BadInput(
        "word-dokument",
        _writing(_zip_of({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>"})),
        None,
        "Word-Dokument",
        "datei",
    ),
    BadInput(
        "xlsb",
        _writing(_zip_of({"[Content_Types].xml": "<Types/>", "xl/workbook.bin": "x"})),
        None,
        "Excel-Binärarbeitsmappe (.xlsb)",
        "datei",
    ),
    BadInput(
        "bild",
        _writing(lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
        None,
        "ist ein Bild (PNG), keine Excel-Arbeitsmappe",
        "datei",
    ),
    BadInput(
        "riesige datei", huge_file, None, "Die Datei ist zu groß (400 MB; höchstens 50,0 MB werden gelesen)", "datei"
    ),
    BadInput("ordner", _directory, None, "Das ist ein Ordner", "datei"),
    BadInput("named pipe", _named_pipe, None, "keine gewöhnliche Datei", "datei"),
    BadInput("gibt es nicht", _missing, None, "Die Datei gibt es nicht.", "datei"),
]


def reader_cases() -> list[BadInput]:
    return [
        BadInput(name, _from_change(change), place, fragment, "zelle") for name, change, place, fragment in READER_CASES
    ]


CORPUS: list[BadInput] = reader_cases() + MORE_CELL_CASES + FILE_CASES
assert len({case.id for case in CORPUS}) == len(CORPUS), "case ids must be unique"
