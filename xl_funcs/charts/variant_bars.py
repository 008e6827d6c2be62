"""The bar chart of one variant of a comparison: the official bars, titled with the variant's name."""

from __future__ import annotations

from dataclasses import replace

from ..calculation import Calculation
from . import wording
from .bars import amount_bars, change_bars
from .model import BarChart


def variant_bars(calculation: Calculation, variant: str) -> BarChart:
    """The change per Kreis against last year (the amounts where no previous year is given), named for ``variant``."""
    p = calculation.inputs.parameters
    if calculation.has_previous:
        chart, title = change_bars(calculation), wording.VARIANT_CHANGE_TITLE
    else:
        chart, title = amount_bars(calculation), wording.VARIANT_AMOUNT_TITLE
    return replace(
        chart,
        title=title.format(szenario=variant, jahr=p.year, vorjahr=p.previous_year),
        sentences=(wording.VARIANT_SENTENCE.format(szenario=variant),) + chart.sentences,
    )
