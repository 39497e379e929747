"""Map builders on tiny frames: values, no-data grey, scale direction, the tile grid."""
import math

import pandas as pd
import pytest

from dashboard import map_view as mv
from dashboard import theme
from data_access.reference import krasnodar, krasnodar_tiles

A, B, C = "03701000", "03601000", "03703000"
# Краснодар: 2 of 4 organizations assessed, mean 90; Абинский: nothing assessed, no plans;
# Анапа: 1 of 2 assessed, mean 80, 1 of 4 measures overdue; Краснодар 1 of 10 overdue.
FRAME = pd.DataFrame({
    "oktmo": [A, B, C], "name": ["Краснодар", "Абинский район", "Анапа"],
    "kind": ["urban_okrug", "municipal_district", "municipal_okrug"],
    "organizations": [4, 3, 2], "assessed": [2, 0, 1],
    "total": [90.0, math.nan, 80.0], "k1": [95.0, math.nan, 85.0], "k2": [90.0, math.nan, 80.0],
    "k3": [60.0, math.nan, 40.0], "k4": [99.0, math.nan, 97.0], "k5": [96.0, math.nan, 98.0],
    "year_share": [50.0, 0.0, 50.0], "three_year_share": [100.0, 0.0, 50.0],
    "measures": [10, 0, 4], "overdue": [1, 0, 1], "overdue_share": [10.0, math.nan, 25.0],
})


def square(lon, lat):
    return {"type": "Polygon", "coordinates": [[[lon, lat], [lon + 1, lat], [lon + 1, lat + 1],
                                                [lon, lat + 1], [lon, lat]]]}


GEOJSON = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "id": o, "properties": {"oktmo": o}, "geometry": square(lon, 44)}
    for o, lon in ((A, 38), (B, 39), (C, 37))]}


def color_at(scale, fraction):
    """The colour of the scale's stop nearest to a fraction (our values sit on stops)."""
    return min(scale, key=lambda stop: abs(stop[0] - fraction))[1]


def flat_color_at(scale, fraction):
    """The colour of the flat step of a stepped scale (a level's) that holds the fraction."""
    return next(c0 for (p0, c0), (p1, c1) in zip(scale, scale[1:])
                if p0 <= fraction <= p1 and c0 == c1)


def fraction(trace, z):
    return (z - trace.zmin) / (trace.zmax - trace.zmin)


def test_unknown_measure_falls_back_to_the_mean_total():
    assert mv.measure("k3").column == "k3"
    assert mv.measure("nonsense").key == mv.measure(None).key == "total"
    groups = mv.selector_data()
    assert [g["group"] for g in groups] == ["Баллы", "Охват", "Планы"]
    assert [i["value"] for i in groups[0]["items"]] == ["total", "k1", "k2", "k3", "k4", "k5"]


def test_choropleth_values_ids_and_hover():
    fig = mv.choropleth(FRAME, GEOJSON, mv.measure("total"))
    t = fig.data[0]
    assert t.type == "choroplethmap" and t.featureidkey == "id"
    assert list(t.locations) == [A, B, C]
    # a score sits at its quality level's middle: 90 «хорошо» (4th of 5), 80 «удовлетворительно»
    assert t.z[0] == 3.5 and t.z[2] == 2.5
    assert (t.zmin < 0, t.zmax) == (True, 5)
    assert t.hovertext[0] == ("<b>Краснодар</b><br>Средний итоговый балл: <b>90,00</b>"
                              "<br>оценено 2 организации")
    assert t.hovertext[1] == "<b>Абинский район</b><br>Средний итоговый балл: нет данных"
    assert t.colorbar.title.text == "Итоговый<br>балл, баллы"
    assert fig.layout.map.style == "white-bg"
    # the map is centred on the three squares (lon 37–40, lat 44–45)
    assert fig.layout.map.center.lon == pytest.approx(38.5)
    assert 44 < fig.layout.map.center.lat < 45


def test_no_data_is_grey_and_a_score_has_its_quality_levels_colour():
    t = mv.choropleth(FRAME, GEOJSON, mv.measure("total")).data[0]
    assert flat_color_at(t.colorscale, fraction(t, t.z[1])) == mv.NO_DATA_COLOR
    assert flat_color_at(t.colorscale, fraction(t, t.z[0])) == theme.BAND_COLORS["good"]  # 90
    assert flat_color_at(t.colorscale, fraction(t, t.z[2])) == theme.BAND_COLORS["satisfactory"]
    # the colour bar names the levels at their bounds 51/71/81/91
    assert list(t.colorbar.ticktext) == [
        "неудовлетворительно<br>ниже 51", "ниже среднего<br>от 51",
        "удовлетворительно<br>от 71", "хорошо<br>от 81", "отлично<br>от 91"]


