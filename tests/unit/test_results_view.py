"""Builders of the Results page on tiny hand-made frames: values, order, colours, words."""
import pandas as pd
import pytest

from dashboard import results, theme

NAN = float("nan")


def score_row(**kw):
    base = {"n": 1, "k1": 90.0, "k2": 90.0, "k3": 60.0, "k4": 95.0, "k5": 95.0, "total": 86.0}
    return {**base, **kw}


# ---------------------------------------------------------------- К1–К5 by sector

BY_SECTOR = pd.DataFrame([score_row(sector="culture", n=2, k3=50.0, total=84.0),
                          score_row(sector="education", n=3, total=88.0)])
REGION = pd.DataFrame([score_row(year=2024, n=5, k3=56.0, total=86.4)])


def test_criteria_frame_orders_sectors_then_region():
    df = results.criteria_frame(BY_SECTOR, REGION)
    assert list(df["label"]) == ["Образование", "Культура", "Среднее по краю"]
    assert df["sector"].iloc[2] is None


def test_criteria_bars_per_sector_in_its_colour_and_region_bar():
    fig = results.criteria_figure(results.criteria_frame(BY_SECTOR, REGION))
    assert [t.name for t in fig.data] == ["Образование", "Культура", "Среднее по краю"]
    assert list(fig.data[0].x) == ["К1", "К2", "К3", "К4", "К5", "Итог"]
    assert fig.data[0].marker.color == theme.SECTOR_COLORS["education"]
    assert fig.data[1].marker.color == theme.SECTOR_COLORS["culture"]
    assert list(fig.data[1].y) == [90, 90, 50, 95, 95, 84]
    assert list(fig.data[2].text) == ["90,0", "90,0", "56,0", "95,0", "95,0", "86,4"]
    assert fig.data[2].marker.line.color == theme.REGION_COLOR
    assert tuple(fig.layout.yaxis.range) == (0, 108)  # bars start at zero


def test_criteria_without_assessments_says_so():
    df = results.criteria_frame(BY_SECTOR.iloc[0:0], REGION.assign(n=0))
    fig = results.criteria_figure(df)
    assert fig.data == ()
    assert fig.layout.annotations[0].text == results.NO_YEAR_DATA


# ---------------------------------------------------------------- trends

TREND = results.trend_frame(
    pd.DataFrame([score_row(year=2023, sector="education", total=85.0, k3=55.0),
                  score_row(year=2024, sector="education", total=88.0, k3=60.0),
                  score_row(year=2024, sector="health", total=93.0, k3=80.0)]),
    pd.DataFrame([score_row(year=2023, total=85.0, k3=55.0),
                  score_row(year=2024, n=2, total=90.5, k3=70.0)]))


def test_trend_has_one_line_per_sector_and_the_region_dashed():
    fig = results.trend_figure(TREND, "total")
    assert [t.name for t in fig.data] == ["Образование", "Охрана здоровья", "Среднее по краю"]
    assert list(fig.data[0].x) == [2023, 2024] and list(fig.data[0].y) == [85, 88]
    assert fig.data[0].line.color == theme.SECTOR_COLORS["education"]
    region = fig.data[2]
    assert region.line.color == theme.REGION_COLOR and region.line.dash == "dash"
    # labelled at the last year only, to the right, where no line crosses the label
    assert list(region.y) == [85, 90.5] and list(region.text) == ["", "90,5"]
    assert region.textposition == "middle right"
    assert fig.layout.yaxis.title.text == "Итог, балл"
    assert fig.layout.title.text == "Итоговый балл"


def test_trend_of_a_criterion_and_unknown_key_falls_back_to_total():
    fig = results.trend_figure(TREND, "k3")
    assert list(fig.data[1].y) == [80] and list(fig.data[2].y) == [55, 70]
    assert fig.layout.title.text == "К3 Доступность услуг для инвалидов"
    assert fig.layout.yaxis.title.text == "К3, балл"
    assert results.crit_key("k9") == "total" and results.crit_key(None) == "total"


def test_trend_table_years_by_sector_with_region():
    t = results.trend_table(TREND, "k3")
    assert list(t.columns) == ["Год", "Образование", "Охрана здоровья", "Среднее по краю"]
    assert list(t["Год"]) == ["2023", "2024"]
    assert t["Охрана здоровья"].isna().iloc[0] and t["Охрана здоровья"].iloc[1] == 80
    assert list(t["Среднее по краю"]) == [55, 70]


