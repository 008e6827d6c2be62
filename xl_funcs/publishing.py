"""Publishing the official table as files: inputs -> calculation -> document model -> xlsx, CSV, PDF.

Everything that can fail because of the input fails before anything is
written: reading and the calculation raise InputProblems. Then, holding the
output folder's lock, all files are made in a staging folder beside their
targets (the PDF too) and installed together by ``output_files.OutputRun``:
complete or not at all, last run's files readable until then. An error leaves
the output directory as it was; the input workbook is only ever read.
The same document drawn into an open workbook: ``xl_funcs.excel_scripts``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .calculation import calculate
from .inputs import Inputs
from .output_files import OutputError, OutputRun
from .table.model import Document
from .table.official import official_document


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
    from .render.csv import csv_bytes
    from .render.xlsx import xlsx_bytes

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
    out_dir = output_directory(out_dir)
    if pdf:
        require_libreoffice()
    progress("Berechne die Verteilung …")
    publication = render(document_of(inputs))
    files = {publication.xlsx_name: publication.xlsx, publication.csv_name: publication.csv}
    return install(out_dir, files, pdf_of=publication.xlsx_name if pdf else None, protect=protect, progress=progress)


def output_directory(out_dir: str | os.PathLike) -> Path:
    """The output folder as a Path; PublishError if it exists and is not a folder."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise PublishError(f"{out_dir} ist kein Verzeichnis.")
    return out_dir


def require_libreoffice() -> None:
    """PublishError (German, with the install hint) before anything is computed, if no PDF can be made."""
    from .render.pdf import INSTALL_HINT, soffice_command

    if soffice_command() is None:
        raise PublishError(
            "Für das PDF wird LibreOffice (soffice) gebraucht, es wurde aber nicht gefunden. " + INSTALL_HINT
        )


def install(
    out_dir: Path,
    files: dict[str, bytes],
    *,
    pdf_of: str | None = None,
    protect: tuple[Path, ...] = (),
    progress: Callable[[str], None] = lambda message: None,
) -> list[Path]:
    """Write ``files`` (name -> bytes) and, with ``pdf_of`` (one of them, an xlsx), its PDF: all or nothing.

    Holding the folder's lock, everything is staged beside its target (the PDF is made from the
    staged xlsx) and installed together by ``output_files.OutputRun``.
    """
    pdf_name = str(Path(pdf_of).with_suffix(".pdf")) if pdf_of else None
    names = list(files) + ([pdf_name] if pdf_name else [])
    try:
        with OutputRun(out_dir, names, protect=protect) as run:
            progress(f"Schreibe {_listed(list(files))} …")
            for name, data in files.items():
                run.write(name, data)
            if pdf_name:
                from .render.pdf import PdfError, xlsx_to_pdf

                progress(f"Erzeuge {pdf_name} mit LibreOffice …")
                try:
                    xlsx_to_pdf(run.staged(pdf_of), run.staged(pdf_name).parent)
                except PdfError as error:
                    raise PublishError(str(error)) from None
                run.add(pdf_name)
            return run.commit()
    except OutputError as error:
        raise PublishError(str(error)) from None


def _listed(names: list[str]) -> str:
    """``a``, ``a und b``, ``a, b und c``."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " und " + names[-1]
