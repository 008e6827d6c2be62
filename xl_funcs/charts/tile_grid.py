"""Grid cells for the tile map, derived from the Kreis seats' coordinates.

Each seat is projected onto a plane (kilometres east and south of the north-west
corner, the east-west scale taken at 48.5° N), divided by the cell size, and the
tiles are given distinct cells so that the sum of squared displacements from
their exact positions is smallest (an assignment problem, solved exactly by the
Hungarian method). Kreise whose seats coincide (a Landkreis governed from the
Stadtkreis it surrounds) thus land on neighbouring cells.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

CELL_KM = 25.0  # edge of one tile on the ground: 9 rows by 8 columns for Baden-Württemberg
REFERENCE_LATITUDE = 48.5  # degrees north, the middle of the Land
KM_PER_DEGREE_LATITUDE = 111.2
KM_PER_DEGREE_LONGITUDE = 111.32 * math.cos(math.radians(REFERENCE_LATITUDE))


def derive_grid(seats: Mapping[str, tuple[float, float]], cell_km: float = CELL_KM) -> dict[str, tuple[int, int]]:
    """Key -> (row, column), 0-based from the north-west, for seats given as key -> (latitude, longitude)."""
    keys = sorted(seats)
    north = max(latitude for latitude, _ in seats.values())
    west = min(longitude for _, longitude in seats.values())
    exact = [
        (
            (north - seats[key][0]) * KM_PER_DEGREE_LATITUDE / cell_km,
            (seats[key][1] - west) * KM_PER_DEGREE_LONGITUDE / cell_km,
        )
        for key in keys
    ]
    rows = math.floor(max(row for row, _ in exact)) + 1
    columns = math.floor(max(column for _, column in exact)) + 1
    cells = [(row, column) for row in range(rows) for column in range(columns)]
    if len(cells) < len(keys):
        raise ValueError("the cells are too large for one tile per Kreis")
    costs = [[(r - row - 0.5) ** 2 + (c - column - 0.5) ** 2 for row, column in cells] for r, c in exact]
    chosen = _cheapest_assignment(costs)
    return {key: cells[chosen[index]] for index, key in enumerate(keys)}


def _cheapest_assignment(costs: list[list[float]]) -> list[int]:
    """For each row of ``costs`` a distinct column, minimising the total (Hungarian method, rows <= columns)."""
    count, width = len(costs), len(costs[0])
    row_potential = [0.0] * (count + 1)
    column_potential = [0.0] * (width + 1)
    owner = [0] * (width + 1)  # owner[j]: the row (1-based) holding column j; column 0 is a sentinel
    previous = [0] * (width + 1)
    for row in range(1, count + 1):
        owner[0] = row
        current = 0
        slack = [math.inf] * (width + 1)
        visited = [False] * (width + 1)
        while True:
            visited[current] = True
            holder = owner[current]
            step, nearest = math.inf, 0
            for column in range(1, width + 1):
                if visited[column]:
                    continue
                reduced = costs[holder - 1][column - 1] - row_potential[holder] - column_potential[column]
                if reduced < slack[column]:
                    slack[column], previous[column] = reduced, current
                if slack[column] < step:
                    step, nearest = slack[column], column
            for column in range(width + 1):
                if visited[column]:
                    row_potential[owner[column]] += step
                    column_potential[column] -= step
                else:
                    slack[column] -= step
            current = nearest
            if owner[current] == 0:
                break
        while current:
            before = previous[current]
            owner[current] = owner[before]
            current = before
    chosen = [0] * count
    for column in range(1, width + 1):
        if owner[column]:
            chosen[owner[column] - 1] = column - 1
    return chosen
