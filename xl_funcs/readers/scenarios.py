"""The optional table ``Szenarien``: one variant of the key per row, columns found by their heading.

An empty cell means "as on the Parameter sheet"; the Parameter sheet's own key
is always the first variant ("Vorgesehene Verteilung"). Every cell is checked
on its own and against the workbook (reference years present, previous amounts
for transition rules, multiples of the unit), and every problem is reported
with its sheet and cell, together with the problems of the rest of the workbook.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from decimal import Decimal

from ..engine.allocation import parse_bound_rule
from ..engine.ties import parse_tie_rule
from ..engine.transition import parse_financing
from ..inputs import CellRef, InputProblems, Inputs
from ..scenarios.variant import PLANNED, ComparisonInputs, Variant
from . import cell_values as cv
from . import contract as c
from .districts import find_table
from .parameters import _choice, _gain_rate, _method, _positive, _seed, _year
from .problem_list import ProblemList
from .snapshot import Area, SheetGrid, TableArea, WorkbookSnapshot, cell_name

TABLE_NAME = "Szenarien"

NAME = "Szenario"
COMPARED = "Vergleich"
# The rules' columns are headed like the Parameter sheet's names.
FINANCING = c.FINANCING
MAX_GAIN = c.MAX_GAIN
PHASE_IN = c.PHASE_IN
TIE_RULE = c.TIE_RULE
SEED = c.SEED
BOUND_RULE = c.BOUND_RULE

# Heading -> the Parameters field it overrides (the reference years are combined into one field).
FIELDS = {
    c.METHOD: "method",
    c.REFERENCE_FROM: "reference_years",
    c.REFERENCE_TO: "reference_years",
    c.BUDGET: "budget",
    c.BASE: "base",
    c.LOSS_CAP: "loss_cap",
    FINANCING: "financing",
    MAX_GAIN: "max_gain",
    PHASE_IN: "phase_in",
    TIE_RULE: "tie_rule",
    SEED: "seed",
    BOUND_RULE: "bound_rule",
}
HEADINGS = (NAME,) + tuple(FIELDS) + (COMPARED,)

# Words accepted in a cell (folded: lower case, single spaces) -> the agreed value of the field.
# Typed into a rule's cell: the variant has no such rule even if the Parameter sheet has one.
NONE_WORDS = {"keine", "kein", "ohne", "nein"}
# Rules that work on last year's amounts.
NEEDS_PREVIOUS = ("loss_cap", "max_gain", "phase_in")


def read_comparison_file(path: str | os.PathLike) -> ComparisonInputs:
    """The workbook file's inputs and variants; InputProblems with every problem of both otherwise."""
    from .file_reader import snapshot_of_file

    return comparison_from_snapshot(snapshot_of_file(path))


def read_comparison_book(book) -> ComparisonInputs:
    """The same from an open ``xlwings.Book`` (classic, Server or Lite)."""
    from .xlwings_reader import snapshot_of_book

    return comparison_from_snapshot(snapshot_of_book(book))


def comparison_from_snapshot(snapshot: WorkbookSnapshot) -> ComparisonInputs:
    from .parse import inputs_from_snapshot

    earlier: tuple = ()
    inputs = None
    try:
        inputs = inputs_from_snapshot(snapshot)
    except InputProblems as problems:
        earlier = problems.problems
    problems = ProblemList(snapshot.source)
    variants = read_scenarios(snapshot, problems, inputs)
    if earlier or problems:
        raise InputProblems(list(earlier) + problems.problems)
    return ComparisonInputs(inputs, variants)


