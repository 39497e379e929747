"""Figure builders: DataFrame in, go.Figure out. Fonts, colours and number format set once."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import format as fmt
from dashboard import theme
from dashboard.plot_text import escape
from dashboard.wording import KRAI, Words
from data_access.methodology import CRITERIA, CRITERION_SHORT

# The toolbar only under the mouse: dcc.Graph otherwise shows it over every chart, where
# it covered labels and meant nothing to a reader of the page.
GRAPH_CONFIG = {"displaylogo": False, "displayModeBar": "hover",
                "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
                "toImageButtonOptions": {"format": "png", "scale": 2}}


# The house style as a template: assigned in one step (incremental layout updates cost
# plotly ~10 ms a figure) and applied to every axis, including the second ones.
TEMPLATE = go.layout.Template(layout={
    # A bar's label that does not fit at a legible size is left out, never shrunk to 7 px or
    # turned on its side: the number is in the hover and in the table under the chart.
    "uniformtext": {"minsize": 12, "mode": "hide"},
    "margin": {"l": 56, "r": 16, "t": 16, "b": 48},
    "font": {"family": theme.FONT, "size": 15, "color": "#1b1f24"},
    "plot_bgcolor": "#ffffff", "paper_bgcolor": "#ffffff", "hovermode": "closest",
    "legend": {"orientation": "h", "y": -0.18, "x": 0, "font": {"size": 14}},
    "hoverlabel": {"font": {"family": theme.FONT, "size": 14}},
    "xaxis": {"showgrid": False, "linecolor": "#adb5bd", "ticks": "outside", "automargin": True},
    "yaxis": {"gridcolor": "#e9ecef", "zeroline": False, "automargin": True},
}, data={"bar": [go.Bar(textangle=0, constraintext="both")]})


def base(fig: go.Figure, *, height: int = 360, y_title: str | None = None) -> go.Figure:
    layout = {"template": TEMPLATE, "height": height, "separators": fmt.PLOTLY_SEPARATORS}
    if y_title is not None:
        layout["yaxis_title_text"] = y_title
    return fig.update_layout(**layout)


def empty_figure(message: str = "Нет данных для выбранных фильтров", height: int = 260
                 ) -> go.Figure:
    """A figure that says in words that there is nothing to show: never an empty axis."""
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, font={"size": 17, "color": theme.MUTED},
                       xref="paper", yref="paper", x=0.5, y=0.5)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return base(fig, height=height)


def score_history(df: pd.DataFrame, name: str, sector: str, w: Words = KRAI) -> go.Figure:
    """The organization's total per year against its sector's and its region's means."""
    if df.empty:
        return empty_figure("Организация ещё не оценивалась")
    region = w.mean()
    years = df["year"].astype(int)
    fig = go.Figure([
        go.Scatter(x=years, y=df["total"],
                   name=escape(name) if len(name) < 40 else "Организация",
                   mode="lines+markers+text", text=[fmt.number(v, 1) for v in df["total"]],
                   textposition="top center", line={"color": theme.SECTOR_COLORS[sector],
                                                    "width": 3}, marker={"size": 9},
                   hovertemplate="%{x}: %{y:.2f}<extra>Организация</extra>"),
        go.Scatter(x=years, y=df["sector_total"], name=f"Среднее по сфере «{theme.sector_name(sector)}»",
                   mode="lines+markers", line={"color": theme.SECTOR_COLORS[sector], "dash": "dash",
                                               "width": 2},
                   hovertemplate="%{x}: %{y:.2f}<extra>Среднее по сфере</extra>"),
        go.Scatter(x=years, y=df["region_total"], name=region, mode="lines+markers",
                   line={"color": theme.REGION_COLOR, "dash": "dot", "width": 2},
                   hovertemplate="%{x}: %{y:.2f}<extra>" + region + "</extra>"),
    ])
    low = min(df[["total", "sector_total", "region_total"]].min().min(), 80)
    fig.update_xaxes(tickmode="array", tickvals=years, ticktext=[str(y) for y in years])
    fig.update_yaxes(range=[max(0, low - 5), 100])
    return base(fig, y_title="Итоговый балл")


