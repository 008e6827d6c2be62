"""One-click scripts for the open workbook: xlwings Server and Lite (``@script``) and the classic add-in.

All hosts run the same ``publishing.publish_into_book``: read the workbook
through the Book API, calculate, draw the sheets "Mittelverteilung <Jahr>" and
"Berechnungsgrundlagen". Only those two sheets are replaced; nothing else in
the workbook changes.

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

from .inputs import InputProblems
from .publishing import publish_into_book

__all__ = ["publish_official_table"]

ALERT_TITLE = "Mittelverteilung: Eingaben prüfen"


@script(name="Amtliche Tabelle erzeugen")
def publish_official_table(book: xw.Book):
    """Die amtliche Tabelle „Vorläufige Mittelverteilung Integrationsmanagement <Jahr>“ in dieser Mappe erzeugen."""
    try:
        publish_into_book(book)
    except InputProblems as problems:
        report = "Die Tabelle wurde nicht erzeugt. " + problems.german_report()
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
