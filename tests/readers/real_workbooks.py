"""The sample workbook changed the way real ministry workbooks are: built part by part, as Excel and others write them.

Each builder returns the bytes of a complete xlsx: the sample's own parts, some
rewritten, some added (a raw-data sheet, a pivot cache, a picture). openpyxl
cannot write most of these, so the XML is written here directly.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

from xl_funcs.readers import bundled_workbook_path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
TABLE_SHEET = "xl/worksheets/sheet3.xml"  # Zuweisungen
PARAMETER_SHEET = "xl/worksheets/sheet2.xml"
RAW_ROWS = 590_000


def sample() -> bytes:
    return bundled_workbook_path().read_bytes()


def rebuild(
    data: bytes,
    edits: dict[str, Callable[[str], str]] | None = None,
    added: dict[str, bytes | str] | None = None,
    rename: Callable[[str], str] | None = None,
) -> bytes:
    """``data`` with parts rewritten (each edit must change its part), parts added and part names changed."""
    edits, added = edits or {}, added or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename in edits:
                text = content.decode("utf-8")
                new = edits[info.filename](text)
                assert new != text, f"edit of {info.filename} changed nothing"
                content = new.encode("utf-8")
            name = rename(info.filename) if rename else info.filename
            target.writestr(zipfile.ZipInfo(name, date_time=info.date_time), content, zipfile.ZIP_DEFLATED)
        for name, content in added.items():
            target.writestr(zipfile.ZipInfo(name, date_time=(2025, 3, 31, 0, 0, 0)), content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _before(closing: str, insert: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert closing in text, closing
        return text.replace(closing, insert + closing, 1)

    return edit


def _both(*edits: Callable[[str], str]) -> Callable[[str], str]:
    def edit(text: str) -> str:
        for one in edits:
            text = one(text)
        return text

    return edit


def _dimension(ref: str) -> Callable[[str], str]:
    return lambda text: re.sub(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}" />', text, count=1)


# -- far-away cells on the table's sheet ------------------------------------------------------------


def stray_formatted_cell() -> bytes:
    """The "Ctrl+End" leftover: one formatted, empty cell at the sheet's very last cell, XFD1048576."""
    row = '<row r="1048576"><c r="XFD1048576" s="1" /></row>'
    return rebuild(sample(), {TABLE_SHEET: _both(_before("</sheetData>", row), _dimension("A1:XFD1048576"))})


def value_in_last_row() -> bytes:
    """A note typed into A1048576, far below the table."""
    row = '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>Notiz</t></is></c></row>'
    return rebuild(sample(), {TABLE_SHEET: _both(_before("</sheetData>", row), _dimension("A1:K1048576"))})


# -- a raw-data sheet -----------------------------------------------------------------------------------


def _add_sheet(data: bytes, name: str, part: str, xml: bytes, extra: dict[str, bytes | str] | None = None) -> bytes:
    """``data`` with one more worksheet: its part, its relationship, its content type and its entry in the book."""
    number = 90

    def book(text: str) -> str:
        return _before("</sheets>", f'<sheet name="{name}" sheetId="{number}" r:id="rId{number}" />')(text)

    rels = _before(
        "</Relationships>",
        f'<Relationship Type="{RELS}/worksheet" Target="/{part}" Id="rId{number}" />',
    )
    types = _before(
        "</Types>",
        f'<Override PartName="/{part}" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml" />',
    )
    return rebuild(
        data,
        {"xl/workbook.xml": book, "xl/_rels/workbook.xml.rels": rels, "[Content_Types].xml": types},
        {part: xml, **(extra or {})},
    )


