"""The tile positions in xl_funcs/data/kreis_kacheln.csv: derived from the seats' coordinates, one per Kreis."""

from __future__ import annotations

import itertools
import math
import re

from xl_funcs.charts.tile_grid import CELL_KM, KM_PER_DEGREE_LATITUDE, KM_PER_DEGREE_LONGITUDE, derive_grid
from xl_funcs.charts.tile_positions import tile_file_text, tile_positions
from xl_funcs.kreise import all_kreise


def test_one_tile_for_each_of_the_44_kreise():
    assert sorted(tile_positions()) == [kreis.key for kreis in all_kreise()]


def test_the_file_names_its_source_and_says_the_coordinates_are_approximate():
    header = [line for line in tile_file_text().splitlines() if line.startswith("#")]
    text = " ".join(header)
    assert "Quelle:" in text and "ungefähre" in text and "gerundet" in text and "nicht amtlich" in text
    assert "highcharts" not in tile_file_text().lower()


def test_the_grid_in_the_file_is_the_one_derived_from_the_coordinates():
    positions = tile_positions()
    derived = derive_grid({key: (p.latitude, p.longitude) for key, p in positions.items()})
    assert derived == {key: (p.row, p.column) for key, p in positions.items()}


def test_no_two_tiles_share_a_cell_and_abbreviations_are_unique():
    positions = tile_positions().values()
    assert len({(p.row, p.column) for p in positions}) == 44
    assert len({p.abbreviation for p in positions}) == 44


def test_coordinates_lie_in_baden_wuerttemberg_and_are_rounded():
    for p in tile_positions().values():
        assert 47.5 < p.latitude < 49.8 and 7.5 < p.longitude < 10.5, p
    rows = [line.split(",") for line in tile_file_text().splitlines()[1:] if line and not line.startswith("#")]
    for row in rows[1:]:
        assert all(re.fullmatch(r"\d{1,2}\.\d{1,2}", value) for value in row[3:5]), row


def test_every_tile_stays_near_its_seat():
    positions = tile_positions()
    north = max(p.latitude for p in positions.values())
    west = min(p.longitude for p in positions.values())
    for p in positions.values():
        row = (north - p.latitude) * KM_PER_DEGREE_LATITUDE / CELL_KM
        column = (p.longitude - west) * KM_PER_DEGREE_LONGITUDE / CELL_KM
        assert math.dist((row, column), (p.row + 0.5, p.column + 0.5)) < 1.6, p


def test_neighbours_keep_their_compass_directions():
    """Seats more than 25 km (one tile) apart north-south or east-west are never drawn the other way round,
    and more than 50 km apart they lie in different rows or columns, in that order."""
    positions = tile_positions().values()
    for a, b in itertools.permutations(positions, 2):
        south = (a.latitude - b.latitude) * KM_PER_DEGREE_LATITUDE
        east = (a.longitude - b.longitude) * KM_PER_DEGREE_LONGITUDE
        if south > CELL_KM:
            assert a.row <= b.row, (a.abbreviation, b.abbreviation)
        if south > 2 * CELL_KM:
            assert a.row < b.row, (a.abbreviation, b.abbreviation)
        if east > CELL_KM:
            assert a.column >= b.column, (a.abbreviation, b.abbreviation)
        if east > 2 * CELL_KM:
            assert a.column > b.column, (a.abbreviation, b.abbreviation)


def test_known_places():
    grid = {p.abbreviation: (p.row, p.column) for p in tile_positions().values()}
    assert grid["MA"][0] == 0 and grid["TBB"][0] == 0  # the north
    assert grid["LÖ"] == (8, 0)  # the south-west corner
    assert grid["KN"][0] == grid["FN"][0] == 8  # Lake Constance at the bottom
    assert grid["S"][0] == grid["LB"][0] + 1  # Ludwigsburg just north of Stuttgart
    assert grid["AA"][1] == grid["HDH"][1] == 7  # the east


def test_coinciding_seats_land_on_neighbouring_cells():
    positions = tile_positions()
    for city, county in (("08121", "08125"), ("08212", "08215"), ("08311", "08315"), ("08421", "08425")):
        a, b = positions[city], positions[county]
        assert (a.latitude, a.longitude) == (b.latitude, b.longitude)
        assert max(abs(a.row - b.row), abs(a.column - b.column)) == 1
