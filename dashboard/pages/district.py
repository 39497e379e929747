"""District profile: a municipality's scores over the years against the region, its criteria,
sectors, organizations, most frequent shortcomings and its plans, with the way back."""
from __future__ import annotations

import re
from urllib.parse import urlencode

import dash
import dash_mantine_components as dmc
from dash import Input, Output, State, callback, clientside_callback, dcc, html

from dashboard import comparison, district, theme, wording
from dashboard import format as fmt
from dashboard.cache import cached
from dashboard.components import (
    chart_block, data_table, loading, page, page_header, section,
)
from dashboard.tables import TABLES, Table, download_buttons, outliers_callback, register
from data_access import comparison_queries, district_queries, queries
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
    Table("district-funnel", "Организации с учётом случайных колебаний",
          comparison_queries.organization_funnel, comparison.FUNNEL_COLUMNS),
)


def layout(oktmo: str | None = None, peers: str | None = None, **query):
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
    w = wording.words(f.region)
    return page(f, [
        dcc.Link(f"← {card['region_name']}: сводка", href="/" + region_view,
                 className="back-link"),
        page_header(card["name"], district.subtitle(card, district_queries.standing(f), f.year)),
        _standing(f),
        loading("overview-headline", minHeight="150px"),
        html.Div(download_buttons("overview-headline"), className="kpi-downloads"),
        html.Div([
            section("Итоговый балл по годам", chart_block("district-history"),
                    downloads=download_buttons("district-history"),
                    description="Средний итоговый балл организаций, оценённых в году, и "
                                f"{theme.region_label(f.founder, w, w.mean(False))}."),
            section(f"Критерии, {f.year}", chart_block("district-criteria"),
                    description="К1–К5 организаций муниципального образования и "
                                f"{theme.region_label(f.founder, w, 'средние ' + w.by)}."),
        ], className="two-col"),
        section("Баллы по сферам и критериям", loading("overview-sectors"),
                downloads=download_buttons("overview-sectors"),
                description=f"Средние по организациям, оценённым в {f.year} году."),
        section(f"Организации, оценённые в {f.year} году", loading("district-organizations"),
                downloads=download_buttons("district-organizations"),
                description="Название ведёт в профиль организации."),
        section("Организации с учётом случайных колебаний", html.Div([
            chart_block("district-funnel", height=480),
            loading("district-funnel-outliers"),
        ]), downloads=download_buttons("district-funnel"),
            description="Каждая точка — организация муниципального образования: по "
                        "горизонтали — число опрошенных, по вертикали — итоговый балл; линия "
                        f"— {w.mean(False)}. Границы учитывают и случайность опроса (чем "
                        "меньше опрошенных, тем они шире), и обычный разброс баллов между "
                        f"организациями {w.of}. За пунктиром (95 %) — «возможно» выше или ниже "
                        "среднего, за сплошной линией (99,8 %) — «значимо»."),
        _peers_section(f, peers),
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


def _standing(f: Filters) -> html.Div:
    """The district's mean total against the region's, beyond chance or not, in words."""
    df = cached(comparison_queries.municipality_funnel)(f)
    row = df[df["municipality"] == f.municipality]
    if row.empty:
        return comparison.standing_badge(None)
    r, w = row.iloc[0], wording.words(f.region)
    return comparison.standing_badge(r["standing"], total=r["total"], target=r["target"],
                                     n=int(r["n"]),
                                     scope=theme.founder_scope(f.founder, w), w=w)


def _peers_section(f: Filters, peers: str | None):
    munis = cached(queries.municipalities)(f.region)
    auto = cached(comparison_queries.peers)(f)
    chosen = comparison.parse_peers(peers, munis["oktmo"])
    return section("Сравнение с похожими", html.Div([
        dcc.Store(id="district-peers-auto", data=auto),
        dmc.Group([
            dmc.MultiSelect(id="district-peers", data=comparison.peer_options(munis, f.municipality),
                            value=auto if chosen is None else chosen, searchable=True,
                            clearable=True, maxValues=12, w=720, size="md",
                            placeholder="Выберите муниципальные образования",
                            nothingFoundMessage="Не найдено", comboboxProps={"zIndex": 400},
                            **{"aria-label": "Муниципальные образования для сравнения"}),
            dmc.Button("Как было", id="district-peers-reset", variant="light", size="md"),
        ], align="flex-end", className="peers-toolbar"),
        loading("district-peers-table", minHeight="120px"),
    ]), description=f"Средние по организациям, оценённым в {f.year} году, и доля оценённых "
                    f"за три года. {comparison.AUTO_PEERS}")


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
    latest = table.present(df[df["year"] == f.year], f)
    w = wording.words(f.region)
    return (district.history_figure(df, name, f.sector, f.founder, w),
            data_table(table.present(df, f)),
            district.criteria_figure(df, f.year, f.sector, f.founder, w), data_table(latest))


@callback(Output("district-organizations", "children"), Input("page-filters", "data"))
def _organizations(data):
    f = Filters(**data)
    query = "?" + urlencode(f.as_query())
    return district.organizations_table(cached(queries.ranking)(f), f.year, query)


@callback(Output("district-shortcomings", "figure"),
          Output("district-shortcomings-table", "children"), Input("page-filters", "data"))
def _shortcomings(data):
    f = Filters(**data)
    df = cached(district_queries.frequent_shortcomings)(f)
    return (district.shortcomings_figure(df),
            data_table(TABLES["district-shortcomings"].present(district.shortcoming_rows(df), f)))


outliers_callback("district-funnel", comparison.funnel_views)


@callback(Output("url", "href", allow_duplicate=True), Input("district-funnel", "clickData"),
          State("page-filters", "data"), prevent_initial_call=True)
def _open_organization(click, data):
    points = (click or {}).get("points") or []
    if not points or points[0].get("customdata") in (None, "") or not data:
        return dash.no_update
    return f"/organization/{int(points[0]['customdata'])}?" + urlencode(
        Filters(**data).as_query())


@callback(Output("district-peers-table", "children"), Input("district-peers", "value"),
          Input("page-filters", "data"))
def _peers(chosen, data):
    f = Filters(**data)
    df = cached(comparison_queries.peer_comparison)(f, tuple(chosen or ()))
    keep = {k: v for k, v in f.as_query().items() if k != "municipality"}
    return comparison.peer_table(df, "?" + urlencode(keep), wording.words(f.region))


@callback(Output("district-peers", "value"), Input("district-peers-reset", "n_clicks"),
          State("district-peers-auto", "data"), prevent_initial_call=True)
def _reset_peers(_clicks, auto):
    return auto or []


# The automatic choice stays out of the address: a link then follows the data.
clientside_callback(
    """function(v, auto) {
        var text = (v || []).join(","), fallback = (auto || []).join(",");
        window.nokSetQuery("peers", text === "" && fallback !== "" ? "-" : text, fallback);
    }""",
    Input("district-peers", "value"), State("district-peers-auto", "data"),
    prevent_initial_call=True)
