"""The district profile's builders on tiny frames."""
import pandas as pd

from dashboard import district
from tests.unit.test_overview_builders import text

HISTORY = pd.DataFrame({
    "year": [2025, 2026], "n": [40, 48],
    "k1": [95.0, 96.2], "k2": [94.0, 95.1], "k3": [70.0, 73.5], "k4": [97.0, 97.7],
    "k5": [96.0, 96.5], "total": [90.4, 91.8],
    "region_k1": [94.0, 95.0], "region_k2": [93.0, 94.0], "region_k3": [71.0, 72.0],
    "region_k4": [96.0, 97.0], "region_k5": [95.0, 96.0], "region_total": [89.8, 90.8],
})


def test_subtitle_names_kind_population_count_and_place():
    card = {"kind": "urban_okrug", "population": 223_000, "organizations": 130}
    assert district.subtitle(card, {"place": 19, "of": 44}, 2026) == (
        "Городской округ · население 223\xa0000 чел. · 130 организаций · "
        "место по среднему итоговому баллу в 2026 году: 19 из 44")
    card = {"kind": "municipal_district", "population": None, "organizations": 1}
    assert district.subtitle(card, {"place": None, "of": 3}, 2026) == (
        "Муниципальный район · 1 организация")


def test_history_figure_district_against_region():
    fig = district.history_figure(HISTORY, "Армавир")
    assert [t.name for t in fig.data] == ["Армавир", "Среднее по краю"]
    assert list(fig.data[0].y) == [90.4, 91.8] and list(fig.data[0].text) == ["90,4", "91,8"]
    assert list(fig.data[1].y) == [89.8, 90.8]
    assert list(fig.layout.xaxis.ticktext) == ["2025", "2026"]


def test_history_figure_in_one_sector_adds_the_whole_region():
    fig = district.history_figure(HISTORY.assign(all_total=[88.0, 89.0]), "Армавир", "culture")
    assert [t.name for t in fig.data] == ["Армавир · культура", "Среднее по краю · культура",
                                          "Среднее по краю, все сферы"]
    assert fig.data[0].line.color == "#CC79A7"  # the culture colour everywhere
    assert list(fig.data[2].y) == [88.0, 89.0]


def test_history_figure_empty_says_so():
    fig = district.history_figure(HISTORY.iloc[0:0], "Армавир")
    assert fig.layout.annotations[0].text == (
        "Организации муниципального образования не оценивались")


def test_criteria_figure_takes_the_chosen_year():
    fig = district.criteria_figure(HISTORY, 2026)
    assert list(fig.data[0].x) == ["К1", "К2", "К3", "К4", "К5"]
    assert list(fig.data[0].y) == [96.2, 95.1, 73.5, 97.7, 96.5]
    assert list(fig.data[1].y) == [95.0, 94.0, 72.0, 97.0, 96.0]
    assert fig.data[1].name == "Среднее по краю"
    empty = district.criteria_figure(HISTORY, 2024)
    assert empty.layout.annotations[0].text == "В 2024 году организации не оценивались"


def test_shortcomings_figure_most_frequent_on_top():
    df = pd.DataFrame({"criterion": ["k3", "k1", "k5"],
                       "indicator": ["p_org_dost", "p_inf", None],
                       "n": [45, 5, 1], "organizations": [40, 5, 1]})
    fig = district.shortcomings_figure(df)
    bar = fig.data[0]
    assert list(bar.x) == [1, 5, 40]  # plotly draws the first category at the bottom
    assert bar.y[-1].startswith("К3 · ")
    assert bar.y[0] == "К5 · прочие"
    rows = district.shortcoming_rows(df)
    assert rows["criterion"].tolist() == ["К3", "К1", "К5"]


def test_organizations_table_lowest_first_with_links():
    df = pd.DataFrame({
        "id": [1, 2], "name": ["Школа № 1", "Школа № 2"], "type": ["школа", "школа"],
        "sector": ["education", "education"], "k1": [90.0, 80.0], "k2": [90.0, 85.0],
        "k3": [70.0, 50.0], "k4": [96.0, 90.0], "k5": [95.0, 85.0], "total": [88.2, 78.0],
        "previous_total": [86.0, None], "change": [2.2, None]})
    table = district.organizations_table(df, 2026, "?year=2026")
    assert _hrefs(table) == ["/organization/2?year=2026",
                                             "/organization/1?year=2026"]
    assert "78,0" in text(table) and "+2,2" in text(table) and "—" in text(table)
    empty = district.organizations_table(df.iloc[0:0], 2026, "")
    assert "В 2026 году организации не оценивались." in text(empty)


def _hrefs(component) -> list[str]:
    if isinstance(component, (list, tuple)):
        return [h for c in component for h in _hrefs(c)]
    own = [component.href] if getattr(component, "href", None) else []
    children = getattr(component, "children", None)
    return own + (_hrefs(children) if children is not None and not isinstance(children, str)
                  else [])
