"""A variant's rules and the price of its cushion in German words, generated from the values that decided them."""

from __future__ import annotations

from fractions import Fraction

from ..engine.exact import whole_or_exact
from ..engine.notation import german_number
from ..inputs import Parameters
from ..table.templates import SCENARIOS, fill, load
from ..table.text import percent_text
from .summary import CushionPrice


def words() -> dict:
    return load(SCENARIOS)


def reference_words(p: Parameters) -> str:
    rules = words()["regeln"]
    template = rules["bezug_ein_jahr"] if len(p.reference_years) == 1 else rules["bezug_mittelwert"]
    return fill(template, zeitraum=p.reference_period)


def rules_in_words(p: Parameters) -> str:
    """``Hare-Niemeyer; Zuweisungen Ø 2022–2024; Verlust höchstens 20 % gegenüber 2024, getragen von …``."""
    rules = words()["regeln"]
    parts = [p.method.label, reference_words(p)]
    if p.base:
        parts.append(fill(rules["sockel"], sockel=german_number(whole_or_exact(p.base))))
    if p.loss_cap is not None:
        cap = fill(rules["verlustbegrenzung"], prozent=_percent(p.loss_cap), vorjahr=p.previous_year)
        parts.append(f"{cap}, {rules['finanzierung'][p.financing]}")
    if p.max_gain is not None:
        parts.append(fill(rules["zuwachsbegrenzung"], prozent=_percent(p.max_gain), vorjahr=p.previous_year))
    if p.phase_in is not None:
        parts.append(fill(rules["uebergang"], prozent=_percent(p.phase_in), vorjahr=p.previous_year))
    if p.tie_rule != "key":
        parts.append(fill(rules["gleichstand"], regel=rules["gleichstandsregel"][p.tie_rule]))
        if p.tie_rule == "lot" and p.seed:
            parts.append(fill(rules["losnummer"], losnummer=p.seed))
    if p.bound_rule != "redistribute":
        parts.append(fill(rules["grenzen"], regel=rules["grenzregel"][p.bound_rule]))
    return rules["trenner"].join(parts)


def tie_rule_words(p: Parameters) -> str:
    return words()["regeln"]["gleichstandsregel"][p.tie_rule]


def bound_rule_words(p: Parameters) -> str:
    return words()["regeln"]["grenzregel"][p.bound_rule]


def financing_words(p: Parameters) -> str:
    return words()["regeln"]["finanzierung"][p.financing]


def price_in_words(p: Parameters, price: CushionPrice | None) -> str:
    """Who paid for the cushion and what it cost, read off the amounts (empty: no cushion)."""
    texts = words()
    if price is None:
        return texts["uebersicht"]["kein_polster"]
    if not price.moved and not price.fund:
        return texts["preis"]["nichts"]
    numbers = dict(
        fonds=german_number(price.fund),
        betrag=german_number(price.moved),
        empfaenger=price.receivers,
        zahler=price.payers,
    )
    if price.fund:
        return fill(texts["preis"]["fund"], **numbers)
    if p.financing == "gainers" and None not in (price.payers_highest_gain, price.payers_highest_gain_without, price.payers_kept):
        return fill(
            texts["preis"]["gainers"],
            hoechst=percent_text(price.payers_highest_gain),
            hoechst_ohne=percent_text(price.payers_highest_gain_without),
            behalten=percent_text(price.payers_kept),
            **numbers,
        )
    return fill(texts["preis"]["all"], **numbers)


def _percent(value) -> str:
    return percent_text(Fraction(value), places=None)
