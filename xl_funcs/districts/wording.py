"""The texts and looks of the Kreis workbooks, the Versandliste and the overview of answers."""

from __future__ import annotations

from ..table.templates import DISTRICTS, load


def words() -> dict:
    return load(DISTRICTS)
