"""The tile map of two variants: per Kreis the second variant's amount against the first's, in % of the first."""

from __future__ import annotations

from fractions import Fraction

from ..calculation import Calculation
from . import wording
from .labels import signed_percent
from .model import TileMap
from .tiles import extremes, signed_percent_map


def difference_map(first: Calculation, second: Calculation, first_name: str, second_name: str) -> TileMap:
    """Coloured by (second − first) ÷ first per Kreis; a Kreis with nothing under the first has no value.

    Both calculations are of the same Kreise in the same order (variants of one workbook).
    """
    p = first.inputs.parameters
    values: dict[str, Fraction | None] = {
        a.district.key: Fraction(b.amount - a.amount) / Fraction(a.amount) if a.amount else None
        for a, b in zip(first.rows, second.rows, strict=True)
    }
    fields = dict(jahr=p.year, erstes=first_name, zweites=second_name)
    sentences = [wording.MAP_INTRO, wording.DIFFERENCE_PAIR.format(**fields), wording.DIFFERENCE_COLOUR.format(**fields)]
    chosen = extremes(first, values)
    if chosen:
        (top, top_value), (bottom, bottom_value) = chosen
        if top_value > 0:
            sentences.append(wording.DIFFERENCE_MORE.format(kreis=top, wert=signed_percent(top_value), **fields))
        if bottom_value < 0:
            sentences.append(wording.DIFFERENCE_LESS.format(kreis=bottom, wert=signed_percent(bottom_value), **fields))
        if top_value == bottom_value == 0:
            sentences.append(wording.DIFFERENCE_NONE)
    return signed_percent_map(
        first,
        values,
        title=wording.DIFFERENCE_TITLE.format(**fields),
        sentences=sentences,
        heading=wording.DIFFERENCE_HEADING,
        missing=wording.DIFFERENCE_NO_VALUE.format(**fields),
    )
