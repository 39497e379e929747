"""District profile: a municipality's scores over the years against the region, its criteria,
sectors, organizations, most frequent shortcomings and its plans, with the way back."""
from __future__ import annotations

import re
from urllib.parse import urlencode

import dash
from dash import Input, Output, callback, dcc, html

from dashboard import district, theme
from dashboard import format as fmt
from dashboard.cache import cached
from dashboard.components import (
    chart_block, data_table, loading, page, page_header, section,
)
from dashboard.tables import TABLES, Table, download_buttons, register
from data_access import district_queries, queries
from data_access.filters import Filters

dash.register_page(__name__, path_template="/district/<oktmo>",
                   title="Муниципальное образование · НОК-монитор")

register(
    Table("district-history", "Баллы по годам", district_queries.history,
          district.HISTORY_COLUMNS),
    Table("district-organizations", "Организации муниципального образования",
          lambda f: queries.ranking(f).sort_values(["total", "name"]),
          district.ORGANIZATION_COLUMNS),
    Table("district-shortcomings", "Частые недостатки",
          lambda f: district.shortcoming_rows(district_queries.frequent_shortcomings(f)),
          district.SHORTCOMING_COLUMNS),
)


def layout(oktmo: str | None = None, **query):
    # an OKTMO code is 8 or 11 digits: anything else is simply not found
    valid = re.fullmatch(r"[0-9]{8}([0-9]{3})?", str(oktmo)) is not None
    card = district_queries.district(str(oktmo)) if valid else {}
    if not card:
        shown = str(oktmo)[:40]
        return page(None, [page_header("Муниципальное образование не найдено",
                                       f"Нет муниципального образования с кодом ОКТМО «{shown}»."),
                           dcc.Link("← На сводку", href="/", className="back-link")])
    f = queries.resolve_filters({**query, "region": card["region"], "municipality": card["oktmo"]})
    region_view = "?" + urlencode(f.replace(municipality=None).as_query())
    return page(f, [
        dcc.Link(f"← {card['region_name']}: сводка по краю", href="/" + region_view,
                 className="back-link"),
        page_header(card["name"], district.subtitle(card, district_queries.standing(f), f.year)),
        loading("overview-headline", minHeight="150px"),
        html.Div(download_buttons("overview-headline"), className="kpi-downloads"),
        html.Div([
            section("Итоговый балл по годам", chart_block("district-history"),
                    downloads=download_buttons("district-history"),
                    description="Средний итоговый балл организаций, оценённых в году, и "
                                f"{theme.region_label(f.founder, 'среднее по краю')}."),
            section(f"Критерии, {f.year}", chart_block("district-criteria"),
                    description="К1–К5 организаций муниципального образования и "
                                f"{theme.region_label(f.founder, 'средние по краю')}."),
        ], className="two-col"),
        section("Баллы по сферам и критериям", loading("overview-sectors"),
                downloads=download_buttons("overview-sectors"),
                description=f"Средние по организациям, оценённым в {f.year} году."),
        section(f"Организации, оценённые в {f.year} году", loading("district-organizations"),
                downloads=download_buttons("district-organizations"),
                description="Название ведёт в профиль организации."),
        section("Частые недостатки", chart_block("district-shortcomings"),
                downloads=download_buttons("district-shortcomings"),
                description=f"Показатели, по которым недостатки выявлены у наибольшего числа "
                            f"организаций при оценке {f.year} года."),
        section(f"Планы по устранению недостатков на {fmt.date(queries.period_end(f))}",
                chart_block("plans-sectors"), downloads=download_buttons("plans-sectors"),
                description="Мероприятия планов организаций муниципального образования по "
                            "министерствам и состояниям."),
        section("Просроченные мероприятия", loading("plans-overdue"),
                downloads=download_buttons("plans-overdue"),
                description="Дольше всех просроченные — сверху."),
    ])


# The headline, sector table, plan states and overdue list are the Overview's and the Plans
# page's own components (same ids, same callbacks), here under the municipality filter.

@callback(Output("district-history", "figure"), Output("district-history-table", "children"),
          Output("district-criteria", "figure"), Output("district-criteria-table", "children"),
          Input("page-filters", "data"))
def _history(data):
    f = Filters(**data)
    df = cached(district_queries.history)(f)
    name = cached(queries.place_name)(f)
    table = TABLES["district-history"]
    latest = table.present(df[df["year"] == f.year])
    return (district.history_figure(df, name, f.sector, f.founder),
            data_table(table.present(df)),
            district.criteria_figure(df, f.year, f.sector, f.founder), data_table(latest))


@callback(Output("district-organizations", "children"), Input("page-filters", "data"))
def _organizations(data):
    f = Filters(**data)
    query = "?" + urlencode(f.as_query())
    return district.organizations_table(cached(queries.ranking)(f), f.year, query)


@callback(Output("district-shortcomings", "figure"),
          Output("district-shortcomings-table", "children"), Input("page-filters", "data"))
def _shortcomings(data):
    df = cached(district_queries.frequent_shortcomings)(Filters(**data))
    return (district.shortcomings_figure(df),
            data_table(TABLES["district-shortcomings"].present(district.shortcoming_rows(df))))