def raw_data_sheet(rows: int = RAW_ROWS) -> bytes:
    """An extra sheet "Rohdaten" with ``rows`` rows of case data (date, Kreis key, count, text), as shared strings.

    The texts are unique per row, as real case numbers are: the workbook's shared strings then hold them all.
    """
    strings = [f"Fall {number:07d}" for number in range(rows)] + ["Kreis", "Datum", "Anzahl", "Fallnummer"]
    header = rows  # index of "Kreis" in the string table
    lines = [
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}">'
        f'<dimension ref="A1:D{rows + 1}"/><sheetData>'
        f'<row r="1"><c r="A1" t="s"><v>{header}</v></c><c r="B1" t="s"><v>{header + 1}</v></c>'
        f'<c r="C1" t="s"><v>{header + 2}</v></c><c r="D1" t="s"><v>{header + 3}</v></c></row>'
    ]
    for index in range(rows):
        r = index + 2
        lines.append(
            f'<row r="{r}"><c r="A{r}"><v>{8111 + index % 326}</v></c><c r="B{r}"><v>{45000 + index % 700}</v></c>'
            f'<c r="C{r}"><v>{index % 17}</v></c><c r="D{r}" t="s"><v>{index}</v></c></row>'
        )
    lines.append("</sheetData></worksheet>")
    sheet = "".join(lines).encode("utf-8")
    table = "".join(f"<si><t>{s}</t></si>" for s in strings)
    shared = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<sst xmlns="{MAIN}" count="{len(strings)}" uniqueCount="{len(strings)}">{table}</sst>'
    ).encode("utf-8")
    data = rebuild(
        sample(),
        {
            "xl/_rels/workbook.xml.rels": _before(
                "</Relationships>", f'<Relationship Type="{RELS}/sharedStrings" Target="sharedStrings.xml" Id="rId89" />'
            ),
            "[Content_Types].xml": _before(
                "</Types>",
                '<Override PartName="/xl/sharedStrings.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml" />',
            ),
        },
        {"xl/sharedStrings.xml": shared},
    )
    return _add_sheet(data, "Rohdaten", "xl/worksheets/sheet90.xml", sheet)


# -- pivot table, picture, alternate content, odd rows -------------------------------------------------


def pivot_with_grouped_items() -> bytes:
    """A sheet "Auswertung" with a pivot table in which the user grouped items (Regierungsbezirke into "Nord"
    and "Süd", Analysieren > Gruppieren): the cache then holds a grouping field with ``discretePr``, as Excel
    and Mac Excel 16 write it. openpyxl's full reader fails on it with a TypeError."""
    cache = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<pivotCacheDefinition xmlns="{MAIN}" xmlns:r="{RELS}" r:id="rId1" refreshOnLoad="1" refreshedBy="Referat"
 refreshedDate="45747.5" createdVersion="6" refreshedVersion="6" minRefreshableVersion="3" recordCount="4">
<cacheSource type="worksheet"><worksheetSource ref="A4:K48" sheet="Zuweisungen"/></cacheSource>
<cacheFields count="3">
<cacheField name="Regierungsbezirk" numFmtId="0"><sharedItems count="4"><s v="Stuttgart"/><s v="Karlsruhe"/>
<s v="Freiburg"/><s v="Tübingen"/></sharedItems><fieldGroup par="2"/></cacheField>
<cacheField name="Zuweisungen 2024" numFmtId="0"><sharedItems containsSemiMixedTypes="0" containsString="0"
 containsNumber="1" containsInteger="1" minValue="100" maxValue="400"/></cacheField>
<cacheField name="Regierungsbezirk2" numFmtId="0" databaseField="0"><fieldGroup base="0"><discretePr count="4">
<x v="0"/><x v="0"/><x v="1"/><x v="1"/></discretePr><groupItems count="2"><s v="Nord"/><s v="Süd"/></groupItems>
</fieldGroup></cacheField>
</cacheFields>
<extLst><ext uri="{{725AE2AE-9491-48be-B2B4-4EB974FC3084}}"><x14:pivotCacheDefinition
 xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" pivotCacheId="1"/></ext></extLst>
</pivotCacheDefinition>"""
    records = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<pivotCacheRecords xmlns="{MAIN}" count="4"><r><x v="0"/><n v="100"/></r><r><x v="1"/><n v="200"/></r>
<r><x v="2"/><n v="300"/></r><r><x v="3"/><n v="400"/></r></pivotCacheRecords>"""
    table = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<pivotTableDefinition xmlns="{MAIN}" name="PivotTable1" cacheId="7" applyNumberFormats="0" applyBorderFormats="0"
 applyFontFormats="0" applyPatternFormats="0" applyAlignmentFormats="0" applyWidthHeightFormats="1" dataCaption="Werte"
 updatedVersion="6" minRefreshableVersion="3" useAutoFormatting="1" itemPrintTitles="1" createdVersion="6" indent="0"
 outline="1" outlineData="1" multipleFieldFilters="0">
