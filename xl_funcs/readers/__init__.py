"""Reading the ministry workbook: a file on disk or an open workbook in Excel -> Inputs.

Both ways first take a neutral snapshot of the workbook (cells, defined names,
tables) and then run the same parser over it, so the command line, the classic
add-in, xlwings Server and xlwings Lite accept and refuse exactly the same
workbooks, with the same German messages at the same cells.

Public API:

- ``read_workbook_file(path) -> Inputs``
- ``read_xlwings_book(book) -> Inputs``
- ``bundled_workbook_path() -> Path``

Both readers raise ``xl_funcs.inputs.InputProblems`` listing every problem.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..inputs import InputProblems, Inputs, Problem
from .parse import inputs_from_snapshot

__all__ = ["bundled_workbook_path", "read_workbook_file", "read_xlwings_book"]

# Lite executes the bundled source without a file behind it, hence no __file__ there (nor a sample workbook).
_SOURCE = globals().get("__file__")
_BUNDLED = Path(_SOURCE).resolve().parents[2] / "workbook" / "Mittelverteilung.xlsx" if _SOURCE else None


def read_workbook_file(path: str | os.PathLike) -> Inputs:
    """Read and validate an .xlsx/.xlsm file; the file is only read, never written."""
    from .file_guard import read_workbook_bytes
    from .file_reader import facts_of_bytes, snapshot_of_bytes

    data = read_workbook_bytes(path)
    try:
        return inputs_from_snapshot(snapshot_of_bytes(data, str(path)))
    except InputProblems:
        # One of our own outputs given by mistake: say what it is rather than list the names it lacks.
        from .own_outputs import own_output

        sentence = own_output(str(path), facts_of_bytes(data, str(path)))
        if sentence is None:
            raise
        raise InputProblems([Problem(sentence, file=str(path))]) from None


def read_xlwings_book(book) -> Inputs:
    """Read and validate an open ``xlwings.Book`` (classic, or the Server/Lite Book from Office.js)."""
    from .xlwings_reader import snapshot_of_book

    return inputs_from_snapshot(snapshot_of_book(book))


def bundled_workbook_path() -> Path:
    """The sample workbook ``workbook/Mittelverteilung.xlsx``: the default of every command taking WORKBOOK."""
    if _BUNDLED is None or not _BUNDLED.is_file():
        raise InputProblems(
            [
                Problem(
                    "Die Beispielarbeitsmappe workbook/Mittelverteilung.xlsx liegt nicht neben dem Programm "
                    "(nur im Quellverzeichnis vorhanden); bitte den Pfad einer Arbeitsmappe angeben.",
                    file=str(_BUNDLED or "workbook/Mittelverteilung.xlsx"),
                )
            ]
        )
    return _BUNDLED