def criteria_comparison(row: pd.Series, sector: str) -> go.Figure:
    """К1–К5 of one assessment against the sector's means of the same year."""
    keys = list(CRITERIA)
    labels = [CRITERION_SHORT[k] for k in keys]
    hover = [theme.criterion_label(k) for k in keys]
    fig = go.Figure([
        go.Bar(x=labels, y=[row[k] for k in keys], name="Организация",
               marker_color=theme.SECTOR_COLORS[sector], customdata=hover,
               text=[fmt.number(row[k], 1) for k in keys], textposition="outside",
               hovertemplate="%{customdata}: %{y:.2f}<extra>Организация</extra>"),
        go.Bar(x=labels, y=[row[f"sector_{k}"] for k in keys], name="Среднее по сфере",
               marker_color="#adb5bd", customdata=hover,
               text=[fmt.number(row[f"sector_{k}"], 1) for k in keys], textposition="outside",
               hovertemplate="%{customdata}: %{y:.2f}<extra>Среднее по сфере</extra>"),
    ])
    fig.update_layout(barmode="group", bargap=0.25)
    fig.update_yaxes(range=[0, 109])
    return base(fig, y_title="Балл")


def coverage_plan_fact(df: pd.DataFrame) -> go.Figure:
    """Planned vs assessed organizations per sector, with the share of the plan done."""
    if df.empty or not df["assessed"].fillna(0).sum():
        return empty_figure("За выбранный год нет оценок")
    names = [theme.sector_name(s) for s in df["sector"]]
    colors = [theme.SECTOR_COLORS[s] for s in df["sector"]]
    fig = go.Figure()
    if df["planned"].notna().any():
        fig.add_bar(x=names, y=df["planned"], name="По плану", marker_color="#ffffff",
                    marker_line={"color": colors, "width": 2},
                    text=[fmt.number(v) for v in df["planned"]], textposition="outside",
                    hovertemplate="%{x}: план %{y}<extra></extra>")
    fig.add_bar(x=names, y=df["assessed"], name="Оценено", marker_color=colors,
                # two short lines, no wider than the bar: on one line the share ran into the
                # planned bar's label beside it («889 889 (100 %)»)
                text=[f"{fmt.number(a)}<br>{fmt.percent(s, 0)}" if not fmt.missing(s)
                      else fmt.number(a) for a, s in zip(df["assessed"], df["share"])],
                textposition="outside", hovertemplate="%{x}: оценено %{y}<extra></extra>")
    fig.update_layout(barmode="group", bargap=0.3, showlegend=True)
    fig.update_yaxes(rangemode="tozero")
    return base(fig, y_title="Организаций")


# Low shares are the problem: warm at the bottom, calm at the top; light enough for dark text.
SHARE_SCALE = [[0.0, "#f3b3aa"], [0.5, "#fff4cc"], [1.0, "#cfe8d4"]]
# A year's share has no right value (about a third is normal): a neutral scale.
NEUTRAL_SCALE = [[0.0, "#f7fbff"], [1.0, "#9ecae1"]]


def coverage_heatmap(df: pd.DataFrame, *, scale=SHARE_SCALE) -> go.Figure:
    """Sector × municipality: the share of organizations assessed (%), the count in hover."""
    if df.empty:
        return empty_figure()
    sectors = [s for s in theme.SECTOR_COLORS if s in set(df["sector"])]
    munis = (df[["municipality", "municipality_name"]].drop_duplicates()
             .sort_values("municipality_name", ascending=False))
    grid = df.pivot(index="municipality", columns="sector", values="share").reindex(
        index=munis["municipality"], columns=sectors)
    counts = df.assign(label=[f"{fmt.number(a)} из {fmt.number(o)}"
                              for a, o in zip(df["assessed"], df["organizations"])]).pivot(
        index="municipality", columns="sector", values="label").reindex(
        index=munis["municipality"], columns=sectors)
    fig = go.Figure(go.Heatmap(
        z=grid.values, x=[theme.sector_name(s).replace(" ", "<br>", 1) for s in sectors],
        y=munis["municipality_name"].map(escape),
        colorscale=scale, zmin=0, zmax=100, xgap=2, ygap=2,
        text=[[fmt.percent(v, 0) if not fmt.missing(v) else "—" for v in row]
              for row in grid.values],
        texttemplate="%{text}", textfont={"size": 14}, customdata=counts.values,
        hovertemplate="%{y} · %{x}: %{text} (%{customdata})<extra></extra>",
        colorbar={"title": {"text": "%"}, "thickness": 12},
    ))
    fig.update_xaxes(side="top", tickangle=0)
    return base(fig, height=max(200, 24 * len(munis) + 100)).update_layout(
        margin={"l": 230, "r": 16, "t": 56, "b": 16})
