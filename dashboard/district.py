"""Builders of the district profile (/district/<oktmo>): DataFrames in, figures and
components out."""
from __future__ import annotations

import dash_mantine_components as dmc
import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html

from dashboard import figures
from dashboard import format as fmt
from dashboard import theme
from dashboard.plot_text import escape
from dashboard.components import band_cell_style, empty
from dashboard.wording import KRAI, Words
from data_access.methodology import CRITERIA, CRITERION_SHORT, INDICATOR_NAMES, bands

DISTRICT_COLOR = "#0b5cad"


def subtitle(card: dict, standing: dict, year: int) -> str:
    parts = [theme.MUNICIPALITY_KINDS.get(card["kind"], "").capitalize(),
             f"{fmt.number(card['organizations'])} "
             f"{fmt.plural(card['organizations'], 'организация', 'организации', 'организаций')}"]
    if not fmt.missing(card.get("population")):
        parts.insert(1, f"население {fmt.number(card['population'])} чел.")
    if standing.get("place"):
        parts.append(f"место по среднему итоговому баллу в {year} году: "
                     f"{standing['place']} из {standing['of']}")
    return " · ".join(p for p in parts if p)


def line_color(sector: str | None) -> str:
    return theme.SECTOR_COLORS.get(sector, DISTRICT_COLOR) if sector else DISTRICT_COLOR


def history_figure(df: pd.DataFrame, name: str, sector: str | None = None,
                   founder: str | None = None, w: Words = KRAI) -> go.Figure:
    """The district's mean total per year against the region's mean in the same sector scope
    (and, within one sector, the region's mean over all sectors)."""
    if df.empty:
        return figures.empty_figure("Организации муниципального образования не оценивались")
    years = df["year"].astype(int)
    scope = f" · {theme.sector_name(sector).lower()}" if sector else ""
    traces = [
        go.Scatter(x=years, y=df["total"], name=escape(name) + scope, mode="lines+markers+text",
                   text=[fmt.number(v, 1) for v in df["total"]], textposition="top center",
                   line={"color": line_color(sector), "width": 3}, marker={"size": 9},
                   customdata=df["n"],
                   hovertemplate="%{x}: %{y:.2f} (оценено %{customdata})<extra></extra>"),
        go.Scatter(x=years, y=df["region_total"], name=theme.region_label(founder, w) + scope,
                   mode="lines+markers", line={"color": theme.REGION_COLOR, "dash": "dash",
                                               "width": 2},
                   hovertemplate="%{x}: %{y:.2f}<extra>"
                   + theme.region_label(founder, w) + "</extra>"),
    ]
    if "all_total" in df.columns:
        traces.append(go.Scatter(x=years, y=df["all_total"],
                                 name=theme.region_label(founder, w,
                                                         f"{w.mean()}, все сферы"),
                                 mode="lines", line={"color": theme.MUTED, "dash": "dot",
                                                     "width": 2},
                                 hovertemplate="%{x}: %{y:.2f}<extra>Все сферы</extra>"))
    fig = go.Figure(traces)
    columns = [c for c in ("total", "region_total", "all_total") if c in df.columns]
    low = min(df[columns].min().min(), 80)
    fig.update_xaxes(tickmode="array", tickvals=years, ticktext=[str(y) for y in years])
    fig.update_yaxes(range=[max(0, low - 5), 100])
    return figures.base(fig, y_title="Итоговый балл")


def criteria_figure(df: pd.DataFrame, year: int, sector: str | None = None,
                    founder: str | None = None, w: Words = KRAI) -> go.Figure:
    """К1–К5 of the district in the year against the region's means."""
    row = df[df["year"] == year]
    if row.empty:
        return figures.empty_figure(f"В {year} году организации не оценивались")
    row = row.iloc[0]
    labels = [CRITERION_SHORT[k] for k in CRITERIA]
    hover = [theme.criterion_label(k) for k in CRITERIA]
    fig = go.Figure([
        go.Bar(x=labels, y=[row[k] for k in CRITERIA], name="Муниципальное образование",
               marker_color=line_color(sector), customdata=hover,
               text=[fmt.number(row[k], 1) for k in CRITERIA], textposition="outside",
               hovertemplate="%{customdata}: %{y:.2f}<extra></extra>"),
        # the region's mean as a tick across each bar: one bar per criterion stays legible
        go.Scatter(x=labels, y=[row[f"region_{k}"] for k in CRITERIA],
                   name=theme.region_label(founder, w),
                   mode="markers", customdata=hover,
                   marker={"symbol": "line-ew", "size": 46, "color": theme.REGION_COLOR,
                           "line": {"width": 3, "color": theme.REGION_COLOR}},
                   hovertemplate="%{customdata}: %{y:.2f}<extra>"
                   + theme.region_label(founder, w) + "</extra>"),
    ])
    fig.update_layout(bargap=0.35)
    fig.update_yaxes(range=[0, 109])
    return figures.base(fig, y_title="Балл")


