"""The published provisional table, read back from our own official xlsx and checked to be ours.

The official xlsx carries its inputs (``Inputs.canonical_text``, a custom document property)
and their SHA-256 on the sheet Berechnungsgrundlagen. A file is accepted as the provisional
table only if the carried inputs hash to the printed SHA-256, belong to the year being
settled, and recomputing them gives exactly the amounts printed in the table. Anything else
(another program's file, a table edited by hand, another year) is refused in German.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from ..calculation import Calculation, calculate
from ..inputs import InputProblems, Inputs, Instalment, Problem, from_canonical_text
from ..table.official import INPUTS_PROPERTY, INSTALMENTS_PROPERTY, official_columns
from ..table.templates import fill, texts

@dataclass(frozen=True)
class ProvisionalResult:
    path: Path
    calculation: Calculation
    instalments: tuple[Instalment, ...]  # as carried by the file; () if it carries none

    @property
    def inputs(self) -> Inputs:
        return self.calculation.inputs


def read_provisional(path: str | os.PathLike, year: int) -> ProvisionalResult:
    """The provisional table of ``year`` from ``path``; InputProblems in German when it is not that."""
    from ..readers.file_guard import read_workbook_bytes
    from ..readers.file_reader import _load

    label = str(path)

    def refuse(message: str):
        raise InputProblems([Problem(message, file=label)])

    data = read_workbook_bytes(path)
    workbook = _load(data, label, data_only=True)
    not_ours = (
        "Die Datei ist keine von mittelverteilung veröffentlichte amtliche Tabelle "
        "(„Vorläufige Mittelverteilung …“ als xlsx): "
    )
    properties = {p.name: p.value for p in workbook.custom_doc_props}
    basis_name = texts()["grundlagen"]["blatt"]
    if basis_name not in workbook.sheetnames:
        refuse(not_ours + f"das Blatt „{basis_name}“ fehlt.")
    printed = _labelled_values(workbook[basis_name])
    digest_label = texts()["grundlagen"]["pruefsumme"]
    digest = printed.get(digest_label)
    if not isinstance(digest, str):
        refuse(not_ours + f"auf dem Blatt „{basis_name}“ fehlt die Zeile „{digest_label}“.")
    canonical = properties.get(INPUTS_PROPERTY)
    if not isinstance(canonical, str):
        refuse(
            not_ours + "sie trägt ihre Eingabedaten nicht (mit einer älteren Programmversion veröffentlicht?). "
            "Bitte die vorläufige Tabelle mit „mittelverteilung publish“ aus der damaligen Arbeitsmappe neu erzeugen."
        )
    if hashlib.sha256(canonical.encode("utf-8")).hexdigest() != digest.strip():
        refuse(
            "Die Eingabedaten in der Datei passen nicht zu ihrer Prüfsumme (SHA-256) auf dem Blatt "
            f"„{basis_name}“: Die Datei wurde nach der Veröffentlichung verändert oder stammt nicht von mittelverteilung."
        )
    try:
        inputs = from_canonical_text(canonical)
    except (ValueError, KeyError, TypeError):
        refuse(not_ours + "ihre Eingabedaten sind nicht lesbar.")
    if inputs.parameters.year != year:
        refuse(
            f"Die vorläufige Tabelle gehört zum Haushaltsjahr {inputs.parameters.year}, abgerechnet wird aber das "
            f"Haushaltsjahr {year}. Bitte die vorläufige Tabelle des Jahres {year} angeben."
        )
    calculation = calculate(inputs)
    _check_amounts(workbook, calculation, refuse)
    instalments = ()
    carried = properties.get(INSTALMENTS_PROPERTY)
    if isinstance(carried, str):
        try:
            instalments = tuple(Instalment(date.fromisoformat(d), Decimal(s)) for d, s in json.loads(carried))
        except (ValueError, TypeError, ArithmeticError):
            refuse(not_ours + "ihre Abschläge sind nicht lesbar.")
    return ProvisionalResult(path=Path(path), calculation=calculation, instalments=instalments)


def _labelled_values(sheet) -> dict[str, object]:
    """First column's text -> second column's value, over the whole sheet."""
    values = {}
    for row in sheet.iter_rows(min_col=1, max_col=2, values_only=True):
        if isinstance(row[0], str) and row[0].strip() not in values:
            values[row[0].strip()] = row[1] if len(row) > 1 else None
    return values


def _check_amounts(workbook, calculation: Calculation, refuse) -> None:
    """The table's printed amounts must be the recomputed ones, Kreis by Kreis."""
    p = calculation.inputs.parameters
    sheet_name = fill(texts()["tabelle"]["blatt"], jahr=p.year)
    if sheet_name not in workbook.sheetnames:
        refuse(f"Die Datei enthält das Blatt „{sheet_name}“ nicht und ist daher keine amtliche Tabelle {p.year}.")
    headers = {column.key: column.header for column in official_columns(calculation)}
    sheet = workbook[sheet_name]
    key_column = amount_column = None
    printed: dict[str, object] = {}
    for row in sheet.iter_rows(values_only=True):
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
            f"Die Beträge auf dem Blatt „{sheet_name}“ stimmen nicht mit den mitgeführten Eingaben überein "
            f"(z. B. Kreis {differing[0]}): Die Tabelle wurde nach der Veröffentlichung verändert."
        )


def _same_amount(printed, expected) -> bool:
    if printed is None or isinstance(printed, (bool, str)):
        return False
    return Decimal(repr(printed)) == Decimal(expected) if isinstance(printed, float) else Decimal(printed) == Decimal(expected)
