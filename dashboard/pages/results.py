"""Результаты: К1–К5 by sector, trends of totals and criteria with the region's mean, the
distribution of totals with the quality bands, municipalities against the region's mean, and
the ranking of organizations (search, sort, filters, pages, export) linking to profiles."""
from __future__ import annotations

import dash
import dash_mantine_components as dmc
from dash import Input, Output, Patch, State, callback, clientside_callback, ctx, dcc, html
from dash import no_update

from dashboard import comparison, export, results, theme, wording
from dashboard.cache import cached
from dashboard.components import chart_block, data_table, empty, loading, page, page_header
from dashboard.components import section
from dashboard.tables import (
    TABLES, Table, chart_callback, download_buttons, outliers_callback, register,
)
from dashboard.url_state import keep_in_url
from data_access import comparison_queries, queries, results_queries
from data_access.filters import Filters

dash.register_page(__name__, path="/results", name="Результаты",
                   title="Результаты · НОК-монитор", order=30)

GRID = "results-grid"


def _municipalities(f: Filters):
    g = f.replace(municipality=None)
    return results.municipality_frame(comparison_queries.municipality_funnel(g),
                                      queries.scores(g, by=()))


def _funnel(f: Filters):
    """Municipalities by organizations assessed; within a chosen municipality, its
    organizations by respondents."""
    if f.municipality:
        return comparison_queries.organization_funnel(f)
    return comparison_queries.municipality_funnel(f)


register(
    Table("results-criteria", "К1–К5 по сферам",
          lambda f: results.criteria_frame(queries.scores(f), queries.region_means(f),
                                           theme.region_label(f.founder, wording.words(
                                               f.region))),
          results.CRITERIA_COLUMNS),
    Table("results-distribution", "Распределение итоговых баллов",
          lambda f: results.histogram_rows(results_queries.total_histogram(f)),
          results.HISTOGRAM_COLUMNS),
    Table("results-municipalities", "Муниципальные образования и среднее",
          _municipalities, results.MUNICIPALITY_COLUMNS),
    Table("results-funnel", "Сравнение с учётом случайных колебаний", _funnel,
          comparison.FUNNEL_COLUMNS),
)


def _export_buttons(key: str, title: str) -> html.Div:
    """XLSX and CSV of a view whose download depends on the page's own state (the chosen
    criterion, the grid's search, filters and sort): served by _download below."""
    return html.Div([
        html.Button(kind.upper(), id=f"{key}-{kind}",
                    className="dl-btn", title=f"Скачать «{title}» в {kind.upper()}")
        for kind in ("xlsx", "csv")], className="downloads")


