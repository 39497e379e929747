"""Builders of the schedule page («График»): the year's cycle of milestones (DOMAIN.md §2) as a
timeline, a table and four counts. DataFrames in, figures and components out."""
from __future__ import annotations

import datetime as dt
import textwrap

import dash_mantine_components as dmc
import pandas as pd
import plotly.graph_objects as go
from dash import html

from dashboard import format as fmt
from dashboard.components import data_table, empty, kpi_card
from dashboard.figures import base, empty_figure
from dashboard.plot_text import escape

# Milestone states, in the order a reader meets them: label, colour, marker. Colours differ in
# lightness as well as hue and the markers differ in shape (pending is hollow), so the states
# read on a projector and without colour vision.
STATES = {
    "done_on_time": ("выполнено в срок", "#1a7f37", "circle"),
    "done_late": ("выполнено с опозданием", "#b35c00", "diamond"),
    "pending": ("ожидается", "#0b5cad", "circle"),
    "overdue": ("просрочено", "#b42318", "square"),
}
ROW_HEIGHT = 58
LABEL_WIDTH = 42  # characters per line of a step's title on the axis
MONTH_ABBR = tuple(m[:3] for m in fmt.MONTHS)  # «янв», «фев», … «май», … «дек»

COLUMNS = {"step": "№", "title": "Этап", "result": "Результат", "responsible": "Ответственный",
           "deadline": "Срок", "done_on": "Исполнено", "state_label": "Состояние",
           "days_late": "Опоздание, дней"}


def state_label(state: str) -> str:
    return STATES[state][0]


def no_milestones(year: int) -> str:
    return f"Этапов графика на {year} год нет: график этого года не загружен."


def _date(value) -> dt.date:
    return pd.Timestamp(value).date()


def days_late(df: pd.DataFrame, on: dt.date) -> pd.Series:
    """Days past the deadline: to the done date when done late, to `on` when overdue."""
    def late(row) -> int | None:
        if row.state == "done_late":
            return (_date(row.done_on) - _date(row.deadline)).days
        if row.state == "overdue":
            return (on - _date(row.deadline)).days
        return None
    return pd.Series([late(r) for r in df.itertuples()], index=df.index, dtype="Int64")


def milestone_rows(df: pd.DataFrame, on: dt.date) -> pd.DataFrame:
    """The milestones with the state in Russian and the days late: what is shown and
    downloaded (source column names; tables.Table renames them)."""
    return df.assign(state_label=df["state"].map(state_label), days_late=days_late(df, on))


# ---------------------------------------------------------------- counts

def counts(df: pd.DataFrame) -> dict[str, int]:
    """Milestones per state, every state present."""
    found = df["state"].value_counts()
    return {s: int(found.get(s, 0)) for s in STATES}


def headline(df: pd.DataFrame, year: int) -> html.Div | dmc.Alert:
    """Four counts: done on time, done late, pending, overdue."""
    if df.empty:
        return empty(no_milestones(year))
    n = counts(df)
    total = len(df)
    cards = []
    for state, (label, color, _) in STATES.items():
        card = kpi_card(label.capitalize(), fmt.number(n[state]),
                        detail=f"из {total} {fmt.plural(total, 'этапа', 'этапов', 'этапов')}")
        card.className += f" schedule-kpi schedule-kpi-{state}"
        card.style = {"borderLeftColor": color}
        cards.append(card)
    return html.Div(cards, className="kpi-grid kpi-grid-4")


# ---------------------------------------------------------------- timeline

def _month_starts(start: dt.date, end: dt.date) -> list[dt.date]:
    months, d = [], dt.date(start.year, start.month, 1)
    while d <= end:
        months.append(d)
        d = dt.date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return months


def month_axis(start: dt.date, end: dt.date) -> dict:
    """Russian month names under the middle of each month (the year under January and under
    the first month), grid lines at the months' starts: no plotly date locale needed."""
    months = _month_starts(start, end)
    mids = [m + dt.timedelta(days=14) for m in months]
    text = [MONTH_ABBR[m.month - 1] + (f"<br>{m.year}" if i == 0 or m.month == 1 else "")
            for i, m in enumerate(months)]
    return {"type": "date", "range": [start.isoformat(), end.isoformat()],
            "tickmode": "array", "tickvals": [m.isoformat() for m in mids], "ticktext": text,
            "ticks": "", "showgrid": False,
            "minor": {"tickmode": "array", "tickvals": [m.isoformat() for m in months],
                      "showgrid": True, "gridcolor": "#dee2e6", "ticks": ""}}


def _wrap(text: str, width: int) -> str:
    """Lines for plotly text, which renders markup: each one escaped (imported titles)."""
    return "<br>".join(escape(line) for line in textwrap.wrap(text, width)) or escape(text)


def lateness(row) -> str | None:
    """«на 9 дней» (done late), «уже 12 дней» (overdue); None when not late."""
    if pd.isna(row.days_late):
        return None
    days = int(row.days_late)
    return (f"{'на' if row.state == 'done_late' else 'уже'} {days} "
            f"{fmt.plural(days, 'день', 'дня', 'дней')}")


