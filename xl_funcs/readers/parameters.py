"""The parameter cells, found through their defined names, checked one by one and against each other."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from ..engine import AllocationError, Method, parse_method
from ..engine.allocation import parse_bound_rule
from ..engine.ties import parse_tie_rule
from ..engine.transition import parse_financing
from ..engine.notation import german_number
from ..inputs import CellRef
from . import cell_values as cv
from . import contract as c
from .problem_list import ProblemList
from .snapshot import CellValue, NameTarget, WorkbookSnapshot

_PLAUSIBLE_YEARS = range(2000, 2101)
_MAX_REFERENCE_YEARS = 20


@dataclass(frozen=True)
class ParameterReading:
    """What could be read; a field is None when its cell had a problem (already reported)."""

    values: dict[str, object]
    cells: dict[str, CellRef]

    def get(self, name: str):
        return self.values.get(name)

    @property
    def reference_years(self) -> tuple[int, ...] | None:
        first, last = self.values.get(c.REFERENCE_FROM), self.values.get(c.REFERENCE_TO)
        if first is None or last is None or first > last or last - first >= _MAX_REFERENCE_YEARS:
            return None
        return tuple(range(first, last + 1))


def find_name(snapshot: WorkbookSnapshot, name: str) -> NameTarget | None:
    """Excel compares names without case."""
    folded = name.casefold()
    return next((n for n in snapshot.names if n.name.casefold() == folded), None)


def _local_definitions(snapshot: WorkbookSnapshot, name: str) -> list[NameTarget]:
    """The sheet-scoped definitions of ``name``; several pointing at the same cell count as one."""
    folded = name.casefold()
    found: dict[tuple, NameTarget] = {}
    for target in snapshot.local_names:
        if target.name.casefold() == folded:
            found.setdefault((target.sheet, target.area, target.refers_to), target)
    return list(found.values())


def _similar_names(snapshot: WorkbookSnapshot, name: str) -> list[str]:
    names = [n.name for n in snapshot.names]
    folded = {n.casefold(): n for n in names}
    close = difflib.get_close_matches(name.casefold(), list(folded), n=3, cutoff=0.6)
    starting = [n for n in names if n.casefold().startswith(name.casefold()) and n.casefold() not in close]
    return [folded[f] for f in close] + starting[:3]


def locate(snapshot: WorkbookSnapshot, name: str, problems: ProblemList, required: bool) -> tuple[CellRef, CellValue] | None:
    """The cell a defined name points at, and its value; None (with a problem if required) otherwise."""
    target = find_name(snapshot, name)
    meaning = c.NAME_MEANINGS.get(name, "")
    if target is None:
        local = _local_definitions(snapshot, name)
        if len(local) == 1:
            target = local[0]  # defined for one sheet only, so unambiguous: Excel shows it in the Namens-Manager too
        elif local:
            sheets = ", ".join(f"„{n.scope}“" for n in local)
            problems.add(
                f"Der Name „{name}“ ({meaning}) ist nur für einzelne Blätter definiert ({sheets}), nicht für die "
                "ganze Arbeitsmappe, und zeigt dort auf verschiedene Zellen. Bitte im Namens-Manager "
                "(Formeln > Namens-Manager) einen davon löschen und beim anderen den Bereich „Arbeitsmappe“ wählen."
            )
            return None
    if target is None:
        if required:
            similar = _similar_names(snapshot, name)
            hint = f" Vorhanden sind ähnliche Namen: {', '.join(f'„{s}“' for s in similar)}." if similar else ""
            problems.add(
                f"Der Name „{name}“ ({meaning}) fehlt in der Arbeitsmappe. Er muss im Namens-Manager "
                f"(Formeln > Namens-Manager) auf die Zelle mit dem Wert zeigen.{hint}"
            )
        return None
    if target.area is None or target.sheet is None:
        problems.add(f"Der Name „{name}“ ({meaning}) verweist auf keine Zelle ({target.refers_to}).")
        return None
    if not target.area.is_cell:
        problems.add(
            f"Der Name „{name}“ ({meaning}) verweist auf mehrere Zellen ({target.area.a1}); "
            "erwartet wird genau eine Zelle.",
            target.sheet,
            target.area.a1,
        )
        return None
    sheet = snapshot.sheet(target.sheet)
    if sheet is None:
        problems.add(f"Der Name „{name}“ ({meaning}) verweist auf das Blatt „{target.sheet}“, das es nicht gibt.")
        return None
    where = CellRef(sheet.name, target.area.a1)
    return where, sheet.value(target.area.first_row, target.area.first_column)


def read_parameters(snapshot: WorkbookSnapshot, problems: ProblemList) -> ParameterReading:
    values: dict[str, object] = {}
    cells: dict[str, CellRef] = {}

    def read(name: str, convert, required: bool = True) -> None:
        found = locate(snapshot, name, problems, required)
        if found is None:
            return
        where, value = found
        cells[name] = where
        try:
            values[name] = convert(value)
        except cv.CellValueError as reason:
            problems.add(f"{name}: {reason}", where.sheet, where.cell)

    read(c.YEAR, _year)
    read(c.BUDGET, _positive("Das Budget", "das Budget in Euro"))
    read(c.METHOD, _method)
    read(c.UNIT, _positive("Die Einheit", "die Auszahlungseinheit in Euro (z. B. 1)"))
    read(c.REFERENCE_FROM, _year)
    read(c.REFERENCE_TO, _year)
    read(c.STAND, cv.calendar_date)
    read(c.BASE, _optional(lambda v: cv.amount(v, "der Sockelbetrag in Euro"), Decimal(0)), required=False)
    read(c.LOSS_CAP, _optional(cv.fraction_or_percent, None), required=False)
    read(c.SUBTOTALS, lambda v: cv.yes_no(v, default=False), required=False)
    read(c.SOURCE_NOTE, _optional(lambda v: cv.text(v, "ein Text"), ""), required=False)
    read(c.SAMPLE_DATA, lambda v: cv.yes_no(v, default=False), required=False)
    read(c.FINANCING, _optional(_choice(parse_financing), "all"), required=False)
    read(c.MAX_GAIN, _optional(_gain_rate, None), required=False)
    read(c.PHASE_IN, _optional(cv.fraction_or_percent, None), required=False)
    read(c.TIE_RULE, _optional(_choice(parse_tie_rule), "key"), required=False)
    read(c.SEED, _optional(_seed, None), required=False)
    read(c.BOUND_RULE, _optional(_choice(parse_bound_rule), "redistribute"), required=False)
    for name in (c.ISSUER, c.DEPARTMENT, c.CONTACT):
        read(name, _optional(lambda v: cv.text(v, "ein Text"), ""), required=False)
    read(c.REPLY_DEADLINE, _optional(cv.calendar_date, None), required=False)
    reading = ParameterReading(values, cells)
    _check_together(reading, problems)
    return reading


def _year(value: CellValue) -> int:
    year = cv.whole_number(value, "eine Jahreszahl")
    if year not in _PLAUSIBLE_YEARS:
        raise cv.CellValueError(f"Die Jahreszahl {year} ist nicht plausibel (erwartet 2000 bis 2100).")
    return year


def _positive(subject: str, expected: str):
    def convert(value: CellValue) -> Decimal:
        result = cv.number(value, expected)
        if result <= 0:
            raise cv.CellValueError(f"{subject} muss größer als 0 sein (eingetragen: {cv.describe(result)}).")
        return result

    return convert


def _method(value: CellValue) -> Method:
    text = cv.text(value, "ein Verfahren (Hare-Niemeyer, Sainte-Laguë oder D'Hondt)")
    try:
        return parse_method(text)
    except AllocationError as error:
        raise cv.CellValueError(error.message) from None


def _choice(parse):
    """A word from a short list (Finanzierung, Gleichstandsregel, Grenzregel), checked by the engine's parser."""

    def convert(value: CellValue) -> str:
        try:
            return parse(cv.text(value, "ein Wort aus der Liste"))
        except AllocationError as error:
            raise cv.CellValueError(error.message) from None

    return convert


