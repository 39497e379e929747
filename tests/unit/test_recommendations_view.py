"""Recommendations builders on tiny frames: badges, the before/after change by hand, the
resolution's line on the yearly axis."""
import datetime as dt

import pandas as pd

from dashboard import recommendations as view
from tests.unit.test_overview_builders import find, text

RESOLVED = dt.date(2022, 12, 13)
RECS = pd.DataFrame({
    "number": [3], "title": ["Доступность услуг для инвалидов"],
    "text": ["Продолжить работу по обеспечению доступности. " * 10],
    "resolution": ["№ 184-П"], "resolution_date": [RESOLVED], "targets": ["k3,disabled_share"]})
# K3: before (2021, 2022) mean 60, after (2023, 2024) mean 65 → +5,0.
TREND = pd.DataFrame({
    "year": [2021, 2022, 2023, 2024, 2021, 2022, 2023, 2024],
    "target": ["k3"] * 4 + ["disabled_share"] * 4,
    "value": [58.0, 62.0, 64.0, 66.0, 5.0, 5.0, 6.0, 7.0],
    "n": [100, 110, 120, 130, 100, 110, 120, 130]})
STATUS = pd.DataFrame({
    "number": [3, 3, 3, 3], "title": ["Доступность"] * 4, "resolution": ["№ 184-П"] * 4,
    "resolution_date": [RESOLVED] * 4, "targets": ["k3,disabled_share"] * 4,
    "sector": ["culture", "education", "health", "social"],
    "reported_on": [dt.date(2026, 6, 30), dt.date(2026, 6, 30), dt.date(2025, 12, 1), None],
    "status": ["in_progress", "done", "not_started", "no_report"],
    "text": ["Паспорта доступности обновляются", "Сделано", "Не начато", None]})


def test_badges_say_the_status_in_words():
    labels = [text(view.status_badge(s)) for s in ("done", "in_progress", "not_started",
                                                    "no_report")]
    assert labels == ["выполнено", "в работе", "не начато", "нет отчёта"]


def test_resolution_line_sits_just_before_2023():
    assert view.resolution_x(RESOLVED) == 2022.95
    assert view.resolution_x(dt.date(2023, 1, 1)) == 2023.0
    fig = view.trend_figure(TREND, ["k3", "disabled_share"], RESOLVED)
    line = fig.layout.shapes[0]
    assert line.x0 == line.x1 == 2022.95
    assert fig.layout.annotations[0].text == "Постановление № 184-П"


def test_before_after_change_computed_by_hand():
    split = view.before_after(TREND[TREND["target"] == "k3"], RESOLVED)
    assert split["before_mean"] == 60.0 and split["after_mean"] == 65.0
    assert split["change"] == 5.0
    assert (split["before_n"], split["after_n"]) == (210, 250)
    assert view.change_text(split) == (
        "после постановления: +5,0 по сравнению с 2021–2022 "
        "(60,0 по 210 оценкам → 2023–2024: 65,0 по 250 оценкам)")


def test_no_years_after_is_said_in_words():
    split = view.before_after(TREND[(TREND["target"] == "k3") & (TREND["year"] <= 2022)],
                              RESOLVED)
    assert split["change"] is None
    assert view.change_text(split).startswith("после постановления оценок ещё нет")
    assert view.change_text(view.before_after(TREND.iloc[0:0], RESOLVED)) == (
        "нет оценок для выбранных фильтров")


def test_one_line_per_target_with_russian_labels():
    fig = view.trend_figure(TREND, ["k3", "disabled_share"], RESOLVED)
    assert [t.name for t in fig.data] == ["К3 Доступность услуг для инвалидов",
                                          "Доля респондентов-инвалидов, %"]
    assert list(fig.data[0].y) == [58.0, 62.0, 64.0, 66.0]
    assert view.target_label("p_inf").startswith("Соответствие информации")
    assert view.target_label("respondents") == "Респондентов на организацию"


def test_no_data_figure_says_so():
    fig = view.trend_figure(TREND.iloc[0:0], ["k3"], RESOLVED)
    assert fig.layout.annotations[0].text == "Нет оценок для выбранных фильтров"


def test_header_names_the_resolution_from_the_data():
    assert view.resolution_title(RECS) == (
        "Постановление Законодательного Собрания Краснодарского края от 13.12.2022 № 184-П")


def test_a_region_the_resolution_does_not_concern_is_told_so():
    alert = view.not_addressed("Ставропольский край", RECS)
    assert "empty-state" in alert.className
    assert text(alert) == (
        "Ставропольский край: отчётов министерств о выполнении рекомендаций нет — "
        "постановление Законодательного Собрания Краснодарского края от 13.12.2022 № 184-П "
        "адресовано министерствам Краснодарского края.")


def test_matrix_and_card_show_each_ministry_with_badge_and_report():
    matrix = view.status_matrix(STATUS, RECS)
    assert [text(b) for b in find(matrix, "rec-status")] == [
        "выполнено", "в работе", "не начато", "нет отчёта"]  # education, culture, health, social
    card = view.card(RECS.iloc[0], STATUS, TREND)
    reports = [text(r) for r in find(card, "rec-report")]
    assert reports[1] == "Отчёт от 30.06.2026: Паспорта доступности обновляются"
    assert reports[3] == "Отчёта нет."
    assert find(card, "rec-full")  # the long text is folded
    changes = text(find(card, "rec-changes"))
    assert "+5,0 по сравнению с 2021–2022" in changes


def test_trend_rows_name_the_recommendations_of_each_target():
    rows = view.trend_rows(TREND, RECS)
    assert set(rows["recommendations"]) == {"3"}
    assert rows.iloc[0]["target_label"] == "К3 Доступность услуг для инвалидов"
