"""Writing the payment files: Auszahlungsplan (xlsx, CSV for the paying office) and, against the
published provisional table, Schlussabrechnung with Änderungsnachweis (xlsx, PDF).

As for the official table (``xl_funcs.publication.files``): everything that can fail because of the
input fails before anything is written; then all files are staged and installed together by
``output_files.OutputRun`` (complete or not at all); same inputs, same bytes.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..calculation import Calculation, calculate
from ..inputs import Inputs
from ..publication.files import install, output_directory, pdf_of_page, require_pdf_printer
from ..table.model import Document
from .changes import record_changes
from .plan import plan_instalments
from .provisional import read_provisional
from .settlement import settle
from .tables import plan_document, settlement_document


@dataclass(frozen=True)
class PaymentDocuments:
    plan: Document
    settlement: Document | None


@dataclass(frozen=True)
class ProvisionalSource:
    """The published provisional table and the workbook it was computed from (read, not yet checked)."""

    table: Path
    workbook: Path
    inputs: Inputs


def payment_documents(inputs: Inputs, provisional: ProvisionalSource | None = None, as_of: date | None = None) -> PaymentDocuments:
    """Every document, or InputProblems (bad workbook, no Abschläge, a provisional table not ours …)."""
    final = calculate(inputs)
    sample = inputs.parameters.sample_data
    plan = plan_document(plan_instalments(final), inputs.parameters.stand, sample)
    if provisional is None:
        return PaymentDocuments(plan, None)
    published = read_provisional(provisional.table, inputs.parameters.year, provisional.inputs, str(provisional.workbook))
    return PaymentDocuments(plan, settlement_of(published.calculation, final, as_of))


def settlement_of(provisional: Calculation, final: Calculation, as_of: date | None) -> Document:
    """Schlussabrechnung and Änderungsnachweis; paid is the provisional workbook's own plan (its Abschläge)."""
    settlement = settle(provisional, final, as_of)
    record = record_changes(provisional, final)
    return settlement_document(settlement, record, final.inputs.parameters.sample_data)


def write_payments(
    inputs: Inputs,
    out_dir: str | os.PathLike,
    *,
    provisional: ProvisionalSource | None = None,
    as_of: date | None = None,
    pdf: bool = True,
    protect: tuple[Path, ...] = (),
    progress: Callable[[str], None] = lambda message: None,
) -> list[Path]:
    from ..render.csv import records_csv_bytes
    from ..render.xlsx import xlsx_bytes

    out_dir = output_directory(out_dir)
    if provisional is not None and pdf:
        require_pdf_printer()
    progress("Berechne Auszahlungsplan …" if provisional is None else "Berechne Auszahlungsplan und Schlussabrechnung …")
    documents = payment_documents(inputs, provisional, as_of)
    files = {
        documents.plan.file_stem + ".xlsx": xlsx_bytes(documents.plan),
        documents.plan.file_stem + ".csv": records_csv_bytes(documents.plan.sheets[1]),
    }
    settlement = documents.settlement
    if settlement is not None:
        files[settlement.file_stem + ".xlsx"] = xlsx_bytes(settlement)
    printed = None
    if settlement is not None and pdf:
        from ..render.html import html_bytes

        page = html_bytes(settlement)
        printed = (settlement.file_stem + ".pdf", lambda: pdf_of_page(page, settlement))
    return install(out_dir, files, pdf=printed, protect=protect, progress=progress)
