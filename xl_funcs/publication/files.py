"""Publishing the official table as files: inputs -> calculation -> document model -> xlsx, CSV, HTML, PDF.

Everything that can fail because of the input fails before anything is
written: reading and the calculation raise InputProblems. Then, holding the
output folder's lock, all files are made in a staging folder beside their
targets (the PDF, which Chromium prints from the HTML page, too) and installed together by ``output_files.OutputRun``:
complete or not at all, last run's files readable until then. An error leaves
the output directory as it was; the input workbook is only ever read.
The same document drawn into an open workbook: ``xl_funcs.excel.scripts``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..calculation import calculate
from ..inputs import Inputs
from ..output_files import OutputError, OutputRun
from ..render.html import Figure
from ..render.svg import svg
from ..table.model import Document
from ..table.official import official_document


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
        return pdf_of_page(self.html, self.document)


def pdf_of_page(html: bytes, document: Document) -> bytes:
    """An HTML page of ``document`` printed by Chromium and made archival (tagged, PDF/A, same bytes); raises PdfError."""
    from .. import __version__
    from ..render.pdf import print_page
    from ..render.pdf_archive import archival_pdf

    return archival_pdf(print_page(html), document, creator_tool=f"mittelverteilung {__version__}")


def document_of(inputs: Inputs) -> Document:
    """The official document; raises InputProblems if the engine refuses the inputs."""
    return official_document(calculate(inputs))


def figures_of(document: Document) -> tuple[Figure, ...]:
    """The document's charts drawn as SVG figures for the HTML page and the PDF."""
    return tuple(Figure(chart.title, chart.description, svg(chart)) for chart in document.charts)


def render(document: Document, figures: Sequence[Figure] | None = None) -> Publication:
    """Every file but the PDF, in memory; the figures (by default the document's charts) go into the HTML page
    and so the PDF."""
    from ..render.csv import csv_bytes
    from ..render.html import html_bytes
    from ..render.xlsx import xlsx_bytes

    return Publication(
        document=document,
        xlsx=xlsx_bytes(document),
        csv=csv_bytes(document.sheets[0]),
        html=html_bytes(document, figures_of(document) if figures is None else figures),
    )


def publish(
    inputs: Inputs,
    out_dir: str | os.PathLike,
    *,
    pdf: bool = True,
    protect: tuple[Path, ...] = (),
    progress: Callable[[str], None] = lambda message: None,
) -> list[Path]:
    """Write xlsx, CSV, HTML and (with ``pdf``) PDF of the official table into ``out_dir``; return their paths.

    ``protect`` names files that must never be overwritten (the input workbook).
    """
    out_dir = output_directory(out_dir)
    if pdf:
        require_pdf_printer()
    progress("Berechne die Verteilung …")
    publication = render(document_of(inputs))
    return install(
        out_dir,
        publication.files(),
        pdf=(publication.pdf_name, publication.pdf) if pdf else None,
        protect=protect,
        progress=progress,
    )


def output_directory(out_dir: str | os.PathLike) -> Path:
    """The output folder as a Path; PublishError if it exists and is not a folder."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise PublishError(f"{out_dir} ist kein Verzeichnis.")
    return out_dir


def require_pdf_printer() -> None:
    """PublishError (German, with the install hint) before anything is computed, if no PDF can be made."""
    from ..render.pdf import chromium_command, missing_message

    if chromium_command() is None:
        raise PublishError(missing_message())


def install(
    out_dir: Path,
    files: dict[str, bytes],
    *,
    pdf: tuple[str, Callable[[], bytes]] | None = None,
    protect: tuple[Path, ...] = (),
    progress: Callable[[str], None] = lambda message: None,
) -> list[Path]:
    """Write ``files`` (name -> bytes) and, with ``pdf`` (its name and how to print it), the PDF: all or nothing.

    Holding the folder's lock, everything is staged beside its target and installed together by
    ``output_files.OutputRun``; the PDF is printed inside that run, so a failed print leaves nothing behind.
    """
    names = list(files) + ([pdf[0]] if pdf else [])
    try:
        with OutputRun(out_dir, names, protect=protect) as run:
            progress(f"Schreibe {_listed(list(files))} …")
            for name, data in files.items():
                run.write(name, data)
            if pdf:
                from ..render.pdf import PdfError

                pdf_name, print_pdf = pdf
                progress(f"Erzeuge {pdf_name} mit Chromium …")
                try:
                    run.write(pdf_name, print_pdf())
                except PdfError as error:
                    raise PublishError(str(error)) from None
            return run.commit()
    except OutputError as error:
        raise PublishError(str(error)) from None


def _listed(names: list[str]) -> str:
    """``a``, ``a und b``, ``a, b und c``."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " und " + names[-1]
