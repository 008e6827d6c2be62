"""What the charts measure for each Kreis, from the Calculation's results."""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

from ..calculation import Calculation, DistrictResult
from .tile_positions import tile_positions


def change_ratio(result: DistrictResult) -> Fraction | None:
    """Change against last year as a fraction of last year; None without last year's amount."""
    return result.change_ratio


def amount(result: DistrictResult) -> Fraction:
    return Fraction(result.amount)


def per_head(result: DistrictResult) -> Fraction | None:
    """Euros per person of the Bezugsgröße; None where the Bezugsgröße is zero."""
    if not result.reference:
        return None
    return Fraction(result.amount) / result.reference


def short_labels(calculation: Calculation) -> dict[str, str]:
    """Key -> the Kreis name, with its kind only where two Kreise share the name (Heilbronn, Karlsruhe)."""
    names = Counter(result.district.name for result in calculation.rows)
    return {
        r.district.key: r.district.name if names[r.district.name] == 1 else r.district.label for r in calculation.rows
    }


def abbreviation(key: str) -> str:
    position = tile_positions().get(key)
    return position.abbreviation if position else key
