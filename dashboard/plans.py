"""Builders of the Plans page («Планы»): improvement plans (resolution № 457, DOMAIN.md §4) —
measures by state, overdue measures, plans missing or late, completion by plan year.
DataFrames in, figures and components out; no queries here."""
from __future__ import annotations

import datetime as dt

import dash_mantine_components as dmc
import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html

from dashboard import format as fmt
from dashboard import theme
from dashboard.plot_text import escape
from dashboard.components import empty, kpi_card
from dashboard.figures import base, empty_figure
from data_access.methodology import CRITERION_NAMES, CRITERION_SHORT

# Stacking order: the problem first, then what is under way, done, and set aside.
STATE_ORDER = ("overdue", "in_progress", "done", "cancelled")
SCREEN_ROWS = 100
NO_MEASURES = "Мероприятий планов по выбранным фильтрам нет"

STATE_TOTAL_COLUMNS = {"label": "Состояние", "n": "Мероприятий", "share": "Доля, %"}
GROUP_HEADERS = {"sector": "Сфера (министерство)", "municipality": "Муниципальное образование",
                 "criterion": "Критерий", "plan_year": "Год оценки (плана)"}


def state_columns(by: str) -> dict[str, str]:
    """Headers of a by-state table grouped by `by` (its `label` column)."""
    return {"label": GROUP_HEADERS[by], "overdue": "Просрочено", "in_progress": "В работе",
            "done": "Выполнено", "cancelled": "Отменено", "total": "Всего",
            "overdue_share": "Доля просроченных, %", "done_share": "Доля выполненных, %"}


OVERDUE_COLUMNS = {"organization": "Организация", "sector": "Сфера",
                   "municipality": "Муниципальное образование", "criterion": "Критерий",
                   "shortcoming": "Недостаток", "measure": "Мероприятие",
                   "planned_date": "Плановый срок", "days_overdue": "Просрочено, дней",
                   "responsible_name": "Ответственный", "responsible_position": "Должность"}
APPROVAL_STATES = {
    "missing": ("не утверждён", theme.BAD),
    "late": ("утверждён с опозданием", "#b35c00"),
    "on_time": ("утверждён в срок", theme.GOOD),
    "not_due": ("срок ещё не наступил", theme.MUTED),
}
APPROVAL_COLUMNS = {"name": "Организация", "sector": "Сфера",
                    "municipality": "Муниципальное образование", "state_label": "Состояние",
                    "due_date": "Срок утверждения", "approved_on": "Утверждён",
                    "days_late": "Опоздание, дней"}


def state_label(state: str) -> str:
    return theme.MEASURE_STATES[state][0]


# ---------------------------------------------------------------- headline