<location ref="A3:B6" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/>
<pivotFields count="3"><pivotField axis="axisRow" showAll="0"><items count="5"><item x="0"/><item x="1"/>
<item x="2"/><item x="3"/><item t="default"/></items></pivotField>
<pivotField dataField="1" showAll="0"/>
<pivotField axis="axisRow" showAll="0"><items count="3"><item x="0"/><item x="1"/><item t="default"/></items></pivotField>
</pivotFields>
<rowFields count="2"><field x="2"/><field x="0"/></rowFields>
<dataFields count="1"><dataField name="Summe von Zuweisungen 2024" fld="1" baseField="0" baseItem="0"/></dataFields>
</pivotTableDefinition>"""
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}"><sheetData>'
        '<row r="3"><c r="A3" t="inlineStr"><is><t>Zeilenbeschriftungen</t></is></c></row></sheetData></worksheet>'
    )
    sheet_rels = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PACKAGE_RELS}">'
        f'<Relationship Id="rId1" Type="{RELS}/pivotTable" Target="../pivotTables/pivotTable1.xml"/></Relationships>'
    )
    table_rels = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PACKAGE_RELS}">'
        f'<Relationship Id="rId1" Type="{RELS}/pivotCacheDefinition" '
        'Target="../pivotCache/pivotCacheDefinition1.xml"/></Relationships>'
    )
    cache_rels = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PACKAGE_RELS}">'
        f'<Relationship Id="rId1" Type="{RELS}/pivotCacheRecords" Target="pivotCacheRecords1.xml"/></Relationships>'
    )
    content = "application/vnd.openxmlformats-officedocument.spreadsheetml."
    data = rebuild(
        sample(),
        {
            "xl/workbook.xml": _before("<calcPr", '<pivotCaches><pivotCache cacheId="7" r:id="rId88" /></pivotCaches>'),
            "xl/_rels/workbook.xml.rels": _before(
                "</Relationships>",
                f'<Relationship Type="{RELS}/pivotCacheDefinition" Target="pivotCache/pivotCacheDefinition1.xml" '
                'Id="rId88" />',
            ),
            "[Content_Types].xml": _before(
                "</Types>",
                f'<Override PartName="/xl/pivotCache/pivotCacheDefinition1.xml" ContentType="{content}pivotCacheDefinition+xml"/>'
                f'<Override PartName="/xl/pivotCache/pivotCacheRecords1.xml" ContentType="{content}pivotCacheRecords+xml"/>'
                f'<Override PartName="/xl/pivotTables/pivotTable1.xml" ContentType="{content}pivotTable+xml"/>',
            ),
        },
        {
            "xl/pivotCache/pivotCacheDefinition1.xml": cache,
            "xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels": cache_rels,
            "xl/pivotCache/pivotCacheRecords1.xml": records,
            "xl/pivotTables/pivotTable1.xml": table,
            "xl/pivotTables/_rels/pivotTable1.xml.rels": table_rels,
        },
    )
    return _add_sheet(
        data,
        "Auswertung",
        "xl/worksheets/sheet91.xml",
        sheet.encode(),
        {"xl/worksheets/_rels/sheet91.xml.rels": sheet_rels},
    )


# The smallest valid PNG: one transparent pixel.
PIXEL_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)


def picture_on_parameter_sheet() -> bytes:
    """A logo on the Parameter sheet, anchored as some producers write it: a one-cell anchor with no extent
    size, the picture's relationship to a part under ``media`` with an upper-case extension."""
    drawing = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
 xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="{RELS}">
