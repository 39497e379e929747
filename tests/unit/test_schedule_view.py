"""Schedule builders on a tiny frame: one milestone in each state, judged on 23.11.2026."""
import datetime as dt

import pandas as pd

from dashboard import schedule
from tests.unit.test_overview_builders import find, text

D = dt.date
ON = D(2026, 11, 23)
MILESTONES = pd.DataFrame({
    "step": [1, 2, 3, 4],
    "title": ["Формирование перечня организаций", "Определение организации-оператора",
              "Сбор и анализ информации", "Утверждение планов"],
    "result": ["Перечень", "Решение", "Отчёт", "Планы"],
    "responsible": ["Общественные советы", "Министерство культуры", "Операторы",
                    "Министерство здравоохранения"],
    "deadline": [D(2025, 11, 30), D(2026, 3, 14), D(2026, 7, 31), D(2026, 12, 1)],
    "done_on": [D(2025, 11, 20), D(2026, 4, 2), None, None],
    "state": ["done_on_time", "done_late", "overdue", "pending"],
})
EMPTY = MILESTONES.iloc[0:0]


def markers(fig) -> dict:
    """The legend traces (one per state) by name."""
    return {t.name: t for t in fig.data if t.showlegend is not False}


def test_one_marker_trace_per_state_at_the_deadlines_in_the_states_colours():
    fig = schedule.timeline(MILESTONES, ON, 2026)
    traces = markers(fig)
    assert list(traces) == ["выполнено в срок", "выполнено с опозданием", "ожидается",
                            "просрочено"]
    assert traces["выполнено в срок"].x == ("2025-11-30",)
    assert traces["выполнено в срок"].y == (0,)
    assert traces["выполнено с опозданием"].x == ("2026-03-14",)
    assert traces["просрочено"].y == (2,)
    assert traces["ожидается"].x == ("2026-12-01",)
    for state, (label, color, _) in schedule.STATES.items():
        assert traces[label].marker.line.color == color
    assert traces["просрочено"].marker.color == "#b42318"
    assert traces["ожидается"].marker.color == "#ffffff"  # hollow: nothing to judge yet


def test_late_and_overdue_bars_run_from_the_deadline_to_the_done_date_or_today():
    fig = schedule.timeline(MILESTONES, ON, 2026)
    bars = {t.name: t for t in fig.data if t.showlegend is False}
    late = bars["выполнено с опозданием: опоздание"]
    assert late.x == ("2026-03-14", "2026-04-02", None) and late.y == (1, 1, None)
    overdue = bars["просрочено: опоздание"]
    assert overdue.x == ("2026-07-31", "2026-11-23", None)


def test_every_state_is_in_the_legend_even_when_no_milestone_has_it():
    fig = schedule.timeline(MILESTONES.iloc[:1], ON, 2026)
    assert len(markers(fig)) == 4


def test_today_line_stands_at_the_data_date_with_its_date_in_russian():
    fig = schedule.timeline(MILESTONES, ON, 2026)
    line = fig.layout.shapes[0]
    assert (line.x0, line.x1, line.yref) == ("2026-11-23", "2026-11-23", "paper")
    assert "сегодня, 23.11.2026" in fig.layout.annotations[0].text
    past = schedule.timeline(MILESTONES, D(2026, 12, 31), 2026, today=False)
    assert "на конец года, 31.12.2026" in past.layout.annotations[0].text


def test_axes_speak_russian_months_and_name_each_step():
    fig = schedule.timeline(MILESTONES, ON, 2026)
    ticks = fig.layout.xaxis.ticktext
    assert ticks[0] == "ноя<br>2025" and "янв<br>2026" in ticks and "авг" in ticks
    assert "дек" in ticks  # the last month (pending step on 1 December) is named too
    assert fig.layout.xaxis.tickvals[0] == "2025-11-15"
    labels = fig.layout.yaxis.ticktext
    assert labels[0] == "1. Формирование перечня организаций"
    assert fig.layout.yaxis.autorange == "reversed"  # step 1 at the top


def test_hover_gives_deadline_done_date_responsible_and_state_in_russian():
    fig = schedule.timeline(MILESTONES, ON, 2026)
    late = markers(fig)["выполнено с опозданием"].customdata[0]
    assert "Срок: 14.03.2026" in late and "Исполнено: 02.04.2026" in late
    assert "Ответственный: Министерство культуры" in late
    assert "Состояние: выполнено с опозданием (на 19 дней)" in late
    overdue = markers(fig)["просрочено"].customdata[0]
    assert "Исполнено: —" in overdue and "(уже 115 дней)" in overdue


def test_counts_cover_every_state():
    assert schedule.counts(MILESTONES.iloc[:2]) == {
        "done_on_time": 1, "done_late": 1, "pending": 0, "overdue": 0}
    cards = schedule.headline(MILESTONES, 2026)
    assert [text(c.children[1]) for c in find(cards, "kpi-card")] == ["1", "1", "1", "1"]
    assert "из 4 этапов" in text(cards)


def test_milestones_table_dates_and_state_badges():
    table = schedule.milestones_table(MILESTONES, ON, 2026)
    rows = find(table, "milestone-row")
    assert len(rows) == 4
    assert text(find(rows[0], "deadline")) == "30.11.2025"
    first = text(rows[0])
    assert "Формирование перечня организаций" in first and "20.11.2025" in first
    badges = find(table, "milestone-state")
    assert [text(b) for b in badges] == ["выполнено в срок", "выполнено с опозданием",
                                         "просрочено", "ожидается"]
    assert badges[3].style["color"] == schedule.STATES["pending"][1]
    assert "на 19 дней" in text(rows[1]) and "—" in text(rows[3])


def test_rows_for_download_have_the_state_in_russian_and_days_late():
    rows = schedule.milestone_rows(MILESTONES, ON)
    assert list(rows["state_label"]) == ["выполнено в срок", "выполнено с опозданием",
                                         "просрочено", "ожидается"]
    assert rows["days_late"].tolist()[1:3] == [19, 115]
    assert rows["days_late"].isna().tolist() == [True, False, False, True]


def test_chart_table_gives_the_numbers_behind_the_timeline():
    shown = text(schedule.chart_table(MILESTONES, ON, 2026))
    assert "Опоздание, дней" in shown and "14.03.2026" in shown and "115" in shown


def test_a_year_without_milestones_says_so_in_words():
    fig = schedule.timeline(EMPTY, ON, 2018)
    assert "Этапов графика на 2018 год нет" in fig.layout.annotations[0].text
    assert not fig.data
    for view in (schedule.headline(EMPTY, 2018), schedule.milestones_table(EMPTY, ON, 2018),
                 schedule.chart_table(EMPTY, ON, 2018)):
        assert "Этапов графика на 2018 год нет" in text(view)
