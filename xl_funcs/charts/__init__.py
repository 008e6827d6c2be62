"""The chart model: what the publication's pictures show (diverging bars, tile map), as data built from a Calculation."""

from .model import Bar, BarChart, Chart, ColourClass, Tile, TileMap
from .publication import publication_charts

__all__ = ["Bar", "BarChart", "Chart", "ColourClass", "Tile", "TileMap", "publication_charts"]
