"""What changed (Änderungsnachweis): which inputs differ between the provisional and the final table,
and how much of each Kreis's change in amount each of them explains, exactly to the unit.

The provisional inputs are turned into the final ones one input at a time, in a fixed order,
recalculating after each: first the parameters (Budget, Verfahren, Einheit, Bezugszeitraum,
Gewichte, Sockelbetrag, Verlustbegrenzung), then the Kreise in the order of their keys, per
Kreis its Zuweisungen by year, then Mittel des Vorjahres, Mindestbetrag, Höchstbetrag. The
change of a Kreis's amount from one step to the next is what that input explains, so the parts
add up exactly to the whole change. Where an intermediate state cannot be calculated (a new
Bezugsjahr whose counts are not in yet, bounds that only fit together), the inputs concerned
are switched together and their part is named jointly. The order decides how a change is
split among inputs that interact; it is documented so that every part can be retraced.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction

from ..calculation import Calculation, calculate
from ..engine.notation import german_number
from ..table.explanation import EuroText
from ..inputs import District, InputProblems, Inputs
from ..table.templates import fill
from ..table.text import percent_text
from .money import common_unit, in_units
from .wording import words


def _texts() -> dict:
    return words()["aenderungsnachweis"]


@dataclass(frozen=True)
class InputChange:
    label: str  # "Budget", "Zuweisungen 2024"
    key: str | None  # the Kreis whose input this is; None for a parameter
    before: str  # as German text
    after: str

    def words(self, kreis: str | None = None) -> str:
        """``Budget 58.000.000 € → 60.000.000 €``; with ``kreis`` when the input is another Kreis's."""
        sentences = _texts()["saetze"]
        values = dict(eingabe=self.label, vorher=self.before, nachher=self.after)
        if kreis:
            return fill(sentences["eingabe_kreis"], kreis=kreis, **values)
        return fill(sentences["eingabe"], **values)


@dataclass(frozen=True)
class ChangeStep:
    changes: tuple[InputChange, ...]  # one input, or several that could only be switched together
    effects: tuple[int, ...]  # per Kreis: the change of its amount, in the record's unit


@dataclass(frozen=True)
class ChangeRecord:
    unit: Fraction
    districts: tuple[District, ...]
    provisional: tuple[int, ...]
    final: tuple[int, ...]
    steps: tuple[ChangeStep, ...]

    @property
    def changes(self) -> tuple[InputChange, ...]:
        return tuple(change for step in self.steps for change in step.changes)

    def parts(self, index: int) -> tuple[tuple[str, int], ...]:
        """(what, how much) for one Kreis: parameters and its own inputs one by one, other Kreise together."""
        key = self.districts[index].key
        sentences = _texts()["saetze"]
        labels = {d.key: d.label for d in self.districts}
        parts: list[tuple[str, int]] = []
        others = 0
        for step in self.steps:
            keys = {change.key for change in step.changes}
            if keys and None not in keys and key not in keys:
                others += step.effects[index]
                continue
            named = [
                change.words() if change.key in (None, key) else change.words(labels[change.key])
                for change in step.changes
            ]
            parts.append((sentences["zusammen"].join(named), step.effects[index]))
        if others or any(
            {change.key for change in step.changes} - {None, key} for step in self.steps
        ):
            parts.append((sentences["andere_kreise"], others))
        return tuple(parts)

    def sentence(self, index: int) -> str:
        """The Kreis's change in words, e.g. ``Vorläufig 1.318.182 €, endgültig 1.320.000 € (+1.818 €). …``."""
        texts = _texts()
        sentences = texts["saetze"]
        euro = EuroText(self.unit)
        change = self.final[index] - self.provisional[index]
        text = fill(
            sentences["betraege"],
            vorlaeufig=euro(self.provisional[index]),
            endgueltig=euro(self.final[index]),
            aenderung=signed(euro, change),
        )
        parts = self.parts(index)
        if not self.steps:
            return f"{text} {texts['keine_aenderung']}"
        explained = sentences["teil_trenner"].join(
            fill(sentences["teil"], was=what, betrag=signed(euro, amount)) for what, amount in parts
        )
        return fill(sentences["teile"], betraege=text, teile=explained)


def signed(euro: EuroText, units: int) -> str:
    sentences = _texts()["saetze"]
    if units == 0:
        return sentences["null"]
    return sentences["plus" if units > 0 else "minus"] + euro(abs(units))


def record_changes(provisional: Calculation, final: Calculation) -> ChangeRecord:
    unit = common_unit(provisional.inputs.parameters.unit, final.inputs.parameters.unit)
    start = _with_stand(provisional.inputs, final.inputs.parameters.stand)
    switches = _parameter_switches(start, final.inputs) + _district_switches(start, final.inputs)
    state, amounts = start, _amounts(provisional, unit)
    steps: list[ChangeStep] = []
    pending: list[InputChange] = []
    for change, switch in switches:
        state = switch(state)
        pending.append(change)
        try:
            calculation = calculate(state)
        except (InputProblems, KeyError):
            continue  # not calculable on its own: switched together with the next input
        new_amounts = _amounts(calculation, unit)
        steps.append(ChangeStep(tuple(pending), tuple(b - a for a, b in zip(amounts, new_amounts))))
        state, amounts, pending = calculation.inputs, new_amounts, []
    if pending or state.canonical_text != final.inputs.canonical_text:
        raise AssertionError("switching every changed input must give the final inputs")
    return ChangeRecord(
        unit=unit,
        districts=tuple(row.district for row in final.rows),
        provisional=tuple(_amounts(provisional, unit)),
        final=tuple(_amounts(final, unit)),
        steps=tuple(steps),
    )