def test_trend_without_data_says_so():
    empty = results.trend_frame(pd.DataFrame(), pd.DataFrame())
    assert results.trend_figure(empty).layout.annotations[0].text.startswith("Оценок")
    assert results.trend_table(empty).empty


# ---------------------------------------------------------------- distribution

HIST = pd.DataFrame({"bin": [69, 78, 80, 89, 93, 99], "band": [
    "below_average", "satisfactory", "satisfactory", "good", "excellent", "excellent"],
    "n": [1, 2, 1, 3, 4, 1]})


def test_histogram_one_trace_per_band_coloured_on_the_band_scale():
    fig = results.histogram_figure(HIST)
    assert [t.name for t in fig.data] == [
        "отлично: 5", "хорошо: 3", "удовлетворительно: 3", "ниже среднего: 1"]
    assert [t.marker.color for t in fig.data] == [
        theme.BAND_COLORS[k] for k in ("excellent", "good", "satisfactory", "below_average")]
    assert list(fig.data[0].x) == [93.5, 99.5]  # bar centres: bins [93, 94) and [99, 100]
    assert list(fig.data[2].y) == [2, 1]
    assert fig.layout.xaxis.range == (68, 100)


def test_histogram_marks_thresholds_within_range():
    lines = [s.x0 for s in results.histogram_figure(HIST).layout.shapes]
    assert lines == [91, 81, 71]  # 51 lies left of the lowest bin
    only_top = HIST[HIST["bin"] >= 89]
    assert [s.x0 for s in results.histogram_figure(only_top).layout.shapes] == [91]


def test_band_totals_keep_zero_bands_and_shares():
    t = results.band_totals(HIST).set_index("band")
    assert t["n"].tolist() == [5, 3, 3, 1, 0]
    assert t.loc["excellent", "share"] == pytest.approx(5 / 12 * 100)
    assert results.band_range(results.bands(), 0) == "91 и выше"
    assert results.band_range(results.bands(), 1) == "81 – 91"
    assert results.band_range(results.bands(), 4) == "ниже 51"


def test_histogram_rows_readable_interval():
    rows = results.histogram_rows(HIST)
    assert list(rows["interval"])[:2] == ["69 – 70", "78 – 79"]
    assert rows["interval"].iloc[-1] == "99 – 100"
    assert rows["band_label"].iloc[0] == "ниже среднего"


def test_empty_histogram_says_so():
    fig = results.histogram_figure(HIST.iloc[0:0])
    assert fig.layout.annotations[0].text == results.NO_YEAR_DATA


# ---------------------------------------------------------------- municipalities

MUNIS = pd.DataFrame({
    "municipality": ["03701000", "03601000", "03602000", "03603000"],
    "municipality_name": ["Краснодар", "Абинский район", "Апшеронский район", "Пустой район"],
    "n": [120, 28, 24, 0], "total": [92.1, 89.3, 93.0, NAN]})
REGION_NOW = pd.DataFrame([{"n": 172, "total": 91.3}])


def test_municipality_frame_best_first_with_difference():
    df = results.municipality_frame(MUNIS, REGION_NOW)
    assert list(df["municipality_name"]) == ["Апшеронский район", "Краснодар", "Абинский район"]
    assert df["difference"].round(1).tolist() == [1.7, 0.8, -2.0]


def test_dot_plot_sorted_best_on_top_with_region_line_and_n():
    fig = results.municipality_figure(results.municipality_frame(MUNIS, REGION_NOW),
                                      selected="03601000")
    dots = fig.data[0]
    # plotly draws the first category at the bottom: the worst first, the best on top
    assert [y.split(" <span")[0] for y in dots.y] == [
        "Абинский район", "Краснодар", "Апшеронский район"]
    assert "(28)" in dots.y[0] and "(120)" in dots.y[1]
    assert list(dots.x) == [89.3, 92.1, 93.0]
    assert list(dots.customdata) == ["03601000", "03701000", "03602000"]
    assert list(dots.marker.size) == [17, 13, 13]  # the chosen municipality stands out
    line = fig.layout.shapes[0]
    assert line.x0 == line.x1 == 91.3
    assert fig.layout.annotations[0].text == "Среднее по краю: 91,3"
    assert dots.marker.color == results.ACCENT


