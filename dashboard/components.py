"""Small UI pieces shared by every page. Pure: data in, components out; no queries."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict

import dash_mantine_components as dmc
import pandas as pd
from dash import dcc, html

from dashboard import format as fmt
from dashboard import theme
from dashboard.figures import GRAPH_CONFIG
from data_access.methodology import CRITERION_SHORT


def page(f, children: list) -> html.Div:
    """A page's root. Every page carries its filters in the store `page-filters`, which its
    callbacks (and the shared download callback) read."""
    return html.Div([dcc.Store(id="page-filters", data=asdict(f) if f else None), *children],
                    className="page")


def page_header(title: str, subtitle: str) -> html.Div:
    return html.Div([
        dmc.Title(title, order=1, className="page-title"),
        dmc.Text(subtitle, c="dimmed", size="lg"),
    ], className="page-header")


def section(title: str, children, *, description: str | None = None,
            id: str | None = None, downloads=None) -> dmc.Paper:
    """A titled block; `downloads` (buttons) go to the right of the title."""
    title_row = dmc.Title(title, order=2, className="section-title")
    if downloads is not None:
        title_row = dmc.Group([title_row, downloads], justify="space-between", wrap="nowrap")
    head = [title_row]
    if description:
        head.append(dmc.Text(description, c="dimmed", size="sm"))
    body = [html.Div(children, id=id)] if id else (
        list(children) if isinstance(children, (list, tuple)) else [children])
    return dmc.Paper([*head, *body], withBorder=True, radius="md", p="md",
                     className="section")


def criteria_gap_text(row) -> str | None:
    """What a view of К1–К5 leaves out: organizations whose results were published without
    some criteria (a total alone), from a scores row's n and k1_n … k5_n; None when none."""
    n = row.get("n")
    counts = {k: row.get(f"{k}_n") for k in CRITERION_SHORT}
    if fmt.missing(n) or any(fmt.missing(c) for c in counts.values()):
        return None
    missing = {k: int(n) - int(c) for k, c in counts.items() if int(n) > int(c)}
    if not missing:
        return None

    def orgs(m: int) -> str:
        return f"{fmt.number(m)} {fmt.plural(m, 'организация', 'организации', 'организаций')}"

    if len(missing) == len(counts) and len(set(missing.values())) == 1:
        m = next(iter(missing.values()))
        return (f"{orgs(m)} без опубликованных К1–К5 (только итоговый балл): в средних "
                "критериев не учтены, в итоговом балле — учтены.")
    parts = [f"{CRITERION_SHORT[k]} — {orgs(m)}" for k, m in missing.items()]
    return ("Не опубликованы и в средних не учтены: " + "; ".join(parts)
            + ". В итоговом балле учтены все.")


def empty(message: str = "Нет данных для выбранных фильтров") -> dmc.Alert:
    """What a view says when the filters leave nothing to show: words, never an empty axis."""
    return dmc.Alert(message, color="gray", variant="light", className="empty-state")


def loading(component_id: str, **style) -> dcc.Loading:
    return dcc.Loading(html.Div(id=component_id, style=style), type="dot", delay_show=300)


def change_badge(delta, *, decimals: int = 1, higher_is_better: bool = True,
                 suffix: str = "", reference: str = "") -> html.Span:
    """«▲ +0,8 к 2025»: green when the change is good, red when bad."""
    if fmt.missing(delta):
        return html.Span("нет данных за прошлый год", className="delta delta-flat")
    if round(float(delta), decimals) == 0:
        return html.Span(f"без изменений {reference}".strip(), className="delta delta-flat")
    good = (delta > 0) == higher_is_better
    arrow = "▲" if delta > 0 else "▼"
    return html.Span(f"{arrow} {fmt.signed(delta, decimals)}{suffix} {reference}".strip(),
                     className="delta " + ("delta-good" if good else "delta-bad"))


def kpi_card(label: str, value: str, *, detail: str | None = None, delta=None) -> dmc.Paper:
    children = [dmc.Text(label, className="kpi-label"),
                html.Div(value, className="kpi-value")]
    if detail:
        children.append(dmc.Text(detail, className="kpi-detail"))
    if delta is not None:
        children.append(delta)
    return dmc.Paper(children, withBorder=True, radius="md", p="md", className="kpi-card")


def ranked_list(items: Sequence[tuple[str, str, str]], *, empty_text: str) -> html.Div:
    """(href, name, value) rows as an ordered list of links with a right-aligned value."""
    if not items:
        return html.Div(dmc.Text(empty_text, c="dimmed"), className="ranked-empty")
    return html.Ol([
        # name and value in one flex row: a floated value slid down beside the next name
        # whenever a long name wrapped
        html.Li(html.Div([dcc.Link(fmt.quotes(name), href=href, className="ranked-name"),
                          html.Span(value, className="ranked-value")], className="ranked-row"))
        for href, name, value in items], className="ranked-list")


def band_cell_style(value, bands) -> dict:
    """Background of a score cell by its quality band."""
    if fmt.missing(value):
        return {}
    for b in bands:
        if value >= b.lower:
            return {"backgroundColor": theme.BAND_TINTS[b.key]}
    return {}


PLAIN_HEADERS = ("Год", "№")


def data_table(df: pd.DataFrame, *, max_rows: int = 500) -> html.Div:
    """A DataFrame (headers already in Russian) as a plain table in Russian number format:
    the numbers behind a chart for readers who cannot read the chart."""
    if df.empty:
        return empty()

    def cell(value, plain=False):
        if plain and not fmt.missing(value):
            return str(int(value))
        if isinstance(value, bool):
            return "да" if value else "нет"
        if isinstance(value, int) or (isinstance(value, float) and float(value).is_integer()
                                      and abs(value) >= 1000):
            return fmt.number(value)
        if isinstance(value, float):  # the exact figures behind a chart: as published
            return fmt.number(value, fmt.SCORE_DECIMALS)
        if hasattr(value, "strftime"):
            return fmt.date(value)
        return "—" if fmt.missing(value) else fmt.quotes(str(value))

    numeric = {c for c in df.columns if pd.api.types.is_numeric_dtype(df[c])}
    head = html.Thead(html.Tr([html.Th(c, className="num" if c in numeric else None)
                               for c in df.columns]))
    # years are names, not quantities: «2019», never «2 019»
    plain = {c for c in numeric if str(c) in PLAIN_HEADERS or str(c).startswith("Год ")}
    rows = [html.Tr([html.Td(cell(v, c in plain), className="num" if c in numeric else None)
                     for c, v in zip(df.columns, row)])
            for row in df.head(max_rows).itertuples(index=False)]
    note = (dmc.Text(f"Показаны первые {max_rows} строк из {fmt.number(len(df))}; "
                     "полностью — в выгрузке.", c="dimmed", size="sm")
            if len(df) > max_rows else None)
    return html.Div([html.Table([head, html.Tbody(rows)], className="data-table compact"), note],
                    className="table-scroll")


def chart_block(graph_id: str, *, height: int = 380) -> html.Div:
    """A chart and, folded under it, its numbers as a table (filled by the same callback:
    Output(graph_id, "figure") and Output(f"{graph_id}-table", "children"))."""
    return html.Div([
        dcc.Loading(dcc.Graph(id=graph_id, config=GRAPH_CONFIG, style={"minHeight": height}),
                    type="dot", delay_show=300),
        html.Details([html.Summary("Данные графика в виде таблицы"),
                      html.Div(id=f"{graph_id}-table")], className="chart-data"),
    ])
