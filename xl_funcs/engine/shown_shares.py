"""Shares as printed: whole hundredths of a percent that add up to exactly 100 %.

Rounding each exact share on its own can print 99,99 % or 100,01 % in total
while the total row says 100,00 %. Instead the 10,000 hundredths of a percent
are apportioned among the weights by Hare-Niemeyer, like euros among Kreise:
each printed share differs from the exact one by less than one hundredth of
a percentage point, and together they are 100 %.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from .allocation import apportion, shares
from .methods import Method

HUNDREDTHS_OF_A_PERCENT = 10_000


def shown_shares(weights: Sequence, parts: int = HUNDREDTHS_OF_A_PERCENT) -> tuple[Fraction, ...]:
    """Each weight's share in whole ``1/parts`` (default: hundredths of a percent), adding up to 1 exactly."""
    shares(weights)  # the same checks and the same German error for weights that sum to 0
    allocation = apportion(parts, list(weights), method=Method.HARE_NIEMEYER)
    return tuple(Fraction(int(units), parts) for units in allocation.amounts)