def read_scenarios(snapshot: WorkbookSnapshot, problems: ProblemList, inputs: Inputs | None) -> tuple[Variant, ...]:
    """The Parameter sheet's key and then one Variant per row; checks needing ``inputs`` only if they exist."""
    table = find_table(snapshot, TABLE_NAME)
    if table is None:
        problems.add(
            f"Für den Szenarienvergleich fehlt die Tabelle „{TABLE_NAME}“: eine Excel-Tabelle (Einfügen > Tabelle) "
            f"mit dem Namen „{TABLE_NAME}“, einer Spalte „{NAME}“ und je einer Spalte für jeden Parameter, den ein "
            f"Szenario anders setzt (z. B. „{c.METHOD}“, „{c.LOSS_CAP}“)."
        )
        return ()
    sheet = snapshot.sheet(table.sheet)
    if sheet is None or table.header_rows < 1:
        problems.add(
            f"Die Tabelle „{table.name}“ braucht eine Überschriftenzeile; die Spalten werden an ihren Überschriften "
            "erkannt.",
            table.sheet,
            table.area.a1,
        )
        return ()
    columns = _read_header(sheet, table, problems)
    if columns is None:
        return ()
    variants = [Variant(PLANNED)]
    seen = {PLANNED.casefold(): None}
    first = table.area.first_row + table.header_rows
    for row in range(first, table.area.last_row - table.totals_rows + 1):
        variant = _RowReader(sheet, table, columns, row, problems, inputs).read()
        if variant is None:
            continue
        folded = variant.name.casefold()
        if folded in seen:
            where = seen[folded]
            earlier = f"in {where}" if where else "so heißt die Verteilung nach dem Parameterblatt"
            problems.add(
                f"{NAME}: Den Namen „{variant.name}“ gibt es schon ({earlier}); jedes Szenario braucht einen eigenen "
                "Namen.",
                sheet.name,
                cell_name(row, columns[NAME]),
            )
            continue
        seen[folded] = cell_name(row, columns[NAME])
        variants.append(variant)
    if len(variants) == 1 and not problems:
        problems.add(
            f"Die Tabelle „{table.name}“ enthält kein Szenario; bitte mindestens eine Zeile mit einem Namen in der "
            f"Spalte „{NAME}“ eintragen.",
            sheet.name,
            table.area.a1,
        )
    compared = [v for v in variants if v.compared]
    for extra in compared[1:]:
        problems.add(
            f"{COMPARED}: Nur ein Szenario kann mit „ja“ für den Vergleich markiert sein (schon „{compared[0].name}“).",
            extra.row.sheet,
            _same_row(extra.row.cell, columns[COMPARED]),
        )
    return tuple(variants)


def _fold(text: str) -> str:
    return " ".join(text.replace("_", " ").split()).casefold()


def _read_header(sheet: SheetGrid, table: TableArea, problems: ProblemList) -> dict[str, int] | None:
    row = table.area.first_row
    known = {_fold(heading): heading for heading in HEADINGS}
    columns: dict[str, int] = {}
    before = len(problems)
    for column in range(table.area.first_column, table.area.last_column + 1):
        value = sheet.value(row, column)
        if not isinstance(value, str) or not value.strip():
            continue
        heading = known.get(_fold(value))
        if heading is None:
            close = difflib.get_close_matches(_fold(value), list(known), n=1, cutoff=0.8)
            if close:  # a typo would otherwise silently leave the parameter as on the Parameter sheet
                problems.add(
                    f"Die Spaltenüberschrift „{value.strip()}“ der Tabelle „{table.name}“ ist unbekannt; gemeint ist "
                    f"wohl „{known[close[0]]}“.",
                    sheet.name,
                    cell_name(row, column),
                )
            continue  # other columns (notes) are the user's own
        if heading in columns:
            problems.add(
                f"Die Spaltenüberschrift „{heading}“ kommt in der Tabelle „{table.name}“ doppelt vor "
                f"(auch in {cell_name(row, columns[heading])}).",
                sheet.name,
                cell_name(row, column),
            )
            continue
        columns[heading] = column
    if NAME not in columns:
        header = Area(row, table.area.first_column, row, table.area.last_column).a1
        problems.add(f"In der Tabelle „{table.name}“ fehlt die Spalte „{NAME}“ mit dem Namen jedes Szenarios.", sheet.name, header)
    return None if len(problems) > before else columns


def _same_row(cell: str, column: int) -> str:
    row = int("".join(ch for ch in cell if ch.isdigit()))
    return cell_name(row, column)


