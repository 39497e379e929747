"""Builders of the fair comparison on tiny hand-made frames: the funnel's curves and points,
the named outliers, the words of a standing, the peers table."""
import math

import pandas as pd
import pytest

from dashboard import comparison, results
from data_access.comparison_queries import LIMIT_COLUMNS

# The region of test_methodology: mean 90, sd √62.5 = 7.90569 between organizations.
SD = math.sqrt(62.5)


def unit(code, name, n, total, standing):
    se = SD / math.sqrt(n)
    return {"municipality": code, "municipality_name": name, "n": n, "total": total,
            "target": 90.0, "sigma": SD, "tau": 0.0, "standing": standing,
            "standing_label": comparison.standing_text(standing),
            "lower998": 90 - 3.09 * se, "lower95": 90 - 1.96 * se,
            "upper95": 90 + 1.96 * se, "upper998": 90 + 3.09 * se}


FUNNEL = pd.DataFrame([
    unit("01", "Город А", 4, 90.0, "within"),
    unit("02", "Район Б", 4, 82.0, "maybe_lower"),
    unit("03", "Район В", 9, 80.0, "lower"),
    unit("04", "Город Г", 1, 99.0, "within"),
])


def test_funnel_curves_follow_the_limits():
    fig = comparison.funnel_figure(FUNNEL)
    curves = {t.name for t in fig.data if t.mode == "lines"}
    assert curves == {"Границы 99,8 %", "Границы 95 %", "Среднее по краю: 90,0"}
    lower95 = next(t for t in fig.data if t.name == "Границы 95 %" and t.showlegend)
    # the lowest 95 % curve at x = 4: 90 − 1.96 · 7.90569 / 2 = 82.25242
    at4 = [y for x, y in zip(lower95.x, lower95.y) if abs(x - 4) < 0.1]
    assert at4 and at4[0] == pytest.approx(82.25, abs=0.15)
    assert min(lower95.x) == pytest.approx(0.8) and max(lower95.x) == pytest.approx(9.9)


def test_funnel_points_coloured_and_named_when_outside():
    fig = comparison.funnel_figure(FUNNEL, selected="03")
    points = {t.name: t for t in fig.data if t.mode == "markers+text"}
    assert list(points) == ["в пределах случайных колебаний", "возможно ниже среднего по краю",
                            "значимо ниже среднего по краю"]
    lower = points["значимо ниже среднего по краю"]
    assert lower.marker.color == comparison.STANDING_COLORS["lower"]
    assert list(lower.text) == ["Район В"] and list(lower.customdata) == ["03"]
    assert list(lower.marker.size) == [15]  # the chosen one stands out
    assert list(points["в пределах случайных колебаний"].text) == ["", ""]  # not named
    assert "Значимо ниже среднего по краю" in lower.hovertext[0]
    assert "оценено 9 организаций" in lower.hovertext[0]


def test_funnel_says_why_it_is_empty():
    assert comparison.funnel_figure(FUNNEL.iloc[0:0]).layout.annotations[0].text.startswith(
        "За выбранный год")
    alone = FUNNEL.iloc[:1].assign(sigma=float("nan"), standing=None)
    assert "слишком мало" in comparison.funnel_figure(alone).layout.annotations[0].text


def test_outliers_named_lowest_first():
    table = comparison.outliers(FUNNEL, query="?year=2024")
    text = str(table)
    assert text.index("Район В") < text.index("Район Б")
    assert "/district/03?year=2024" in text and "Город А" not in text
    assert "−10,0" in text  # Район В: 80 against 90
    none = comparison.outliers(FUNNEL.assign(standing="within"))
    assert "в пределах случайных колебаний" in none.children


def test_respondent_funnel_is_about_organizations():
    orgs = pd.DataFrame([{"id": 7, "name": "Школа № 1", "sector": "education",
                          "municipality_name": "Город А", "respondents": 120, "total": 60.0,
                          "target": 84.5, "sigma": 36.19, "tau": 6.71, "standing": "lower",
                          **dict(zip(LIMIT_COLUMNS, (60.1, 69.2, 99.8, 108.9)))}])
    assert comparison.funnel_kind(orgs) is comparison.ORGANIZATIONS
    fig = comparison.funnel_figure(orgs)
    assert fig.layout.xaxis.title.text == "Опрошено получателей услуг"
    dots = [t for t in fig.data if t.mode == "markers+text"][0]
    assert "опрошено 120 человек" in dots.hovertext[0] and list(dots.customdata) == [7]
    assert "/organization/7" in str(comparison.outliers(orgs))


def test_standing_words_and_badge():
    assert comparison.standing_text("lower") == "значимо ниже среднего по краю"
    assert comparison.standing_text(None) == "мало данных для сравнения"
    badge = comparison.standing_badge("maybe_higher", total=91.25, target=84.5, n=3)
    assert str(badge.children[0].children) == "Возможно выше среднего по краю"
    assert "91,25 при среднем по краю 84,50" in badge.children[1].children
    assert "оценено 3 организации" in badge.children[1].children
    scoped = comparison.standing_badge("within", total=90, target=91, scope="краевые организации")
    assert "при среднем по краю 91,00 (краевые организации)" in scoped.children[1].children


