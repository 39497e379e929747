"""Builders of the Plans page on tiny frames: values, order, labels, words when empty."""
import datetime as dt

import pandas as pd

from dashboard import plans


def wide(rows, by="sector"):
    df = pd.DataFrame(rows, columns=[by, "overdue", "in_progress", "done", "cancelled"])
    df["total"] = df[["overdue", "in_progress", "done", "cancelled"]].sum(axis=1)
    df["overdue_share"] = 100 * df["overdue"] / df["total"]
    df["done_share"] = 100 * df["done"] / df["total"]
    return df


def test_state_totals_fixed_order_zeros_and_shares():
    t = plans.state_totals(pd.DataFrame({"status": ["done", "overdue"], "n": [3, 1]}))
    assert t["state"].tolist() == ["overdue", "in_progress", "done", "cancelled"]
    assert t["label"].tolist() == ["просрочено", "в работе", "выполнено", "отменено"]
    assert t["n"].tolist() == [1, 0, 3, 0]
    assert t["share"].tolist() == [25.0, 0.0, 75.0, 0.0]


def test_headline_says_so_in_words_when_empty():
    t = plans.state_totals(pd.DataFrame({"status": [], "n": []}))
    assert "нет" in str(plans.headline(t, dt.date(2024, 11, 1)))


def test_states_figure_stacks_states_in_fixed_order_with_sector_names():
    df = plans.label_groups(wide([("culture", 2, 1, 5, 0), ("education", 1, 0, 3, 1)]), "sector")
    fig = plans.states_figure(df)
    assert [t.name for t in fig.data] == ["просрочено", "в работе", "выполнено", "отменено"]
    assert [t.marker.color for t in fig.data] == ["#b42318", "#0b5cad", "#1a7f37", "#6c757d"]
    assert list(fig.data[0].x) == ["Культура", "Образование"]
    assert list(fig.data[0].y) == [2, 1] and list(fig.data[2].y) == [5, 3]
    assert fig.layout.barmode == "stack"


def test_municipalities_sorted_by_overdue_share_as_percent():
    df = wide([("01", 1, 0, 3, 0), ("02", 2, 0, 2, 0), ("03", 0, 1, 1, 0)], "municipality")
    df["municipality_name"] = ["А", "Б", "В"]
    fig = plans.municipality_figure(plans.label_groups(df, "municipality"))
    assert list(fig.data[0].y) == ["Б", "А", "В"]
    assert list(fig.data[0].x) == [50.0, 25.0, 0.0]
    assert fig.data[0].orientation == "h"


def test_criterion_axis_short_labels_full_in_hover():
    df = plans.label_groups(wide([("k1", 0, 1, 0, 0), ("k3", 2, 0, 1, 0)], "criterion"),
                            "criterion")
    fig = plans.criterion_figure(df)
    assert list(fig.data[0].x) == ["К1", "К3"]
    assert fig.data[0].customdata[1].startswith("К3 ")


def test_completion_shares_per_plan_year():
    df = wide([(2022, 0, 0, 1, 0), (2023, 1, 1, 1, 1)], "plan_year")
    fig = plans.completion_figure(df)
    assert list(fig.data[0].x) == ["2022", "2023"]
    assert list(fig.data[0].y) == [0.0, 25.0] and list(fig.data[2].y) == [100.0, 25.0]


def test_empty_frames_give_figures_that_say_so():
    fig = plans.states_figure(wide([]))
    assert fig.layout.annotations[0].text == plans.NO_MEASURES


def overdue():
    return pd.DataFrame({
        "organization_id": [1, 2], "organization": ["Школа", "Библиотека"],
        "sector": ["education", "culture"], "municipality": ["Город А", "Район Б"],
        "criterion": ["k3", "k1"], "shortcoming": ["Н", "Н"], "measure": ["Пандус", "Сайт"],
        "planned_date": pd.to_datetime(["2024-06-01", "2024-09-01"]),
        "responsible_name": ["Иванова И. И.", "Петров П. П."],
        "responsible_position": ["директор", "заведующий"], "days_overdue": [153, 61]})


def test_overdue_rows_longest_first_and_table_links_keep_filters():
    rows = plans.overdue_rows(overdue().iloc[::-1])
    assert rows["organization"].tolist() == ["Школа", "Библиотека"]
    assert rows["criterion"].tolist() == ["К3", "К1"]
    view = str(plans.overdue_table(overdue(), "?year=2024"))
    assert "/organization/1?year=2024" in view and "01.06.2024" in view and "153" in view
    capped = str(plans.overdue_table(overdue(), "", cap=1))
    assert "показаны первые 1" in capped


def test_approval_rows_due_dates_days_late_and_problems():
    df = pd.DataFrame({
        "id": [1, 2, 3], "name": ["А", "Б", "В"], "sector": ["education"] * 3,
        "municipality": ["Г"] * 3, "year": [2024] * 3,
        "due_date": [dt.date(2024, 12, 1), None, dt.date(2024, 12, 1)],
        "approved_on": [dt.date(2024, 12, 11), None, dt.date(2024, 11, 1)],
        "state": ["late", "missing", "on_time"]})
    rows = plans.approval_rows(df, dt.date(2024, 12, 31))
    assert rows["name"].tolist() == ["Б", "А", "В"]
    assert rows["days_late"].tolist()[:2] == [30, 10]
    assert rows.loc[0, "due_date"] == dt.date(2024, 12, 1)
    assert rows["state_label"].tolist() == ["не утверждён", "утверждён с опозданием",
                                            "утверждён в срок"]
    assert plans.approval_problems(rows)["name"].tolist() == ["Б", "А"]
    assert "/organization/2?x=1" in str(plans.approval_view(rows, 2024, "?x=1"))
