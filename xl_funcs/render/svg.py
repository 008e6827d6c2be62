"""Charts as self-contained SVG: accessible (role="img", <title>, <desc>, real text), the same bytes for the same chart.

Only drawing happens here: positions follow from the model's values and axis
marks by one linear scale; every text, colour and class comes from the model.
Ids carry the chart's name, so several charts can sit inline in one HTML page.
"""

from __future__ import annotations

from fractions import Fraction
from html import escape

from ..charts.model import BarChart, Chart, TileMap

FONT = "Arial, Helvetica, sans-serif"
TITLE_SIZE = 16
TEXT_SIZE = 12
SMALL_SIZE = 11
TEXT_COLOUR = "#1A1A1A"
GRID_COLOUR = "#BFBFBF"

# Bar chart geometry, in pixels.
BAR_WIDTH_TOTAL = 760
NAME_RIGHT = 200  # names end here, right-aligned
PLOT_LEFT = 262  # room for a loss's label between the names and the axis
PLOT_RIGHT = 696
ROW_HEIGHT = 18
BAR_HEIGHT = 12
BARS_TOP = 84
LABEL_GAP = 4

# Tile map geometry.
TILE = 66
TILE_GAP = 4
MAP_LEFT = 16
MAP_TOP = 56
LEGEND_GAP = 28
LEGEND_WIDTH = 230
SWATCH = 16
LINE = 20


def svg(chart: Chart) -> str:
    """The chart as one SVG document (a string, no XML declaration: fit to stand inline in HTML too)."""
    if isinstance(chart, BarChart):
        return bar_chart_svg(chart)
    if isinstance(chart, TileMap):
        return tile_map_svg(chart)
    raise TypeError(f"not a chart: {chart!r}")


def bar_chart_svg(chart: BarChart) -> str:
    low, high = chart.ticks[0][0], chart.ticks[-1][0]

    def x(value: Fraction) -> float:
        return PLOT_LEFT + float((value - low) / (high - low)) * (PLOT_RIGHT - PLOT_LEFT)

    bars_bottom = BARS_TOP + len(chart.bars) * ROW_HEIGHT
    height = bars_bottom + 24 + LINE * len(chart.notes)
    parts = _opening(chart, BAR_WIDTH_TOTAL, height)
    parts.append(_text(16, 26, chart.title, size=TITLE_SIZE, bold=True))
    legend_x = 16.0
    for colour, meaning, hatched in chart.legend:
        parts.append(_swatch(chart, legend_x, 40, colour, hatched))
        parts.append(_text(legend_x + SWATCH + 6, 53, meaning))
        legend_x += SWATCH + 12 + 9 * len(meaning)
    parts.append(_text(PLOT_RIGHT, 53, chart.value_heading, anchor="end", size=SMALL_SIZE))
    parts.append('<g class="achse">')
    for value, text in chart.ticks:
        position = x(value)
        stroke = TEXT_COLOUR if value == 0 else GRID_COLOUR
        parts.append(_line(position, BARS_TOP - 6, position, bars_bottom, stroke))
        parts.append(_text(position, BARS_TOP - 10, text, anchor="middle", size=SMALL_SIZE))
    parts.append("</g>")
    zero = x(Fraction(0))
    for index, bar in enumerate(chart.bars):
        top = BARS_TOP + index * ROW_HEIGHT
        middle = top + ROW_HEIGHT / 2 + 4
        end = x(bar.value)
        left, width = min(zero, end), abs(end - zero)
        bar_top = top + (ROW_HEIGHT - BAR_HEIGHT) / 2
        parts.append(f'<g class="balken" data-schluessel="{bar.key}">')
        parts.append(_text(NAME_RIGHT, middle, bar.label, anchor="end"))
        parts.append(_rect(left, bar_top, width, BAR_HEIGHT, "#" + bar.colour))
        if bar.hatched:
            parts.append(_rect(left, bar_top, width, BAR_HEIGHT, f"url(#{chart.name}-schraffur)"))
        if bar.value < 0:
            parts.append(_text(end - LABEL_GAP, middle, bar.text, anchor="end", size=SMALL_SIZE))
        else:
            parts.append(_text(end + LABEL_GAP, middle, bar.text, size=SMALL_SIZE))
        parts.append("</g>")
    for number, note in enumerate(chart.notes):
        parts.append(_text(16, bars_bottom + 22 + number * LINE, note, size=SMALL_SIZE))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def tile_map_svg(chart: TileMap) -> str:
    step = TILE + TILE_GAP
    map_width = chart.columns * step - TILE_GAP
    map_height = chart.rows * step - TILE_GAP
    legend_left = MAP_LEFT + map_width + LEGEND_GAP
    width = legend_left + LEGEND_WIDTH
    height = MAP_TOP + max(map_height, LINE * (len(chart.classes) + 2)) + 16 + LINE * len(chart.notes)
    parts = _opening(chart, width, height)
    parts.append(_text(MAP_LEFT, 26, chart.title, size=TITLE_SIZE, bold=True))
    for tile in chart.tiles:
        colour_class = chart.classes[tile.colour_class]
        left, top = MAP_LEFT + tile.column * step, MAP_TOP + tile.row * step
        centre = left + TILE / 2
        parts.append(f'<g class="kachel" data-schluessel="{tile.key}">')
        parts.append(f"<title>{escape(tile.label)}: {escape(tile.text)}</title>")
        parts.append(_rect(left, top, TILE, TILE, "#" + colour_class.fill, stroke="#808080"))
        if colour_class.hatched:
            parts.append(_rect(left, top, TILE, TILE, f"url(#{chart.name}-schraffur)"))
        colour = "#" + colour_class.text_colour
        parts.append(_text(centre, top + 29, tile.abbreviation, anchor="middle", size=15, bold=True, colour=colour))
        parts.append(_text(centre, top + 48, tile.text, anchor="middle", size=SMALL_SIZE, bold=True, colour=colour))
        parts.append("</g>")
    parts.append('<g class="legende">')
    parts.append(_text(legend_left, MAP_TOP + 12, chart.value_heading, bold=True))
    for index, colour_class in enumerate(chart.classes):
        top = MAP_TOP + (index + 1) * LINE + 6
        parts.append(_swatch(chart, legend_left, top, colour_class.fill, colour_class.hatched))
        parts.append(_text(legend_left + SWATCH + 8, top + 13, colour_class.label, size=SMALL_SIZE))
    parts.append("</g>")
    for number, note in enumerate(chart.notes):
        parts.append(_text(MAP_LEFT, MAP_TOP + map_height + 24 + number * LINE, note, size=SMALL_SIZE))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _opening(chart: Chart, width: float, height: float) -> list[str]:
    title_id, desc_id = f"{chart.name}-titel", f"{chart.name}-beschreibung"
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" lang="de" width="{_n(width)}" height="{_n(height)}" '
        f'viewBox="0 0 {_n(width)} {_n(height)}" aria-labelledby="{title_id} {desc_id}" '
        f'font-family="{FONT}" font-size="{TEXT_SIZE}" fill="{TEXT_COLOUR}">',
        f'<title id="{title_id}">{escape(chart.title)}</title>',
        f'<desc id="{desc_id}">{escape(chart.description)}</desc>',
        "<defs>",
        f'<pattern id="{chart.name}-schraffur" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">',
        '<rect width="2" height="6" fill="#000000" fill-opacity="0.35"/>',
        "</pattern>",
        "</defs>",
        f'<rect width="{_n(width)}" height="{_n(height)}" fill="#FFFFFF"/>',
    ]


