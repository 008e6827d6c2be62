"""The reference weight of each row from counts over several years (e.g. the mean of three)."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from .errors import AllocationError
from .exact import exact, nonnegative
from .notation import row_label


def reference_weights(counts_by_year: Sequence[Sequence], year_weights: Sequence | None = None) -> tuple[Fraction, ...]:
    """Weighted mean per row: Σ_y g_y · c_{y,i} / Σ_y g_y, exact.

    ``counts_by_year`` holds one sequence per year, each with one count per row;
    ``year_weights`` (default: all 1, the plain mean) one weight per year.
    """
    years = len(counts_by_year)
    if years == 0:
        raise AllocationError("Es ist kein Bezugsjahr angegeben.", field="years")
    rows = len(counts_by_year[0])
    for year, counts in enumerate(counts_by_year):
        if len(counts) != rows:
            raise AllocationError(
                f"Bezugsjahr {year + 1} hat {len(counts)} Werte, Bezugsjahr 1 aber {rows}.", field="years"
            )
    if year_weights is None:
        factors = [Fraction(1)] * years
    else:
        if len(year_weights) != years:
            raise AllocationError(
                f"{len(year_weights)} Jahresgewichte für {years} Bezugsjahre.", field="year_weights"
            )
        factors = [exact(value, f"Das Gewicht von Bezugsjahr {y + 1}") for y, value in enumerate(year_weights)]
        if any(f < 0 for f in factors):
            raise AllocationError("Ein Jahresgewicht ist negativ.", field="year_weights")
    total_factor = sum(factors)
    if total_factor == 0:
        raise AllocationError("Die Jahresgewichte ergeben zusammen 0.", field="year_weights")
    problems, bad_rows = [], []
    result = []
    for row in range(rows):
        value = Fraction(0)
        for year, counts in enumerate(counts_by_year):
            try:
                count = nonnegative(counts[row], f"Der Wert von Bezugsjahr {year + 1} in {row_label(row)}", (row,))
            except AllocationError as error:
                problems.append(error.message)
                bad_rows.append(row)
                continue
            value += factors[year] * count
        result.append(value / total_factor)
    if problems:
        raise AllocationError(" ".join(problems[:5]), tuple(bad_rows), field="counts")
    return tuple(result)
