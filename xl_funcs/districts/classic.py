"""The Kreis workbooks from the classic xlwings add-in, where Python runs on the user's machine and may write files.

``share_in_classic_excel``: read the open workbook, write the 44 workbooks, the
Versandliste and the ZIPs into the folder ``Kreis-Arbeitsmappen_<Jahr>`` beside
the workbook, and show the Versandliste as a sheet in the workbook.

``collect_in_classic_excel``: read the answers from the folder
``Eingang_Rueckmeldungen_<Jahr>`` beside the workbook, check them against the
Versandliste in ``Kreis-Arbeitsmappen_<Jahr>``, and draw the overview sheets
"Rückmeldungen" and "Probleme" into the workbook.

Both report in a message box; bad input changes nothing. Called by ``share()``
and ``collect()`` in ``workbook/Mittelverteilung.py``.
"""

from __future__ import annotations

from pathlib import Path

from ..calculation import calculate
from ..inputs import InputProblems
from ..readers import read_xlwings_book
from ..render.book import draw_document
from ..table.templates import fill
from .dispatch import dispatch_document
from .wording import words

TITLE = "Mittelverteilung: Arbeitsmappen für die Kreise"


def workbook_folder(book) -> Path | None:
    """The folder the open workbook was saved in; None for a workbook never saved."""
    path = Path(book.fullname)
    return path.parent if path.is_absolute() else None


def share_in_classic_excel(book, out_dir: Path | None = None) -> bool:
    from .sharing import ShareError, share

    try:
        inputs = read_xlwings_book(book)
        calculation = calculate(inputs)
    except InputProblems as problems:
        _alert(book, "Es wurde nichts geschrieben. " + problems.german_report(), critical=True)
        return False
    if out_dir is None:
        folder = workbook_folder(book)
        if folder is None:
            _alert(
                book, "Bitte die Arbeitsmappe zuerst speichern: die Dateien werden neben ihr abgelegt.", critical=True
            )
            return False
        out_dir = folder / fill(words()["dateien"]["ordner"], jahr=inputs.parameters.year)
    try:
        shared = share(inputs, out_dir, protect=(Path(book.fullname),))
    except ShareError as error:
        _alert(book, f"Es wurde nichts geschrieben. {error}", critical=True)
        return False
    draw_document(book, dispatch_document(calculation))
    _alert(
        book,
        f"{len(shared.workbook_paths)} Arbeitsmappen, die Versandliste und die ZIP-Dateien je Regierungsbezirk "
        f"liegen in {out_dir}.",
    )
    return True


def collect_in_classic_excel(book, directory: Path | None = None, issued: Path | None = None) -> bool:
    from .collecting import CollectError, collect
    from .overview import overview_document, summary_line

    if directory is None or issued is None:
        folder = workbook_folder(book)
        try:
            year = read_xlwings_book(book).parameters.year
        except InputProblems as problems:
            _alert(book, "Die Rückmeldungen wurden nicht gelesen. " + problems.german_report(), critical=True)
            return False
        if folder is None:
            _alert(book, "Bitte die Arbeitsmappe zuerst speichern: die Ordner werden neben ihr gesucht.", critical=True)
            return False
        names = words()["dateien"]
        if directory is None:
            directory = folder / fill(names["eingang"], jahr=year)
        if issued is None:
            candidate = folder / fill(names["ordner"], jahr=year) / f"{names['versandliste']}.json"
            issued = candidate if candidate.is_file() else None
    try:
        collection = collect(directory, issued=issued)
    except CollectError as error:
        _alert(book, f"Die Rückmeldungen wurden nicht gelesen. {error}", critical=True)
        return False
    draw_document(book, overview_document(collection))
    _alert(book, summary_line(collection))
    return True


def _alert(book, message: str, critical: bool = False) -> None:
    book.app.alert(message, title=TITLE, buttons="ok", mode="critical" if critical else "info")