def layout(crit: str | None = None, q: str | None = None, sort: str | None = None, **query):
    f = queries.resolve_filters(query)
    place = queries.place_name(f)
    crit = results.crit_key(crit)
    search = (q or "")[:200]
    sort_by = results.parse_sort(sort)
    w = wording.words(f.region)
    region_scope = (f"{w.by} в целом" if not f.sector
                    else f"{w.by}, сфера «{theme.sector_name(f.sector)}»")
    region_scope = theme.region_label(f.founder, w, region_scope)
    all_sectors = theme.region_label(f.founder, w, f"{w.mean(False)} (все сферы)")
    return page(f, [
        page_header(f"Результаты оценки {f.year} года",
                    f"{place} · {theme.scope_name(f.sector, f.founder, w)}"),
        section("К1–К5 и итоговый балл по сферам", chart_block("results-criteria", height=420),
                downloads=download_buttons("results-criteria"),
                description="Средние значения по организациям, оценённым в году; белый "
                            f"столбец в тёмной рамке — {all_sectors}."),
        section("Динамика по годам", html.Div([
            dmc.SegmentedControl(id="results-crit", value=crit, data=results.CRITERION_CHOICES,
                                 size="md", className="crit-control",
                                 **{"aria-label": "Критерий на графике"}),
            chart_block("results-trend", height=400),
        ]), downloads=_export_buttons("results-trend", "Динамика по годам"),
            description=f"Годы до {f.year} включительно; линия — сфера, пунктир — "
                        f"{all_sectors}."),
        section("Распределение итоговых баллов", html.Div([
            loading("results-bands", minHeight="90px"),
            chart_block("results-distribution", height=380),
        ]), downloads=download_buttons("results-distribution"),
            description="Число организаций с итоговым баллом в интервале шириной 1 балл; "
                        "цвет — уровень качества, пунктир — границы уровней."),
        section("Муниципальные образования", chart_block("results-municipalities", height=600),
                downloads=download_buttons("results-municipalities"),
                description=f"Средний итоговый балл, в скобках — число оценённых "
                            f"организаций; пунктир — среднее {region_scope}. "
                            "Нажмите на точку, чтобы открыть профиль района."),
        section("Сравнение с учётом случайных колебаний", html.Div([
            chart_block("results-funnel", height=520),
            loading("results-funnel-outliers"),
        ]), downloads=download_buttons("results-funnel"),
            description=_funnel_text(f)),
        section("Рейтинг организаций", html.Div([
            dmc.Group([
                dmc.TextInput(id="results-search", value=search, debounce=400,
                              placeholder="Поиск: название, тип, сфера, район",
                              w=460, size="md",
                              **{"aria-label": "Поиск по рейтингу"}),
                html.Div(id="results-count", className="results-count"),
            ], justify="space-between", align="center", className="results-toolbar"),
            html.Div(id="results-empty"),
            html.Div(results.ranking_grid(GRID, search=search, sort=sort_by),
                     id="results-grid-wrap"),
        ]), downloads=_export_buttons("results-ranking", "Рейтинг организаций"),
            description="Место — по итоговому баллу; цвет итога — уровень качества; "
                        "изменение — к предыдущей оценке организации. Выгрузка — строки "
                        "с учётом поиска, фильтров и сортировки."),
    ])


def _funnel_text(f: Filters) -> str:
    w = wording.words(f.region)
    scope = (" (сфера «" + theme.sector_name(f.sector) + "»)") if f.sector else ""
    if f.municipality:
        return ("Каждая точка — организация муниципального образования: по горизонтали — "
                f"число опрошенных, по вертикали — итоговый балл; линия — {w.mean(False)}"
                f"{scope}. Границы учитывают и случайность опроса (чем меньше опрошенных, "
                f"тем они шире), и обычный разброс баллов между организациями {w.of}. За "
                "пунктиром (95 %) — «возможно» выше или ниже среднего, за сплошной линией "
                "(99,8 %) — «значимо»: так далеко случайно уходит одна организация из 500.")
    return ("Каждая точка — муниципальное образование: по горизонтали — сколько его "
            "организаций оценено, по вертикали — их средний итоговый балл; линия — среднее "
            f"{w.by}{scope}. Чем меньше организаций, тем сильнее средний балл колеблется "
            "случайно, поэтому границы расходятся воронкой. За пунктиром (95 %) — «возможно» "
            "выше или ниже среднего, за сплошной линией (99,8 %) — «значимо»: так далеко "
            "случайно уходит одно муниципальное образование из 500. Границы рассчитаны по "
            f"разбросу баллов между организациями {w.of}. Нажмите на точку, чтобы открыть "
            "профиль района.")


# ---------------------------------------------------------------- charts

chart_callback("results-criteria", results.criteria_figure)


@callback(Output("results-distribution", "figure"), Output("results-distribution-table",
                                                           "children"),
          Output("results-bands", "children"), Input("page-filters", "data"))
def _distribution(data):
    table, f = TABLES["results-distribution"], Filters(**data)
    df = table.fetch(f)
    return (results.histogram_figure(df), data_table(table.present(df, f)),
            results.band_summary(df) if df["n"].sum() else None)


@callback(Output("results-municipalities", "figure"),
          Output("results-municipalities-table", "children"), Input("page-filters", "data"))
def _municipality_dots(data):
    f = Filters(**data)
    table = TABLES["results-municipalities"]
    df = table.fetch(f)
    w = wording.words(f.region)
    return (results.municipality_figure(df, selected=f.municipality, sector=f.sector,
                                        region_label=theme.region_label(f.founder, w), w=w),
            data_table(table.present(df, f)))


@callback(Output("url", "href", allow_duplicate=True),
          Input("results-municipalities", "clickData"), Input("results-funnel", "clickData"),
          State("page-filters", "data"), prevent_initial_call=True)
