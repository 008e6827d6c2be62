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

import logging

import xlwings as xw
from xlwings import XlwingsError, script

from ..calculation import calculate
from ..districts.dispatch import dispatch_document
from ..inputs import InputProblems
from ..payments.tables import plan_document_of
from ..readers import read_xlwings_book
from ..readers.scenarios import read_comparison_book
from ..render.book import draw_document
from ..scenarios.comparison import compare
from ..scenarios.document import comparison_document
from ..table.model import Document
from ..table.official import official_document

__all__ = ["publish_official_table", "prepare_district_workbooks", "compare_scenarios", "plan_payments"]

logger = logging.getLogger(__name__)

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
    except Exception as error:  # a defect, not bad input: the traceback goes to the log, German to the user
        logger.exception("%s: interner Fehler", failure.strip())
        raise XlwingsError(
            f"{failure}Interner Fehler ({type(error).__name__}: {error}). Die Mappe wurde nicht verändert. "
            "Bitte dem Fachreferat oder der IT melden."
        ) from None


def publish_in_classic_excel(book) -> bool:
    """The classic add-in's "Run main": draw the sheets, or show the report in a message box."""
    return _in_classic_excel(publish_into_book, book, "Die Tabelle wurde nicht erzeugt. ")


def _in_classic_excel(action, book, failure: str) -> bool:
    """Classic add-in: do ``action``, or show the German report in a message box (nothing changed)."""
    try:
        action(book)
    except InputProblems as problems:
        book.app.alert(
            failure + problems.german_report(),
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


@script(name="Szenarien vergleichen")
def compare_scenarios(book: xw.Book):
    """Die Szenarien der Tabelle „Szenarien“ vergleichen: Übersicht, Mittel je Kreis und Grundlagen in dieser Mappe."""
    _in_office_js(compare_into_book, book, "Der Szenarienvergleich wurde nicht erzeugt. ")


def compare_into_book(book) -> Document:
    """Read the open workbook with its table Szenarien, calculate every variant, draw the comparison's sheets.

    Raises InputProblems before the workbook is touched if the input is bad.
    """
    document = comparison_document(compare(read_comparison_book(book)))
    draw_document(book, document)
    return document


def compare_in_classic_excel(book) -> bool:
    """The classic add-in's ``compare()``: draw the comparison, or show the report in a message box."""
    return _in_classic_excel(compare_into_book, book, "Der Szenarienvergleich wurde nicht erzeugt. ")


@script(name="Auszahlungsplan erstellen")
def plan_payments(book: xw.Book):
    """Den Auszahlungsplan (jeder Abschlag der Tabelle „Abschläge“ euro-genau je Kreis) in dieser Mappe zeigen.

    Die Blätter „Auszahlungsplan <Jahr>“ und „Zahlungen“ (die Einleseliste der Zahlstelle) erscheinen in der
    Mappe; als Dateien (xlsx, CSV) schreibt sie ``mittelverteilung payments``.
    """
    _in_office_js(plan_into_book, book, "Der Auszahlungsplan wurde nicht erstellt. ")


def plan_into_book(book) -> Document:
    """Read the open workbook, calculate, plan the instalments and draw the plan's sheets into it.

    Raises InputProblems before the workbook is touched if the input is bad (or has no table Abschläge).
    """
    return _draw(book, plan_document_of)


def plan_payments_in_classic_excel(book) -> bool:
    """The classic add-in's ``plan_payments``: draw the plan, or show the report in a message box."""
    return _in_classic_excel(plan_into_book, book, "Der Auszahlungsplan wurde nicht erstellt. ")
