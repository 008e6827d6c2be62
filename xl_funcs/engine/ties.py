"""A tie that decided an amount, recorded so that a published table can disclose it."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Tie:
    """Rows whose claims on the last units were exactly equal.

    ``winners`` received a unit that ``losers`` with the same claim did not;
    by the documented rule the row that comes first in the input wins.
    ``value`` is the equal claim: the remainder (Hare-Niemeyer) or the
    quotient weight/divisor (divisor methods).
    """

    winners: tuple[int, ...]
    losers: tuple[int, ...]
    value: Fraction

    @property
    def rows(self) -> tuple[int, ...]:
        return tuple(sorted(self.winners + self.losers))