def _gain_rate(value: CellValue) -> Decimal:
    """A share at least 0; a gain may exceed 100 %."""
    if isinstance(value, str) and value.strip().endswith("%"):
        result = cv.number(value.strip()[:-1], "ein Anteil (z. B. 10 %)") / 100
    else:
        result = cv.number(value, "ein Anteil (z. B. 10 %)")
    if result < 0:
        raise cv.CellValueError(f"Der Anteil ist negativ ({cv.describe(result)}).")
    return result


def _seed(value: CellValue) -> str:
    """The seed as the text everyone can type again: a number stays a number, a date becomes TT.MM.JJJJ."""
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = cv.number(value, "eine Losnummer")
        return str(int(number)) if number == number.to_integral_value() else format(number, "f")
    return cv.text(value, "eine Losnummer (Text oder Zahl)").strip()


def _optional(convert, default):
    def read(value: CellValue):
        return default if cv.is_empty(value) else convert(value)

    return read


def _check_together(reading: ParameterReading, problems: ProblemList) -> None:
    values, cells = reading.values, reading.cells
    unit = values.get(c.UNIT)
    budget = values.get(c.BUDGET)
    if unit is not None and budget is not None and (Fraction(budget) / Fraction(unit)).denominator != 1:
        where = cells[c.BUDGET]
        cents = " (bei der Einheit 1 € sind keine Cent möglich)" if unit == 1 else ""
        problems.add(
            f"{c.BUDGET}: {german_number(budget)} ist kein ganzzahliges Vielfaches der Einheit "
            f"{german_number(unit)}{cents}.",
            where.sheet,
            where.cell,
        )
    base = values.get(c.BASE)
    if unit is not None and base and (Fraction(base) / Fraction(unit)).denominator != 1:
        where = cells[c.BASE]
        problems.add(
            f"{c.BASE}: {german_number(base)} ist kein ganzzahliges Vielfaches der Einheit {german_number(unit)}.",
            where.sheet,
            where.cell,
        )
    first, last = values.get(c.REFERENCE_FROM), values.get(c.REFERENCE_TO)
    if first is not None and last is not None:
        where = cells[c.REFERENCE_TO]
        if first > last:
            problems.add(
                f"{c.REFERENCE_TO}: Das letzte Bezugsjahr ({last}) liegt vor dem ersten ({first}).",
                where.sheet,
                where.cell,
            )
        elif last - first >= _MAX_REFERENCE_YEARS:
            problems.add(
                f"{c.REFERENCE_TO}: Der Bezugszeitraum {first}–{last} ist länger als {_MAX_REFERENCE_YEARS} Jahre.",
                where.sheet,
                where.cell,
            )
    # A Rückmeldefrist before the Stand is normal once the answers are in (the final table in autumn);
    # only sending workbooks out with it is wrong, and ``share`` refuses that.
    stand = values.get(c.STAND)
    if isinstance(stand, date) and stand.year < 2000:
        where = cells[c.STAND]
        problems.add(f"{c.STAND}: Das Datum {cv.describe(stand)} ist nicht plausibel.", where.sheet, where.cell)
