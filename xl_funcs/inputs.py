"""What the ministry workbook says, as immutable data: parameters and the 44 Kreise.

Readers (a file on disk, an open workbook through xlwings) produce an Inputs or
a list of Problems, each naming the sheet and cell; everything after them works
on this model only.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .engine import Method


@dataclass(frozen=True, order=True)
class CellRef:
    sheet: str
    cell: str  # A1 notation, e.g. "D14"

    def __str__(self) -> str:
        sheet = f"'{self.sheet}'" if any(ch in self.sheet for ch in " -!'") else self.sheet
        return f"{sheet}!{self.cell}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, in German, at a place the user can find."""

    message: str
    where: CellRef | None = None
    file: str | None = None

    def __str__(self) -> str:
        place = str(self.where) if self.where else (self.file or "")
        return f"{place}: {self.message}" if place else self.message


class InputProblems(Exception):
    """Raised by readers and validation with every problem found, not just the first."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def german_report(self) -> str:
        count = len(self.problems)
        heading = "1 Problem gefunden" if count == 1 else f"{count} Probleme gefunden"
        return heading + ":\n" + "\n".join(f"- {p}" for p in self.problems)


@dataclass(frozen=True)
class Parameters:
    year: int  # Haushaltsjahr
    budget: Decimal  # in euros
    method: Method
    unit: Decimal  # smallest amount paid, in euros
    reference_years: tuple[int, ...]  # Bezugszeitraum, e.g. (2022, 2023, 2024)
    stand: date  # the date the table states; also every timestamp written into files
    year_weights: tuple[Decimal, ...] | None = None  # None: plain mean of the reference years
    base: Decimal = Decimal(0)  # Sockelbetrag per Kreis
    loss_cap: Decimal | None = None  # at most this fraction lost against last year (0.1 = 10 %)
    subtotals: bool = False  # Zwischensummen je Regierungsbezirk
    source_note: str = ""  # Datenquelle, printed as a footnote
    sample_data: bool = False  # the counts are invented; every output says so
    # Transition rules and conventions (issue 11); the defaults are today's behaviour.
    financing: str = "all"  # who pays for the loss cap: "all", "gainers" or "fund" (a hardship fund)
    max_gain: Decimal | None = None  # at most this fraction gained against last year (0.1 = 10 %)
    phase_in: Decimal | None = None  # weight of last year's distribution in the blend (0.5 = half old)
    tie_rule: str = "key"  # "key" (Kreisschlüssel), "weight", "lot" (draw from seed) or "order" (Rang)
    seed: str | None = None  # the published seed of the draw for tie_rule "lot"
    bound_rule: str = "redistribute"  # Hare-Niemeyer with bounds: "redistribute" or "quota"
    issuer: str = ""  # Herausgeber: the authority named in every output's title block and properties
    department: str = ""  # Referat
    contact: str = ""  # Kontakt: e-mail or phone of the office, no person unless the workbook names one
    reply_deadline: date | None = None  # Rückmeldefrist: by when the Kreise answer

    @property
    def previous_year(self) -> int:
        return self.year - 1

    @property
    def reference_period(self) -> str:
        years = self.reference_years
        if len(years) == 1:
            return str(years[0])
        if list(years) == list(range(years[0], years[-1] + 1)):
            return f"{years[0]}–{years[-1]}"
        return ", ".join(str(y) for y in years)


@dataclass(frozen=True)
class District:
    key: str  # amtlicher Kreisschlüssel as text, "08111"
    name: str
    kind: str  # "Stadtkreis" or "Landkreis"
    region: str  # Regierungsbezirk
    counts: tuple[tuple[int, int], ...]  # (year, Zuweisungen aus der Erstaufnahme)
    previous_amount: Decimal | None = None  # Mittel des Vorjahres in euros
    lower: Decimal | None = None  # Mindestbetrag
    upper: Decimal | None = None  # Höchstbetrag
    row: CellRef | None = field(default=None, compare=False)  # where the row starts in the workbook
    rank: int | None = None  # Rang: priority at an exact tie under tie_rule "order" (1 goes first)

    def count(self, year: int) -> int:
        return dict(self.counts)[year]

    @property
    def label(self) -> str:
        """Unique among the 44: 'Heilbronn (Stadtkreis)' and 'Heilbronn (Landkreis)'."""
        return f"{self.name} ({self.kind})"


@dataclass(frozen=True)
class Instalment:
    """One payment date of the year (table ``Abschläge``): the date and its share of the year's money."""

    due: date
    share: Decimal  # fraction of the budget, 0.6 = 60 %
    row: CellRef | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Inputs:
    parameters: Parameters
    districts: tuple[District, ...]
    instalments: tuple[Instalment, ...] = ()  # table Abschläge; empty: no instalment plan (not in the digest)

    @property
    def digest(self) -> str:
        """SHA-256 of the input values in a canonical form, the same from a file or from Excel."""
        return hashlib.sha256(self.canonical_text.encode("utf-8")).hexdigest()

    @property
    def canonical_text(self) -> str:
        """Every input value that decides an amount, as canonical JSON (what ``digest`` hashes)."""
        p = self.parameters
        canonical = {
            "year": p.year,
            "budget": str(p.budget),
            "method": p.method.value,
            "unit": str(p.unit),
            "reference_years": list(p.reference_years),
            "year_weights": None if p.year_weights is None else [str(w) for w in p.year_weights],
            "stand": p.stand.isoformat(),
            "base": str(p.base),
            "loss_cap": None if p.loss_cap is None else str(p.loss_cap),
            "districts": [
                [
                    d.key,
                    d.name,
                    d.kind,
                    d.region,
                    [list(c) for c in d.counts],
                    None if d.previous_amount is None else str(d.previous_amount),
                    None if d.lower is None else str(d.lower),
                    None if d.upper is None else str(d.upper),
                ]
                for d in self.districts
            ],
        }
        # The transition rules enter only when set, so that an input without them keeps its digest.
        extra = {
            "financing": (p.financing, "all"),
            "max_gain": (None if p.max_gain is None else str(p.max_gain), None),
            "phase_in": (None if p.phase_in is None else str(p.phase_in), None),
            "tie_rule": (p.tie_rule, "key"),
            "seed": (p.seed, None),
            "bound_rule": (p.bound_rule, "redistribute"),
        }
        canonical.update({name: value for name, (value, default) in extra.items() if value != default})
        if any(d.rank is not None for d in self.districts):
            canonical["ranks"] = [d.rank for d in self.districts]
        return json.dumps(canonical, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