def _swatch(chart: Chart, left: float, top: float, colour: str, hatched: bool) -> str:
    swatch = _rect(left, top, SWATCH, SWATCH, "#" + colour, stroke="#808080")
    if hatched:
        swatch += _rect(left, top, SWATCH, SWATCH, f"url(#{chart.name}-schraffur)")
    return swatch


def _rect(left: float, top: float, width: float, height: float, fill: str, stroke: str | None = None) -> str:
    outline = f' stroke="{stroke}" stroke-width="1"' if stroke else ""
    return f'<rect x="{_n(left)}" y="{_n(top)}" width="{_n(width)}" height="{_n(height)}" fill="{fill}"{outline}/>'


def _line(x1: float, y1: float, x2: float, y2: float, stroke: str) -> str:
    return f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" stroke="{stroke}" stroke-width="1"/>'


def _text(
    left: float,
    baseline: float,
    text: str,
    *,
    anchor: str = "start",
    size: int = TEXT_SIZE,
    bold: bool = False,
    colour: str | None = None,
) -> str:
    # No outlined ("halo") letters: Chromium prints stroked text as a Type 3 font, which is not a subset
    # with a Unicode map; the grid lines are light enough to read a label across.
    attributes = [f'x="{_n(left)}"', f'y="{_n(baseline)}"']
    if anchor != "start":
        attributes.append(f'text-anchor="{anchor}"')
    if size != TEXT_SIZE:
        attributes.append(f'font-size="{size}"')
    if bold:
        attributes.append('font-weight="bold"')
    if colour:
        attributes.append(f'fill="{escape(colour)}"')
    return f"<text {' '.join(attributes)}>{escape(text)}</text>"


def _n(value: float) -> str:
    """A coordinate with at most one decimal, the same text on every machine: 12.0 -> "12", 12.25 -> "12.2"."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text
