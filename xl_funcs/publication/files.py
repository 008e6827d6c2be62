"""Publishing the official table as files: inputs -> calculation -> document model -> xlsx, CSV, PDF.

Everything that can fail because of the input fails before anything is
written: reading and the calculation raise InputProblems. Then, holding the
output folder's lock, all files are made in a staging folder beside their
targets (the PDF too) and installed together by ``output_files.OutputRun``:
complete or not at all, last run's files readable until then. An error leaves
the output directory as it was; the input workbook is only ever read.
The same document drawn into an open workbook: ``xl_funcs.excel.scripts``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..calculation import calculate
from ..inputs import Inputs
from ..output_files import OutputError, OutputRun
from ..table.model import Document
from ..table.official import official_document


class PublishError(Exception):
    """Publishing failed for a reason other than the input (files, LibreOffice); German message."""


@dataclass(frozen=True)
class Publication:
    """The rendered files, in memory until they are installed."""

    document: Document
    xlsx: bytes
    csv: bytes

    @property
    def xlsx_name(self) -> str:
        return self.document.file_stem + ".xlsx"

    @property
    def csv_name(self) -> str:
        return self.document.file_stem + ".csv"

    @property
    def pdf_name(self) -> str:
        return self.document.file_stem + ".pdf"


def document_of(inputs: Inputs) -> Document:
    """The official document; raises InputProblems if the engine refuses the inputs."""
    return official_document(calculate(inputs))


def render(document: Document) -> Publication:
    from ..render.csv import csv_bytes
    from ..render.xlsx import xlsx_bytes

    return Publication(document=document, xlsx=xlsx_bytes(document), csv=csv_bytes(document.sheets[0]))


def publish(
    inputs: Inputs,
    out_dir: str | os.PathLike,
    *,
    pdf: bool = True,
    protect: tuple[Path, ...] = (),
    progress: Callable[[str], None] = lambda message: None,
) -> list[Path]:
    """Write xlsx, CSV and (with ``pdf``) PDF of the official table into ``out_dir``; return their paths.

    ``protect`` names files that must never be overwritten (the input workbook).
    """
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise PublishError(f"{out_dir} ist kein Verzeichnis.")
    if pdf:
        from ..render.pdf import INSTALL_HINT, soffice_command

        if soffice_command() is None:
            raise PublishError(
                "Für das PDF wird LibreOffice (soffice) gebraucht, es wurde aber nicht gefunden. " + INSTALL_HINT
            )
    progress("Berechne die Verteilung …")
    publication = render(document_of(inputs))
    names = [publication.xlsx_name, publication.csv_name] + ([publication.pdf_name] if pdf else [])
    try:
        with OutputRun(out_dir, names, protect=protect) as run:
            progress(f"Schreibe {publication.xlsx_name} und {publication.csv_name} …")
            run.write(publication.xlsx_name, publication.xlsx)
            run.write(publication.csv_name, publication.csv)
            if pdf:
                from ..render.pdf import PdfError, xlsx_to_pdf

                progress(f"Erzeuge {publication.pdf_name} mit LibreOffice …")
                try:
                    xlsx_to_pdf(run.staged(publication.xlsx_name), run.staged(publication.pdf_name).parent)
                except PdfError as error:
                    raise PublishError(str(error)) from None
                run.add(publication.pdf_name)
            return run.commit()
    except OutputError as error:
        raise PublishError(str(error)) from None
