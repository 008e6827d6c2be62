"""The SVG charts, parsed as XML and rendered by Debian's Chromium: accessible, drawn from the model, deterministic."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest

from xl_funcs.calculation import calculate
from xl_funcs.charts import publication_charts
from xl_funcs.render.svg import svg

from ..table.inputs_factory import make_inputs, with_count

SVG = "{http://www.w3.org/2000/svg}"
BROWSER = Path(__file__).resolve().parents[1] / "browser"
LOWEST = "08336"  # Lörrach: the largest loss in the invented data


@pytest.fixture(scope="module")
def charts():
    return publication_charts(calculate(make_inputs()))


def parsed(chart) -> ElementTree.Element:
    return ElementTree.fromstring(svg(chart))


def groups(root, kind: str) -> dict[str, ElementTree.Element]:
    return {g.get("data-schluessel"): g for g in root.iter(f"{SVG}g") if g.get("class") == kind}


def texts(element) -> list[str]:
    return [t.text for t in element.iter(f"{SVG}text")]


@pytest.mark.parametrize("index", [0, 1])
def test_accessible_image_with_title_and_description(charts, index):
    chart = charts[index]
    root = parsed(chart)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img" and root.get("lang") == "de"
    title_id, desc_id = root.get("aria-labelledby").split()
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert (title.get("id"), title.text) == (title_id, chart.title)
    assert (desc.get("id"), desc.text) == (desc_id, chart.description)
    assert "Größte Zunahme" in desc.text and "Größte Abnahme" in desc.text
    assert chart.title in texts(root)  # the title also as visible text
    assert not root.findall(f".//{SVG}image") and "href" not in svg(chart)  # self-contained


def test_every_bar_drawn_in_order_with_its_label(charts):
    chart = charts[0]
    bars = groups(parsed(chart), "balken")
    assert list(bars) == [bar.key for bar in chart.bars]
    for bar in chart.bars:
        group = bars[bar.key]
        assert texts(group) == [bar.label, bar.text]
        rectangles = group.findall(f"{SVG}rect")
        assert rectangles[0].get("fill") == "#" + bar.colour
        assert (len(rectangles) == 2) == bar.hatched  # losses: a hatching over the colour
    widths = [float(bars[bar.key].find(f"{SVG}rect").get("width")) for bar in chart.bars]
    gains = [w for w, bar in zip(widths, chart.bars) if bar.value > 0]
    assert gains == sorted(gains, reverse=True)  # longer bars for larger gains


def test_every_tile_drawn_at_its_cell_with_kuerzel_value_and_name(charts):
    chart = charts[1]
    tiles = groups(parsed(chart), "kachel")
    assert len(tiles) == 44
    positions = set()
    for tile in chart.tiles:
        group = tiles[tile.key]
        colour_class = chart.classes[tile.colour_class]
        assert group.find(f"{SVG}title").text == f"{tile.label}: {tile.text}"
        assert texts(group) == [tile.abbreviation, tile.text]
        box = group.find(f"{SVG}rect")
        assert box.get("fill") == "#" + colour_class.fill
        positions.add((box.get("x"), box.get("y")))
        assert {t.get("fill") for t in group.iter(f"{SVG}text")} == {"#" + colour_class.text_colour}
    assert len(positions) == 44
    legend = next(g for g in parsed(chart).iter(f"{SVG}g") if g.get("class") == "legende")
    assert texts(legend) == [chart.value_heading, *(c.label for c in chart.classes)]


def test_same_chart_same_bytes(charts):
    again = publication_charts(calculate(make_inputs()))
    assert [svg(chart) for chart in again] == [svg(chart) for chart in charts]


def test_a_changed_count_changes_the_bar_and_the_tile(charts):
    changed = publication_charts(calculate(with_count(make_inputs(), LOWEST, 2024, 20_000)))
    before_bars, after_bars = groups(parsed(charts[0]), "balken"), groups(parsed(changed[0]), "balken")
    assert list(before_bars)[-1] == LOWEST and list(after_bars)[0] == LOWEST
    assert texts(before_bars[LOWEST])[1].startswith("-") and texts(after_bars[LOWEST])[1].startswith("+")
    assert before_bars[LOWEST].find(f"{SVG}rect").get("fill") != after_bars[LOWEST].find(f"{SVG}rect").get("fill")
    before_tile, after_tile = groups(parsed(charts[1]), "kachel")[LOWEST], groups(parsed(changed[1]), "kachel")[LOWEST]
    assert texts(before_tile)[1] != texts(after_tile)[1]
    assert before_tile.find(f"{SVG}rect").get("fill") != after_tile.find(f"{SVG}rect").get("fill")


def test_without_a_previous_year_amounts_and_per_head():
    bars, tiles = publication_charts(calculate(make_inputs(previous=False)))
    assert texts(groups(parsed(bars), "balken")[bars.bars[0].key])[1].endswith(" €")
    assert parsed(tiles).find(f"{SVG}title").text == "Kreiskarte: Mittel 2025 je Person der Bezugsgröße in €"


@pytest.mark.slow
@pytest.mark.parametrize("index", [0, 1])
def test_chromium_renders_every_text_inside_the_picture(charts, index, tmp_path):
    node = shutil.which("node")
    assert node and (BROWSER / "node_modules" / "puppeteer-core").is_dir(), "bash .ci/setup installiert Node-Module"
    source = tmp_path / "chart.svg"
    source.write_text(svg(charts[index]), encoding="utf-8")
    target = tmp_path / "chart.png"
    done = subprocess.run(
        [node, "screenshot.mjs", str(source), str(target)], cwd=BROWSER, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["overflow"] == []
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and target.stat().st_size > 10_000