def test_the_same_score_has_the_same_colour_whatever_the_others():
    """The issue's case: 84,4 («хорошо») was bright red as the view's minimum."""
    def colour_of_first(totals):
        frame = FRAME.assign(total=totals)
        t = mv.choropleth(frame, GEOJSON, mv.measure("total")).data[0]
        return flat_color_at(t.colorscale, fraction(t, t.z[0]))
    assert (colour_of_first([84.4, 96.0, 90.0]) == colour_of_first([84.4, 85.0, 94.0])
            == colour_of_first([84.4, math.nan, 30.0]) == theme.BAND_COLORS["good"])
    assert colour_of_first([91.0, 80.0, 70.0]) == theme.BAND_COLORS["excellent"]  # inclusive
    assert colour_of_first([50.99, 80.0, 70.0]) == theme.BAND_COLORS["unsatisfactory"]


def test_overdue_scale_is_reversed_and_fixed_at_0_to_100():
    t = mv.choropleth(FRAME, GEOJSON, mv.measure("overdue")).data[0]
    assert t.z[2] == 25
    assert (t.zmax, color_at(t.colorscale, fraction(t, t.z[1]))) == (100, mv.NO_DATA_COLOR)
    assert color_at(t.colorscale, fraction(t, 100)) == mv.GOOD_HIGH[0]  # all overdue: red
    assert color_at(t.colorscale, fraction(t, 0)) == mv.GOOD_HIGH[-1]  # none overdue: blue
    assert color_at(t.colorscale, fraction(t, 25)) == mv.GOOD_HIGH[-2]  # a quarter: light blue
    assert "1 из 4 мероприятий" in t.hovertext[2]
    assert t.colorbar.ticksuffix == " %"


def test_selected_municipality_is_outlined():
    t = mv.choropleth(FRAME, GEOJSON, mv.measure("total"), selected=B).data[0]
    assert list(t.marker.line.width) == [0.8, 3.5, 0.8]


def test_no_values_at_all_say_so():
    assert mv.choropleth(FRAME, GEOJSON, mv.measure("overdue")).layout.annotations == ()
    empty = FRAME.assign(overdue_share=math.nan)
    fig = mv.choropleth(empty, GEOJSON, mv.measure("overdue"))
    assert fig.layout.annotations[0].text == mv.NO_VALUES
    assert mv.choropleth(FRAME.iloc[:0], GEOJSON, mv.measure("total")).layout.annotations[
        0].text == mv.NO_MUNICIPALITIES


def test_restyle_changes_values_scale_and_title_only():
    trace, notes = mv.restyle("polygons", FRAME, mv.measure("overdue"))
    assert set(trace) == {"z", "zmin", "zmax", "colorscale", "colorbar", "hovertext"}
    assert trace["colorbar"]["title"]["text"] == "Просрочено<br>мероприятий, %"
    assert notes == []


def test_cartogram_tiles_values_labels_and_gaps():
    tiles = {A: (1, 0), B: (0, 1), C: (0, 0)}
    fig = mv.cartogram(FRAME, tiles, mv.measure("coverage"), labels={C: "Ана-<br>па"},
                       selected=A)
    t = fig.data[0]
    assert t.type == "heatmap"
    assert t.z[0][0] == 50 and t.z[0][1] == 100          # Анапа, Краснодар
    assert t.z[1][1] is None and t.text[1][1] == ""       # an empty cell: no tile
    assert t.z[1][0] == 0                                  # Абинский: 0 %, a value
    assert t.text[0][0] == "Ана-<br>па<br><b>50,0\u00a0%</b>"
    assert t.text[1][0] == "Абинский<br><b>0,0\u00a0%</b>"
    assert t.customdata[0][1] == A
    assert "2 из 4 организаций" not in t.hovertext[0][1]  # 100 % of 4: all four
    assert "4 из 4 организаций" in t.hovertext[0][1]
    rect = fig.layout.shapes[0]
    assert (rect.x0, rect.x1, rect.y0, rect.y1) == (0.5, 1.5, -0.5, 0.5)


