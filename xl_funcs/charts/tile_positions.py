"""Where each Kreis's tile lies, as shipped in ``xl_funcs/data/kreis_kacheln.csv``.

The file holds the Kreis seat's approximate coordinates and the grid cell that
``tile_grid.derive_grid`` gives for them; a test derives the cells again and
checks that the file agrees, so the positions stay traceable to the coordinates.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

DATA_FILE = "data/kreis_kacheln.csv"


@dataclass(frozen=True)
class TilePosition:
    key: str  # amtlicher Kreisschlüssel
    abbreviation: str  # shown on the tile: the Kfz-Kennzeichen, "-L" for the Landkreis sharing its Stadtkreis' code
    seat: str  # Sitz der Kreisverwaltung
    latitude: float  # of the seat, degrees north, rounded to 0.01
    longitude: float  # of the seat, degrees east, rounded to 0.01
    row: int  # 0-based from the north
    column: int  # 0-based from the west


def tile_file_text() -> str:
    return resources.files("xl_funcs").joinpath(DATA_FILE).read_text(encoding="utf-8")


@cache
def tile_positions() -> dict[str, TilePosition]:
    """Key -> position for the 44 Kreise (comment lines of the file, starting with '#', skipped)."""
    lines = [line for line in tile_file_text().splitlines() if line and not line.startswith("#")]
    positions = {}
    for row in csv.DictReader(io.StringIO("\n".join(lines))):
        positions[row["ags"]] = TilePosition(
            key=row["ags"],
            abbreviation=row["kuerzel"],
            seat=row["sitz"],
            latitude=float(row["breite"]),
            longitude=float(row["laenge"]),
            row=int(row["zeile"]),
            column=int(row["spalte"]),
        )
    return positions
