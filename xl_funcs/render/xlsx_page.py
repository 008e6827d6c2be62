"""Paper, orientation, fit to width, margins and footers of a printed sheet: the same for table and chart sheets."""

from __future__ import annotations

from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from ..table.model import PrintSettings

PAPER_SIZES = {"A4": 9, "A3": 8}  # Excel's paperSize codes
CM_PER_INCH = 2.54
FOOTER_FONT_SIZE = 8


def page_frame(sheet: Worksheet, settings: PrintSettings, orientation: str, *, pages_down: int = 0) -> None:
    """One page wide and ``pages_down`` pages high (0: as many as needed)."""
    setup = sheet.page_setup
    setup.paperSize = PAPER_SIZES[settings.paper]
    setup.orientation = orientation
    if settings.fit_to_width:
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        setup.fitToWidth = 1
        setup.fitToHeight = pages_down
    left, right, top, bottom = (value / CM_PER_INCH for value in settings.margins_cm)
    sheet.page_margins = PageMargins(left=left, right=right, top=top, bottom=bottom, header=top / 2, footer=bottom / 2)
    for part, text in (
        (sheet.oddFooter.left, settings.footer_left),
        (sheet.oddFooter.center, settings.footer_center),
        (sheet.oddFooter.right, settings.footer_right),
    ):
        if text:
            part.text = text
            part.size = FOOTER_FONT_SIZE
