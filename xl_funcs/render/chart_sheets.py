"""Where each piece of a chart lands on a sheet: the one arrangement the xlsx and book renderers draw.

A bar chart becomes its title, its text alternative (one sentence a cell) and
the sorted values as a table, beside which the xlsx places a native Excel chart.
A tile map becomes a grid of coloured cells, two rows a tile (Kürzel, value),
with an empty row and a narrow empty column between the tiles, a legend and the
list of every tile's Kreis and value to its right (rows of ordinary height
between the tiles, so that the legend and the list beside them stay readable). Values are numbers with the chart's
number format, so a reader of the file gets the figures, not only the colours.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..charts.model import BarChart, Chart, TileMap
from .layout import spreadsheet_value, value_matrix

TITLE_SIZE = 14
TEXT_FORMAT = "@"
KEY_HEADING = "Kreis-\nschlüssel"
NAME_HEADING = "Stadt-/Landkreis"
ABBREVIATION_HEADING = "Kürzel"
HEADING_FILL = "DCE6F1"  # as the table's heading row (templates/stile.toml, rollen.kopf)
TILE_WIDTH = 9.0  # characters
GAP_WIDTH = 1.0
TILE_ROW_POINTS = (20.0, 16.0)  # Kürzel, value
HEADER_POINTS = 25.5


@dataclass(frozen=True)
class ChartCell:
    row: int  # 1-based
    column: int  # 1-based
    value: object  # str, int, float or None (a coloured cell without text)
    number_format: str = "General"
    bold: bool = False
    size: float | None = None  # points; None: the standard size
    fill: str | None = None  # hex without '#'
    font_colour: str | None = None
    hatched: bool = False  # a pattern over the fill where the file format has one
    align: str = "left"
    wrap: bool = False


@dataclass(frozen=True)
class BarData:
    """Where the native chart finds its data: label and value columns over the rows of the bars."""

    first_row: int
    last_row: int
    label_column: int
    value_column: int
    anchor: str  # top-left cell of the chart, e.g. "F5"


@dataclass(frozen=True)
class ChartSheet:
    chart: Chart
    cells: tuple[ChartCell, ...]
    widths: tuple[float, ...]  # per column, in characters
    row_heights: tuple[tuple[int, float], ...]
    last_row: int
    landscape: bool
    bar_data: BarData | None = None

    @property
    def name(self) -> str:
        return self.chart.sheet_name

    @property
    def last_column(self) -> int:
        return len(self.widths)

    def matrix(self) -> list[list[object]]:
        return value_matrix(self.cells, self.last_row, self.last_column)


def chart_sheet(chart: Chart) -> ChartSheet:
    if isinstance(chart, BarChart):
        return _bar_sheet(chart)
    if isinstance(chart, TileMap):
        return _tile_sheet(chart)
    raise TypeError(f"not a chart: {chart!r}")


def _heading(chart: Chart) -> tuple[list[ChartCell], int]:
    cells = [ChartCell(1, 1, chart.title, bold=True, size=TITLE_SIZE)]
    for offset, sentence in enumerate(chart.sentences, start=2):
        cells.append(ChartCell(offset, 1, sentence))
    return cells, len(chart.sentences) + 1


def _bar_sheet(chart: BarChart) -> ChartSheet:
    cells, row = _heading(chart)
    header = row + 2
    headings = (KEY_HEADING, NAME_HEADING, ABBREVIATION_HEADING, chart.value_heading)
    for column, text in enumerate(headings, start=1):
        cells.append(ChartCell(header, column, text, bold=True, fill=HEADING_FILL, align="center", wrap=True))
    for offset, bar in enumerate(chart.bars, start=1):
        line = header + offset
        cells.append(ChartCell(line, 1, bar.key, TEXT_FORMAT, align="center"))
        cells.append(ChartCell(line, 2, bar.label))
        cells.append(ChartCell(line, 3, bar.abbreviation, align="center"))
        cells.append(ChartCell(line, 4, spreadsheet_value(bar.value), chart.number_format, align="right"))
    last = header + len(chart.bars)
    for offset, note in enumerate(chart.notes, start=2):
        cells.append(ChartCell(last + offset, 1, note))
    data = BarData(header + 1, last, 2, 4, f"F{header}")
    return ChartSheet(
        chart=chart,
        cells=tuple(cells),
        widths=(9.0, 27.0, 8.0, 17.0),
        row_heights=((header, HEADER_POINTS),),
        last_row=last + (len(chart.notes) + 1 if chart.notes else 0),
        landscape=False,
        bar_data=data,
    )


def _tile_sheet(chart: TileMap) -> ChartSheet:
    cells, row = _heading(chart)
    top = row + 2
    heights: list[tuple[int, float]] = []
    for tile_row in range(chart.rows):
        first = top + 3 * tile_row
        heights += [(first, TILE_ROW_POINTS[0]), (first + 1, TILE_ROW_POINTS[1])]
    for tile in chart.tiles:
        colour_class = chart.classes[tile.colour_class]
        first, column = top + 3 * tile.row, 1 + 2 * tile.column
        look = dict(fill=colour_class.fill, font_colour=colour_class.text_colour, hatched=colour_class.hatched)
        cells.append(ChartCell(first, column, tile.abbreviation, bold=True, align="center", **look))
        value = "–" if tile.value is None else spreadsheet_value(tile.value)
        cells.append(ChartCell(first + 1, column, value, chart.number_format, size=9, align="center", **look))
    map_columns = 2 * chart.columns - 1
    widths = [TILE_WIDTH if column % 2 == 0 else GAP_WIDTH for column in range(map_columns)]
    legend = map_columns + 2  # one empty column after the map
    widths += [2.0, 8.0, 27.0, 18.0]
    cells.append(ChartCell(top, legend, chart.value_heading, bold=True))
    for offset, colour_class in enumerate(chart.classes, start=1):
        look = dict(fill=colour_class.fill, hatched=colour_class.hatched)
        cells.append(ChartCell(top + offset, legend, None, **look))
        cells.append(ChartCell(top + offset, legend + 1, colour_class.label))
    header = top + len(chart.classes) + 2
    for column, text in enumerate((ABBREVIATION_HEADING, NAME_HEADING, chart.value_heading), start=legend):
        cells.append(ChartCell(header, column, text, bold=True, fill=HEADING_FILL, align="center"))
    for offset, tile in enumerate(chart.tiles, start=1):
        value = "–" if tile.value is None else spreadsheet_value(tile.value)
        cells.append(ChartCell(header + offset, legend, tile.abbreviation, align="center"))
        cells.append(ChartCell(header + offset, legend + 1, tile.label))
        cells.append(ChartCell(header + offset, legend + 2, value, chart.number_format, align="right"))
    last = max(header + len(chart.tiles), top + 3 * chart.rows - 1)
    for offset, note in enumerate(chart.notes, start=2):
        cells.append(ChartCell(last + offset, 1, note))
    return ChartSheet(
        chart=chart,
        cells=tuple(cells),
        widths=tuple(widths),
        row_heights=tuple(sorted(heights)),
        last_row=last + len(chart.notes) + 1,
        landscape=True,
    )
