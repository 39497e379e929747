"""Overview builders on tiny frames: the numbers a reader sees, formatted in Russian."""
import pandas as pd

from dashboard import overview

NB = "\u00a0"


def text(component) -> str:
    """All the text a component renders, in order."""
    if component is None:
        return ""
    if isinstance(component, (str, int, float)):
        return str(component)
    if isinstance(component, (list, tuple)):
        return " ".join(text(c) for c in component)
    return text(getattr(component, "children", None))


def find(component, class_name: str) -> list:
    found = []
    if isinstance(component, (list, tuple)):
        for c in component:
            found += find(c, class_name)
        return found
    if class_name in (getattr(component, "className", None) or "").split():
        found.append(component)
    children = getattr(component, "children", None)
    if children is not None and not isinstance(children, str):
        found += find(children, class_name)
    return found


HEADLINE = pd.DataFrame({
    "assessed": [1000, 1250], "mean_total": [88.0, 89.25], "respondents": [150000, 187500],
    "organizations": [4000, 4000], "covered": [3800, 3880], "planned": [1100.0, 1300.0],
    "overdue_measures": [300, 280],
}, index=pd.Index([2025, 2026], name="year"))
HEADLINE["three_year_share"] = HEADLINE["covered"] / HEADLINE["organizations"] * 100
HEADLINE["coverage_share"] = HEADLINE["assessed"] / HEADLINE["planned"] * 100


def test_headline_cards_values_and_changes():
    cards = overview.headline_cards(HEADLINE, 2026)
    values = [text(v) for v in find(cards, "kpi-value")]
    assert values == ["89,25", f"1{NB}250", f"97,0{NB}%", "280", f"187{NB}500"]
    deltas = [(text(d), d.className) for d in find(cards, "delta")]
    assert deltas[0] == ("▲ +1,3 к 2025", "delta delta-good")
    assert deltas[2][0] == "▲ +2,0 п.п. к 2025"
    # fewer overdue measures is good news: green, pointing down
    assert deltas[3] == ("▼ −20 к 2025", "delta delta-good")
    details = text(find(cards, "kpi-detail"))
    assert f"из 1{NB}300 по плану · 96,2{NB}%" in details
    assert "в среднем 150 на организацию" in details
    assert "уровень «хорошо»" in details


def test_headline_without_results_says_so():
    empty = HEADLINE.assign(assessed=[1000, 0])
    assert "нет результатов" in text(overview.headline_cards(empty, 2026))


SECTORS = pd.DataFrame({
    "sector": ["culture", "education", None], "n": [10, 30, 40],
    "k1": [90.0, 92.0, 91.5], "k2": [95.0, 93.0, 93.5], "k3": [60.0, 70.0, 67.5],
    "k4": [96.0, 97.0, 96.75], "k5": [94.0, 95.0, 94.75], "total": [87.0, 89.4, 88.8],
    "previous_total": [88.0, 89.4, None],
})
SECTORS["change"] = SECTORS["total"] - SECTORS["previous_total"]


def test_sector_table_rows_and_band_tints():
    table = overview.sector_table(SECTORS, 2026)
    rows = find(table, "row-head")
    assert [text(r).strip() for r in rows] == ["Культура", "Образование", "Все сферы"]
    scores = find(table, "score")
    assert [text(c) for c in scores[:6]] == ["90,00", "95,00", "60,00", "96,00", "94,00",
                                             "87,00"]
    # 60 is «ниже среднего», 95 «отлично»: their tints
    assert scores[2].style == {"backgroundColor": "#fde3cf"}
    assert scores[1].style == {"backgroundColor": "#d7f0dc"}
    body = text(table)
    assert "−1,0" in body and "Изм. к 2025" in body


def test_sector_table_empty():
    assert "нет оценок" in text(overview.sector_table(SECTORS.iloc[0:0], 2026))


def test_attention_lists_link_to_profiles():
    frames = {
        "lowest": pd.DataFrame({"id": [7], "name": ["Школа № 7"], "total": [61.26]}),
        "falls": pd.DataFrame({"id": [8], "name": ["Музей"], "change": [-7.5]}),
        "overdue": pd.DataFrame({"id": [9], "name": ["Больница"], "overdue": [3]}),
        "unassessed": pd.DataFrame({"id": [10, 11], "name": ["ДК", "Библиотека"],
                                    "last_year": [2022.0, None]}),
    }
    lists = overview.attention_lists(frames, 2026)
    body = text(lists)
    for expected in ("Школа № 7", "61,26", "Музей", "−7,5", "Больница", "3 меры",
                     "посл. 2022", "не оценивалась", "(2 всего)"):
        assert expected in body
    links = find(lists, "ranked-name")
    assert [link.href for link in links] == ["/organization/7", "/organization/8",
                                             "/organization/9", "/organization/10",
                                             "/organization/11"]