HISTORY_COLUMNS = {"year": "Год", "n": "Оценено организаций",
                   **{k: CRITERION_SHORT[k] for k in CRITERIA}, "total": "Итоговый балл",
                   **{f"region_{k}": f"{CRITERION_SHORT[k]}, среднее {{by}}" for k in CRITERIA},
                   "region_total": "Итоговый балл, среднее {by}",
                   "all_total": "Итоговый балл, среднее {by} по всем сферам"}


def shortcoming_rows(df: pd.DataFrame) -> pd.DataFrame:
    """The frequent shortcomings with Russian criterion and indicator names."""
    out = df.copy()
    out["criterion"] = out["criterion"].map(CRITERION_SHORT)
    out["indicator"] = out["indicator"].map(lambda c: INDICATOR_NAMES.get(c, "прочие")
                                            if isinstance(c, str) else "прочие")
    return out


SHORTCOMING_COLUMNS = {"criterion": "Критерий", "indicator": "Показатель",
                       "n": "Недостатков", "organizations": "Организаций"}


def shortcomings_figure(df: pd.DataFrame, top: int = 10) -> go.Figure:
    """The indicators with the most shortcomings found, most frequent on top."""
    if df.empty:
        return figures.empty_figure("Недостатков по результатам оценки года не выявлено")
    rows = shortcoming_rows(df).head(top).iloc[::-1]
    labels = [f"{c} · {_wrap(i)}" for c, i in zip(rows["criterion"], rows["indicator"])]
    fig = go.Figure(go.Bar(
        x=rows["organizations"], y=labels, orientation="h", marker_color="#7f8c99",
        text=[fmt.number(v) for v in rows["organizations"]], textposition="outside",
        customdata=rows["n"], cliponaxis=False,
        hovertemplate="%{y}: у %{x} организаций<extra></extra>"))
    fig.update_xaxes(title="Организаций с недостатком", rangemode="tozero")
    fig.update_yaxes(automargin=True, gridcolor="rgba(0,0,0,0)")
    return figures.base(fig, height=max(260, 44 * len(rows) + 90)).update_layout(
        margin={"l": 16, "r": 40, "t": 16, "b": 56}, showlegend=False)


def _wrap(text: str, width: int = 48) -> str:
    """Long indicator names on two lines so that the bars keep their room."""
    if len(text) <= width:
        return text
    cut = text.rfind(" ", 0, width)
    cut = cut if cut > 0 else width
    head, tail = text[:cut], text[cut + 1:]
    return head + "<br>" + (tail if len(tail) <= width else tail[:width - 1] + "…")


ORGANIZATION_COLUMNS = {"rank": "Место в муниципальном образовании", "name": "Организация",
                        "type": "Тип", "sector": "Сфера",
                        **{k: CRITERION_SHORT[k] for k in CRITERIA}, "total": "Итоговый балл",
                        "previous_total": "Предыдущий балл", "change": "Изменение"}


def organizations_table(df: pd.DataFrame, year: int, query: str) -> html.Div | dmc.Alert:
    """The district's organizations assessed in the year, lowest total first, each a link to
    its profile, the total tinted by its quality band."""
    if df.empty:
        return empty(f"В {year} году организации не оценивались.")
    thresholds = bands()
    head = html.Thead(html.Tr([html.Th("Организация"), html.Th("Сфера"),
                               *(html.Th(CRITERION_SHORT[k], className="num") for k in CRITERIA),
                               html.Th("Итог", className="num"),
                               html.Th("Изменение", className="num")]))
    rows = []
    for r in df.sort_values(["total", "name"]).itertuples():
        change = ("—" if fmt.missing(r.change) else fmt.signed(r.change))
        rows.append(html.Tr([
            html.Td(dcc.Link(fmt.quotes(r.name), href=f"/organization/{r.id}{query}")),
            html.Td(html.Span(theme.sector_name(r.sector), className="sector-tag",
                              style={"borderColor": theme.SECTOR_COLORS[r.sector]})),
            *(html.Td(fmt.score(getattr(r, k)), className="num") for k in CRITERIA),
            html.Td(html.B(fmt.score(r.total)), className="num",
                    style=band_cell_style(r.total, thresholds)),
            html.Td(change, className="num " + ("" if fmt.missing(r.change) else
                                                ("delta-good" if r.change > 0 else
                                                 "delta-bad" if r.change < 0 else ""))),
        ]))
    note = dmc.Text(f"{fmt.number(len(df))} "
                    f"{fmt.plural(len(df), 'организация', 'организации', 'организаций')}; "
                    "сначала — с наименьшим итоговым баллом.", c="dimmed", size="sm")
    return html.Div([note, html.Div(html.Table([head, html.Tbody(rows)],
                                               className="data-table district-orgs"),
                                    className="table-scroll table-tall")])
