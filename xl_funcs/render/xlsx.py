"""A Document as an xlsx file (openpyxl): values, not formulas; byte-identical for the same inputs.

Every timestamp inside the file (document properties and the zip entries)
is the document's Stand date, so publishing twice gives the same bytes.
The pieces are public for the Kreis workbooks, which add their own sheets:
``workbook_of`` builds, ``draw_table`` draws one table onto a worksheet,
``save_reproducibly`` writes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.packaging.core import DocumentProperties
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from ..table.model import Document, Table
from ..table.templates import styles
from .chart_sheets import chart_sheet
from .layout import HEADER, SheetGrid, layout
from .xlsx_charts import draw_chart_sheet
from .xlsx_page import page_frame



def xlsx_bytes(document: Document) -> bytes:
    buffer = io.BytesIO()
    save_reproducibly(workbook_of(document), buffer, document.stand)
    return buffer.getvalue()


def write_xlsx(document: Document, path: str | Path) -> Path:
    path = Path(path)
    path.write_bytes(xlsx_bytes(document))
    return path


def workbook_of(document: Document) -> Workbook:
    """An openpyxl Workbook with one sheet per table, one per chart, and the document's properties."""
    workbook = Workbook()
    first = workbook.active
    for index, table in enumerate(document.sheets):
        sheet = first if index == 0 else workbook.create_sheet()
        sheet.title = table.sheet_name
        draw_table(sheet, table)
    for chart in document.charts:
        sheet = workbook.create_sheet(chart.sheet_name)
        draw_chart_sheet(sheet, chart_sheet(chart), document.sheets[0].print_settings)
    set_properties(workbook, document)
    return workbook


def set_properties(workbook: Workbook, document: Document) -> None:
    moment = stand_datetime(document.stand)
    workbook.properties = DocumentProperties(
        title=document.title,
        subject=document.subject or None,
        keywords=document.keywords or None,
        description=_publisher_text(document),
        creator=document.author,
        lastModifiedBy=document.author,
        language=document.language,
        created=moment,
        modified=moment,
    )


def _publisher_text(document: Document) -> str | None:
    parts = [part for part in (document.publisher, document.contact) if part]
    return "; ".join(parts) or None


def draw_table(sheet: Worksheet, table: Table) -> SheetGrid:
    """Draw one table onto an empty worksheet: values, formats, styles, widths, print setup."""
    grid = layout(table)
    look = _Look(styles())
    roles = dict(grid.row_roles)
    for cell in grid.cells:
        target = sheet.cell(row=cell.row, column=cell.column, value=cell.value)
        target.number_format = cell.number_format
        target.font = look.font(cell.role)
        target.alignment = look.alignment(cell.role, cell.align, wrap=cell.wrap)
        if cell.span > 1:
            sheet.merge_cells(
                start_row=cell.row, start_column=cell.column, end_row=cell.row, end_column=cell.column + cell.span - 1
            )
    for row, role in roles.items():
        if not look.spans_table(role):
            continue
        for column in range(1, grid.last_column + 1):
            target = sheet.cell(row=row, column=column)
            target.fill = look.fill(role)
            target.border = look.border(role)
            if target.value is None:
                target.font = look.font(role)
    for index, width in enumerate(grid.widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row, height in grid.row_heights:
        sheet.row_dimensions[row].height = height
    sheet.freeze_panes = sheet.cell(row=grid.header_row + 1, column=1)
    _print_setup(sheet, grid)
    return grid


def save_reproducibly(workbook: Workbook, target: str | Path | BinaryIO, stand: date) -> None:
    """Write the workbook with every zip entry dated at the Stand, so equal inputs give equal bytes."""
    moment = stand_datetime(stand)
    workbook.properties.created = moment
    workbook.properties.modified = moment
    archive = _FixedTimeZip(target, (stand.year, stand.month, stand.day, 0, 0, 0))
    ExcelWriter(workbook, archive).save()


def stand_datetime(stand: date) -> datetime:
    return datetime(stand.year, stand.month, stand.day)


class _FixedTimeZip(zipfile.ZipFile):
    """A zip whose entries carry one fixed date instead of the clock's."""

    def __init__(self, target, date_time) -> None:
        super().__init__(target, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        self._date_time = date_time

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            info = zipfile.ZipInfo(zinfo_or_arcname, date_time=self._date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            zinfo_or_arcname = info
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        # openpyxl streams each worksheet into a temporary file and adds it with write(),
        # which would stamp the file's modification time.
        with open(filename, "rb") as handle:
            self.writestr(arcname or Path(filename).name, handle.read(), compress_type, compresslevel)


def _print_setup(sheet: Worksheet, grid: SheetGrid) -> None:
    settings = grid.print_settings
    page_frame(sheet, settings, settings.orientation)
    if settings.repeat_header:
        sheet.print_title_rows = f"{grid.header_row}:{grid.header_row}"
    sheet.print_area = f"A1:{get_column_letter(grid.last_column)}{grid.last_row}"
    sheet.print_options.horizontalCentered = True


class _Look:
    """Fonts, fills and borders of each style role, from templates/stile.toml."""

    def __init__(self, look: dict) -> None:
        self._font = look["schrift"]
        self._roles = look["rollen"]
        self._cache: dict = {}

    def _role(self, role: str) -> dict:
        return self._roles.get(role, {})

    def spans_table(self, role: str) -> bool:
        spec = self._role(role)
        return any(key in spec for key in ("hintergrund", "rahmen_oben", "rahmen_unten"))

    def font(self, role: str) -> Font:
        key = ("font", role)
        if key not in self._cache:
            spec = self._role(role)
            self._cache[key] = Font(
                name=self._font["name"],
                size=spec.get("groesse", self._font["groesse"]),
                bold=spec.get("fett", False),
                color=spec.get("farbe"),
            )
        return self._cache[key]

    def fill(self, role: str) -> PatternFill:
        key = ("fill", role)
        if key not in self._cache:
            colour = self._role(role).get("hintergrund")
            self._cache[key] = PatternFill(fill_type="solid", fgColor=colour) if colour else PatternFill()
        return self._cache[key]

    def border(self, role: str) -> Border:
        key = ("border", role)
        if key not in self._cache:
            spec = self._role(role)
            top, bottom = spec.get("rahmen_oben"), spec.get("rahmen_unten")
            self._cache[key] = Border(
                top=Side(style=top) if top else Side(), bottom=Side(style=bottom) if bottom else Side()
            )
        return self._cache[key]

    def alignment(self, role: str, align: str, *, wrap: bool = False) -> Alignment:
        # One object per kind, as for fonts: building an openpyxl style per cell was a quarter of publishing.
        key = ("alignment", role, align, wrap)
        if key not in self._cache:
            spec = self._role(role)
            if role == HEADER or spec.get("umbruch"):
                self._cache[key] = Alignment(horizontal="center", vertical="center", wrap_text=True)
            elif wrap:
                self._cache[key] = Alignment(horizontal=align, vertical="top", wrap_text=True)
            else:
                self._cache[key] = Alignment(horizontal=align, vertical="bottom")
        return self._cache[key]
