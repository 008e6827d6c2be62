"""The tile map: one tile per Kreis at its grid cell, coloured by the change in % or by € per person."""

from __future__ import annotations

from fractions import Fraction

from ..calculation import Calculation
from ..engine import round_half_away
from . import palette, wording
from .labels import EURO_CENT_FORMAT, PERCENT_FORMAT, decimal_text, euros, percent_step, signed_percent
from .measures import change_ratio, per_head, short_labels
from .model import ColourClass, Tile, TileMap
from .scale import nice_step
from .tile_positions import tile_positions

CLASSES_PER_SIDE = 3
MOST_SEQUENTIAL_CLASSES = 6


def change_map(calculation: Calculation) -> TileMap:
    p = calculation.inputs.parameters
    values = {r.district.key: change_ratio(r) for r in calculation.rows}
    fields = dict(jahr=p.year, vorjahr=p.previous_year)
    chosen = extremes(calculation, values)
    sentences = [wording.MAP_INTRO, wording.MAP_CHANGE.format(**fields)]
    if chosen:
        (top, top_value), (bottom, bottom_value) = chosen
        if top_value > 0:
            sentences.append(wording.LARGEST_GAIN.format(kreis=top, wert=signed_percent(top_value)))
        if bottom_value < 0:
            sentences.append(wording.LARGEST_LOSS.format(kreis=bottom, wert=signed_percent(bottom_value)))
    return signed_percent_map(
        calculation,
        values,
        title=wording.MAP_CHANGE_TITLE.format(**fields),
        sentences=sentences,
        heading=wording.CHANGE_HEADING,
        missing=wording.NO_VALUE,
    )


def signed_percent_map(
    calculation: Calculation,
    values: dict[str, Fraction | None],
    *,
    title: str,
    sentences: list[str],
    heading: str,
    missing: str,
) -> TileMap:
    """A map of signed shares per Kreis (key -> value, None: no value) in diverging classes, gains blue."""
    known = [value for value in values.values() if value is not None]
    # Each side gets its own round class width, so that both the gains and the losses spread over
    # their three shades; the legend says where each class begins and ends.
    gain_step = _class_width(value for value in known if value > 0)
    loss_step = _class_width(-value for value in known if value < 0)
    classes = _diverging_classes(gain_step, loss_step)

    def place(value: Fraction | None) -> int:
        if value is None:
            return len(classes)
        if value == 0:
            return CLASSES_PER_SIDE
        step = gain_step if value > 0 else loss_step
        steps = min(CLASSES_PER_SIDE, (abs(value) / step).__ceil__())
        return CLASSES_PER_SIDE + steps if value > 0 else CLASSES_PER_SIDE - steps

    return _tile_map(
        calculation,
        values,
        place,
        text=signed_percent,
        classes=classes,
        missing=missing,
        title=title,
        sentences=sentences,
        heading=heading,
        number_format=PERCENT_FORMAT,
    )


def per_head_map(calculation: Calculation) -> TileMap:
    """Coloured by euros per person of the Bezugsgröße, in classes of the cent values shown."""
    p = calculation.inputs.parameters
    values = {r.district.key: per_head(r) for r in calculation.rows}
    cents = sorted({round_half_away(v * 100) for v in values.values() if v is not None}) or [0]
    low, high = Fraction(cents[0], 100), Fraction(cents[-1], 100)
    if low == high:
        step, first, count = Fraction(1), low, 1
    else:
        step = nice_step(max(Fraction(1, 100), (high - low) / (MOST_SEQUENTIAL_CLASSES - 1)))
        first = (low / step).__floor__() * step
        count = min(MOST_SEQUENTIAL_CLASSES, int((high - first) / step) + 1)
    places = 2 if step < 1 else 0
    colours = _spread(palette.SEQUENTIAL, count)
    classes = []
    for index, fill in enumerate(colours):
        start, end = first + index * step, first + (index + 1) * step
        if count == 1:
            label = wording.CLASS_SINGLE.format(von=euros(low, 2))
        elif index == count - 1:
            label = wording.CLASS_RANGE_LAST.format(von=euros(start, places), bis=euros(high, 2))
        else:
            label = wording.CLASS_RANGE.format(von=euros(start, places), bis=euros(end, places))
        classes.append(ColourClass(label, fill, palette.text_colour(fill)))

    def place(value: Fraction | None) -> int:
        if value is None:
            return len(classes)
        shown = Fraction(round_half_away(value * 100), 100)
        return min(count - 1, int((shown - first) / step))

    fields = dict(jahr=p.year)
    sentences = [wording.MAP_INTRO, wording.MAP_PER_HEAD.format(**fields)]
    chosen = extremes(calculation, values)
    if chosen and low == high:
        sentences.append(wording.PER_HEAD_SAME.format(wert=euros(low, 2)))
    elif chosen:
        (top, top_value), (bottom, bottom_value) = chosen
        sentences.append(
            wording.PER_HEAD_MOST.format(
                kreis=top, wert=euros(top_value, 2), wenigste=bottom, wenigste_wert=euros(bottom_value, 2)
            )
        )
    return _tile_map(
        calculation,
        values,
        place,
        text=lambda value: decimal_text(value, 2),
        classes=tuple(classes),
        missing=wording.NO_REFERENCE,
        title=wording.MAP_PER_HEAD_TITLE.format(**fields),
        sentences=sentences,
        heading=wording.MAP_PER_HEAD_HEADING,
        number_format=EURO_CENT_FORMAT,
    )


