"""The Versandliste as a table: which Kreis gets which file, in which ZIP, with which amount and Vorgangsnummer.

Drawn into the open workbook by the one-click script (xlwings Server and Lite
cannot write files to the user's disk, so there the list says what ``share``
will write, and where). The names and numbers are those ``share`` writes for
the same inputs: both come from ``model.district_workbooks``.
"""

from __future__ import annotations

from .. import __version__
from ..calculation import Calculation
from ..table.model import Column, ColumnKind, Document, Row, RowRole, Table
from ..table.templates import fill, styles, texts
from ..table.text import german_date
from .model import district_workbooks, print_settings
from .wording import words


def dispatch_document(calculation: Calculation) -> Document:
    table = dispatch_table(calculation)
    p = calculation.inputs.parameters
    return Document(
        title=table.title,
        file_stem=words()["dateien"]["versandliste"],
        stand=p.stand,
        sheets=(table,),
        author=fill(texts()["dokument"]["autor"], version=__version__),
        language=texts()["dokument"]["sprache"],
    )


def dispatch_table(calculation: Calculation) -> Table:
    w = words()["versand"]
    widths = words()["stil"]["breiten"]
    formats = styles()["zahlenformate"]
    p = calculation.inputs.parameters
    whole = all(isinstance(row.amount, int) for row in calculation.rows)
    money = formats["betrag" if whole else "betrag_cent"]
    columns = (
        Column("nr", w["nr"], ColumnKind.NUMBER, formats["nummer"], float(widths["nr"]), "right"),
        Column("key", w["kreisschluessel"], ColumnKind.KEY, formats["text"], float(widths["key"]), "center"),
        Column("name", w["kreis"], ColumnKind.TEXT, formats["text"], float(widths["name"])),
        Column("region", w["bezirk"], ColumnKind.TEXT, formats["text"], float(widths["region"])),
        Column("amount", fill(w["mittel"], jahr=p.year), ColumnKind.AMOUNT, money, float(widths["amount"]), "right"),
        Column("file", w["datei"], ColumnKind.TEXT, formats["text"], float(widths["datei"])),
        Column("zip", w["zip"], ColumnKind.TEXT, formats["text"], float(widths["zip"])),
        Column("issue", w["vorgangsnummer"], ColumnKind.TEXT, formats["text"], float(widths["vorgang"])),
    )
    rows = []
    for number, workbook in enumerate(district_workbooks(calculation), start=1):
        district = workbook.result.district
        rows.append(
            Row(
                (
                    number,
                    district.key,
                    district.label,
                    district.region,
                    workbook.result.amount,
                    workbook.file_name,
                    workbook.zip_name,
                    workbook.issue_number,
                )
            )
        )
    rows.append(Row((None, None, w["summe"], None, calculation.total, None, None, None), RowRole.TOTAL))
    title = fill(w["titel"], jahr=p.year)
    return Table(
        sheet_name=w["blatt"],
        title=title,
        notes=(fill(texts()["tabelle"]["stand"], datum=german_date(p.stand)), *w["hinweise"]),
        warnings=(texts()["tabelle"]["beispieldaten"],) if p.sample_data else (),
        columns=columns,
        rows=tuple(rows),
        print_settings=print_settings(title, p.stand),
    )
