"""Inputs for the 44 Kreise with invented counts, built directly (no workbook reader involved)."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from xl_funcs.engine import Method
from xl_funcs.inputs import CellRef, District, Inputs, Parameters

KREISE_CSV = Path("/work/shared/data/bw_kreise.csv")
YEARS = (2021, 2022, 2023, 2024, 2025)


def kreise() -> list[dict]:
    with KREISE_CSV.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def invented_count(key: str, year: int) -> int:
    """Deterministic, roughly varied counts; nothing real about them."""
    seed = int(key) * 7919 + year * 104729
    return 150 + seed % 2350


def make_inputs(
    year: int = 2025,
    *,
    previous: bool = True,
    subtotals: bool = False,
    sample_data: bool = True,
    method: Method = Method.HARE_NIEMEYER,
    reference_years: tuple[int, ...] | None = None,
    budget: int = 58_000_000,
    loss_cap: Decimal | None = None,
    source_note: str = "Regierungspräsidium Karlsruhe, Landeserstaufnahme (erfundene Beispielzahlen)",
) -> Inputs:
    if reference_years is None:
        reference_years = (year - 3, year - 2, year - 1)
    districts = []
    for number, row in enumerate(kreise()):
        key = row["ags"]
        previous_amount = None
        if previous:
            previous_amount = Decimal(700_000 + (int(key) * 31337) % 1_250_000)
        districts.append(
            District(
                key=key,
                name=row["name"],
                kind=row["kind"],
                region=row["regierungsbezirk"],
                counts=tuple((y, invented_count(key, y)) for y in YEARS),
                previous_amount=previous_amount,
                row=CellRef("Zuweisungen", f"A{number + 2}"),
            )
        )
    parameters = Parameters(
        year=year,
        budget=Decimal(budget),
        method=method,
        unit=Decimal(1),
        reference_years=reference_years,
        stand=date(2025, 3, 14),
        loss_cap=loss_cap,
        subtotals=subtotals,
        source_note=source_note,
        sample_data=sample_data,
    )
    return Inputs(parameters=parameters, districts=tuple(districts))


def with_parameters(inputs: Inputs, **changes) -> Inputs:
    return replace(inputs, parameters=replace(inputs.parameters, **changes))


def with_count(inputs: Inputs, key: str, year: int, count: int) -> Inputs:
    """The same inputs with one Kreis's count of one year replaced."""
    districts = tuple(
        replace(d, counts=tuple((y, count if y == year else c) for y, c in d.counts)) if d.key == key else d
        for d in inputs.districts
    )
    return replace(inputs, districts=districts)
