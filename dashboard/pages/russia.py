"""Россия: the federal overview, shown when more than one subject is loaded. The subjects on a
map by a chosen measure (polygons of subjects when a file of them is loaded, else one tile a
subject), the comparison of subjects, and each sector's mean per subject. The year and sector
filters apply; the region and municipality filters do not (every subject is shown). A click
on a subject, on the map or in the table, opens that subject's own overview."""
from __future__ import annotations

import dash
import dash_mantine_components as dmc
from dash import Input, Output, State, callback, dcc, html

from dashboard import federal, map_view, theme
from dashboard.cache import cached
from dashboard.components import chart_block, data_table, loading, page, page_header, section
from dashboard.figures import GRAPH_CONFIG
from dashboard.tables import TABLES, Table, download_buttons, register
from dashboard.url_state import keep_in_url
from data_access import federal_queries, queries
from data_access.filters import Filters
from data_access.reference import russia_tiles
from data_access.settings import get_settings

dash.register_page(__name__, path="/russia", name="Россия", title="Россия · НОК-монитор",
                   order=5)


def _order(f: Filters) -> list[str]:
    """Subject names in the comparison's order: best mean total first."""
    return (cached(federal_queries.region_measures)(f)
            .sort_values("total", ascending=False)["name"].tolist())


def _sectors(f: Filters):
    return federal.sector_matrix(cached(federal_queries.sector_means)(f), _order(f))


register(
    Table("russia-regions", "Сравнение субъектов", federal_queries.region_measures,
          federal.COMPARISON_COLUMNS),
    Table("russia-sectors", "Средний итоговый балл по сферам и субъектам", _sectors,
          federal.SECTOR_COLUMNS),
)


def _tiles() -> tuple[dict, dict]:
    return russia_tiles.TILES, russia_tiles.SHORT


def layout(measure: str | None = None, **query):
    f = queries.resolve_filters(query)
    m = map_view.measure(measure)
    df = cached(federal_queries.region_measures)(f)
    geojson = cached(federal_queries.country_geometry)()
    figure = federal.subject_map(df, geojson, m, *_tiles())
    kind = "polygons" if geojson else "tiles"
    if geojson:
        stored = {feature["id"] for feature in geojson["features"]}
        without = sorted(df.loc[~df["code"].isin(stored), "name"])
        note = [html.Span("Границы субъектов: Natural Earth (общественное достояние).",
                          className="map-attribution")]
        if without:
            note.append(html.Span(f" Нет границ: {', '.join(without)}."))
    else:
        note = [html.Span("Границ субъектов нет, поэтому каждый субъект показан одинаковой "
                          "плиткой примерно на своём месте.")]
    sector = theme.sector_name(f.sector).lower()
    return page(f, [
        html.Div(className="federal-page"),
        page_header(f"Россия: субъекты РФ, {f.year} год",
                    f"все субъекты в базе · {sector}"),
        dcc.Store(id="russia-map-kind", data=kind),
        loading("russia-headline", minHeight="150px"),
        section("Субъекты на карте", [
            dcc.Graph(id="russia-map", figure=figure, className=f"map-graph map-{kind}",
                      config={**GRAPH_CONFIG, "scrollZoom": kind == "polygons"}),
            html.P(note, className="map-note"),
        ], downloads=dmc.Select(
            id="russia-measure", data=map_view.selector_data(), value=m.key,
            **{"aria-label": "Показатель на карте"},
            allowDeselect=False, w=440, comboboxProps={"zIndex": 400}, maxDropdownHeight=440),
            description=f"{map_view.COLOR_NOTE} Серые — и субъекты без данных за "
                        "выбранный год. Щелчок по субъекту с данными открывает его сводку."),
        section("Сравнение субъектов", loading("russia-grid"),
                downloads=download_buttons("russia-regions"),
                description=f"Баллы — средние по организациям, оценённым в {f.year} году; "
                            "изменение — к прошлому году; охват — доля организаций, оценённых "
                            "за три года (закон требует 100 %); просрочка — на дату данных "
                            "субъекта. Столбцы сортируются щелчком по заголовку."),
        section("Средний итоговый балл по сферам", chart_block("russia-sectors", height=300),
                downloads=download_buttons("russia-sectors"),
                description="По каждой сфере — среднее по организациям, оценённым в году; "
                            "субъекты — в порядке среднего итогового балла, лучший сверху."),
    ])


@callback(Output("russia-headline", "children"), Input("page-filters", "data"))
def _headline(data):
    f = Filters(**data)
    return federal.headline_cards(cached(federal_queries.region_measures)(f), f.year)


@callback(Output("russia-grid", "children"), Input("page-filters", "data"))
def _grid(data):
    f = Filters(**data)
    rows = federal.comparison_rows(cached(federal_queries.region_measures)(f), f.as_query())
    return federal.comparison_grid("russia-table", rows, get_settings().band_thresholds)


@callback(Output("russia-sectors", "figure"), Output("russia-sectors-table", "children"),
          Input("page-filters", "data"))
def _sector_means(data):
    f = Filters(**data)
    return (federal.sector_heatmap(cached(federal_queries.sector_means)(f), _order(f)),
            data_table(TABLES["russia-sectors"].frame(f)))


keep_in_url("russia-measure", "value", "measure", default=map_view.DEFAULT_MEASURE)


@callback(Output("russia-map", "figure"), Input("russia-measure", "value"),
          State("page-filters", "data"), State("russia-map-kind", "data"),
          prevent_initial_call=True)
def _change_measure(key, data, kind):
    """Only the values change: the polygons already in the browser stay."""
    f = Filters(**data)
    geojson = cached(federal_queries.country_geometry)() if kind == "polygons" else None
    places = federal.as_places(cached(federal_queries.region_measures)(f), geojson)
    return map_view.restyle_patch(kind, places, map_view.measure(key), *_tiles())


@callback(Output("url", "href", allow_duplicate=True), Input("russia-map", "clickData"),
          State("page-filters", "data"), prevent_initial_call=True)
def _open_region(click, data):
    code = map_view.clicked_oktmo(click)
    f = Filters(**data)
    # a subject outlined but not in the database has no overview to open
    if not code or code not in set(cached(federal_queries.region_measures)(f)["code"]):
        return dash.no_update
    return federal.region_href(code, f.as_query())