def _tile_map(calculation, values, place, *, text, classes, missing, title, sentences, heading, number_format):
    positions = tile_positions()
    labels = short_labels(calculation)
    tiles = tuple(
        Tile(
            key=key,
            label=labels[key],
            abbreviation=positions[key].abbreviation,
            row=positions[key].row,
            column=positions[key].column,
            value=value,
            text="–" if value is None else text(value),
            colour_class=place(value),
        )
        for key, value in sorted(values.items())
        if key in positions
    )
    classes = tuple(classes)
    if any(tile.value is None for tile in tiles):
        classes += (ColourClass(missing, palette.NO_VALUE, "000000"),)
    return TileMap(
        name="kreiskarte",
        sheet_name=wording.SHEET_MAP,
        title=title,
        sentences=tuple(sentences) + (wording.MAP_TILES,),
        value_heading=heading,
        number_format=number_format,
        rows=max(position.row for position in positions.values()) + 1,
        columns=max(position.column for position in positions.values()) + 1,
        tiles=tiles,
        classes=classes,
        notes=(wording.MAP_NOTE,),
    )


def _class_width(magnitudes) -> Fraction:
    """A round width so that three classes reach the largest magnitude (1 % where there is none)."""
    largest = max(magnitudes, default=Fraction(0))
    return nice_step(largest / CLASSES_PER_SIDE) if largest else Fraction(1, 100)


def _diverging_classes(gain_step: Fraction, loss_step: Fraction) -> tuple[ColourClass, ...]:
    def gain(multiple: int) -> str:
        return percent_step(gain_step * multiple)

    def loss(multiple: int) -> str:
        return percent_step(loss_step * multiple)

    labels = (
        wording.CLASS_LOSS_LAST.format(von=loss(2)),
        wording.CLASS_LOSS.format(von=loss(1), bis=loss(2)),
        wording.CLASS_LOSS_FIRST.format(bis=loss(1)),
        wording.CLASS_SAME,
        wording.CLASS_GAIN_FIRST.format(bis=gain(1)),
        wording.CLASS_GAIN.format(von=gain(1), bis=gain(2)),
        wording.CLASS_GAIN_LAST.format(von=gain(2)),
    )
    return tuple(
        ColourClass(label, fill, palette.text_colour(fill), hatched=index < CLASSES_PER_SIDE)
        for index, (label, fill) in enumerate(zip(labels, palette.DIVERGING))
    )


def extremes(calculation: Calculation, values: dict[str, Fraction | None]):
    """((label, value) of the largest, (label, value) of the smallest), first in input order on ties; None if none."""
    labels = short_labels(calculation)
    known = [(labels[r.district.key], values[r.district.key]) for r in calculation.rows if values[r.district.key] is not None]
    if not known:
        return None
    top = max(known, key=lambda pair: pair[1])
    bottom = min(known, key=lambda pair: pair[1])
    return top, bottom


def _spread(colours: tuple[str, ...], count: int) -> tuple[str, ...]:
    """``count`` colours from the ramp, evenly apart, always including its lightest and darkest."""
    if count == 1:
        return (colours[len(colours) // 2],)
    last = len(colours) - 1
    return tuple(colours[(index * last) // (count - 1)] for index in range(count))