def _amounts(calculation: Calculation, unit: Fraction) -> list[int]:
    return [in_units(row.amount, unit) for row in calculation.rows]


def _with_stand(inputs: Inputs, stand) -> Inputs:
    """The Stand is the table's date, not an input of the rule: it is not listed as a change."""
    return replace(inputs, parameters=replace(inputs.parameters, stand=stand))


def _values() -> dict:
    return _texts()["werte"]


def _euro_text(value: Decimal | None) -> str:
    return _values()["leer"] if value is None else fill(_values()["euro"], betrag=german_number(value))


def _share_text(value: Decimal | None) -> str:
    return _values()["keine"] if value is None else percent_text(Fraction(value), places=None)


def _weights_text(p) -> str:
    values = _values()
    if p.year_weights is None:
        return values["gewichte_gleich"]
    return values["gewichte_trenner"].join(
        fill(values["gewicht"], jahr=year, gewicht=german_number(w)) for year, w in zip(p.reference_years, p.year_weights)
    )


def _choice_text(name: str):
    """A choice in the words the Parameter sheet uses for it (the reader accepts them)."""
    return lambda p: _values()[name][getattr(p, name)]


# (field of Parameters, as text); its label is the field's entry in [aenderungsnachweis.eingaben]
_PARAMETERS = (
    ("budget", lambda p: _euro_text(p.budget)),
    ("method", lambda p: p.method.label),
    ("unit", lambda p: _euro_text(p.unit)),
    ("reference_years", lambda p: p.reference_period),
    ("year_weights", _weights_text),
    ("base", lambda p: _euro_text(p.base)),
    ("loss_cap", lambda p: _share_text(p.loss_cap)),
    ("financing", _choice_text("financing")),
    ("max_gain", lambda p: _share_text(p.max_gain)),
    ("phase_in", lambda p: _share_text(p.phase_in)),
    ("tie_rule", _choice_text("tie_rule")),
    ("seed", lambda p: p.seed or _values()["keine"]),
    ("bound_rule", _choice_text("bound_rule")),
)


def _parameter_switches(start: Inputs, final: Inputs):
    switches = []
    labels = _texts()["eingaben"]
    for name, shown in _PARAMETERS:
        before, after = getattr(start.parameters, name), getattr(final.parameters, name)
        if repr(before) == repr(after):
            continue
        change = InputChange(labels[name], None, shown(start.parameters), shown(final.parameters))

        def switch(state: Inputs, name=name, after=after) -> Inputs:
            return replace(state, parameters=replace(state.parameters, **{name: after}))

        switches.append((change, switch))
    return switches


def _district_switches(start: Inputs, final: Inputs):
    switches = []
    labels = _texts()["eingaben"]
    targets = {d.key: d for d in final.districts}
    for original in sorted(start.districts, key=lambda d: d.key):
        target = targets[original.key]
        before_counts, after_counts = dict(original.counts), dict(target.counts)
        for year in sorted(set(before_counts) | set(after_counts)):
            if before_counts.get(year) == after_counts.get(year):
                continue
            change = InputChange(
                fill(labels["counts"], jahr=year),
                original.key,
                _count_text(before_counts.get(year)),
                _count_text(after_counts.get(year)),
            )

            def switch(state: Inputs, key=original.key, year=year, value=after_counts.get(year)) -> Inputs:
                def with_count(d: District) -> District:
                    counts = {**dict(d.counts), year: value}
                    return replace(d, counts=tuple(sorted((y, c) for y, c in counts.items() if c is not None)))

                return _changed_district(state, key, with_count)

            switches.append((change, switch))
        previous_label = fill(labels["previous_amount"], vorjahr=final.parameters.year - 1)
        for name, label in (("previous_amount", previous_label), ("lower", labels["lower"]), ("upper", labels["upper"])):
            before, after = getattr(original, name), getattr(target, name)
            if repr(before) == repr(after):
                continue
            change = InputChange(label, original.key, _euro_text(before), _euro_text(after))

            def switch(state: Inputs, key=original.key, name=name, after=after) -> Inputs:
                return _changed_district(state, key, lambda d: replace(d, **{name: after}))

            switches.append((change, switch))
    return switches


def _changed_district(state: Inputs, key: str, change) -> Inputs:
    return replace(state, districts=tuple(change(d) if d.key == key else d for d in state.districts))


def _count_text(value: int | None) -> str:
    return _values()["leer"] if value is None else german_number(value)
