"""The published provisional table, read back from our own official xlsx, and the workbook it was made from.

The published xlsx says what was paid: its amounts. It does not carry the per-year counts
(they are not published), but it carries the SHA-256 of all inputs on its sheet
Berechnungsgrundlagen. So the ministry names the workbook the provisional table was computed
from as well; it is accepted only if its inputs hash to exactly that SHA-256, and the table
only if it is ours (sheets and rows where publish puts them), of the year being settled, and
if recomputing the workbook gives exactly the amounts printed in the table. Anything else (another
program's file, a table edited by hand, another year, another version of the workbook) is
refused in German.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..calculation import Calculation, calculate
from ..inputs import InputProblems, Inputs, Problem
from ..table.official import official_columns
from ..table.templates import fill, texts


@dataclass(frozen=True)
class ProvisionalResult:
    path: Path
    calculation: Calculation  # of the provisional workbook, checked against the published table

    @property
    def inputs(self) -> Inputs:
        return self.calculation.inputs


def read_provisional(path: str | os.PathLike, year: int, workbook_inputs: Inputs, workbook: str = "") -> ProvisionalResult:
    """The provisional table of ``year`` from ``path``, made from ``workbook_inputs``; InputProblems otherwise."""
    from ..readers.file_guard import read_workbook_bytes

    label = str(path)

    def refuse(message: str):
        raise InputProblems([Problem(message, file=label)])

    published = _published_workbook(read_workbook_bytes(path), refuse)
    not_ours = (
        "Die Datei ist keine von mittelverteilung veröffentlichte amtliche Tabelle "
        "(„Vorläufige Mittelverteilung …“ als xlsx): "
    )
    words = texts()["grundlagen"]
    if words["blatt"] not in published.sheetnames:
        refuse(not_ours + f"das Blatt „{words['blatt']}“ fehlt.")
    printed = _labelled_values(published[words["blatt"]])
    digest, printed_year = printed.get(words["pruefsumme"]), printed.get(words["haushaltsjahr"])
    if not isinstance(digest, str) or len(digest.strip()) != 64 or not isinstance(printed_year, int):
        refuse(
            not_ours + f"auf dem Blatt „{words['blatt']}“ fehlen die Zeilen „{words['haushaltsjahr']}“ "
            f"und „{words['pruefsumme']}“."
        )
    if printed_year != year:
        refuse(
            f"Die vorläufige Tabelle gehört zum Haushaltsjahr {printed_year}, abgerechnet wird aber das "
            f"Haushaltsjahr {year}. Bitte die vorläufige Tabelle des Jahres {year} angeben."
        )
    if workbook_inputs.digest != digest.strip():
        raise InputProblems(
            [
                Problem(
                    "Die Arbeitsmappe der vorläufigen Tabelle ist nicht die, aus der diese Tabelle veröffentlicht "
                    f"wurde: Ihre Eingaben haben die Prüfsumme (SHA-256) {workbook_inputs.digest[:12]}…, die Tabelle "
                    f"nennt {digest.strip()[:12]}…. Bitte genau die damals veröffentlichte Fassung angeben.",
                    file=workbook or None,
                )
            ]
        )
    calculation = calculate(workbook_inputs)
    _check_amounts(published, calculation, refuse)
    return ProvisionalResult(path=Path(path), calculation=calculation)


def _published_workbook(data: bytes, refuse):
    """Our own published xlsx, from bytes the file guard approved; openpyxl parses its XML through defusedxml."""
    import io
    import warnings

    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # features openpyxl does not keep are no concern of a table we wrote
            return openpyxl.load_workbook(io.BytesIO(data), data_only=True, keep_links=False, rich_text=False)
    except Exception as error:  # openpyxl raises many kinds of errors on damaged parts
        refuse(
            "Die Datei ist beschädigt oder keine von mittelverteilung veröffentlichte amtliche Tabelle und kann "
            f"nicht gelesen werden (technische Ursache: {type(error).__name__})."
        )


def _labelled_values(sheet) -> dict[str, object]:
    """First column's text -> second column's value, over the whole sheet."""
    values = {}
    for row in sheet.iter_rows(min_col=1, max_col=2, values_only=True):
        if isinstance(row[0], str) and row[0].strip() not in values:
            values[row[0].strip()] = row[1] if len(row) > 1 else None
    return values


def _check_amounts(published, calculation: Calculation, refuse) -> None:
    """The table's printed amounts must be the recomputed ones, Kreis by Kreis."""
    p = calculation.inputs.parameters
    sheet_name = fill(texts()["tabelle"]["blatt"], jahr=p.year)
    if sheet_name not in published.sheetnames:
        refuse(f"Die Datei enthält das Blatt „{sheet_name}“ nicht und ist daher keine amtliche Tabelle {p.year}.")
    headers = {column.key: column.header for column in official_columns(calculation)}
    key_column = amount_column = None
    printed: dict[str, object] = {}
    for row in published[sheet_name].iter_rows(values_only=True):
        if key_column is None:
            if headers["key"] in row and headers["amount"] in row:
                key_column, amount_column = row.index(headers["key"]), row.index(headers["amount"])
            continue
        key = row[key_column] if key_column < len(row) else None
        if isinstance(key, str) and len(key) == 5 and key.isdigit():
            printed[key] = row[amount_column]
    expected = {r.district.key: r.amount for r in calculation.rows}
    differing = sorted(key for key in expected if not _same_amount(printed.get(key), expected[key]))
    if differing:
        refuse(
            f"Die Beträge auf dem Blatt „{sheet_name}“ sind nicht die aus der Arbeitsmappe gerechneten "
            f"(z. B. Kreis {differing[0]}): Die Tabelle wurde nach der Veröffentlichung verändert."
        )


def _same_amount(printed, expected) -> bool:
    if printed is None or isinstance(printed, (bool, str)):
        return False
    value = Decimal(repr(printed)) if isinstance(printed, float) else Decimal(printed)
    return value == Decimal(expected)
