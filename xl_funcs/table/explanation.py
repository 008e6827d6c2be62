"""One row's amount retold in German sentences, from the engine's RowExplanation.

Staff must be able to retrace every euro by hand: the exact quota, what was cut
off, where the row stood among the remainders (or which divisor applied), and
whether a bound or a tie decided it. Numbers are in euros; a quota that does
not end is shown to six places and marked with "…".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from fractions import Fraction

from ..engine import Allocation, RowExplanation
from ..engine.exact import decimal_of
from ..engine.methods import Method
from ..engine.notation import ROW_REFERENCE, german_number, row_list


def explanation_text(allocation: Allocation, row: int, labels: Sequence[str] | None = None) -> str:
    """E.g. ``Zeile 2: 3.072.884 € (Hare-Niemeyer). Exakte Quote 3.072.883,86… € …``.

    With ``labels`` (one per row, e.g. the Kreise's names) every "Zeile 2" names the row instead.
    """
    text = _explanation(allocation, row)
    return _named(text, labels) if labels is not None else text


def _explanation(allocation: Allocation, row: int) -> str:
    detail = allocation.explain(row)
    euro = EuroText(allocation.unit)
    parts = [f"Zeile {row + 1}: {euro(detail.units)} ({detail.method.label})."]
    if detail.base:
        parts.append(f"Sockelbetrag {euro(detail.base)}, dazu der Anteil am Rest.")
    if detail.bound is not None:
        parts.append(_bound(detail, euro))
    elif detail.method is Method.HARE_NIEMEYER:
        parts.extend(_largest_remainder(detail, euro))
    else:
        parts.extend(_divisor(detail, euro))
    if detail.tie is not None:
        parts.append(_tie(detail))
    return " ".join(parts)


class EuroText:
    """Units of an allocation as euro text, e.g. ``6.687.722 €``, ``0,01 €`` or ``1.736.123,456789… €``."""

    def __init__(self, unit: Fraction) -> None:
        self.unit = unit

    def __call__(self, units: int | Fraction) -> str:
        return self.of_euros(Fraction(units) * self.unit)

    @staticmethod
    def of_euros(value) -> str:
        return exact_number_text(value) + " €"

    @property
    def unit_text(self) -> str:
        return self(1)


def exact_number_text(value) -> str:
    """An exact value in German notation; one whose decimals do not end is cut at six places and marked "…"."""
    return german_number(decimal_of(Fraction(value)))


def _share(detail: RowExplanation) -> str:
    return german_number(detail.share * 100, 4) + " %"


def _largest_remainder(detail: RowExplanation, euro: EuroText) -> list[str]:
    sentences = [
        f"Exakte Quote {euro(detail.quota)} (Anteil {_share(detail)}); abgerundet {euro(detail.floor)}."
    ]
    extra = detail.extra_units
    if extra <= 0:
        sentences.append("Nach dem Abrunden blieb kein Betrag übrig.")
        return sentences
    units_text = "der übrige Betrag" if extra == 1 else f"die {german_number(extra)} übrigen Beträge"
    ranks = "Rang 1" if extra == 1 else f"die Ränge 1 bis {german_number(extra)}"
    sentences.append(
        f"Der Rest {euro(detail.remainder)} steht auf Rang {german_number(detail.rank)} "
        f"von {german_number(detail.remainder_rows)}; {units_text} zu je {euro.unit_text} "
        f"{'geht' if extra == 1 else 'gehen'} an {ranks}."
    )
    if detail.got_extra:
        sentences.append(f"Daher {euro(detail.floor)} + {euro.unit_text}.")
    else:
        sentences.append(f"Daher bleibt es bei {euro(detail.floor)}.")
    return sentences


def _divisor(detail: RowExplanation, euro: EuroText) -> list[str]:
    multiplier = detail.multiplier
    rounding = "abgerundet" if detail.method is Method.DHONDT else "kaufmännisch gerundet"
    sentences = [f"Exakte Quote {euro(detail.quota)} (Anteil {_share(detail)})."]
    if not multiplier:
        sentences.append("Ohne Gewicht erhält die Zeile nichts.")
        return sentences
    divisor = 1 / multiplier
    product = detail.weight * multiplier
    sentences.append(
        f"Divisor {german_number(divisor)}: Gewicht {german_number(detail.weight)} ÷ Divisor = "
        f"{german_number(product)} Beträge zu je {euro.unit_text}, {rounding} "
        f"{german_number(detail.units - detail.base)}."
    )
    return sentences


def _bound(detail: RowExplanation, euro: EuroText) -> str:
    name = "Untergrenze (Mindestbetrag)" if detail.bound == "lower" else "Obergrenze (Höchstbetrag)"
    return (
        f"Die {name} greift: die Zeile erhält genau {euro(detail.units)}; "
        "der Rest des Budgets wird unter den übrigen Zeilen verteilt."
    )


def _tie(detail: RowExplanation) -> str:
    tie = detail.tie
    others = [r for r in tie.rows if r != detail.row]
    won = detail.row in tie.winners
    outcome = (
        "diese Zeile erhielt den umstrittenen Betrag"
        if won
        else f"der umstrittene Betrag ging an {row_list(tie.winners)}"
    )
    return (
        f"Gleichstand mit {row_list(others)} (exakt gleicher Anspruch): bei Gleichstand geht die "
        f"frühere Zeile vor, {outcome}."
    )


def _named(text: str, labels: Sequence[str]) -> str:
    def replace(match: re.Match) -> str:
        numbers = [int(n) for n in re.findall(r"\d+", match.group("numbers"))]
        names = [labels[n - 1] if 0 < n <= len(labels) else f"Zeile {n}" for n in numbers]
        return ", ".join(names) + (match.group("more") or "")

    return re.sub(ROW_REFERENCE, replace, text)
