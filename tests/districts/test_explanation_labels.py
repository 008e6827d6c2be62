"""explanation_text names rows by their labels when given them (the Kreis workbooks name Kreise, not rows)."""

from __future__ import annotations

from xl_funcs.engine import apportion
from xl_funcs.table.explanation import explanation_text

LABELS = ["Ulm (Stadtkreis)", "Biberach (Landkreis)", "Ravensburg (Landkreis)", "Sigmaringen (Landkreis)"]


def test_labels_replace_row_numbers_in_the_opening_and_in_a_tie():
    allocation = apportion(2, [1, 1, 1, 2])  # three equal remainders compete for the second unit
    named = explanation_text(allocation, 1, labels=LABELS)
    plain = explanation_text(allocation, 1)
    assert plain.startswith("Zeile 2: 0 €") and "Gleichstand mit Zeilen 1, 3" in plain
    assert named.startswith("Biberach (Landkreis): 0 €")
    assert "Gleichstand mit Ulm (Stadtkreis), Ravensburg (Landkreis)" in named
    assert "der umstrittene Betrag ging an Ulm (Stadtkreis)" in named
    assert "Zeile 1" not in named and "Zeilen" not in named


def test_without_labels_the_text_is_unchanged():
    allocation = apportion(58_000_000, [1676, 2326, 1547])
    assert explanation_text(allocation, 0) == explanation_text(allocation, 0, labels=None)
    assert explanation_text(allocation, 0).startswith("Zeile 1: ")
