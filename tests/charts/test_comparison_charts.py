"""The comparison's charts: a variant's bars are the official bars under its name; the difference map shows, per
Kreis, the second variant's amount against the first's, exactly."""

from __future__ import annotations

from fractions import Fraction

from xl_funcs.calculation import calculate
from xl_funcs.charts.bars import change_bars
from xl_funcs.charts.difference_map import difference_map
from xl_funcs.charts.variant_bars import variant_bars
from xl_funcs.engine import Method

from ..table.inputs_factory import make_inputs, with_parameters


def test_a_variants_bars_are_the_official_bars_titled_with_its_name():
    calculation = calculate(make_inputs())
    official, named = change_bars(calculation), variant_bars(calculation, "Sockel 100.000 €")
    assert named.bars == official.bars and named.ticks == official.ticks
    assert named.title == "Sockel 100.000 €: Veränderung 2025 ggü. 2024 je Kreis in %"
    assert named.sentences[0] == "Szenario „Sockel 100.000 €“." and named.sentences[1:] == official.sentences


def test_the_difference_map_is_the_second_variant_against_the_first_in_percent_of_the_first():
    inputs = make_inputs()
    first = calculate(inputs)
    second = calculate(with_parameters(inputs, method=Method.SAINTE_LAGUE, base=100_000))
    tiles = difference_map(first, second, "A", "B")
    expected = {a.district.key: Fraction(b.amount - a.amount, a.amount) for a, b in zip(first.rows, second.rows)}
    assert {tile.key: tile.value for tile in tiles.tiles} == expected
    assert any(value > 0 for value in expected.values()) and any(value < 0 for value in expected.values())
    gains = [tile for tile in tiles.tiles if tile.value > 0]
    losses = [tile for tile in tiles.tiles if tile.value < 0]
    assert min(tile.colour_class for tile in gains) > 3 > max(tile.colour_class for tile in losses)
    assert "Verglichen werden „B“ und „A“." in tiles.sentences


def test_the_same_variant_twice_shows_no_difference():
    calculation = calculate(make_inputs())
    tiles = difference_map(calculation, calculation, "A", "A")
    assert {tile.value for tile in tiles.tiles} == {0} and {tile.colour_class for tile in tiles.tiles} == {3}
    assert "Alle Kreise erhalten unter beiden Szenarien gleich viel." in tiles.sentences
