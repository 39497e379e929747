"""Сводка: headline figures, sectors × criteria, and the attention list."""
from __future__ import annotations

from urllib.parse import urlencode

import dash
from dash import Input, Output, callback, html

from dashboard import wording
from dashboard import overview, theme
from dashboard.cache import cached
from dashboard.components import loading, page, page_header, section
from dashboard.tables import download_buttons
from data_access import queries
from data_access.filters import Filters

dash.register_page(__name__, path="/", name="Сводка", title="Сводка · НОК-монитор", order=10)


def layout(**query):
    f = queries.resolve_filters(query)
    place = queries.place_name(f)
    return page(f, [
        page_header(f"Сводка за {f.year} год", f"{place} · {theme.scope_name(f.sector, f.founder, wording.words(f.region))}"),
        loading("overview-headline", minHeight="150px"),
        html.Div(download_buttons("overview-headline"), className="kpi-downloads"),
        section("Баллы по сферам и критериям",
                loading("overview-sectors"), downloads=download_buttons("overview-sectors"),
                description=f"Средние значения по организациям, оценённым в {f.year} году; "
                            "К1–К5 — критерии приказа Минтруда России № 344н."),
        section("Требует внимания", loading("overview-attention")),
    ])


@callback(Output("overview-headline", "children"), Input("page-filters", "data"))
def _headline(data):
    f = Filters(**data)
    return overview.headline_cards(cached(queries.headline)(f), f.year, wording.words(f.region))


@callback(Output("overview-sectors", "children"), Input("page-filters", "data"))
def _sectors(data):
    f = Filters(**data)
    return overview.sector_table(cached(queries.sector_summary)(f), f.year)


@callback(Output("overview-attention", "children"), Input("page-filters", "data"))
def _attention(data):
    f = Filters(**data)
    return overview.attention_lists(cached(queries.attention)(f), f.year,
                                    "?" + urlencode(f.as_query()))
