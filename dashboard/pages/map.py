"""Карта: the region's municipal formations coloured by a chosen measure (mean total, a
criterion, coverage, overdue plan measures), over the stored boundary polygons or, where none
are loaded, as a tile cartogram; beside it the same numbers as a sorted table. A click on an
area opens the district's profile. The measure is kept in the URL (?measure=k3)."""
from __future__ import annotations

from urllib.parse import urlencode

import dash
import dash_mantine_components as dmc
from dash import Input, Output, State, callback, dcc, html

from dashboard import wording
from dashboard import map_view, theme
from dashboard.cache import cached
from dashboard.components import data_table, empty, page, page_header, section
from dashboard.figures import GRAPH_CONFIG
from dashboard.tables import TABLES, Table, download_buttons, register
from dashboard.url_state import keep_in_url
from data_access import map_queries, queries
from data_access.filters import Filters
from data_access.reference import krasnodar_tiles, stavropol_tiles

dash.register_page(__name__, path="/map", name="Карта", title="Карта · НОК-монитор", order=40)

TILE_GRIDS = {"23": (krasnodar_tiles.TILES, krasnodar_tiles.LABELS),  # region → tiles, labels
              "26": (stavropol_tiles.TILES, stavropol_tiles.LABELS)}


def _values(m: map_view.Measure):
    return lambda f: map_view.values_table(map_queries.municipality_measures(f), m)


register(
    *(Table(f"map-{m.key}", f"Карта — {m.label}", _values(m), map_view.table_columns(m))
      for m in map_view.MEASURES.values()),
    Table("map-all", "Показатели муниципальных образований", map_queries.municipality_measures,
          map_view.ALL_COLUMNS),
)


def layout(measure: str | None = None, **query):
    f = queries.resolve_filters(query)
    m = map_view.measure(measure)
    df = cached(map_queries.municipality_measures)(f)
    geojson = map_queries.geometry(f.region)
    if geojson:
        kind = "polygons"
        figure = map_view.choropleth(df, geojson, m, selected=f.municipality)
        stored = {feature["id"] for feature in geojson["features"]}
        without = sorted(df.loc[~df["oktmo"].isin(stored), "name"])
        note = [html.Span("Границы муниципальных образований: © участники OpenStreetMap.",
                          className="map-attribution")]
        if without:
            note.append(html.Span(f" Нет границ: {', '.join(without)}."))
    else:
        kind = "tiles"
        tiles, labels = TILE_GRIDS.get(f.region, ({}, {}))
        figure = map_view.cartogram(df, tiles, m, labels=labels, selected=f.municipality)
        # how to load a file is the administrator's business: README «Границы на карте»
        note = [html.Span("Границ муниципальных образований субъекта в программе нет, "
                          "поэтому каждое показано одинаковой плиткой примерно на своём "
                          "месте.")]
    place = queries.place_name(f.replace(municipality=None))
    chosen = (f" Выбранное муниципальное образование обведено: "
              f"{queries.place_name(f)}." if f.municipality else "")
    return page(f, [
        page_header(f"Карта муниципальных образований, {f.year} год",
                    f"{place} · {theme.scope_name(f.sector, f.founder, wording.words(f.region))}"),
        dcc.Store(id="map-kind", data=kind),
        section("Показатель на карте", dmc.Grid([
            dmc.GridCol(html.Div([
                dcc.Graph(id="map-graph", figure=figure, className=f"map-graph map-{kind}",
                          config={**GRAPH_CONFIG, "scrollZoom": kind == "polygons"}),
                html.P(note, className="map-note"),
            ]), span={"base": 12, "lg": 9}),
            dmc.GridCol(html.Div(id="map-table", children=_table(df, m), className="map-table"),
                        span={"base": 12, "lg": 3}),
        ], gutter="md"), downloads=dmc.Group([
            dmc.Select(id="map-measure", data=map_view.selector_data(), value=m.key,
                       **{"aria-label": "Показатель на карте"},
                       allowDeselect=False, w=440, className="map-measure",
                       comboboxProps={"zIndex": 400}, maxDropdownHeight=440),
            html.Div(download_buttons(f"map-{m.key}"), id="map-downloads"),
        ], gap="md", wrap="nowrap"),
            description=f"{map_view.COLOR_NOTE} Справа — те же значения, сначала самые "
                        "слабые. Щелчок по муниципальному образованию открывает его "
                        f"профиль.{chosen}"),
        section("Все показатели по муниципальным образованиям",
                html.Details([html.Summary("Показать таблицу"),
                              data_table(TABLES["map-all"].present(df))],
                             className="chart-data"),
                downloads=download_buttons("map-all"),
                description=f"Баллы — средние по организациям, оценённым в {f.year} году; "
                            "охват — доля организаций сферы; мероприятия — из планов по "
                            f"оценкам до {f.year} года, просрочка — на дату данных."),
    ])


def _table(df, m: map_view.Measure):
    if df.empty:
        return empty(map_view.NO_MUNICIPALITIES)
    if df[m.column].isna().all():
        return empty("Нет данных для выбранных фильтров")
    return data_table(TABLES[f"map-{m.key}"].present(map_view.values_table(df, m)))


keep_in_url("map-measure", "value", "measure", default=map_view.DEFAULT_MEASURE)


@callback(Output("map-graph", "figure"), Output("map-table", "children"),
          Output("map-downloads", "children"),
          Input("map-measure", "value"), State("page-filters", "data"),
          State("map-kind", "data"), prevent_initial_call=True)
def _change_measure(key, data, kind):
    """Only the values change: the polygons already in the browser stay."""
    f = Filters(**data)
    m = map_view.measure(key)
    df = cached(map_queries.municipality_measures)(f)
    patch = map_view.restyle_patch(kind, df, m, *TILE_GRIDS.get(f.region, ({}, {})))
    return patch, _table(df, m), download_buttons(f"map-{m.key}")


@callback(Output("url", "href", allow_duplicate=True), Input("map-graph", "clickData"),
          State("page-filters", "data"), prevent_initial_call=True)
def _open_district(click, data):
    oktmo = map_view.clicked_oktmo(click)
    if not oktmo:
        return dash.no_update
    keep = {k: v for k, v in Filters(**data).as_query().items() if k != "municipality"}
    return f"/district/{oktmo}?{urlencode(keep)}"
