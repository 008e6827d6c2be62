"""A tie that decided an amount, and the rule that decides ties: which row goes first.

A rule is a priority: one number per row, smaller goes first when two claims
on the last unit are exactly equal. ``key`` is the order the rows come in
(the calculation sorts the Kreise by Kreisschlüssel), ``weight`` puts the larger
exact weight first, ``lot`` orders by a reproducible draw from a published
seed, ``order`` by an explicit rank per row.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from .choices import choice
from .errors import AllocationError
from .notation import row_list

TIE_RULES = ("key", "weight", "lot", "order")


@dataclass(frozen=True)
class Tie:
    """Rows whose claims on the last units were exactly equal.

    ``winners`` received a unit that ``losers`` with the same claim did not;
    the tie rule in force (by default: the row that comes first) decided.
    ``value`` is the equal claim: the remainder (Hare-Niemeyer) or the
    quotient weight/divisor (divisor methods).
    """

    winners: tuple[int, ...]
    losers: tuple[int, ...]
    value: Fraction

    @property
    def rows(self) -> tuple[int, ...]:
        return tuple(sorted(self.winners + self.losers))


def parse_tie_rule(value: str | None) -> str:
    """``key``/``weight``/``lot``/``order``, also in the German words of the workbook; None -> ``key``."""
    return choice(value, _SPELLINGS, "key", "Gleichstandsregel",
                  "Schlüssel, Gewicht, Los und Rang (key, weight, lot, order)", "tie_rule")


_SPELLINGS = {
    "key": "key",
    "schlüssel": "key",
    "schluessel": "key",
    "kreisschlüssel": "key",
    "kreisschluessel": "key",
    "reihenfolge": "key",
    "weight": "weight",
    "gewicht": "weight",
    "lot": "lot",
    "los": "lot",
    "losentscheid": "lot",
    "order": "order",
    "rang": "order",
    "rangfolge": "order",
}


def tie_priority(
    rule: str,
    count: int,
    *,
    weights: Sequence[Fraction] | None = None,
    labels: Sequence[str] | None = None,
    seed: str | None = None,
    ranks: Sequence[int | None] | None = None,
) -> tuple[int, ...]:
    """Position of each row in the order that breaks ties (0 goes first).

    ``labels`` name the rows for the draw (the Kreisschlüssel; default the row
    number), so that the draw does not depend on the order of the input.
    """
    rows = range(count)
    if rule == "key":
        order = list(rows)
    elif rule == "weight":
        if weights is None:
            raise AllocationError("Die Gleichstandsregel „Gewicht“ braucht die Gewichte.", field="tie_rule")
        order = sorted(rows, key=lambda row: (-weights[row], row))
    elif rule == "lot":
        if seed is None or not str(seed).strip():
            raise AllocationError(
                "Die Gleichstandsregel „Los“ braucht eine Losnummer (z. B. Datum und Nummer der Ziehung).",
                field="seed",
            )
        names = labels if labels is not None else [str(row + 1) for row in rows]
        order = sorted(rows, key=lambda row: (lot_number(seed, names[row]), row))
    elif rule == "order":
        order = _by_rank(ranks, count)
    else:
        raise AllocationError(f"Unbekannte Gleichstandsregel {rule!r}.", field="tie_rule")
    positions = [0] * count
    for position, row in enumerate(order):
        positions[row] = position
    return tuple(positions)


def lot_number(seed: str, label: str) -> str:
    """The row's draw: SHA-256 of seed and label, in hex; the smallest goes first. The same on every machine."""
    return hashlib.sha256(f"{str(seed).strip()}\n{label}".encode("utf-8")).hexdigest()


def _by_rank(ranks: Sequence[int | None] | None, count: int) -> list[int]:
    if ranks is None or len(ranks) != count:
        raise AllocationError("Die Gleichstandsregel „Rang“ braucht einen Rang für jede Zeile.", field="rank")
    missing = [row for row, rank in enumerate(ranks) if rank is None]
    if missing:
        raise AllocationError(
            f"Die Gleichstandsregel „Rang“ braucht einen Rang für jede Zeile; es fehlt in {row_list(missing)}.",
            tuple(missing),
            field="rank",
        )
    seen: dict[int, int] = {}
    doubled = []
    for row, rank in enumerate(ranks):
        if rank in seen:
            doubled.append(row)
        seen.setdefault(rank, row)
    if doubled:
        raise AllocationError(
            f"Jeder Rang darf nur einmal vorkommen; doppelt in {row_list(doubled)}.", tuple(doubled), field="rank"
        )
    return sorted(range(count), key=lambda row: ranks[row])