def _hover(row) -> str:
    late = lateness(row)
    return (f"<b>{_wrap(row.title, 60)}</b><br>"
            f"Срок: {fmt.date(row.deadline)}<br>"
            f"Исполнено: {fmt.date(row.done_on)}<br>"
            f"Ответственный: {_wrap(row.responsible, 60)}<br>"
            f"Состояние: {state_label(row.state)}{f' ({late})' if late else ''}")


def _late_bar(df: pd.DataFrame, state: str, on: dt.date) -> go.Scatter:
    """Bars behind the markers: from the deadline to the done date (solid, a dot at the done
    date) when done late, to `on` (dotted) when overdue."""
    label, color, _ = STATES[state]
    xs, ys, sizes = [], [], []
    for i, r in enumerate(df.itertuples()):
        if r.state == state:
            end = r.done_on if state == "done_late" else on
            xs += [_date(r.deadline).isoformat(), _date(end).isoformat(), None]
            ys += [i, i, None]
            sizes += [0, 10 if state == "done_late" else 0, 0]
    return go.Scatter(x=xs, y=ys, mode="lines+markers", showlegend=False, hoverinfo="skip",
                      line={"color": color, "width": 7 if state == "done_late" else 4,
                            "dash": "solid" if state == "done_late" else "dot"},
                      marker={"color": color, "size": sizes}, name=f"{label}: опоздание")


def timeline(df: pd.DataFrame, on: dt.date, year: int, *, today: bool = True) -> go.Figure:
    """One row per step: a marker at its deadline coloured by state; a bar from the deadline to
    the done date when done late, a dashed one to `on` when overdue; a vertical line at `on`
    («сегодня» when `on` is the data's date, else the end of the year)."""
    if df.empty:
        return empty_figure(no_milestones(year))
    df = milestone_rows(df.reset_index(drop=True), on)
    rows = list(range(len(df)))
    hover = [_hover(r) for r in df.itertuples()]
    fig = go.Figure()
    for state, (label, color, symbol) in STATES.items():
        if state in ("done_late", "overdue") and (df["state"] == state).any():
            fig.add_trace(_late_bar(df, state, on))
        mine = df["state"] == state
        fig.add_trace(go.Scatter(
            x=[_date(d).isoformat() for d in df.loc[mine, "deadline"]] or [None],
            y=[i for i, m in zip(rows, mine) if m] or [None],
            customdata=[h for h, m in zip(hover, mine) if m] or [""],
            mode="markers", name=label, legendgroup=state,
            marker={"color": "#ffffff" if state == "pending" else color, "symbol": symbol,
                    "size": 17, "line": {"color": color, "width": 3}},
            hovertemplate="%{customdata}<extra></extra>"))
    labels = [f"{r.step}. {_wrap(r.title, LABEL_WIDTH)}" for r in df.itertuples()]
    dates = [_date(d) for d in [*df["deadline"], *df["done_on"].dropna(), on]]
    # whole months, so that every month on the axis is named
    start = (min(dates) - dt.timedelta(days=10)).replace(day=1)
    end = _month_starts(start, max(dates) + dt.timedelta(days=10))[-1]
    end = (end + dt.timedelta(days=31)).replace(day=1)
    height = 150 + ROW_HEIGHT * len(df)
    fig = base(fig, height=height)
    fig.update_layout(
        margin={"l": 16, "r": 24, "t": 36, "b": 96}, hovermode="closest",
        legend={"orientation": "h", "x": 0, "y": -86 / (height - 132), "yanchor": "top",
                "font": {"size": 15}})
    fig.update_xaxes(**month_axis(start, end))
    fig.update_yaxes(tickmode="array", tickvals=rows, ticktext=labels, autorange="reversed",
                     gridcolor="#eef1f4", automargin=True, tickfont={"size": 14})
    # «сегодня»: a shape and an annotation (add_vline cannot label a date axis given strings)
    x = on.isoformat()
    fig.add_shape(type="line", xref="x", yref="paper", x0=x, x1=x, y0=0, y1=1,
                  line={"color": "#1b1f24", "width": 2, "dash": "dash"}, name="today")
    near_end = (end - on).days < (end - start).days * 0.25
    fig.add_annotation(  # inside the plot's top: above it sits the mode bar
        x=x, xref="x", y=1, yref="paper", yanchor="top", xshift=-4 if near_end else 4,
        xanchor="right" if near_end else "left", showarrow=False,
        text=f"<b>{'сегодня' if today else 'на конец года'}, {fmt.date(on)}</b>",
        font={"size": 15, "color": "#1b1f24"}, bgcolor="rgba(255,255,255,0.9)", name="today")
    return fig


def chart_table(df: pd.DataFrame, on: dt.date, year: int) -> html.Div | dmc.Alert:
    """The timeline's numbers: step, deadline, done date, state, days late."""
    if df.empty:
        return empty(no_milestones(year))
    rows = milestone_rows(df, on)
    keep = ["step", "title", "deadline", "done_on", "state_label", "days_late"]
    return data_table(rows[keep].rename(columns=COLUMNS))


