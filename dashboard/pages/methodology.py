"""Методика: how every figure is computed, the quality bands, data sources and freshness."""
from __future__ import annotations


import dash
from dash import Input, Output, callback

from dashboard import auth
from dashboard import methodology_view as view
from dashboard import wording
from dashboard.cache import cached
from dashboard.components import loading, page, page_header, section
from dashboard.tables import Table, download_buttons, register
from data_access import methodology, queries, sources
from data_access.filters import Filters
from data_access.settings import get_settings

dash.register_page(__name__, path="/methodology", name="Методика",
                   title="Методика · НОК-монитор", order=90)

register(
    Table("methodology-weights", "Формулы критериев 344н",
          lambda f: view.weights_frame(), view.WEIGHTS_COLUMNS),
    Table("methodology-bands", "Уровни качества",
          lambda f: view.bands_frame(methodology.bands()), view.BANDS_COLUMNS),
)


def layout(**query):
    f = queries.resolve_filters(query)
    w = wording.words(f.region)
    return page(f, [
        page_header("Методика", "Как вычисляется каждый показатель, уровни качества, "
                                "источники и свежесть данных"),
        section("Критерии и показатели по приказу Минтруда России № 344н",
                view.formulas_block(w), downloads=download_buttons("methodology-weights"),
                description="Пять критериев К1–К5, каждый от 0 до 100 баллов, — взвешенные "
                            "суммы показателей; итоговый балл — среднее пяти критериев."),
        section("Редакции приказа по годам и официальные баллы", loading("methodology-versions"),
                description="По какой редакции приказа № 344н рассчитан каждый год и с какой "
                            "подробностью опубликованы результаты."),
        section("Уровни качества", view.bands_block(methodology.bands()),
                downloads=download_buttons("methodology-bands"),
                description="По неокруглённому итоговому баллу организации или среднему баллу."),
        section("Охват, планы мероприятий и список внимания", loading("methodology-rules"),
                description="Как получаются показатели страниц «Сводка», «Охват» и «Планы» "
                            "для выбранных фильтров."),
        section("Сравнение с учётом случайных колебаний", view.comparison_block(w),
                description=f"Как панель решает, что отличие от среднего {w.by} не случайно, "
                            "и выбирает похожие муниципальные образования."),
        section("Действие планов и рекомендаций",
                view.effects_block(get_settings().effect_min_organizations),
                description="Как получаются разделы «Действуют ли планы» (страница «Планы») "
                            "и «Действуют ли рекомендации» (страница «Рекомендации»)."),
        section("Источники и свежесть данных", loading("methodology-sources")),
        section("Правовая основа", view.legal_block()),
        section("Лицензии и указание источников", view.licence_block()),
    ])


@callback(Output("methodology-rules", "children"), Input("page-filters", "data"))
def _rules(data):
    f = Filters(**data)
    return view.rules_block(f.year, cached(queries.period_end)(f), get_settings().attention_size,
                            wording.words(f.region))


@callback(Output("methodology-versions", "children"), Input("page-filters", "data"))
def _versions(data):
    return view.versions_block(cached(queries.assessment_levels)(Filters(**data)))


@callback(Output("methodology-sources", "children"), Input("page-filters", "data"))
def _sources(_data):
    return view.sources_block(sources.region_sources(), sources.boundary_files(),
                              sources.latest_import(), public=auth.current() is None)
