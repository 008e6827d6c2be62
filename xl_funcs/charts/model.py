"""Charts as immutable data: every value, text, colour and place a renderer needs, nothing to compute.

Values stay exact (Fractions: a change as a fraction of last year, an amount in
euros); ``text`` is the German label drawn beside a bar or on a tile, and
``number_format`` is the same display in Excel's notation for files that hold
numbers. Colours are hex without '#', as in templates/stile.toml.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Union


@dataclass(frozen=True)
class Bar:
    key: str  # amtlicher Kreisschlüssel
    label: str  # "Heilbronn (Landkreis)": unique among the 44
    abbreviation: str  # "HN-L"
    value: Fraction  # what the bar's length shows
    text: str  # the value in German, drawn at the bar: "+12,3 %", "1.318.182 €"
    colour: str  # fill
    hatched: bool = False  # a second cue besides colour (losses), for greyscale print


@dataclass(frozen=True)
class BarChart:
    name: str  # stable, for ids and file names: "veraenderung" or "mittel"
    sheet_name: str  # the sheet a workbook shows it on
    title: str
    sentences: tuple[str, ...]  # the text alternative, sentence by sentence
    value_heading: str  # heading of the values, e.g. "Veränderung in %"
    number_format: str  # Excel notation of ``value``
    bars: tuple[Bar, ...]  # in drawing order, top first (largest value first)
    ticks: tuple[tuple[Fraction, str], ...]  # axis marks (value, German text), ascending; first and last bound the axis
    legend: tuple[tuple[str, str, bool], ...]  # (colour, meaning, hatched)
    notes: tuple[str, ...] = ()  # below the chart, e.g. Kreise without a value

    @property
    def description(self) -> str:
        return " ".join(self.sentences)


@dataclass(frozen=True)
class ColourClass:
    label: str  # "über +5 bis +10 %"
    fill: str
    text_colour: str  # readable on ``fill``
    hatched: bool = False


@dataclass(frozen=True)
class Tile:
    key: str
    label: str
    abbreviation: str
    row: int  # 0-based from the north
    column: int  # 0-based from the west
    value: Fraction | None  # None: nothing to show (no amount last year)
    text: str  # the value in German, short: "+12,3 %", "966,43"
    colour_class: int  # index into TileMap.classes


@dataclass(frozen=True)
class TileMap:
    name: str  # "kreiskarte"
    sheet_name: str
    title: str
    sentences: tuple[str, ...]
    value_heading: str  # legend heading and column heading, e.g. "Veränderung in %"
    number_format: str
    rows: int
    columns: int
    tiles: tuple[Tile, ...]  # in the order of the Kreisschlüssel
    classes: tuple[ColourClass, ...]  # legend order
    notes: tuple[str, ...] = ()

    @property
    def description(self) -> str:
        return " ".join(self.sentences)

    def tile_at(self, row: int, column: int) -> Tile | None:
        for tile in self.tiles:
            if (tile.row, tile.column) == (row, column):
                return tile
        return None


Chart = Union[BarChart, TileMap]
