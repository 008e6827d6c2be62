"""Publishing the official table as files: inputs -> calculation -> document model -> xlsx, CSV, PDF.

Everything that can fail because of the input fails before anything is
written: reading and the calculation raise InputProblems, then all files are
made in a private temporary directory (the PDF too), and only when every file
exists are they moved into the output directory. An error leaves the output
directory as it was; the input workbook is only ever read.
The same document drawn into an open workbook: ``xl_funcs.excel_scripts``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .calculation import calculate
from .inputs import Inputs
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
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise PublishError(f"{out_dir} ist kein Verzeichnis.")
    if pdf:
        from .render.pdf import INSTALL_HINT, soffice_command

        if soffice_command() is None:
            raise PublishError(
                "Für das PDF wird LibreOffice (soffice) gebraucht, es wurde aber nicht gefunden. " + INSTALL_HINT
            )
    progress("Berechne die Verteilung …")
    publication = render(document_of(inputs))
    names = [publication.xlsx_name, publication.csv_name] + ([publication.pdf_name] if pdf else [])
    protected = {path.resolve() for path in protect}
    for name in names:
        if (out_dir / name).resolve() in protected:
            raise PublishError(f"{out_dir / name} ist die Eingabe-Arbeitsmappe und wird nicht überschrieben.")

    with tempfile.TemporaryDirectory(prefix="mittelverteilung-") as scratch:
        scratch_dir = Path(scratch)
        progress(f"Schreibe {publication.xlsx_name} und {publication.csv_name} …")
        (scratch_dir / publication.xlsx_name).write_bytes(publication.xlsx)
        (scratch_dir / publication.csv_name).write_bytes(publication.csv)
        if pdf:
            from .render.pdf import PdfError, xlsx_to_pdf

            progress(f"Erzeuge {publication.pdf_name} mit LibreOffice …")
            try:
                xlsx_to_pdf(scratch_dir / publication.xlsx_name, scratch_dir)
            except PdfError as error:
                raise PublishError(str(error)) from None
        return _install([scratch_dir / name for name in names], out_dir)


def _install(files: list[Path], out_dir: Path) -> list[Path]:
    """Move finished files into ``out_dir``.

    All are first copied beside their targets under a hidden name, then renamed
    in one go; a failed copy (disk full, no permission) removes the copies and
    leaves ``out_dir`` as it was.
    """
    created_dir = not out_dir.exists()
    partials: list[tuple[Path, Path]] = []
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for source in files:
            partial = out_dir / f".{source.name}.partial"
            partials.append((partial, out_dir / source.name))
            shutil.copyfile(source, partial)
    except OSError as error:
        for partial, _ in partials:
            partial.unlink(missing_ok=True)
        if created_dir and out_dir.is_dir() and not any(out_dir.iterdir()):
            out_dir.rmdir()
        raise PublishError(f"In {out_dir} kann nicht geschrieben werden ({error.strerror}).") from None
    for partial, target in partials:
        os.replace(partial, target)
    return [target for _, target in partials]
