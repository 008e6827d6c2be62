"""Files that are not a readable xlsx: each is refused with a German message naming the file, before parsing."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest

from xl_funcs.inputs import InputProblems
from xl_funcs.readers import bundled_workbook_path, read_workbook_file
from xl_funcs.readers.file_guard import DEFAULT_LIMITS, Limits, check_workbook_bytes

from .workbooks import patch_member


def refusal(path) -> str:
    with pytest.raises(InputProblems) as caught:
        read_workbook_file(path)
    problems = caught.value.problems
    assert len(problems) == 1
    problem = problems[0]
    assert problem.file == str(path)
    assert problem.where is None
    assert str(problem).startswith(f"{path}: ")
    return problem.message


def sample_bytes() -> bytes:
    return bundled_workbook_path().read_bytes()


def ole_file(*streams: str) -> bytes:
    """The start of an OLE compound file (what .xls and password-protected .xlsx are) naming its streams."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + struct.pack("<HH", 0x3E, 3) + b"\x00" * 474
    directory = b"".join(name.encode("utf-16-le").ljust(64, b"\x00") + b"\x00" * 64 for name in ("Root Entry", *streams))
    return header + directory + b"\x00" * 1024


def test_missing_file(tmp_path):
    assert refusal(tmp_path / "gibt-es-nicht.xlsx") == "Die Datei gibt es nicht."


def test_directory(tmp_path):
    folder = tmp_path / "ordner.xlsx"
    folder.mkdir()
    assert refusal(folder) == "Das ist ein Ordner, keine Excel-Datei."


def test_empty_file(tmp_path):
    path = tmp_path / "leer.xlsx"
    path.write_bytes(b"")
    assert refusal(path) == "Die Datei ist leer (0 Byte)."


def test_csv_renamed_to_xlsx(tmp_path):
    path = tmp_path / "kreise.xlsx"
    path.write_text("Kreisschlüssel;Stadt-/Landkreis;Zuweisungen 2024\n08111;Stuttgart;1547\n", encoding="utf-8-sig")
    assert "ist eine CSV-Datei (Text mit Trennzeichen), keine Excel-Arbeitsmappe, auch wenn ihr Name auf .xlsx endet" in refusal(path)


def test_old_xls_file(tmp_path):
    path = tmp_path / "alt.xls"
    path.write_bytes(ole_file("Workbook", "\x05SummaryInformation"))
    assert "im alten Excel-Format (.xls)" in refusal(path)


def test_password_protected_file(tmp_path):
    path = tmp_path / "geschuetzt.xlsx"
    path.write_bytes(ole_file("EncryptionInfo", "EncryptedPackage"))
    message = refusal(path)
    assert "mit einem Kennwort verschlüsselt" in message
    assert "Kennwort entfernen" in message


