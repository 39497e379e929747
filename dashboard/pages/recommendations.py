"""Рекомендации: the nine recommendations of resolution № 184-П, the status each addressed
ministry reported, and the trend of the linked indicators before and after the resolution."""
from __future__ import annotations

import dash
from dash import Input, Output, callback

from dashboard import wording
from dashboard import effects
from dashboard import format as fmt
from dashboard import recommendations as view
from dashboard import theme
from dashboard.cache import cached
from dashboard.components import loading, page, page_header, section
from dashboard.tables import Table, download_buttons, register
from data_access import effect_queries, queries
from data_access.filters import Filters
from data_access.settings import get_settings

dash.register_page(__name__, path="/recommendations", name="Рекомендации",
                   title="Рекомендации · НОК-монитор", order=60)


def _trend(f: Filters):
    return queries.target_trend(f, view.all_targets(queries.recommendations()))


def _effect_rows(f: Filters):
    return effects.rec_rows(effect_queries.recommendation_effect(f),
                            get_settings().effect_min_organizations)


register(
    Table("recommendations-effect", "Показатели рекомендаций до и после постановления",
          _effect_rows, effects.REC_COLUMNS),
    Table("recommendations-status", "Исполнение рекомендаций",
          lambda f: view.status_rows(queries.recommendation_status(f)), view.STATUS_COLUMNS),
    Table("recommendations-trends", "Показатели рекомендаций по годам",
          lambda f: view.trend_rows(_trend(f), queries.recommendations()), view.TREND_COLUMNS),
)


def layout(**query):
    f = queries.resolve_filters(query)
    recs = queries.recommendations()
    on = queries.period_end(f)
    scope = (f"{queries.place_name(f)} · "
             f"{theme.scope_name(f.sector, f.founder, wording.words(f.region))}")
    if not queries.has_recommendation_reports(f.region):
        # the resolution is another subject's: its title is no subtitle of this one's page
        header = page_header("Рекомендации по итогам независимой оценки",
                             f"отчётов министерств нет · {scope}")
        region = queries.place_name(f.replace(municipality=None))
        return page(f, [header, section("Исполнение по министерствам",
                                        view.not_addressed(region, recs))])
    header = page_header(
        "Рекомендации по итогам независимой оценки",
        f"{view.resolution_title(recs)} · отчёты министерств на {fmt.date(on)} · {scope}")
    return page(f, [
        header,
        section("Исполнение по министерствам", loading("recommendations-matrix"),
                downloads=download_buttons("recommendations-status"),
                description="Состояние по последнему отчёту министерства на конец периода. "
                            "Номер рекомендации — ссылка на её карточку ниже."),
        section("Рекомендации и их показатели", loading("recommendations-cards"),
                downloads=download_buttons("recommendations-trends"),
                description="Показатели, по которым видно продвижение, — средние по оценкам "
                            "года; пунктир — дата постановления. Изменение — среднее лет после "
                            "постановления минус среднее лет до него."),
        section("Действуют ли рекомендации", loading("recommendations-effect"),
                downloads=download_buttons("recommendations-effect"),
                description=effects.REC_DEFINITION),
    ])


@callback(Output("recommendations-matrix", "children"),
          Output("recommendations-cards", "children"), Input("page-filters", "data"))
def _recommendations(data):
    f = Filters(**data)
    recs = cached(queries.recommendations)()
    status = cached(queries.recommendation_status)(f)
    trend = cached(queries.target_trend)(f, view.all_targets(recs))
    return view.status_matrix(status, recs), view.cards(recs, status, trend)


@callback(Output("recommendations-effect", "children"), Input("page-filters", "data"))
def _effect(data):
    f = Filters(**data)
    return effects.rec_effect_blocks(cached(effect_queries.recommendation_effect)(f),
                                     cached(queries.recommendations)(),
                                     get_settings().effect_min_organizations)
