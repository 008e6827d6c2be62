"""One-click scripts for the open workbook: xlwings Server and Lite (``@script``) and the classic add-in.

All hosts run the same ``publish_into_book``: read the workbook through the
Book API, calculate, draw the sheets "Mittelverteilung <Jahr>" and
"Berechnungsgrundlagen" (the same document ``mittelverteilung publish`` writes
to files). Only those two sheets are replaced; nothing else in the workbook
changes. This module imports nothing that writes files (openpyxl, LibreOffice),
so that xlwings Lite needs none of it.

Bad input changes nothing at all; the German report (every problem with its
sheet and cell) is shown instead:
- Server/Lite: the script raises ``XlwingsError`` with the report. Before any
  action reaches Excel, so the workbook stays as it was; xlwings Server shows
  the message in a dialog, Lite in its output pane (where ``print`` also goes).
- classic add-in (``main`` in ``workbook/Mittelverteilung.py``): a message box
  through ``book.app.alert``.

No ``from __future__ import annotations`` here: xlwings reads the ``book:
xw.Book`` annotation of a script to know where to pass the workbook.
"""

import xlwings as xw
from xlwings import XlwingsError, script

from ..calculation import calculate
from ..districts.dispatch import dispatch_document
from ..inputs import InputProblems
from ..readers import read_xlwings_book
from ..render.book import draw_document
from ..table.model import Document
from ..table.official import official_document

__all__ = ["publish_official_table", "prepare_district_workbooks"]

ALERT_TITLE = "Mittelverteilung: Eingaben prüfen"


@script(name="Amtliche Tabelle erzeugen")
def publish_official_table(book: xw.Book):
    """Die amtliche Tabelle „Vorläufige Mittelverteilung Integrationsmanagement <Jahr>“ in dieser Mappe erzeugen."""
    _in_office_js(publish_into_book, book, "Die Tabelle wurde nicht erzeugt. ")


def publish_into_book(book) -> Document:
    """Read the open workbook, calculate, and draw the official sheets into it.

    Raises InputProblems before the workbook is touched if the input is bad.
    """
    return _draw(book, official_document)


def _draw(book, document_of) -> Document:
    document = document_of(calculate(read_xlwings_book(book)))
    draw_document(book, document)
    return document


def _in_office_js(action, book, failure: str) -> None:
    """Server/Lite: the German report as an XlwingsError, raised before any action reaches Excel."""
    try:
        action(book)
    except InputProblems as problems:
        report = failure + problems.german_report()
        print(report)
        raise XlwingsError(report) from None


def publish_in_classic_excel(book) -> bool:
    """The classic add-in's "Run main": draw the sheets, or show the report in a message box."""
    try:
        publish_into_book(book)
    except InputProblems as problems:
        book.app.alert(
            "Die Tabelle wurde nicht erzeugt. " + problems.german_report(),
            title=ALERT_TITLE,
            buttons="ok",
            mode="critical",
        )
        return False
    return True


@script(name="Versandliste für die Kreise")
def prepare_district_workbooks(book: xw.Book):
    """Die Versandliste der Kreis-Arbeitsmappen (Datei, ZIP, Betrag, Vorgangsnummer je Kreis) in dieser Mappe zeigen.

    xlwings Server und Lite können keine Dateien auf dem Rechner speichern; die
    Arbeitsmappen selbst schreibt ``mittelverteilung share`` oder im klassischen
    Add-in ``share`` in Mittelverteilung.py. Die Liste nennt genau deren Dateien.
    """
    _in_office_js(dispatch_into_book, book, "Die Versandliste wurde nicht erzeugt. ")


def dispatch_into_book(book) -> Document:
    """Read the open workbook, calculate, and draw the sheet "Versand an die Kreise" into it.

    Raises InputProblems before the workbook is touched if the input is bad.
    """
    return _draw(book, dispatch_document)
