"""The comparison of the sample workbook built independently: each variant written out by hand as Parameters
and sent through the single-variant calculation, and the comparison's xlsx read back with python-calamine."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from python_calamine import CalamineWorkbook

from xl_funcs.calculation import Calculation, calculate
from xl_funcs.engine import Method
from xl_funcs.sample.workbook import sample_inputs

OVERVIEW = "Szenarienvergleich"
DISTRICTS = "Szenarien je Kreis"
BASIS = "Grundlagen Szenarienvergleich"

# What the table Szenarien of the sample workbook says, typed in again here (not read by the code under test).
SAMPLE_VARIANTS = (
    ("Vorgesehene Verteilung", {}),
    ("Nur Zuweisungen 2024", {"reference_years": (2024,)}),
    ("Sainte-Laguë/Schepers", {"method": Method.SAINTE_LAGUE}),
    ("Sockelbetrag 100.000 €", {"base": Decimal(100_000)}),
    ("Verlust max. 20 %, alle tragen", {"loss_cap": Decimal("0.2"), "financing": "all"}),
    ("Verlust max. 20 %, Gewinner tragen", {"loss_cap": Decimal("0.2"), "financing": "gainers"}),
    ("Übergang 50 %", {"phase_in": Decimal("0.5")}),
)
CUSHION = ("loss_cap", "max_gain", "phase_in")
# The pictures' sheets, after the tables: each variant's bars, then the map of the first against the compared one.
CHART_SHEETS = [f"Szenario {number} Grafik" for number in range(1, len(SAMPLE_VARIANTS) + 1)] + ["Szenarien Kreiskarte"]
SHEETS = [OVERVIEW, DISTRICTS, BASIS, *CHART_SHEETS]


def variant_calculation(overrides: dict) -> Calculation:
    inputs = sample_inputs()
    return calculate(replace(inputs, parameters=replace(inputs.parameters, **overrides)))


def uncushioned_calculation(overrides: dict) -> Calculation:
    plain = {key: value for key, value in overrides.items() if key not in CUSHION and key != "financing"}
    return variant_calculation(plain)


def sheets(path: Path) -> dict[str, list[list]]:
    workbook = CalamineWorkbook.from_path(str(path))
    return {name: workbook.get_sheet_by_name(name).to_python() for name in workbook.sheet_names}


def header_row(rows: list[list], first_heading: str) -> int:
    return next(i for i, row in enumerate(rows) if row and row[0] == first_heading)


def kreis_columns(rows: list[list]) -> tuple[list[str], dict[str, dict[str, list]]]:
    """The Kreis table as {variant name: {"amount"|"change"|"ratio"|"versus": values by Kreis row}}.

    Columns are found by their headings: the amount column is headed with the variant's name,
    the three after it belong to the same variant.
    """
    top = header_row(rows, "Kreis-\nschlüssel")
    headings = rows[top]
    body = [row for row in rows[top + 1 :] if isinstance(row[0], str) and len(row[0]) == 5 and row[0].isdigit()]
    keys = [row[0] for row in body]
    by_variant: dict[str, dict[str, list]] = {}
    current = None
    for column, heading in enumerate(headings):
        if not isinstance(heading, str) or column < 3:
            continue
        flat = heading.replace("\n", " ")
        if flat.startswith("ggü. "):
            kind = "ratio" if flat.endswith("in %") else ("change" if flat.startswith("ggü. 2024") else "versus")
        else:
            current = flat.removesuffix(" in €")
            kind = "amount"
        by_variant.setdefault(current, {})[kind] = [row[column] for row in body]
    return keys, by_variant


def overview_rows(rows: list[list]) -> list[dict]:
    top = header_row(rows, "Nr.")
    headings = [h.replace("\n", " ") if isinstance(h, str) else h for h in rows[top]]
    result = []
    for row in rows[top + 1 :]:
        if isinstance(row[0], (int, float)) and row[0] != "":
            result.append(dict(zip(headings, row)))
    return result
