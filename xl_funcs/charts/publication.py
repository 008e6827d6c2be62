"""The charts the official table shows: change against last year where it is known, else the amounts."""

from __future__ import annotations

from ..calculation import Calculation
from .bars import amount_bars, change_bars
from .model import Chart
from .tiles import change_map, per_head_map


def publication_charts(calculation: Calculation) -> tuple[Chart, ...]:
    """The bar chart and the tile map; both by change in % with a previous year, else by amount and € per person."""
    if calculation.has_previous:
        return change_bars(calculation), change_map(calculation)
    return amount_bars(calculation), per_head_map(calculation)
