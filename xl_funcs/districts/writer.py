"""A Kreis's workbook as xlsx bytes, drawn by the official table's xlsx renderer.

On top of what ``render.xlsx`` draws: every sheet is protected against
accidental edits (no password: protection is a convenience, the Prüfwert is
the check), the workbook's structure is locked (no sheet added, removed,
hidden or renamed by mistake), and only the Rückmeldung's input cells are
unlocked, tinted, formatted and validated (a yes/no list, whole counts from 0).

The document properties carry what ``collect`` needs to recognise the file by
its content: the Vorgangsnummer, the Kreisschlüssel, the year, the Stand, the
input cells and the Prüfwert over every other cell. None of it is personal;
the author is the program, as in the published table.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from openpyxl.compat.strings import safe_string
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation

from .. import __version__
from ..render.layout import LINE_HEIGHT_POINTS, layout
from ..render.xlsx import save_reproducibly, workbook_of
from ..table.templates import styles
from .fingerprint import sheet_cells, sheet_digest, workbook_digest
from .model import ANSWER, DistrictWorkbook, InputField
from .wording import words


@dataclass(frozen=True)
class RenderedWorkbook:
    district: DistrictWorkbook
    data: bytes
    check_value: str  # Prüfwert: SHA-256 over the sheets' digests
    sheet_digests: dict[str, str]  # sheet name -> digest of its locked cells
    input_cells: dict[str, str]  # field name -> "Rückmeldung!C14"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def size(self) -> int:
        return len(self.data)


def render_district_workbook(district: DistrictWorkbook) -> RenderedWorkbook:
    document = district.document
    workbook = workbook_of(document)
    feedback = district.feedback_table
    sheet = workbook[feedback.sheet_name]
    grid = layout(feedback)
    column = feedback.column_index(ANSWER) + 1
    letter = get_column_letter(column)
    input_cells = {field.name: f"{letter}{grid.body_rows[field.row]}" for field in district.fields}
    _make_inputs(sheet, district.fields, input_cells)

    digests = {}
    for worksheet in workbook.worksheets:
        skip = input_cells.values() if worksheet.title == feedback.sheet_name else ()
        cells = ((cell.coordinate, _as_stored(cell.value)) for row in worksheet.iter_rows() for cell in row)
        digests[worksheet.title] = sheet_digest(sheet_cells(cells, skip))
        worksheet.protection.sheet = True
    workbook.security = WorkbookProtection(lockStructure=True)
    check_value = workbook_digest(digests)
    qualified = {name: f"{feedback.sheet_name}!{cell}" for name, cell in input_cells.items()}
    _set_identity(workbook, district, check_value, qualified)

    buffer = io.BytesIO()
    save_reproducibly(workbook, buffer, document.stand)
    return RenderedWorkbook(
        district=district,
        data=buffer.getvalue(),
        check_value=check_value,
        sheet_digests=digests,
        input_cells=qualified,
    )


def _as_stored(value):
    """A value as the file will hold it: openpyxl writes floats with 16 significant digits, not 17.

    The Prüfwert must be computed from what a reader of the file gets back.
    """
    if isinstance(value, float):
        return float(safe_string(value))
    return value


def input_cells_text(cells: dict[str, str]) -> str:
    """``bestaetigung=Rückmeldung!C14;…``: the document property naming the input cells."""
    return ";".join(f"{name}={cell}" for name, cell in cells.items())


def parse_input_cells(text: str) -> dict[str, str] | None:
    cells = {}
    for part in text.split(";"):
        name, sep, cell = part.partition("=")
        if not sep or "!" not in cell:
            return None
        cells[name.strip()] = cell.strip()
    return cells or None


def _make_inputs(sheet, fields: tuple[InputField, ...], cells: dict[str, str]) -> None:
    w = words()
    look = w["stil"]
    texts = w["rueckmeldung"]
    font = styles()["schrift"]
    tint = PatternFill(fill_type="solid", fgColor=look["eingabe_hintergrund"])
    edge = Side(style="thin", color="808080")
    frame = Border(left=edge, right=edge, top=edge, bottom=edge)
    choice = DataValidation(
        type="list",
        formula1='"' + ",".join(texts["auswahl_bestaetigung"]) + '"',
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorTitle=texts["fehler_titel"],
        error=texts["fehler_bestaetigung"],
        promptTitle=texts["eingabe_titel"],
        prompt=texts["hinweis_bestaetigung"],
    )
    counts = DataValidation(
        type="whole",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorTitle=texts["fehler_titel"],
        error=texts["fehler_anzahl"],
        promptTitle=texts["eingabe_titel"],
        prompt=texts["hinweis_anzahl"],
    )
    for field in fields:
        coordinate = cells[field.name]
        cell = sheet[coordinate]
        cell.protection = Protection(locked=False)
        cell.fill = tint
        cell.border = frame
        cell.font = Font(name=font["name"], size=font["groesse"])
        if field.is_count:
            cell.number_format = look["zahlenformat_anzahl"]
            cell.alignment = Alignment(horizontal="right", vertical="top")
            counts.add(coordinate)
        else:
            cell.number_format = look["zahlenformat_eingabe_text"]
            cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=field.kind == "long_text")
        if field.kind == "choice":
            choice.add(coordinate)
        if field.kind == "long_text":
            sheet.row_dimensions[cell.row].height = look["bemerkungen_zeilen"] * LINE_HEIGHT_POINTS
            label = sheet.cell(row=cell.row, column=1)
            label.alignment = Alignment(horizontal="left", vertical="top")
    for validation in (choice, counts):
        if validation.sqref:
            sheet.add_data_validation(validation)


def _set_identity(workbook, district: DistrictWorkbook, check_value: str, input_cells: dict[str, str]) -> None:
    names = words()["kennung"]
    values = (
        (names["vorgangsnummer"], district.issue_number),
        (names["kreisschluessel"], district.key),
        (names["haushaltsjahr"], str(district.year)),
        (names["stand"], district.document.stand.isoformat()),
        (names["eingabezellen"], input_cells_text(input_cells)),
        (names["pruefwert"], check_value),
        (names["programm"], f"mittelverteilung {__version__}"),
    )
    deadline = district.reply_deadline
    if deadline is not None:  # only when set, so that workbooks without a deadline stay as they were
        values += ((names["rueckmeldefrist"], deadline.isoformat()),)
    for name, value in values:
        workbook.custom_doc_props.append(StringProperty(name=name, value=value))