def test_truncated_zip(tmp_path):
    data = sample_bytes()
    for cut in (len(data) // 2, len(data) - 30):
        path = tmp_path / f"abgeschnitten-{cut}.xlsx"
        path.write_bytes(data[:cut])
        assert "beschädigt oder unvollständig" in refusal(path)


def test_damaged_part_inside_the_zip(tmp_path):
    data = bytearray(sample_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        member = archive.getinfo("xl/workbook.xml")
    start = member.header_offset + 30 + len(member.filename) + len(member.extra)
    data[start + 10 : start + 20] = b"\xff" * 10  # inside the compressed data: CRC or inflate fails
    path = tmp_path / "kaputt.xlsx"
    path.write_bytes(bytes(data))
    assert "beschädigt oder unvollständig" in refusal(path)


def _zip_declaring(size: int) -> bytes:
    """A small xlsx-like zip whose directory declares a member of ``size`` bytes: what a zip bomb looks like."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * 1000)
    data = bytearray(buffer.getvalue())
    central = data.rfind(b"PK\x01\x02" + data[data.rfind(b"PK\x01\x02") + 4 : data.rfind(b"PK\x01\x02") + 4])
    # patch the uncompressed size of the last central directory entry (offset 24)
    data[central + 24 : central + 28] = struct.pack("<I", size)
    return bytes(data)


def test_zip_bomb_is_refused_before_unpacking(tmp_path):
    path = tmp_path / "bombe.xlsx"
    path.write_bytes(_zip_declaring(4_000_000_000))
    message = refusal(path)
    assert "wäre entpackt 3.815 MB groß (höchstens 250 MB)" in message
    assert "ZIP-Bombe" in message


def test_real_compressed_bomb_under_small_limits():
    zeros = io.BytesIO()
    with zipfile.ZipFile(zeros, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * 5_000_000)
    data = zeros.getvalue()
    assert len(data) < 20_000  # 5 MB of zeros pack into a few kilobytes
    with pytest.raises(InputProblems) as caught:
        check_workbook_bytes(data, "bombe.xlsx", Limits(unpacked_bytes=1_000_000))
    assert "wäre entpackt 4,8 MB groß (höchstens 1,0 MB)" in str(caught.value)


def test_too_many_parts():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for index in range(DEFAULT_LIMITS.members + 1):
            archive.writestr(f"xl/teil{index}.xml", "")
    with pytest.raises(InputProblems) as caught:
        check_workbook_bytes(buffer.getvalue(), "viele.xlsx")
    assert f"besteht aus {DEFAULT_LIMITS.members + 2} Teilen (höchstens {DEFAULT_LIMITS.members})" in str(caught.value)


def test_file_too_large(tmp_path):
    path = tmp_path / "riesig.xlsx"
    with open(path, "wb") as handle:
        handle.truncate(60 * 1024 * 1024)  # sparse: no disk space used
    assert refusal(path) == "Die Datei ist zu groß (60,0 MB; höchstens 50,0 MB werden gelesen)."


def test_opendocument_spreadsheet(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    path = tmp_path / "tabelle.xlsx"
    path.write_bytes(buffer.getvalue())
    assert "OpenDocument-Tabelle (.ods)" in refusal(path)


def test_word_document(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    path = tmp_path / "brief.xlsx"
    path.write_bytes(buffer.getvalue())
    assert refusal(path) == "Die Datei ist ein Word-Dokument, keine Excel-Arbeitsmappe."


def test_unknown_binary(tmp_path):
    path = tmp_path / "bild.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert refusal(path) == "Die Datei ist ein Bild (PNG), keine Excel-Arbeitsmappe, auch wenn ihr Name auf .xlsx endet."
    unknown = tmp_path / "daten.bin"
    unknown.write_bytes(b"\x00\x01\x02MV" + bytes(range(256)))
    assert refusal(unknown) == "Die Datei ist keine Excel-Arbeitsmappe (.xlsx); ihr Format ist unbekannt."


def test_xml_entity_bomb(tmp_path):
    path = tmp_path / "entitaeten.xlsx"
    path.write_bytes(sample_bytes())
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    )
    patch_member(path, "xl/workbook.xml", lambda text: bomb + text.split("?>", 1)[-1].replace("<sheets>", "<sheets>&lol3;", 1))
    assert refusal(path) == (
        "Die Datei enthält unzulässige XML-Konstrukte (Entitäten oder eine DTD) und wird aus Sicherheitsgründen "
        "nicht geöffnet."
    )


def test_malformed_xml_part(tmp_path):
    path = tmp_path / "defekt.xlsx"
    path.write_bytes(sample_bytes())
    patch_member(path, "xl/workbook.xml", lambda text: text[: len(text) // 2])
    message = refusal(path)
    assert message.startswith("Die Datei ist beschädigt oder keine gültige Excel-Arbeitsmappe")


def test_empty_workbook_without_names_or_table(tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "leer.xlsx"
    Workbook().save(path)
    with pytest.raises(InputProblems) as caught:
        read_workbook_file(path)
    messages = [p.message for p in caught.value.problems]
    assert sum("Der Name „" in m and "fehlt in der Arbeitsmappe" in m for m in messages) == 7  # the required names
    assert any(m.startswith("Die Tabelle „Kreise“ fehlt") and "keine Tabelle" in m for m in messages)


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("kreise.csv", "Kreisschlüssel;Zuweisungen\n08111;1547\n", "eine CSV-Datei (Text mit Trennzeichen)"),
        ("notiz.txt", "Bitte die Zahlen bis Freitag prüfen.\n", "eine Textdatei"),
        ("seite.html", "<!DOCTYPE html><html><body>Tabelle</body></html>\n", "eine HTML- oder XML-Datei (Text)"),
    ],
)
def test_a_text_file_is_named_by_what_it_is_and_not_told_its_name_ends_in_xlsx(tmp_path, name, content, kind):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    message = refusal(path)
    assert message.startswith(f"Die Datei ist {kind}, keine Excel-Arbeitsmappe.")
    assert "auch wenn" not in message and ".xlsx endet" not in message


def test_a_pdf_is_called_a_pdf_and_its_misleading_name_is_pointed_out(tmp_path):
    plain = tmp_path / "tabelle.pdf"
    plain.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    assert refusal(plain) == "Die Datei ist ein PDF-Dokument, keine Excel-Arbeitsmappe."
    renamed = tmp_path / "tabelle.xlsx"
    renamed.write_bytes(plain.read_bytes())
    assert refusal(renamed) == "Die Datei ist ein PDF-Dokument, keine Excel-Arbeitsmappe, auch wenn ihr Name auf .xlsx endet."