def state_totals(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows (status, n) → one row per state in the fixed order, zeros kept, share of all."""
    n = (rows.groupby("status")["n"].sum() if len(rows) else pd.Series(dtype=int)
         ).reindex(STATE_ORDER, fill_value=0).astype(int)
    total = int(n.sum())
    return pd.DataFrame({"state": list(STATE_ORDER), "label": [state_label(s) for s in STATE_ORDER],
                         "n": n.values,
                         "share": [100 * v / total if total else float("nan") for v in n.values]})


def headline(totals: pd.DataFrame, on: dt.date):
    """Counts by state at the period's end, with the share overdue."""
    total = int(totals["n"].sum())
    if not total:
        return empty(NO_MEASURES)
    n = totals.set_index("state")
    cards = [kpi_card("Всего мероприятий", fmt.number(total),
                      detail=f"в планах по оценкам до {on.year} года")]
    for state in ("done", "in_progress", "overdue", "cancelled"):
        share = n.loc[state, "share"]
        detail = (f"{fmt.percent(share)} всех мероприятий" if state != "overdue"
                  else f"{fmt.percent(share)} всех — срок прошёл, не выполнено")
        cards.append(html.Div(kpi_card(state_label(state).capitalize(),
                                       fmt.number(n.loc[state, "n"]), detail=detail),
                              className=f"plans-kpi plans-kpi-{state}"))
    return dmc.SimpleGrid(cards, cols={"base": 2, "sm": 3, "lg": 5}, spacing="md")


# ---------------------------------------------------------------- by state per group

def label_groups(wide: pd.DataFrame, by: str, names: dict | None = None) -> pd.DataFrame:
    """The by-state frame with a Russian `label` per group (the sector for a ministry)."""
    df = wide.copy()
    if by == "sector":
        df["label"] = df["sector"].map(theme.sector_name)
    elif by == "municipality":
        df["label"] = df["municipality_name"]
    elif by == "criterion":
        df["label"] = [f"{CRITERION_SHORT[k]} {CRITERION_NAMES[k]}" for k in df["criterion"]]
    else:
        df["label"] = df[by].astype(int).astype(str)
    return df


def sort_by_overdue(df: pd.DataFrame) -> pd.DataFrame:
    """The worst first: highest overdue share, then most overdue, then by name."""
    return df.sort_values(["overdue_share", "overdue", "label"],
                          ascending=[False, False, True]).reset_index(drop=True)


def states_figure(df: pd.DataFrame, *, horizontal: bool = False, short=None,
                  height: int = 380, percent: bool = False) -> go.Figure:
    """Stacked bars of measures by state, one bar per row of `df` (columns label + states);
    `short` gives the axis labels when the full label is too long (shown in hover)."""
    if df.empty or not df["total"].sum():
        return empty_figure(NO_MEASURES)
    # municipality names come from imports: plotly reads markup in labels
    axis = [escape(a) for a in (short if short is not None else df["label"])]
    fig = go.Figure()
    for state in STATE_ORDER:
        label, color = theme.MEASURE_STATES[state]
        values = 100 * df[state] / df["total"] if percent else df[state]
        text = ([fmt.percent(v, 0) if v >= 5 else "" for v in values] if percent
                else [fmt.number(v) if v else "" for v in values])
        common = dict(name=label, marker_color=color, text=text,
                      customdata=[escape(v) for v in df["label"]],
                      textposition="inside", insidetextanchor="middle",
                      textfont={"color": "#ffffff"})
        if horizontal:
            fig.add_bar(y=axis, x=values, orientation="h",
                        hovertemplate="%{customdata}: %{x:.1f}"
                                      + (" %" if percent else "") + "<extra>" + label
                                      + "</extra>", **common)
        else:
            fig.add_bar(x=axis, y=values,
                        hovertemplate="%{customdata}: %{y}<extra>" + label + "</extra>", **common)
    fig.update_layout(barmode="stack", bargap=0.2 if horizontal else 0.3,
                      legend_traceorder="normal")
    fig = base(fig, height=height, y_title=None if horizontal else "Мероприятий")
    if not horizontal:
        fig.update_yaxes(tickformat=",d")
    if horizontal:
        fig.update_yaxes(autorange="reversed", gridcolor="rgba(0,0,0,0)")
        fig.update_xaxes(title="Доля мероприятий, %" if percent else "Мероприятий",
                         showgrid=True, gridcolor="#e9ecef", tickformat=",d",
                         range=[0, 100] if percent else None)
        fig.update_layout(margin={"l": 230, "r": 16, "t": 40, "b": 16},
                          legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0})
    return fig


def municipality_figure(df: pd.DataFrame) -> go.Figure:
    """Horizontal 100 % stacked bars (shares of the municipality's measures), the highest
    overdue share on top; the counts are in the table."""
    df = sort_by_overdue(df) if len(df) else df
    # rows tall enough for a legible label in each wide segment (narrow ones drop theirs)
    return states_figure(df, horizontal=True, percent=True,
                         height=max(300, 27 * len(df) + 100))


def criterion_figure(df: pd.DataFrame) -> go.Figure:
    return states_figure(df, short=[CRITERION_SHORT[k] for k in df["criterion"]]
                         if len(df) else None)


def completion_figure(df: pd.DataFrame) -> go.Figure:
    """Per plan year: the shares of its measures done, in progress, overdue and cancelled at
    the period's end (100 % stacked bars)."""
    if df.empty or not df["total"].sum():
        return empty_figure(NO_MEASURES)
    years = [str(int(y)) for y in df["plan_year"]]
    fig = go.Figure()
    for state in STATE_ORDER:
        label, color = theme.MEASURE_STATES[state]
        share = 100 * df[state] / df["total"]
        fig.add_bar(x=years, y=share, name=label, marker_color=color,
                    text=[fmt.percent(v, 0) if v >= 4 else "" for v in share],
                    textposition="inside", insidetextanchor="middle",
                    textfont={"color": "#ffffff"}, customdata=df[state],
                    hovertemplate="План по оценке %{x} года: %{y:.1f}% (%{customdata})<extra>"
                                  + label + "</extra>")
    fig.update_layout(barmode="stack", bargap=0.35)
    fig.update_xaxes(type="category", title="Год оценки, по которой составлен план")
    fig.update_yaxes(range=[0, 100], ticksuffix=" %")
    return base(fig, y_title="Доля мероприятий")


# ---------------------------------------------------------------- overdue measures

def overdue_rows(df: pd.DataFrame) -> pd.DataFrame:
    """Overdue measures, longest overdue first, the criterion as «К3»."""
    df = df.copy()
    if len(df):
        df["criterion"] = df["criterion"].map(CRITERION_SHORT)
    return df.sort_values(["days_overdue", "organization"], ascending=[False, True],
                          kind="stable").reset_index(drop=True)


