"""The bar chart of one variant of a comparison: the official bars, titled with the variant's name."""

from __future__ import annotations

from dataclasses import replace

from ..calculation import Calculation
from . import wording
from .bars import amount_bars, change_bars
from .model import BarChart


def variant_bars(calculation: Calculation, variant: str) -> BarChart:
    """The change per Kreis against last year (the amounts where no previous year is given), named for ``variant``."""
    chart = change_bars(calculation) if calculation.has_previous else amount_bars(calculation)
    return replace(
        chart,
        title=wording.VARIANT_TITLE.format(szenario=variant, titel=chart.title),
        sentences=(wording.VARIANT_SENTENCE.format(szenario=variant),) + chart.sentences,
    )
