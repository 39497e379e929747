"""Охват: planned vs assessed by sector, the share assessed by sector × municipality in the
year and in three years, and the organizations the 3-year rule has missed."""
from __future__ import annotations

from functools import partial

import dash
from dash import Input, Output, callback, html

from dashboard import wording
from dashboard import figures
from dashboard import format as fmt
from dashboard import theme
from dashboard.components import chart_block, data_table, loading, page, page_header, section
from dashboard.tables import TABLES, chart_callback, download_buttons
from data_access import queries
from data_access.filters import Filters

dash.register_page(__name__, path="/coverage", name="Охват", title="Охват · НОК-монитор",
                   order=20)


def layout(**query):
    f = queries.resolve_filters(query)
    place = queries.place_name(f)
    w = wording.words(f.region)
    # a heat map is a row a municipality: one row needs no room for forty-four
    rows = 1 if f.municipality else len(queries.municipalities(f.region))
    heat = max(200, 24 * rows + 100)
    return page(f, [
        page_header(f"Охват оценкой в {f.year} году",
                    f"{place} · {theme.scope_name(f.sector, f.founder, w)}"),
        section("План и факт по сферам", chart_block("coverage-plan"),
                downloads=download_buttons("coverage-plan"),
                description="Запланировано к оценке на год (плановые значения охвата "
                            f"утверждаются {w.by}) и оценено организаций."),
        section(f"Оценены в {f.year} году", chart_block("coverage-year", height=heat),
                downloads=download_buttons("coverage-year"),
                description="Доля организаций сферы в муниципальном образовании, "
                            "оценённых в году (при оценке раз в три года — около трети)."),
        section(f"Правило трёх лет: {f.year - 2}–{f.year}",
                chart_block("coverage-three-years", height=heat),
                downloads=download_buttons("coverage-three-years"),
                description="Каждая организация оценивается не реже раза в три года: "
                            "доля оценённых за три года."),
        section("Не оценены за три года", loading("coverage-unassessed"),
                downloads=download_buttons("attention-unassessed"),
                description=f"Организации без оценки в {f.year - 2}–{f.year} годах: "
                            "учредитель и год последней оценки."),
    ])


chart_callback("coverage-plan", figures.coverage_plan_fact)
chart_callback("coverage-year", partial(figures.coverage_heatmap, scale=figures.NEUTRAL_SCALE))
chart_callback("coverage-three-years", figures.coverage_heatmap)


@callback(Output("coverage-unassessed", "children"), Input("page-filters", "data"))
def _unassessed(data):
    table = TABLES["attention-unassessed"]
    df = table.frame(Filters(**data))
    if df.empty:
        return html.P("Все организации оценены в последние три года.", className="muted")
    count = html.P(f"Всего: {fmt.number(len(df))} "
                   f"{fmt.plural(len(df), 'организация', 'организации', 'организаций')}.")
    return [count, data_table(df)]