@dataclass
class _RowReader:
    sheet: SheetGrid
    table: TableArea
    columns: dict[str, int]
    row: int
    problems: ProblemList
    inputs: Inputs | None

    def where(self, heading: str) -> tuple[str, str]:
        return self.sheet.name, cell_name(self.row, self.columns[heading])

    def value(self, heading: str):
        column = self.columns.get(heading)
        return None if column is None else self.sheet.value(self.row, column)

    def report(self, heading: str, message: str) -> None:
        self.problems.add(f"{heading}: {message}", *self.where(heading))

    def read(self) -> Variant | None:
        area = self.table.area
        if all(cv.is_empty(self.sheet.value(self.row, col)) for col in range(area.first_column, area.last_column + 1)):
            self.problems.add(
                f"Zeile {self.row} der Tabelle „{self.table.name}“ ist leer; bitte die Zeile aus der Tabelle löschen.",
                self.sheet.name,
                cell_name(self.row, area.first_column),
            )
            return None
        before = len(self.problems)
        name = self._name()
        values: dict[str, object] = {}
        for heading, convert in (
            (c.METHOD, _method),
            (c.BUDGET, _positive("Das Budget", "das Budget in Euro")),
            (c.BASE, lambda v: cv.amount(v, "der Sockelbetrag in Euro")),
            (c.LOSS_CAP, _optional_share(cv.fraction_or_percent)),
            (FINANCING, _choice(parse_financing)),
            (MAX_GAIN, _optional_share(_gain_rate)),
            (PHASE_IN, _optional_share(cv.fraction_or_percent)),
            (TIE_RULE, _choice(parse_tie_rule)),
            (SEED, _seed),
            (BOUND_RULE, _choice(parse_bound_rule)),
            (c.REFERENCE_FROM, _year),
            (c.REFERENCE_TO, _year),
        ):
            value = self.value(heading)
            if cv.is_empty(value):
                continue
            try:
                values[heading] = convert(value)
            except cv.CellValueError as reason:
                self.report(heading, str(reason))
        compared = False
        try:
            compared = cv.yes_no(self.value(COMPARED), default=False)
        except cv.CellValueError as reason:
            self.report(COMPARED, str(reason))
        if len(self.problems) > before or name is None:
            return None
        overrides = self._overrides(values)
        if len(self.problems) > before:
            return None
        return Variant(name, overrides, CellRef(self.sheet.name, cell_name(self.row, self.columns[NAME])), compared)

    def _name(self) -> str | None:
        value = self.value(NAME)
        if cv.is_empty(value):
            self.report(NAME, "Die Zelle ist leer; jedes Szenario braucht einen Namen.")
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return cv.describe(value)
        try:
            return " ".join(cv.text(value, "ein Name").split())
        except cv.CellValueError as reason:
            self.report(NAME, str(reason))
            return None

    def _overrides(self, values: dict[str, object]) -> tuple[tuple[str, object], ...]:
        """Cell values as Parameters fields, checked against the Parameter sheet's values and the Kreise."""
        base = self.inputs.parameters if self.inputs is not None else None
        overrides: dict[str, object] = {}
        for heading in self.columns:
            field = FIELDS.get(heading)
            if field is None or heading not in values or field == "reference_years":
                continue
            overrides[field] = values[heading]
        if c.REFERENCE_FROM in values or c.REFERENCE_TO in values:
            years = self._reference_years(values, base)
            if years is not None:
                overrides["reference_years"] = years
        if base is None:
            return tuple(overrides.items())
        effective = {name: overrides.get(name, getattr(base, name)) for name in ("budget", "base", "loss_cap", "financing")}
        unit = base.unit
        for heading, name in ((c.BUDGET, "budget"), (c.BASE, "base")):
            if name in overrides and (overrides[name] / unit) != (overrides[name] / unit).to_integral_value():
                self.report(heading, f"{cv.describe(overrides[name])} ist kein ganzzahliges Vielfaches der Einheit {cv.describe(unit)}.")
        has_previous = all(d.previous_amount is not None for d in self.inputs.districts)
        for heading in (c.LOSS_CAP, MAX_GAIN, PHASE_IN):
            name = FIELDS[heading]
            if overrides.get(name) is not None and name in NEEDS_PREVIOUS and not has_previous:
                self.report(
                    heading,
                    f"Diese Regel geht vom Vorjahresbetrag jedes Kreises aus, in der Tabelle „{c.TABLE_NAME}“ fehlen "
                    f"aber die Mittel des Vorjahres (Spalte „{c.amount_header(base.previous_year)}“).",
                )
        if "financing" in overrides and effective["loss_cap"] is None:
            self.report(
                FINANCING,
                "Eine Finanzierung ist nur mit einer Verlustbegrenzung sinnvoll; weder das Szenario noch das "
                "Parameterblatt setzt eine.",
            )
        return tuple(overrides.items())

    def _reference_years(self, values: dict, base) -> tuple[int, ...] | None:
        first = values.get(c.REFERENCE_FROM, base.reference_years[0] if base else None)
        last = values.get(c.REFERENCE_TO, base.reference_years[-1] if base else None)
        if first is None or last is None:
            return None
        heading = c.REFERENCE_TO if c.REFERENCE_TO in values else c.REFERENCE_FROM
        if first > last:
            self.report(heading, f"Das letzte Bezugsjahr ({last}) liegt vor dem ersten ({first}).")
            return None
        years = tuple(range(first, last + 1))
        if self.inputs is not None:
            missing = [y for y in years if any(y not in dict(d.counts) for d in self.inputs.districts)]
            if missing:
                if c.REFERENCE_FROM in values and first in missing:
                    heading = c.REFERENCE_FROM  # the cell that reaches back to a year without counts
                self.report(
                    heading,
                    f"Für den Bezugszeitraum {first}–{last} fehlen in der Tabelle „{c.TABLE_NAME}“ die Zuweisungen "
                    f"{', '.join(str(y) for y in missing)} (Spalte „{c.count_header(missing[0])}“ fehlt oder ist leer).",
                )
                return None
        return years


def _optional_share(convert):
    def read(value) -> Decimal | None:
        if isinstance(value, str) and value.strip().casefold() in NONE_WORDS:
            return None
        return convert(value)

    return read
