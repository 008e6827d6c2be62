"""Publishing the official table as files: inputs -> calculation -> document model -> xlsx, CSV, HTML, PDF.

Everything that can fail because of the input fails before anything is
written: reading and the calculation raise InputProblems. Then, holding the
output folder's lock, all files are made in a staging folder beside their
targets (the PDF, which Chromium prints from the HTML page, too) and installed together by ``output_files.OutputRun``:
complete or not at all, last run's files readable until then. An error leaves
the output directory as it was; the input workbook is only ever read.
The same document drawn into an open workbook: ``xl_funcs.excel_scripts``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .calculation import calculate
from .inputs import Inputs
from .output_files import OutputError, OutputRun
from .render.html import Figure
from .table.model import Document
from .table.official import official_document


class PublishError(Exception):
    """Publishing failed for a reason other than the input (files, Chromium); German message."""


@dataclass(frozen=True)
class Publication:
    """The rendered files, in memory until they are installed."""

    document: Document
    xlsx: bytes
    csv: bytes
    html: bytes

    @property
    def xlsx_name(self) -> str:
        return self.document.file_stem + ".xlsx"

    @property
    def csv_name(self) -> str:
        return self.document.file_stem + ".csv"

    @property
    def pdf_name(self) -> str:
        return self.document.file_stem + ".pdf"

    @property
    def html_name(self) -> str:
        return self.document.file_stem + ".html"

    def files(self) -> dict[str, bytes]:
        """Name -> bytes of every file but the PDF (which needs Chromium), in the order they are written."""
        return {self.xlsx_name: self.xlsx, self.csv_name: self.csv, self.html_name: self.html}

    def pdf(self) -> bytes:
        """The page printed by Chromium, made archival; raises PdfError."""
        from . import __version__
        from .render.pdf import print_page
        from .render.pdf_archive import archival_pdf

        return archival_pdf(print_page(self.html), self.document, creator_tool=f"mittelverteilung {__version__}")


def document_of(inputs: Inputs) -> Document:
    """The official document; raises InputProblems if the engine refuses the inputs."""
    return official_document(calculate(inputs))


def render(document: Document, figures: Sequence[Figure] = ()) -> Publication:
    """Every file but the PDF, in memory; ``figures`` (drawn charts) go into the HTML page and so the PDF."""
    from .render.csv import csv_bytes
    from .render.html import html_bytes
    from .render.xlsx import xlsx_bytes

    return Publication(
        document=document,
        xlsx=xlsx_bytes(document),
        csv=csv_bytes(document.sheets[0]),
        html=html_bytes(document, figures),
    )


def publish(
    inputs: Inputs,
    out_dir: str | os.PathLike,
    *,
    pdf: bool = True,
    protect: tuple[Path, ...] = (),
    progress: Callable[[str], None] = lambda message: None,
    figures: Sequence[Figure] = (),
) -> list[Path]:
    """Write xlsx, CSV, HTML and (with ``pdf``) PDF of the official table into ``out_dir``; return their paths.

    ``protect`` names files that must never be overwritten (the input workbook).
    """
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise PublishError(f"{out_dir} ist kein Verzeichnis.")
    if pdf:
        from .render.pdf import chromium_command, missing_message

        if chromium_command() is None:
            raise PublishError(missing_message())
    progress("Berechne die Verteilung …")
    publication = render(document_of(inputs), figures)
    files = publication.files()
    names = [*files] + ([publication.pdf_name] if pdf else [])
    try:
        with OutputRun(out_dir, names, protect=protect) as run:
            progress(f"Schreibe {', '.join(files)} …")
            for name, data in files.items():
                run.write(name, data)
            if pdf:
                from .render.pdf import PdfError

                progress(f"Erzeuge {publication.pdf_name} mit Chromium …")
                try:
                    run.write(publication.pdf_name, publication.pdf())
                except PdfError as error:
                    raise PublishError(str(error)) from None
            return run.commit()
    except OutputError as error:
        raise PublishError(str(error)) from None
