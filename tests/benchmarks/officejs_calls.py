"""The =ALLOCATE call as Excel's JavaScript sends it, for the in-process and the HTTP benchmark."""

from __future__ import annotations

from importlib.metadata import version

from .engine_cases import BUDGET, weights

__all__ = ["BUDGET", "SIZES", "call_body", "weights"]

SIZES = (44, 10_000)


def call_body(func_name: str, counts: list[int]) -> dict:
    """Every parameter as a 2-D matrix, omitted ones as [[null]]: budget, weights, method, unit, lower, upper."""
    return {
        "client": "Office.js",
        "func_name": func_name,
        "args": [[[BUDGET]], [[count] for count in counts], [[None]], [[None]], [[None]], [[None]]],
        "caller_address": "[Mittelverteilung.xlsx]Berechnung!C5",
        "culture_info_name": "de-DE",
        "date_format": "TT.MM.JJJJ",
        "version": version("xlwings"),
        "runtime": "1.4",
    }