def test_cartogram_no_data_tile_is_grey_and_says_so():
    t = mv.cartogram(FRAME, {A: (0, 0), B: (1, 0), C: (2, 0)}, mv.measure("k3")).data[0]
    assert color_at(t.colorscale, fraction(t, t.z[0][1])) == mv.NO_DATA_COLOR
    assert t.text[0][1] == "Абинский<br><b>—</b>"
    assert t.hovertext[0][1].endswith("нет данных")


def test_municipalities_missing_from_the_grid_get_a_row_below():
    cells = mv.place_tiles([A, B, C], {A: (0, 0), B: (1, 0)})
    assert cells[C] == (0, 2)  # one empty row between the grid and the extras


def test_click_gives_the_oktmo_of_an_area_or_a_tile():
    assert mv.clicked_oktmo({"points": [{"location": A}]}) == A
    assert mv.clicked_oktmo({"points": [{"customdata": B, "z": 1}]}) == B
    assert mv.clicked_oktmo({"points": [{"customdata": None}]}) is None
    assert mv.clicked_oktmo(None) is None


def test_values_table_weakest_first_no_data_last():
    t = mv.values_table(FRAME, mv.measure("total"))
    assert t["name"].tolist() == ["Анапа", "Краснодар", "Абинский район"]
    assert list(mv.table_columns(mv.measure("total")).values()) == [
        "Муниципальное образование", "Итоговый балл"]
    overdue = mv.values_table(FRAME, mv.measure("overdue"))
    assert overdue["name"].tolist()[0] == "Анапа"  # the most overdue first
    cov = mv.values_table(FRAME, mv.measure("coverage"))
    assert cov["value"].tolist() == [0, 50, 100]


def test_short_names_for_tiles():
    assert mv.short_name("Абинский район") == "Абинский"
    assert mv.short_name("Приморско-Ахтарский муниципальный округ") == "Приморско-<br>Ахтарский"
    assert mv.short_name("Сочи") == "Сочи"


def test_krasnodar_tile_grid_one_cell_each_no_collisions_neighbours_close():
    tiles = krasnodar_tiles.TILES
    assert set(tiles) == {m.oktmo for m in krasnodar.MUNICIPALITIES}
    assert len(set(tiles.values())) == len(tiles)
    assert all(0 <= c < krasnodar_tiles.COLUMNS and 0 <= r < krasnodar_tiles.ROWS
               for c, r in tiles.values())
    assert set(krasnodar_tiles.LABELS) <= set(tiles)
    by_name = {m.name: tiles[m.oktmo] for m in krasnodar.MUNICIPALITIES}
    # north is up, west is left; Краснодар between Динской (east) and Абинский (west)
    assert by_name["Ейский район"][1] < by_name["Сочи"][1]
    assert by_name["Анапа"][0] < by_name["Армавир"][0]
    assert by_name["Абинский район"] == (by_name["Краснодар"][0] - 1, by_name["Краснодар"][1])
    assert by_name["Динской район"] == (by_name["Краснодар"][0] + 1, by_name["Краснодар"][1])
    # every tile is within two cells of where its centre would put it
    lons = [m.lon for m in krasnodar.MUNICIPALITIES]
    lats = [m.lat for m in krasnodar.MUNICIPALITIES]
    for m in krasnodar.MUNICIPALITIES:
        col = (m.lon - min(lons)) / (max(lons) - min(lons)) * (krasnodar_tiles.COLUMNS - 1)
        row = (max(lats) - m.lat) / (max(lats) - min(lats)) * (krasnodar_tiles.ROWS - 1)
        c, r = tiles[m.oktmo]
        assert abs(c - col) <= 2 and abs(r - row) <= 2, m.name


def test_hover_says_whether_a_score_differs_beyond_chance():
    from data_access.methodology import standing_label
    keys = {"total": ["higher", None, "within"], "k3": ["within", None, "maybe_lower"]}
    # as comparison_queries.with_standings gives them: the key and the words
    framed = FRAME.assign(**{f"standing_{c}": v for c, v in keys.items()},
                          **{f"standing_label_{c}": [standing_label(k) for k in v]
                             for c, v in keys.items()})
    total = mv.hover_texts(framed, mv.measure("total"))
    assert total[0].endswith("<br>значимо выше среднего по краю")
    assert total[1].endswith("нет данных")  # no value: nothing to judge
    assert mv.hover_texts(framed, mv.measure("k3"))[2].endswith(
        "<br>возможно ниже среднего по краю")
    # coverage is not compared with the region: no words
    assert "среднего по краю" not in mv.hover_texts(framed, mv.measure("coverage"))[0]
