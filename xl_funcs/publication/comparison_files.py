"""The comparison as files: ``Szenarienvergleich_Integrationsmanagement_<Jahr>`` as xlsx, HTML and PDF.

The same path as the official table's: reading, calculating and drawing happen
before the output folder is touched (bad input raises InputProblems and writes
nothing); then ``files.install`` stages every file, prints the PDF from the
HTML page inside the same run and installs them together or not at all.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ..scenarios.comparison import compare
from ..scenarios.document import comparison_document
from ..scenarios.variant import ComparisonInputs
from .files import figures_of, install, output_directory, pdf_of_page, require_pdf_printer


def write_comparison(
    source: ComparisonInputs,
    out_dir: str | os.PathLike,
    *,
    pdf: bool = True,
    protect: tuple[Path, ...] = (),
    progress: Callable[[str], None] = lambda message: None,
) -> list[Path]:
    """Calculate every variant and write the comparison's xlsx, HTML and (with ``pdf``) PDF into ``out_dir``.

    InputProblems on bad input, PublishError (German) if the files cannot be written or printed.
    """
    from ..render.html import html_bytes
    from ..render.xlsx import xlsx_bytes

    out_dir = output_directory(out_dir)
    if pdf:
        require_pdf_printer()
    progress(f"Berechne {len(source.variants)} Szenarien …")
    document = comparison_document(compare(source, progress))
    progress("Zeichne den Vergleich …")
    html = html_bytes(document, figures_of(document))
    files = {document.file_stem + ".xlsx": xlsx_bytes(document), document.file_stem + ".html": html}
    return install(
        out_dir,
        files,
        pdf=(document.file_stem + ".pdf", lambda: pdf_of_page(html, document)) if pdf else None,
        protect=protect,
        progress=progress,
    )
