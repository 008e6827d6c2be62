"""The chart model built from a Calculation: what each chart shows, says and colours."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from fractions import Fraction

import pytest

from xl_funcs.calculation import calculate
from xl_funcs.charts import BarChart, TileMap, publication_charts
from xl_funcs.charts import palette
from xl_funcs.charts.labels import euros, signed_percent, tick_text
from xl_funcs.charts.scale import nice_step, ticks

from ..table.inputs_factory import make_inputs, with_count, with_parameters


@pytest.fixture(scope="module")
def calculation():
    return calculate(make_inputs())


@pytest.fixture(scope="module")
def charts(calculation):
    return publication_charts(calculation)


def test_with_a_previous_year_the_change_is_shown(charts):
    bars, tiles = charts
    assert isinstance(bars, BarChart) and isinstance(tiles, TileMap)
    assert bars.title == "Veränderung der Mittel 2025 gegenüber 2024 je Kreis in %"
    assert tiles.title == "Kreiskarte: Veränderung der Mittel 2025 gegenüber 2024 in %"
    assert (bars.sheet_name, tiles.sheet_name) == ("Grafiken", "Kreiskarte")


def test_bars_are_the_calculation_s_changes_sorted_largest_first(charts, calculation):
    bars = charts[0].bars
    assert len(bars) == 44
    by_key = {r.district.key: r for r in calculation.rows}
    for bar in bars:
        assert bar.value == by_key[bar.key].change_ratio
        assert bar.text == signed_percent(bar.value)
    assert [bar.value for bar in bars] == sorted((bar.value for bar in bars), reverse=True)


def test_gains_and_losses_differ_in_colour_and_hatching(charts):
    for bar in charts[0].bars:
        if bar.value > 0:
            assert (bar.colour, bar.hatched) == (palette.GAIN, False) and bar.text.startswith("+")
        else:
            assert (bar.colour, bar.hatched) == (palette.LOSS, True) and bar.text.startswith("-")


def test_the_text_alternative_names_largest_gain_and_loss(charts, calculation):
    rows = [r for r in calculation.rows]
    top = max(rows, key=lambda r: r.change_ratio)
    bottom = min(rows, key=lambda r: r.change_ratio)
    gains = sum(1 for r in rows if r.change_ratio > 0)
    for chart in charts:
        assert f"Größte Zunahme: {top.district.name} mit {signed_percent(top.change_ratio)}." in chart.description
        assert f"Größte Abnahme: {bottom.district.name} mit {signed_percent(bottom.change_ratio)}." in chart.description
    assert f"{gains} Kreise erhalten mehr, {44 - gains} weniger" in charts[0].description


def test_axis_covers_every_bar_and_zero(charts):
    chart = charts[0]
    values = [value for value, _ in chart.ticks]
    assert values[0] <= min(bar.value for bar in chart.bars) and values[-1] >= max(bar.value for bar in chart.bars)
    assert Fraction(0) in values
    assert dict(chart.ticks)[Fraction(0)] == "0 %"


def test_every_kreis_has_one_tile_coloured_by_its_class(charts, calculation):
    tiles = charts[1]
    assert len(tiles.tiles) == 44 and len(tiles.classes) == 7
    by_key = {r.district.key: r for r in calculation.rows}
    for tile in tiles.tiles:
        ratio = by_key[tile.key].change_ratio
        assert tile.value == ratio and tile.text == signed_percent(ratio)
        colour_class = tiles.classes[tile.colour_class]
        assert colour_class.hatched == (ratio < 0)
        assert (tile.colour_class > 3) == (ratio > 0)
    assert tiles.tile_at(4, 4).abbreviation == "S"


def test_colour_classes_are_ordered_and_bounded_by_round_steps(charts):
    tiles = charts[1]
    labels = [c.label for c in tiles.classes]
    assert labels[3] == "±0 %"
    assert labels[4].startswith("über 0 bis +") and labels[2].startswith("unter 0 bis -")
    assert [c.fill for c in tiles.classes] == list(palette.DIVERGING)


def test_changing_one_count_changes_its_bar_and_its_tile():
    before = publication_charts(calculate(make_inputs()))
    inputs = make_inputs()
    lowest = before[0].bars[-1].key  # the largest loss
    changed = publication_charts(calculate(with_count(inputs, lowest, 2024, 20_000)))
    bar_before = next(b for b in before[0].bars if b.key == lowest)
    bar_after = next(b for b in changed[0].bars if b.key == lowest)
    assert bar_after.value > 0 > bar_before.value
    assert changed[0].bars[0].key == lowest  # from the bottom to the top
    assert bar_after.colour == palette.GAIN
    tile_before = next(t for t in before[1].tiles if t.key == lowest)
    tile_after = next(t for t in changed[1].tiles if t.key == lowest)
    assert tile_after.text != tile_before.text and tile_after.colour_class > 3 > tile_before.colour_class


def test_without_a_previous_year_the_amounts_are_shown():
    calculation = calculate(make_inputs(previous=False))
    bars, tiles = publication_charts(calculation)
    assert bars.title == "Mittel 2025 je Kreis in €"
    assert [bar.value for bar in bars.bars] == sorted((Fraction(r.amount) for r in calculation.rows), reverse=True)
    assert bars.bars[0].text == euros(bars.bars[0].value)
    assert "Zusammen 58.000.000 €." in bars.description
    assert tiles.title == "Kreiskarte: Mittel 2025 je Person der Bezugsgröße in €"
    per_head = {r.district.key: Fraction(r.amount) / r.reference for r in calculation.rows}
    assert all(tile.value == per_head[tile.key] for tile in tiles.tiles)


def test_per_head_classes_spread_over_the_values_when_they_differ():
    """With a Sockelbetrag a Kreis with a small Bezugsgröße gets more per person."""
    calculation = calculate(with_parameters(make_inputs(previous=False), base=Decimal(500_000)))
    tiles = publication_charts(calculation)[1]
    assert len(tiles.classes) > 2
    smallest = min(calculation.rows, key=lambda r: r.reference).district
    top = max(tiles.tiles, key=lambda tile: tile.value)
    bottom = min(tiles.tiles, key=lambda tile: tile.value)
    assert top.key == smallest.key and top.colour_class == len(tiles.classes) - 1 and bottom.colour_class == 0
    assert f"Am meisten je Person: {smallest.name}" in tiles.description
    classes = [tile.colour_class for tile in sorted(tiles.tiles, key=lambda tile: tile.value)]
    assert classes == sorted(classes)


def test_a_kreis_without_last_year_s_amount_is_named_and_left_uncoloured():
    inputs = make_inputs()
    inputs = dataclasses.replace(
        inputs,
        districts=tuple(dataclasses.replace(d, previous_amount=None) if d.key == "08111" else d for d in inputs.districts),
    )
    bars, tiles = publication_charts(calculate(inputs))
    assert len(bars.bars) == 43 and "Ohne Vorjahresbetrag, daher ohne Veränderung: Stuttgart." in bars.notes
    tile = next(t for t in tiles.tiles if t.key == "08111")
    assert tile.value is None and tiles.classes[tile.colour_class].label == "ohne Vorjahresbetrag"


def test_german_labels_round_half_away_from_zero():
    assert signed_percent(Fraction(25, 10000)) == "+0,3 %"  # 0,25 %: Python's round() would give 0,2
    assert signed_percent(Fraction(-25, 10000)) == "-0,3 %"
    assert signed_percent(Fraction(0)) == "0,0 %"
    assert euros(Fraction(1318182)) == "1.318.182 €"
    assert tick_text(Fraction(-1, 2), percent=True) == "-50 %" and tick_text(Fraction(500000), percent=False) == "500.000"


def test_round_steps_and_ticks():
    assert nice_step(Fraction(13, 100)) == Fraction(1, 5)
    assert nice_step(Fraction(3)) == 5 and nice_step(Fraction(2)) == 2 and nice_step(Fraction(21, 10)) == Fraction(5, 2)
    assert ticks(Fraction(-3, 10), Fraction(7, 10)) == tuple(Fraction(n, 5) for n in range(-2, 5))
