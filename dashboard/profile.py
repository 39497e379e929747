"""Builders of the organization profile: DataFrames in, components out."""
from __future__ import annotations

import dash_mantine_components as dmc
import pandas as pd
from dash import dcc, html

from dashboard import format as fmt
from dashboard import theme
from dashboard.components import change_badge, empty, kpi_card
from dashboard.wording import KRAI, Words
from data_access.methodology import CRITERION_SHORT, INDICATOR_NAMES, band


def card_line(card: dict, w: Words = KRAI) -> str:
    return " · ".join([card["type"], theme.sector_name(card["sector"]), card["municipality"],
                       theme.founder_level_name(card["founder_level"], w),
                       f"ИНН {card['inn']}"])


def headline(history: pd.DataFrame, measures: pd.DataFrame) -> html.Div:
    cards = []
    if not history.empty:
        last = history.iloc[-1]
        delta = (change_badge(last["total"] - history.iloc[-2]["total"],
                              reference=f"к {int(history.iloc[-2]['year'])}")
                 if len(history) > 1 else change_badge(None))
        cards.append(kpi_card(f"Итоговый балл, {int(last['year'])}", fmt.score(last["total"]),
                              detail=f"уровень «{band(last['total'])}»", delta=delta))
        gap = last["total"] - last["sector_total"]
        cards.append(kpi_card("Отличие от среднего по сфере", fmt.signed(gap),
                              detail=f"среднее по сфере {fmt.score(last['sector_total'])}"))
        cards.append(kpi_card("Опрошено получателей услуг", fmt.number(last["respondents"]),
                              detail=f"в {int(last['year'])} году"))
    counts = measures["status"].value_counts() if not measures.empty else pd.Series(dtype=int)
    cards.append(kpi_card("Мероприятия планов", fmt.number(len(measures)),
                          detail=(f"выполнено {counts.get('done', 0)}, в работе "
                                  f"{counts.get('in_progress', 0)}, просрочено "
                                  f"{counts.get('overdue', 0)}") if len(measures)
                          else "планов по устранению недостатков нет"))
    return html.Div(cards, className="kpi-grid kpi-grid-4")


def shortcomings(df: pd.DataFrame) -> html.Div | dmc.Alert:
    """The shortcomings of the latest assessment, grouped by criterion."""
    if df.empty:
        return empty("Недостатков по результатам оценки не выявлено.")
    year = int(df["year"].max())
    latest = df[df["year"] == year]
    items = [html.Li([html.Span(CRITERION_SHORT[r.criterion], className="crit-tag"), r.text,
                      html.Span(f" — {INDICATOR_NAMES[r.indicator]}", className="muted")
                      if r.indicator in INDICATOR_NAMES else None])
             for r in latest.itertuples()]
    return html.Div([dmc.Text(f"По результатам оценки {year} года", c="dimmed", size="sm"),
                     html.Ul(items, className="shortcomings")])


def status_badge(status: str) -> html.Span:
    label, color = theme.MEASURE_STATES[status]
    return html.Span(label, className="status-badge", style={"borderColor": color, "color": color})


def measures_table(df: pd.DataFrame) -> html.Div | dmc.Alert:
    """The plan's measures (form of resolution № 457): shortcoming, measure, dates,
    responsible person and state."""
    if df.empty:
        return empty("Планов по устранению недостатков нет.")
    head = html.Thead(html.Tr([html.Th("План"), html.Th("Критерий"), html.Th("Недостаток"),
                               html.Th("Мероприятие"), html.Th("Срок", className="num"),
                               html.Th("Ответственный"), html.Th("Состояние"),
                               html.Th("Исполнено", className="num")]))
    rows = []
    for r in df.itertuples():
        done_note = r.taken if r.status == "done" else (
            r.cancel_reason if r.status == "cancelled" else None)
        rows.append(html.Tr([
            html.Td(str(r.plan_year)), html.Td(CRITERION_SHORT[r.criterion]),
            html.Td(r.shortcoming), html.Td([r.measure, html.Div(done_note, className="muted")
                                             if done_note else None]),
            html.Td(fmt.date(r.planned_date), className="num"),
            html.Td([r.responsible_name, html.Div(r.responsible_position, className="muted")]),
            html.Td(status_badge(r.status)),
            html.Td(fmt.date(r.actual_date) if r.status == "done" else "", className="num"),
        ]))
    return html.Div(html.Table([head, html.Tbody(rows)], className="data-table plan-table"),
                    className="table-scroll")


def back_link(query: str, region_name: str) -> dcc.Link:
    return dcc.Link(f"← Сводка: {region_name}", href="/" + query, className="back-link")
