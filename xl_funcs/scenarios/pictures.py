"""The comparison's pictures from the chart model: each variant's bars and the map of two variants.

Each chart gets its own sheet name and id, distinct from the official table's
"Grafiken" and "Kreiskarte", so that drawing the comparison into the open
workbook never overwrites the published table's sheets. With a grid of hundreds
of variants only the first ``BAR_CHARTS_AT_MOST`` get bars (the overview says
so); the Kreis table holds every amount.
"""

from __future__ import annotations

from dataclasses import replace

from ..charts.difference_map import difference_map
from ..charts.model import Chart
from ..charts.variant_bars import variant_bars
from .comparison import Comparison

BAR_CHARTS_AT_MOST = 12
BAR_SHEET = "Szenario {nummer} Grafik"
MAP_SHEET = "Szenarien Kreiskarte"


def comparison_charts(comparison: Comparison) -> tuple[Chart, ...]:
    """Bars for each of the first variants, then the first variant against the compared one (if there are two)."""
    charts: list[Chart] = []
    for number, result in enumerate(comparison.results[:BAR_CHARTS_AT_MOST], start=1):
        chart = variant_bars(result.calculation, result.variant.name)
        charts.append(replace(chart, name=f"szenario-{number}-{chart.name}", sheet_name=BAR_SHEET.format(nummer=number)))
    first, compared = comparison.first, comparison.compared
    if compared is not first:
        tiles = difference_map(first.calculation, compared.calculation, first.variant.name, compared.variant.name)
        charts.append(replace(tiles, name="szenarien-kreiskarte", sheet_name=MAP_SHEET))
    return tuple(charts)


def bars_left_out(comparison: Comparison) -> int:
    """How many variants have no bar chart."""
    return max(0, len(comparison.results) - BAR_CHARTS_AT_MOST)