def overdue_table(df: pd.DataFrame, query: str, *, cap: int = SCREEN_ROWS):
    """The overdue measures with links to each organization (the filters kept in `query`)."""
    if df.empty:
        return empty("Просроченных мероприятий нет")
    df = overdue_rows(df)
    heads = ["Организация", "Муниципальное образование", "Критерий", "Мероприятие",
             "Плановый срок", "Просрочено, дней", "Ответственный"]
    rows = [html.Tr([
        html.Td(dcc.Link(fmt.quotes(r.organization), href=f"/organization/{r.organization_id}{query}")),
        html.Td(r.municipality), html.Td(r.criterion), html.Td(r.measure, className="measure"),
        html.Td(fmt.date(r.planned_date), className="num"),
        html.Td(fmt.number(r.days_overdue), className="num overdue-days"),
        html.Td([r.responsible_name, html.Br(),
                 html.Span(r.responsible_position or "", className="muted")]),
    ]) for r in df.head(cap).itertuples()]
    count = dmc.Text(f"Всего: {fmt.number(len(df))} "
                     f"{fmt.plural(len(df), 'мероприятие', 'мероприятия', 'мероприятий')}"
                     + (f"; показаны первые {cap}, полностью — в выгрузке." if len(df) > cap
                        else "."), size="sm", c="dimmed", className="plans-count")
    table = html.Table([html.Thead(html.Tr([html.Th(h, className="num" if "дней" in h or "срок"
                                                    in h else None) for h in heads])),
                        html.Tbody(rows)], className="data-table compact plans-overdue")
    return html.Div([count, html.Div(table, className="table-scroll")])


# ---------------------------------------------------------------- plan approval

def approval_rows(df: pd.DataFrame, on: dt.date) -> pd.DataFrame:
    """Each assessment's plan: state in Russian, due date (1 December of the year where no
    plan exists), days late (to approval when late, to `on` when missing)."""
    df = df.copy()
    due = [pd.Timestamp(d).date() if not fmt.missing(d) and d is not pd.NaT
           else dt.date(int(y), 12, 1) for d, y in zip(df["due_date"], df["year"])]
    df["due_date"] = due

    def late(state, due_on, approved):
        if state == "late":
            return (pd.Timestamp(approved).date() - due_on).days
        if state == "missing" and on > due_on:
            return (on - due_on).days
        return None
    df["days_late"] = pd.Series([late(s, d, a) for s, d, a in
                                 zip(df["state"], due, df["approved_on"])],
                                index=df.index, dtype="Int64")
    df["state_label"] = df["state"].map(lambda s: APPROVAL_STATES[s][0])
    order = {"missing": 0, "late": 1, "on_time": 2, "not_due": 3}
    return (df.assign(_o=df["state"].map(order))
            .sort_values(["_o", "days_late", "name"], ascending=[True, False, True],
                         na_position="last")
            .drop(columns="_o").reset_index(drop=True))


def approval_problems(rows: pd.DataFrame) -> pd.DataFrame:
    """The plans missing or approved late."""
    return rows[rows["state"].isin(["missing", "late"])].reset_index(drop=True)


def approval_view(rows: pd.DataFrame, year: int, query: str, *, cap: int = SCREEN_ROWS):
    """Counts by state and the list of plans missing or late, with links."""
    if rows.empty:
        return empty(f"Оценок {year} года по выбранным фильтрам нет")
    counts = rows["state"].value_counts()
    cards = dmc.SimpleGrid([
        html.Div(kpi_card(label.capitalize(), fmt.number(int(counts.get(state, 0)))),
                 className=f"plans-approval plans-approval-{state}")
        for state, (label, _) in APPROVAL_STATES.items()], cols={"base": 2, "lg": 4})
    problems = approval_problems(rows)
    if problems.empty:
        listing = dmc.Text("Пропущенных и опоздавших планов нет.", c="dimmed")
    else:
        heads = ["Организация", "Муниципальное образование", "Состояние", "Срок утверждения",
                 "Утверждён", "Опоздание, дней"]
        body = [html.Tr([
            html.Td(dcc.Link(fmt.quotes(r.name), href=f"/organization/{r.id}{query}")),
            html.Td(r.municipality), html.Td(r.state_label),
            html.Td(fmt.date(r.due_date), className="num"),
            html.Td(fmt.date(r.approved_on) if not pd.isna(r.approved_on) else "—",
                    className="num"),
            html.Td(fmt.number(r.days_late) if not pd.isna(r.days_late) else "—",
                    className="num")], className=f"state-{r.state}")
            for r in problems.head(cap).itertuples()]
        note = (f"; показаны первые {cap}, полностью — в выгрузке" if len(problems) > cap
                else "")
        listing = html.Div([
            dmc.Text(f"Не утверждены или утверждены с опозданием: {fmt.number(len(problems))}"
                     f"{note}.", size="sm", c="dimmed", className="plans-count"),
            html.Div(html.Table([html.Thead(html.Tr([html.Th(h) for h in heads])),
                                 html.Tbody(body)], className="data-table compact"),
                     className="table-scroll")])
    return html.Div([cards, listing], className="plans-approval-view")