def test_dot_plot_says_whether_a_difference_is_beyond_chance():
    df = results.municipality_frame(
        FUNNEL, pd.DataFrame([{"n": 18, "total": 90.0}]))
    fig = results.municipality_figure(df)
    dots = fig.data[0]
    by_name = dict(zip([y.split(" <span")[0] for y in dots.y], zip(dots.text, dots.hovertext)))
    assert by_name["Район В"] == ("80,0 · значимо ниже", "значимо ниже среднего по краю")
    assert by_name["Район Б"] == ("82,0", "возможно ниже среднего по краю")


MUNIS = pd.DataFrame([("1", "Город А", "urban_okrug"), ("2", "Район Б", "municipal_district"),
                      ("3", "Город В", "urban_okrug"), ("4", "Округ Г", "municipal_okrug")],
                     columns=["oktmo", "name", "kind"])


def test_peer_options_grouped_by_kind_without_itself():
    groups = comparison.peer_options(MUNIS, "1")
    assert [g["group"] for g in groups] == ["Городские округа", "Муниципальные районы",
                                            "Муниципальные округа"]
    assert groups[0]["items"] == [{"value": "3", "label": "Город В"}]


def test_parse_peers_keeps_known_codes_once():
    assert comparison.parse_peers(None, ["1", "2"]) is None
    assert comparison.parse_peers("2,9,2,<b>", ["1", "2"]) == ["2"]
    assert comparison.parse_peers("", ["1"]) == []


def test_peer_table_rows():
    df = pd.DataFrame([
        {"oktmo": "1", "name": "Город А", "population": 100_000, "n": 2, "k1": 90, "k2": 90,
         "k3": 60, "k4": 95, "k5": 95, "total": 83.5, "coverage": 100.0, "standing": "within",
         "is_mean": False},
        {"oktmo": "3", "name": "Город В", "population": 120_000, "n": 3, "k1": 80, "k2": 80,
         "k3": 50, "k4": 90, "k5": 90, "total": 78.0, "coverage": 2 / 3 * 100,
         "standing": "lower", "is_mean": False},
        {"oktmo": None, "name": "Среднее по похожим", "population": float("nan"), "n": 3,
         "k1": 80, "k2": 80, "k3": 50, "k4": 90, "k5": 90, "total": 78.0, "coverage": 66.7,
         "standing": None, "is_mean": True}])
    text = str(comparison.peer_table(df, "?year=2024"))
    assert "/district/3?year=2024" in text and "/district/1" not in text
    assert "значимо ниже среднего по краю" in text and "67" in text
    assert "Выберите" in str(comparison.peer_table(df.iloc[:1]))


def test_funnel_views_name_the_founder_scope_and_keep_the_filters():
    from data_access.filters import Filters
    f = Filters(region="23", year=2024, founder="municipal")
    fig, _table, listed = comparison.funnel_views(FUNNEL, FUNNEL, f)
    assert "Среднее по краю, муниципальные организации: 90,0" in {t.name for t in fig.data}
    assert "/district/03?region=23&year=2024&founder=municipal" in str(listed)


def test_organizations_without_respondents_are_counted_not_drawn():
    df = pd.DataFrame({"id": [1, 2, 3], "name": ["А", "Б", "В"], "respondents": [120, None, 80],
                       "total": [90.0, 88.0, 85.0], "standing": ["within"] * 3,
                       "target": 88.0, "sigma": 9.0, "tau": 1.0})
    for column, z in (("lower998", -3.09), ("lower95", -1.96), ("upper95", 1.96),
                      ("upper998", 3.09)):
        df[column] = 88.0 + z * 2
    fig = comparison.funnel_figure(df)
    assert [a.text for a in fig.layout.annotations] == [
        "Без числа опрошенных не показаны: 1 организация"]
    assert sum(len(t.x) for t in fig.data if t.mode == "markers+text") == 2


def test_funnel_names_lose_their_kind_not_their_end_and_sit_away_from_the_curves():
    df = pd.DataFrame([
        unit("01", "Приморско-Ахтарский муниципальный округ", 9, 80.0, "lower"),
        unit("02", "Город Г", 4, 90.0, "within"),
        unit("03", "Городской округ город Горячий Ключ", 16, 97.0, "higher"),
        unit("04", "Район В", 25, 82.0, "lower"),
    ])
    points = {t.name: t for t in comparison.funnel_figure(df).data if t.mode == "markers+text"}
    lower = points["значимо ниже среднего по краю"]
    higher = points["значимо выше среднего по краю"]
    assert list(lower.text) == ["Приморско-Ахтарский", "Район В"]  # a short name stays whole
    assert list(higher.text) == ["Горячий Ключ"]
    assert not any("…" in t for p in points.values() for t in p.text)
    # below the mean the name goes under its dot, above it over: not across a limit line;
    # the largest unit's name reads leftwards, into the plot
    assert list(lower.textposition) == ["bottom center", "bottom left"]
    assert list(higher.textposition) == ["top center"]
    assert comparison._short("МБУК «Дом культуры Приморско-Ахтарского района» № 1") == (
        "МБУК «Дом культуры Приморск…")  # organizations are only cut
