"""Figure builders: DataFrame in, go.Figure out. Fonts, colours and number format set once."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import format as fmt
from dashboard import theme
from data_access.methodology import CRITERIA, CRITERION_SHORT

GRAPH_CONFIG = {"displaylogo": False,
                "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
                "toImageButtonOptions": {"format": "png", "scale": 2}}


def base(fig: go.Figure, *, height: int = 360, y_title: str | None = None) -> go.Figure:
    fig.update_layout(
        height=height, margin={"l": 56, "r": 16, "t": 16, "b": 48},
        font={"family": theme.FONT, "size": 15, "color": "#1b1f24"},
        separators=fmt.PLOTLY_SEPARATORS, plot_bgcolor="#ffffff", paper_bgcolor="#ffffff",
        legend={"orientation": "h", "y": -0.18, "x": 0, "font": {"size": 14}},
        hoverlabel={"font": {"family": theme.FONT, "size": 14}},
    )
    fig.update_xaxes(showgrid=False, linecolor="#adb5bd", ticks="outside")
    fig.update_yaxes(gridcolor="#e9ecef", zeroline=False, title=y_title)
    return fig


def empty_figure(message: str = "Нет данных для выбранных фильтров", height: int = 260
                 ) -> go.Figure:
    """A figure that says in words that there is nothing to show: never an empty axis."""
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, font={"size": 17, "color": theme.MUTED},
                       xref="paper", yref="paper", x=0.5, y=0.5)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return base(fig, height=height)


def score_history(df: pd.DataFrame, name: str, sector: str) -> go.Figure:
    """The organization's total per year against its sector's and its region's means."""
    if df.empty:
        return empty_figure("Организация ещё не оценивалась")
    years = df["year"].astype(int)
    fig = go.Figure([
        go.Scatter(x=years, y=df["total"], name=name if len(name) < 40 else "Организация",
                   mode="lines+markers+text", text=[fmt.number(v, 1) for v in df["total"]],
                   textposition="top center", line={"color": theme.SECTOR_COLORS[sector],
                                                    "width": 3}, marker={"size": 9},
                   hovertemplate="%{x}: %{y:.1f}<extra>Организация</extra>"),
        go.Scatter(x=years, y=df["sector_total"], name=f"Среднее по сфере «{theme.sector_name(sector)}»",
                   mode="lines+markers", line={"color": theme.SECTOR_COLORS[sector], "dash": "dash",
                                               "width": 2},
                   hovertemplate="%{x}: %{y:.1f}<extra>Среднее по сфере</extra>"),
        go.Scatter(x=years, y=df["region_total"], name="Среднее по краю", mode="lines+markers",
                   line={"color": theme.REGION_COLOR, "dash": "dot", "width": 2},
                   hovertemplate="%{x}: %{y:.1f}<extra>Среднее по краю</extra>"),
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
               hovertemplate="%{customdata}: %{y:.1f}<extra>Организация</extra>"),
        go.Bar(x=labels, y=[row[f"sector_{k}"] for k in keys], name="Среднее по сфере",
               marker_color="#adb5bd", customdata=hover,
               text=[fmt.number(row[f"sector_{k}"], 1) for k in keys], textposition="outside",
               hovertemplate="%{customdata}: %{y:.1f}<extra>Среднее по сфере</extra>"),
    ])
    fig.update_layout(barmode="group", bargap=0.25)
    fig.update_yaxes(range=[0, 109])
    return base(fig, y_title="Балл")