def _open_profile(dots, funnel, data):
    """A click on a municipality's dot opens its profile, on an organization's point the
    organization's, the global filters kept."""
    click = dots if ctx.triggered_id == "results-municipalities" else funnel
    points = (click or {}).get("points") or []
    if not points or points[0].get("customdata") in (None, "") or not data:
        return no_update
    f = Filters(**data)
    if ctx.triggered_id == "results-funnel" and f.municipality:
        return results.organization_href(points[0]["customdata"], f.as_query())
    return results.district_href(points[0]["customdata"], f.as_query())


outliers_callback("results-funnel", comparison.funnel_views)


def _trend_frame(f: Filters):
    return results.trend_frame(cached(queries.scores)(f, by=("year", "sector"), all_years=True),
                               cached(queries.region_means)(f, all_years=True))


@callback(Output("results-trend", "figure"), Output("results-trend-table", "children"),
          Input("page-filters", "data"), Input("results-crit", "value"))
def _trend(data, crit):
    f = Filters(**data)
    df, label = _trend_frame(f), theme.region_label(f.founder, wording.words(f.region))
    return (results.trend_figure(df, crit, label),
            data_table(results.trend_table(df, crit, label)))


keep_in_url("results-crit", "value", "crit", default="total")


# ---------------------------------------------------------------- ranking

@callback(Output(GRID, "rowData"), Output("results-grid-wrap", "style"),
          Output("results-empty", "children"), Input("page-filters", "data"))
def _ranking(data):
    f = Filters(**data)
    rows = results.ranking_rows(cached(queries.ranking)(f), f.as_query())
    if not rows:
        return [], {"display": "none"}, empty(results.year_empty_text(f.year))
    return rows, {}, None


@callback(Output(GRID, "dashGridOptions"), Input("results-search", "value"),
          prevent_initial_call=True)
def _search(text):
    patch = Patch()
    patch["quickFilterText"] = text or ""
    return patch


keep_in_url("results-search", "value", "q", default="")
keep_in_url(GRID, "columnState", "sort", default=results.DEFAULT_SORT,
            transform=results.sort_transform())

clientside_callback(
    """function(shown, all) {
        var total = (all || []).length, n = shown ? shown.length : total;
        if (!total) { return ""; }
        var f = function(x) { return x.toLocaleString('ru-RU'); };
        var m10 = total % 10, m100 = total % 100;
        var word = (m10 === 1 && m100 !== 11) ? "организация"
            : (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) ? "организации" : "организаций";
        return n === total ? "Всего " + f(total) + " " + word
            : "Показано " + f(n) + " из " + f(total) + " " + word;
    }""",
    Output("results-count", "children"),
    Input(GRID, "virtualRowData"), Input(GRID, "rowData"))


# ---------------------------------------------------------------- downloads

TITLES = {"results-trend": "Динамика по годам", "results-ranking": "Рейтинг организаций"}


@callback(Output("download", "data", allow_duplicate=True),
          *(Input(f"{key}-{kind}", "n_clicks") for key in TITLES for kind in ("xlsx", "csv")),
          State("page-filters", "data"), State("results-crit", "value"),
          State(GRID, "virtualRowData"), State(GRID, "rowData"), prevent_initial_call=True)
def _download(*args):
    """The trend of the chosen criterion, or the ranking as the grid shows it now (search,
    column filters and sort applied)."""
    data, crit, shown, all_rows = args[-4:]
    trigger = ctx.triggered_id
    if not trigger or not ctx.triggered[0]["value"] or not data:
        return no_update
    key, _, kind = trigger.rpartition("-")
    f = Filters(**data)
    if key == "results-trend":
        crit = results.crit_key(crit)
        df = results.trend_table(_trend_frame(f), crit,
                                 theme.region_label(f.founder, wording.words(f.region)))
        title = f"{TITLES['results-trend']} {results.SCORE_LABELS[crit]}"
    else:
        df = results.ranking_download(shown if shown is not None else all_rows)
        title = TITLES["results-ranking"]
    name = f"{title} {f.year}".replace(" ", "_")
    if kind == "csv":
        return dcc.send_bytes(export.to_csv(df), f"{name}.csv")
    return dcc.send_bytes(export.to_xlsx(df, title), f"{name}.xlsx")