<xdr:oneCellAnchor><xdr:from><xdr:col>4</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>0</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>
<xdr:ext cx="" cy=""/>
<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="0" name="Logo"/><xdr:cNvPicPr/></xdr:nvPicPr>
<xdr:blipFill><a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>
<xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:oneCellAnchor>
</xdr:wsDr>"""
    drawing_rels = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PACKAGE_RELS}">'
        f'<Relationship Id="rId1" Type="{RELS}/image" Target="../media/LOGO.PNG"/></Relationships>'
    )
    # The Parameter sheet already has relationships (its table Abschläge): the drawing joins them.
    drawing_relationship = f'<Relationship Id="rId9" Type="{RELS}/drawing" Target="../drawings/drawing1.xml"/>'

    def sheet(text: str) -> str:
        text = text.replace("<worksheet ", f'<worksheet xmlns:r="{RELS}" ', 1)
        return _before("</worksheet>", '<drawing r:id="rId9" />')(text)

    return rebuild(
        sample(),
        {
            PARAMETER_SHEET: sheet,
            "xl/worksheets/_rels/sheet2.xml.rels": _before("</Relationships>", drawing_relationship),
            "[Content_Types].xml": _before(
                "</Types>",
                '<Default Extension="PNG" ContentType="image/png"/>'
                '<Override PartName="/xl/drawings/drawing1.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>',
            ),
        },
        {
            "xl/drawings/drawing1.xml": drawing,
            "xl/drawings/_rels/drawing1.xml.rels": drawing_rels,
            "xl/media/LOGO.PNG": PIXEL_PNG,
        },
    )


MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
X14AC = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"


def alternate_content() -> bytes:
    """Alternate content where newer Excel versions put it: around a font in the styles, and around a
    sheet's control on the table's sheet (a Choice for Excel 2010, a Fallback for older readers)."""

    def styles(text: str) -> str:
        text = re.sub(r"<styleSheet ", f'<styleSheet xmlns:mc="{MC}" xmlns:x14ac="{X14AC}" mc:Ignorable="x14ac" ', text, 1)
        return re.sub(
            r"(<fonts[^>]*>)",
            r'\1<mc:AlternateContent><mc:Choice Requires="x14ac"><font><sz val="11"/><name val="Aptos"/></font>'
            r'</mc:Choice><mc:Fallback><font><sz val="11"/><name val="Calibri"/></font></mc:Fallback>'
            r"</mc:AlternateContent>",
            text,
            count=1,
        )

    def sheet(text: str) -> str:
        text = text.replace("<worksheet ", f'<worksheet xmlns:mc="{MC}" xmlns:r="{RELS}" ', 1)
        control = (
            '<mc:AlternateContent><mc:Choice Requires="x14"><controls><mc:AlternateContent>'
            '<mc:Choice Requires="x14"><control shapeId="1025" r:id="rId99" name="Schaltfläche 1"/></mc:Choice>'
            "</mc:AlternateContent></controls></mc:Choice></mc:AlternateContent>"
        )
        return _before("<tableParts", control)(text)

    return rebuild(sample(), {"xl/styles.xml": styles, TABLE_SHEET: sheet})


def unusual_row_attributes() -> bytes:
    """Rows as other producers write them: an empty height, ``customHeight="true"``, spans and a descent from
    another namespace, and rows without their number ``r`` (numbered by their order, as the format allows)."""

    def sheet(text: str) -> str:
        text = text.replace("<worksheet ", f'<worksheet xmlns:x14ac="{X14AC}" ', 1)
        text = text.replace('<row r="5"', '<row r="5" ht="" customHeight="true" spans="1:11" x14ac:dyDescent="0.25"', 1)
        return text.replace('<row r="6"', '<row ht="15.75" hidden="false" s="0" customFormat="false"', 1)

    return rebuild(sample(), {TABLE_SHEET: sheet})


def parts_elsewhere() -> bytes:
    """The workbook's parts under ``excel/`` instead of ``xl/``, found through the relationships (OPC allows any name)."""

    def moved(text: str) -> str:
        return text.replace("/xl/", "/excel/").replace('Target="xl/', 'Target="excel/')

    original = sample()
    with zipfile.ZipFile(io.BytesIO(original)) as package:
        relationships = [name for name in package.namelist() if name.endswith(".rels")]
    data = rebuild(original, {**{name: moved for name in relationships}, "[Content_Types].xml": moved})
    return rebuild(data, rename=lambda name: "excel/" + name[3:] if name.startswith("xl/") else name)


def backslash_paths() -> bytes:
    """Part names with backslashes (``xl\\worksheets\\sheet1.xml``), as some Windows tools write the archive."""
    return rebuild(sample(), rename=lambda name: name.replace("/", "\\") if name.startswith("xl/") else name)


def styles_without_cell_style_formats() -> bytes:
    """Styles as some generators write them: the named style "Standard" points at a cell style format that the
    (empty) list ``cellStyleXfs`` does not hold. Excel and LibreOffice open it; openpyxl prints
    "0 is out of range" onto standard output and gives up."""

    def styles(text: str) -> str:
        return re.sub(r"<cellStyleXfs[^>]*>.*?</cellStyleXfs>", '<cellStyleXfs count="0" />', text, count=1, flags=re.S)

    return rebuild(sample(), {"xl/styles.xml": styles})


def raw_rows_below_the_table(rows: int = 200_000, merged: str | None = None) -> bytes:
    """``rows`` rows of raw numbers on the table's own sheet, from row 200 on (well clear of the table), and
    optionally a merged area, which the sheet's XML lists after all its cells."""
    lines = "".join(
        f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}"><v>{r % 97}</v></c><c r="M{r}"><v>1</v></c></row>'
        for r in range(200, 200 + rows)
    )
    after = f'<mergeCells count="1"><mergeCell ref="{merged}"/></mergeCells>' if merged else ""

    def sheet(text: str) -> str:
        text = _dimension(f"A1:M{199 + rows}")(text)
        return text.replace("</sheetData>", lines + "</sheetData>" + after, 1)

    return rebuild(sample(), {TABLE_SHEET: sheet})
