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
from ..engine.transition import Transition


# How EXPLAIN states the tie rule of ALLOCATE: the row that comes first.
ROW_ORDER_RULE = "bei Gleichstand geht die frühere Zeile vor"


def explanation_text(
    allocation: Allocation, row: int, labels: Sequence[str] | None = None, tie_rule: str = ROW_ORDER_RULE
) -> str:
    """E.g. ``Zeile 2: 3.072.884 € (Hare-Niemeyer). Exakte Quote 3.072.883,86… € …``.

    With ``labels`` (one per row, e.g. the Kreise's names) every "Zeile 2" names the row instead;
    ``tie_rule`` is the clause that says who goes first at a tie, as the caller's parameters decide.
    """
    text = _explanation(allocation, row, tie_rule)
    return _named(text, labels) if labels is not None else text


def _explanation(allocation: Allocation, row: int, tie_rule: str) -> str:
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
        parts.append(_tie(detail, tie_rule))
    return " ".join(parts)


def transition_text(
    transition: Transition, row: int, labels: Sequence[str] | None = None, tie_rule: str = ROW_ORDER_RULE
) -> str:
    """What the transition rules did to one row, then how the key it started from gave its amount.

    E.g. ``Zeile 1: 450 € mit Übergangsregeln; nach dem Schlüssel ohne Regel 100 €, Differenz +350 €.
    Verlustbegrenzung 10 %: mindestens 450 € …``.
    """
    key = _explanation(transition.key, row, tie_rule).removeprefix(f"Zeile {row + 1}: ")
    text = " ".join(_transition_sentences(transition, row)) + " Der Schlüssel, von dem die Regeln ausgehen: " + key
    return _named(text, labels) if labels is not None else text


def _transition_sentences(transition: Transition, row: int) -> list[str]:
    detail = transition.rows[row]
    euro = EuroText(transition.unit)
    sign = "+" if detail.difference > 0 else ""
    parts = [
        f"Zeile {row + 1}: {euro(detail.total)} mit Übergangsregeln; nach dem Schlüssel ohne Regel "
        f"{euro(detail.without)}, Differenz {sign}{euro(detail.difference)}."
    ]
    if transition.phase_in is not None:
        old = transition.phase_in
        parts.append(
            f"Übergangsanteil {_percent(old)}: Anteil = {_percent(old)} × Anteil am Vorjahr + "
            f"{_percent(1 - old)} × Anteil am Gewicht; darauf beruht der Betrag nach dem Schlüssel "
            f"{euro(transition.key.units[row])}."
        )
    if detail.minimum is not None:
        parts.append(
            f"Verlustbegrenzung {_percent(transition.max_loss)}: mindestens {euro(detail.minimum)} "
            f"(Vorjahr {euro(detail.previous)} abzüglich {_percent(transition.max_loss)}, aufgerundet)."
        )
        if detail.capped_loss:
            parts.append(_who_paid(transition, detail, euro))
    if detail.maximum is not None:
        parts.append(
            f"Zuwachsbegrenzung {_percent(transition.max_gain)}: höchstens {euro(detail.maximum)} "
            f"(Vorjahr {euro(detail.previous)} zuzüglich {_percent(transition.max_gain)}, abgerundet)"
            + ("; sie greift, der Rest geht an die übrigen Zeilen." if detail.capped_gain and
               transition.key.units[row] == detail.maximum else ".")
        )
    if transition.financing == "gainers" and transition.gain_rate is not None and detail.units < transition.key.units[row]:
        rate = transition.gain_rate
        parts.append(
            f"Diese Zeile gewinnt gegenüber dem Vorjahr und trägt die Verlustbegrenzung mit: Ihr Zuwachs ist auf die "
            f"für alle Gewinner gleiche Rate {_percent(rate)} des Vorjahres begrenzt, höchstens "
            f"{euro(detail.previous * (1 + rate))}, auf die Einheit gerundet nach den größten Resten: "
            f"{euro(detail.units)} statt {euro(transition.key.units[row])}."
        )
    return parts


def _who_paid(transition: Transition, detail, euro: EuroText) -> str:
    if transition.financing == "fund":
        return (
            f"Der Schlüssel gibt {euro(detail.units)}; den Rest von {euro(detail.top_up)} zahlt der Härtefonds "
            f"außerhalb des Budgets (insgesamt {euro(transition.fund_units)})."
        )
    if transition.financing == "gainers":
        return (
            f"Die Zeile wird auf {euro(detail.minimum)} angehoben; das zahlen die Zeilen, die gegenüber dem Vorjahr "
            f"gewinnen, mit einer einheitlichen Zuwachsrate von {_percent(transition.gain_rate)}."
        )
    return (
        f"Die Zeile erhält genau {euro(detail.minimum)}; das Geld dafür tragen alle übrigen Zeilen, unter denen der "
        "Rest nach dem Verfahren verteilt wird."
    )


def _percent(rate: Fraction) -> str:
    return german_number(Fraction(rate) * 100, 4) + " %"


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


def _tie(detail: RowExplanation, tie_rule: str) -> str:
    tie = detail.tie
    others = [r for r in tie.rows if r != detail.row]
    won = detail.row in tie.winners
    outcome = (
        "diese Zeile erhielt den umstrittenen Betrag"
        if won
        else f"der umstrittene Betrag ging an {row_list(tie.winners)}"
    )
    return (
        f"Gleichstand mit {row_list(others)} (exakt gleicher Anspruch): {tie_rule}, {outcome}."
    )


def _named(text: str, labels: Sequence[str]) -> str:
    def replace(match: re.Match) -> str:
        numbers = [int(n) for n in re.findall(r"\d+", match.group("numbers"))]
        names = [labels[n - 1] if 0 < n <= len(labels) else f"Zeile {n}" for n in numbers]
        return ", ".join(names) + (match.group("more") or "")

    return re.sub(ROW_REFERENCE, replace, text)
