"""Chromium's tagged PDF made archival and reproducible with pikepdf: what the browser cannot be told.

Added or set: the document language (``de-DE``, Chromium writes only ``de``),
the window shows the title (DisplayDocTitle), the document information and
the same facts as XMP metadata with the PDF/A-2 and PDF/UA-1 identification,
an sRGB output intent, and every date from the Stand. qpdf's deterministic
document ID then makes equal inputs give equal bytes. Nothing here is checked
by a PDF/A validator (none is installable here); the tests check the
structure with pikepdf and poppler.
"""

from __future__ import annotations

import io
from datetime import date
from html import escape  # & < > " ' as entities: also right for XML text

import pikepdf

from ..table.model import Document

PDFA_PART, PDFA_CONFORMANCE = 2, "B"
PDFUA_PART = 1
ICC_DESCRIPTION = "sRGB IEC61966-2.1"


def archival_pdf(printed: bytes, document: Document, *, creator_tool: str) -> bytes:
    """The printed PDF with language, title display, metadata, output intent and fixed dates and ID."""
    with pikepdf.open(io.BytesIO(printed)) as pdf:
        root = pdf.Root
        if "/StructTreeRoot" not in root:
            raise ValueError("the printed PDF is not tagged")
        root.Lang = pikepdf.String(document.language)
        root.MarkInfo = pikepdf.Dictionary(Marked=True)
        preferences = root.get("/ViewerPreferences", pikepdf.Dictionary())
        preferences.DisplayDocTitle = True
        root.ViewerPreferences = preferences
        producer = str(pdf.docinfo.get("/Producer", "Chromium"))
        moment = _pdf_date(document.stand)
        info = {
            "/Title": document.title,
            "/Author": document.author,
            "/Subject": document.subject,
            "/Keywords": document.keywords,
            "/Creator": creator_tool,
            "/Producer": producer,
            "/CreationDate": moment,
            "/ModDate": moment,
        }
        pdf.trailer.Info = pdf.make_indirect(
            pikepdf.Dictionary({key: pikepdf.String(value) for key, value in info.items() if value})
        )
        metadata = pdf.make_stream(_xmp(document, creator_tool, producer).encode("utf-8"))
        metadata.Type = pikepdf.Name.Metadata
        metadata.Subtype = pikepdf.Name.XML
        root.Metadata = metadata
        root.OutputIntents = pikepdf.Array([_srgb_intent(pdf, document.stand)])
        buffer = io.BytesIO()
        pdf.save(buffer, deterministic_id=True)
    return buffer.getvalue()


def _pdf_date(stand: date) -> str:
    return f"D:{stand:%Y%m%d}000000+00'00'"


def _xmp(document: Document, creator_tool: str, producer: str) -> str:
    moment = f"{document.stand:%Y-%m-%d}T00:00:00+00:00"
    language = escape(document.language)

    def alt(text: str) -> str:
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(text)}</rdf:li></rdf:Alt>'

    optional = ""
    if document.publisher:
        optional += f"<dc:publisher><rdf:Bag><rdf:li>{escape(document.publisher)}</rdf:li></rdf:Bag></dc:publisher>"
    if document.subject:
        optional += f"<dc:description>{alt(document.subject)}</dc:description>"
    if document.keywords:
        optional += f"<pdf:Keywords>{escape(document.keywords)}</pdf:Keywords>"
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
 xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
 xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<dc:format>application/pdf</dc:format>
<dc:title>{alt(document.title)}</dc:title>
<dc:creator><rdf:Seq><rdf:li>{escape(document.author)}</rdf:li></rdf:Seq></dc:creator>
<dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>
{optional}
<xmp:CreatorTool>{escape(creator_tool)}</xmp:CreatorTool>
<xmp:CreateDate>{moment}</xmp:CreateDate>
<xmp:ModifyDate>{moment}</xmp:ModifyDate>
<xmp:MetadataDate>{moment}</xmp:MetadataDate>
<pdf:Producer>{escape(producer)}</pdf:Producer>
<pdfaid:part>{PDFA_PART}</pdfaid:part>
<pdfaid:conformance>{PDFA_CONFORMANCE}</pdfaid:conformance>
<pdfuaid:part>{PDFUA_PART}</pdfuaid:part>
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Part of ISO 14289 the document follows</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def srgb_profile(stand: date) -> bytes:
    """An sRGB ICC profile made by LittleCMS (through Pillow), dated at the Stand instead of the clock.

    Generated, not shipped: LittleCMS builds it from the published sRGB
    primaries and curve, so no third-party profile file (and its licence) is needed.
    """
    from PIL import ImageCms

    profile = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    # Header bytes 24-35: creation date and time as six big-endian 16-bit numbers (ICC.1, 7.2.8).
    for offset, number in enumerate((stand.year, stand.month, stand.day, 0, 0, 0)):
        profile[24 + 2 * offset : 26 + 2 * offset] = number.to_bytes(2, "big")
    profile[84:100] = bytes(16)  # profile ID: zero means "not computed", allowed by ICC.1
    return bytes(profile)


def _srgb_intent(pdf: pikepdf.Pdf, stand: date) -> pikepdf.Dictionary:
    profile = pdf.make_stream(srgb_profile(stand))
    profile.N = 3
    return pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent,
        S=pikepdf.Name.GTS_PDFA1,
        OutputConditionIdentifier=pikepdf.String(ICC_DESCRIPTION),
        Info=pikepdf.String(ICC_DESCRIPTION),
        RegistryName=pikepdf.String("http://www.color.org"),
        DestOutputProfile=profile,
    )