def test_dot_plot_in_sector_colour_and_empty_words():
    df = results.municipality_frame(MUNIS, REGION_NOW)
    assert results.municipality_figure(df, sector="culture").data[0].marker.color == \
        theme.SECTOR_COLORS["culture"]
    none = results.municipality_frame(MUNIS.iloc[0:0], REGION_NOW.assign(n=0))
    assert results.municipality_figure(none).layout.annotations[0].text == results.NO_YEAR_DATA


def test_district_link_keeps_the_filters():
    assert results.district_href("03601000", {"region": "23", "year": "2024",
                                              "sector": "culture"}) == \
        "/district/03601000?region=23&year=2024&sector=culture&municipality=03601000"


# ---------------------------------------------------------------- ranking

RANKING = pd.DataFrame({
    "rank": pd.array([1, 2], dtype="Int64"), "id": [7, 3], "inn": ["1", "2"],
    "name": ["Школа [№ 1]", "=HYPERLINK(\"x\")"], "type": ["школа", "библиотека"],
    "sector": ["education", "culture"], "oktmo": ["03701000", "03601000"],
    "municipality": ["Краснодар", "Абинский район"], "founder_level": ["municipal"] * 2,
    "respondents": [100, 50], "k1": [95.0, 80.0], "k2": [95.0, 80.0], "k3": [90.0, 40.0],
    "k4": [95.0, 90.0], "k5": [95.0, 85.0], "total": [94.0, 75.0],
    "previous_total": [90.5, NAN], "change": [3.5, NAN]})


def test_ranking_rows_link_sector_band():
    rows = results.ranking_rows(RANKING, {"region": "23", "year": "2024"})
    first, second = rows
    assert first["link"] == r"[Школа \[№ 1\]](/organization/7?region=23&year=2024)"
    assert first["sector_name"] == "Образование" and first["band"] == "отлично"
    assert second["band"] == "удовлетворительно"
    assert second["change"] is None and second["previous_total"] is None
    assert first["row_id"] == "7" and first["rank"] == 1


def test_ranking_download_is_what_the_grid_shows_and_safe():
    rows = results.ranking_rows(RANKING, {})
    df = results.ranking_download([rows[1]])  # e.g. after a search left one row
    assert list(df.columns) == list(results.RANKING_COLUMNS.values())
    assert df["Организация"].tolist() == ['=HYPERLINK("x")']
    assert df["Итоговый балл"].tolist() == [75.0]
    from dashboard import export
    assert b"'=HYPERLINK" in export.to_csv(df)
    assert results.ranking_download([]).empty


def test_parse_sort_accepts_known_columns_only():
    assert results.parse_sort("total:desc") == ("total", "desc")
    assert results.parse_sort("name:asc") == ("name", "asc")
    assert results.parse_sort("inn:asc") == ("rank", "asc")
    assert results.parse_sort("total:sideways") == ("rank", "asc")
    assert results.parse_sort(None) == ("rank", "asc")


def test_column_defs_carry_the_sort_and_band_tints():
    defs = {d.get("colId", d["field"]): d for d in results.ranking_column_defs(("k3", "desc"))}
    assert defs["k3"]["sort"] == "desc" and "sort" not in defs["rank"]
    conditions = defs["total"]["cellStyle"]["styleConditions"]
    assert conditions[0]["condition"].endswith(">= 91")
    assert conditions[0]["style"]["backgroundColor"] == theme.BAND_TINTS["excellent"]
    assert "ru-RU" in defs["k1"]["valueFormatter"]["function"]
    assert defs["name"]["cellRenderer"] == "markdown"


def test_grid_in_russian_with_pages_and_search():
    grid = results.ranking_grid("g", search="Сочи")
    options = grid.dashGridOptions
    assert options["quickFilterText"] == "Сочи"
    assert options["paginationPageSizeSelector"] == [25, 50, 100]
    assert options["localeText"]["noRowsToShow"].startswith("Нет")
    assert options["localeText"]["page"] == "Страница"


def test_totals_equal_as_shown_share_a_place():
    """Three «100,00» (one of them 99,996 unrounded) are all 1st; the next is 4th."""
    from dashboard.results import shown_rank
    ranks = shown_rank(pd.Series([100.0, 99.996, 100.0, 99.5, 99.944, float("nan")]))
    assert ranks.tolist()[:5] == [1, 1, 1, 5, 4]  # 99,944 shows «99,94»: 4th
    assert pd.isna(ranks.iloc[5])
