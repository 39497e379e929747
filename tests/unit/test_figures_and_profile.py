"""Figure builders and the organization profile's builders on tiny frames."""
import datetime as dt

import pandas as pd

from dashboard import figures, profile
from tests.unit.test_overview_builders import find, text

HISTORY = pd.DataFrame({
    "year": [2023, 2026], "k1": [90.0, 92.0], "k2": [90.0, 92.0], "k3": [60.0, 70.0],
    "k4": [95.0, 96.0], "k5": [95.0, 95.0], "total": [86.0, 89.0], "respondents": [100, 120],
    "sector_k1": [88.0, 86.0], "sector_k2": [88.0, 88.5], "sector_k3": [58.0, 60.0],
    "sector_k4": [93.0, 93.0], "sector_k5": [90.0, 90.0], "sector_total": [84.0, 83.5],
    "region_total": [85.0, 84.5],
})


def test_score_history_traces():
    fig = figures.score_history(HISTORY, "Школа № 1", "education")
    assert [t.name for t in fig.data] == ["Школа № 1", "Среднее по сфере «Образование»",
                                          "Среднее по краю"]
    assert list(fig.data[0].y) == [86.0, 89.0]
    assert list(fig.data[0].text) == ["86,0", "89,0"]
    assert list(fig.data[2].y) == [85.0, 84.5]
    assert list(fig.layout.xaxis.ticktext) == ["2023", "2026"]
    assert fig.layout.separators == ", "


def test_score_history_empty_says_so():
    fig = figures.score_history(HISTORY.iloc[0:0], "Школа", "education")
    assert fig.layout.annotations[0].text == "Организация ещё не оценивалась"
    assert fig.data == ()


def test_criteria_comparison_values():
    fig = figures.criteria_comparison(HISTORY.iloc[-1], "education")
    assert list(fig.data[0].x) == ["К1", "К2", "К3", "К4", "К5"]
    assert list(fig.data[0].y) == [92.0, 92.0, 70.0, 96.0, 95.0]
    assert list(fig.data[1].y) == [86.0, 88.5, 60.0, 93.0, 90.0]
    assert fig.data[0].customdata[2] == "К3 Доступность услуг для инвалидов"


MEASURES = pd.DataFrame({
    "plan_year": [2025, 2025], "approved_on": [dt.date(2025, 11, 20)] * 2,
    "due_date": [dt.date(2025, 12, 1)] * 2, "criterion": ["k3", "k1"],
    "shortcoming": ["Нет пандуса", "Нет раздела FAQ"],
    "measure": ["Установить пандус", "Создать раздел"],
    "planned_date": [dt.date(2026, 6, 1), dt.date(2026, 3, 1)],
    "responsible_name": ["Петрова А. А.", "Сидоров Б. Б."],
    "responsible_position": ["зам. директора", "программист"],
    "actual_date": [None, dt.date(2026, 2, 27)], "taken": [None, "Раздел создан"],
    "cancel_reason": [None, None], "status": ["overdue", "done"],
})


def test_profile_headline_counts_measures():
    cards = profile.headline(HISTORY, MEASURES)
    values = [text(v) for v in find(cards, "kpi-value")]
    assert values == ["89,00", "+5,5", "120", "2"]
    assert "выполнено 1, в работе 0, просрочено 1" in text(cards)


def test_measures_table_states_and_dates():
    table = profile.measures_table(MEASURES)
    body = text(table)
    assert "01.06.2026" in body and "27.02.2026" in body and "Раздел создан" in body
    assert [text(b) for b in find(table, "status-badge")] == ["просрочено", "выполнено"]


def test_shortcomings_of_latest_year_only():
    df = pd.DataFrame({"year": [2026, 2023], "criterion": ["k3", "k1"],
                       "indicator": ["p_org_dost", "p_inf"],
                       "text": ["Нет поручней", "Старый стенд"]})
    out = text(profile.shortcomings(df))
    assert "Нет поручней" in out and "Старый стенд" not in out and "2026" in out


def test_data_table_writes_years_without_a_thousands_separator():
    """«Год последней оценки» on /coverage read «2 019»: a year is a name, not a quantity."""
    import math
    from dashboard.components import data_table
    table = data_table(pd.DataFrame({"Организация": ["А", "Б"],
                                     "Год последней оценки": [2019.0, math.nan],
                                     "Год": [2021, 2022], "Оценено": [1200, 3]}))
    cells = [text(td) for td in find(table, "num")]
    assert cells[-6:] == ["2019", "2021", "1\u00a0200", "—", "2022", "3"]
