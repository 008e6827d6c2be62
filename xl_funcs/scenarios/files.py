"""The comparison as files: ``Szenarienvergleich_Integrationsmanagement_<Jahr>.xlsx``, written safely.

Reading, calculating and drawing happen before the output folder is touched;
then ``output_files.OutputRun`` installs the file complete or not at all. The
PDF and HTML join here once their renderers draw this table model (issue 12).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ..output_files import OutputError, OutputRun
from .comparison import compare
from .document import comparison_document
from .variant import ComparisonInputs


class CompareError(Exception):
    """The comparison could not be written for a reason other than the input; German message."""


def write_comparison(
    source: ComparisonInputs,
    out_dir: str | os.PathLike,
    *,
    protect: tuple[Path, ...] = (),
    progress: Callable[[str], None] = lambda message: None,
) -> list[Path]:
    """Calculate every variant and write the comparison's xlsx into ``out_dir``; InputProblems on bad input."""
    from ..render.xlsx import xlsx_bytes

    progress(f"Berechne {len(source.variants)} Szenarien …")
    document = comparison_document(compare(source, progress))
    progress("Zeichne den Vergleich …")
    data = xlsx_bytes(document)
    name = document.file_stem + ".xlsx"
    try:
        with OutputRun(out_dir, [name], protect=protect) as run:
            progress(f"Schreibe {name} …")
            run.write(name, data)
            return run.commit()
    except OutputError as error:
        raise CompareError(str(error)) from None
