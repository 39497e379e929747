"""What a committee member reads is what the data says: each value of «Требует внимания» stays
on its own organization's row however long the names, and a score has one colour — its
quality level's — in every region."""
import re

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from dashboard import theme
from data_access.methodology import bands
from tests.browser.helpers import console_errors

# Every row of every attention list: its box, its value's box, and whether its name wrapped.
ROWS_SCRIPT = """
return Array.from(document.querySelectorAll('.attention-grid .ranked-list li'), li => {
    const row = li.getBoundingClientRect();
    const value = li.querySelector('.ranked-value').getBoundingClientRect();
    const name = li.querySelector('.ranked-name');
    const text = document.createRange();
    text.selectNodeContents(name);  // the text's line boxes: more than one when it wrapped
    const lines = new Set(Array.from(text.getClientRects(), r => Math.round(r.top))).size;
    return {name: name.textContent, top: row.top, bottom: row.bottom,
            value_top: value.top, value_bottom: value.bottom, lines: lines};
});"""


@pytest.mark.parametrize("query", ["region=23", "region=26&sector=culture",
                                   "region=23&municipality=03701000"])
def test_attention_values_stay_beside_their_own_organization(dash_duo, demo_app, query):
    dash_duo.start_server(demo_app)
    dash_duo.driver.set_window_size(1280, 800)  # narrower columns: more names wrap
    dash_duo.driver.get(f"{dash_duo.server_url}/?{query}")
    dash_duo.wait_for_element(".attention-grid .ranked-list li", timeout=40)
    WebDriverWait(dash_duo.driver, 30).until(
        lambda d: len(d.find_elements("css selector", ".attention-grid .ranked-list, "
                                                      ".attention-grid .ranked-empty")) == 4)
    rows = dash_duo.driver.execute_script(ROWS_SCRIPT)
    assert rows
    misplaced = [r["name"] for r in rows
                 if r["value_top"] < r["top"] - 0.5 or r["value_bottom"] > r["bottom"] + 0.5]
    assert misplaced == []
    if "municipality" not in query:  # the case of the issue is there: long names wrap
        assert any(r["lines"] > 1 for r in rows)
    assert console_errors(dash_duo) == []


TRACE_SCRIPT = """
const gd = document.querySelector('#map-graph .js-plotly-plot');
if (!gd || !gd._fullData || !gd._fullData.length) { return null; }
const t = gd._fullData[0];
return {z: t.z, text: t.text, zmin: t.zmin, zmax: t.zmax, colorscale: t.colorscale,
        ticks: Array.from(gd.querySelectorAll('.colorbar .cbaxis text, .colorbar text.ytick, '
                                              + '.colorbar text.xtick'),
                          e => e.textContent)};"""


def _flat_colour(scale, fraction):
    """The colour of the flat step of a stepped scale that holds the fraction."""
    return next(c0 for (p0, c0), (p1, c1) in zip(scale, scale[1:])
                if p0 <= fraction <= p1 and c0 == c1)


def _tile_colours(dash_duo, region):
    """[(score, colour)] of every tile with a score on the region's map (the demo database
    has no boundaries: the tile map)."""
    dash_duo.driver.get(f"{dash_duo.server_url}/map?region={region}")
    trace = WebDriverWait(dash_duo.driver, 40).until(
        lambda d: d.execute_script(TRACE_SCRIPT))
    colours = []
    for z_row, text_row in zip(trace["z"], trace["text"]):
        for z, text in zip(z_row, text_row):
            found = re.search(r"<b>(\d+,\d+)</b>", text or "")
            if z is None or not found:
                continue
            fraction = (z - trace["zmin"]) / (trace["zmax"] - trace["zmin"])
            colours.append((float(found.group(1).replace(",", ".")),
                            _flat_colour(trace["colorscale"], fraction)))
    return colours, trace["ticks"]


def _level_colour(score):
    for b in bands():
        if score >= b.lower:
            return theme.BAND_COLORS[b.key]


def test_a_score_has_its_quality_levels_colour_in_both_regions(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    krasnodar, ticks = _tile_colours(dash_duo, "23")
    stavropol, _ = _tile_colours(dash_duo, "26")
    assert len(krasnodar) > 30 and len(stavropol) > 15
    # every tile: its level's colour, not its place between this region's lowest and highest
    for colours in (krasnodar, stavropol):
        assert [(s, c) for s, c in colours if c != _level_colour(s)] == []
    # so a level looks the same in both regions, and the regions share at least one level
    by_level = {}
    for colours in (krasnodar, stavropol):
        for score, colour in colours:
            by_level.setdefault(_level_colour(score), set()).add(colour)
    assert all(len(c) == 1 for c in by_level.values())
    shared = ({_level_colour(s) for s, _ in krasnodar}
              & {_level_colour(s) for s, _ in stavropol})
    assert shared
    # the legend names the levels
    assert "хорошо" in " ".join(ticks) and "отлично" in " ".join(ticks)
    assert console_errors(dash_duo) == []