# ---------------------------------------------------------------- table

def state_badge(state: str) -> html.Span:
    label, color, _ = STATES[state]
    return html.Span(label, className=f"status-badge milestone-state state-{state}",
                     style={"borderColor": color, "color": color})


def milestones_table(df: pd.DataFrame, on: dt.date, year: int) -> html.Div | dmc.Alert:
    """№, step, result, responsible body, deadline, done date, state as a badge."""
    if df.empty:
        return empty(no_milestones(year))
    rows = milestone_rows(df, on)
    head = html.Thead(html.Tr([html.Th("№", className="num"), html.Th("Этап"),
                               html.Th("Результат"), html.Th("Ответственный"),
                               html.Th("Срок", className="num"),
                               html.Th("Исполнено", className="num"), html.Th("Состояние")]))
    body = []
    for r in rows.itertuples():
        late = lateness(r)
        body.append(html.Tr([
            html.Td(str(r.step), className="num"), html.Td(r.title), html.Td(r.result),
            html.Td(r.responsible, className="responsible"),
            html.Td(fmt.date(r.deadline), className="num deadline"),
            html.Td(fmt.date(r.done_on), className="num"),
            html.Td([state_badge(r.state), html.Div(late, className="muted") if late else None]),
        ], className=f"milestone-row state-{r.state}"))
    return html.Div(html.Table([head, html.Tbody(body)], className="data-table schedule-table"),
                    className="table-scroll")


# ---------------------------------------------------------------- summaries to the coordinator

# The states of a ministry's summary to the coordinating ministry: label and colour, in the
# milestones' colours (on time green, late orange, overdue red, pending blue).
SUMMARY_STATES = {
    "on_time": ("в срок", STATES["done_on_time"][1]),
    "late": ("с опозданием", STATES["done_late"][1]),
    "overdue": ("не поступила — просрочена", STATES["overdue"][1]),
    "pending": ("ожидается", STATES["pending"][1]),
}
SUMMARY_COLUMNS = {"ministry": "Министерство", "title": "Сводка", "due_date": "Срок",
                   "received_on": "Поступила", "status": "Состояние",
                   "days_late": "Опоздание, дней", "note": "Примечание"}


def no_summaries(year: int) -> str:
    return f"Сводок министерств за {year} год нет: они не загружены."


def summary_status(state: str, days) -> str:
    """«в срок», «с опозданием 6 дн.», «не поступила — просрочена на 138 дн.», «ожидается»."""
    label = SUMMARY_STATES[state][0]
    if pd.isna(days):
        return label
    return f"{label} {'на ' if state == 'overdue' else ''}{int(days)} дн."


def summary_rows(df: pd.DataFrame) -> pd.DataFrame:
    """The summaries with their state in words: what is shown and downloaded."""
    return df.assign(status=[summary_status(r.state, r.days_late) for r in df.itertuples()])


SUMMARY_COUNTS = {"on_time": "в срок", "late": "с опозданием", "overdue": "просрочены",
                  "pending": "ожидаются"}


def summary_counts(df: pd.DataFrame) -> str:
    """«6 сводок: в срок — 4, с опозданием — 1, просрочены — 1»."""
    n = len(df)
    found = df["state"].value_counts()
    parts = [f"{label} — {fmt.number(int(found[s]))}"
             for s, label in SUMMARY_COUNTS.items() if found.get(s, 0)]
    return f"{fmt.number(n)} {fmt.plural(n, 'сводка', 'сводки', 'сводок')}: " + ", ".join(parts)


def summaries_table(df: pd.DataFrame, year: int) -> html.Div | dmc.Alert:
    """Ministry, what it owes, due date, arrival date, state as a badge (with the note)."""
    if df.empty:
        return empty(no_summaries(year))
    rows = summary_rows(df)
    head = html.Thead(html.Tr([html.Th("Министерство"), html.Th("Сводка"),
                               html.Th("Срок", className="num"),
                               html.Th("Поступила", className="num"), html.Th("Состояние")]))
    body = []
    for r in rows.itertuples():
        color = SUMMARY_STATES[r.state][1]
        badge = html.Span(r.status, className=f"status-badge summary-state state-{r.state}",
                          style={"borderColor": color, "color": color})
        note = html.Div(r.note, className="muted") if isinstance(r.note, str) and r.note else None
        body.append(html.Tr([
            html.Td(r.ministry), html.Td(r.title),
            html.Td(fmt.date(r.due_date), className="num deadline"),
            html.Td(fmt.date(r.received_on), className="num"),
            html.Td([badge, note]),
        ], className=f"summary-row state-{r.state}"))
    return html.Div([
        html.Div(summary_counts(rows), className="summary-counts"),
        html.Div(html.Table([head, html.Tbody(body)], className="data-table schedule-table"),
                 className="table-scroll")])
