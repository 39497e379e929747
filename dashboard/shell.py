"""The shell around every page: region, navigation, global filters kept in the URL, footer."""
from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

import dash
import dash_mantine_components as dmc
from dash import (
    ALL, Input, Output, State, callback, clientside_callback, ctx, dcc, html, no_update,
)

from dashboard import auth, setup, theme, wording
from dashboard import format as fmt
from dashboard.app import page_names
from dashboard.tables import download_target
from data_access import queries
from data_access import regions as regions_data
from data_access.filters import Filters
from data_access.reference.sectors import SECTORS
from data_access.users import ROLE_LABELS

ALL_VALUE = "all"
GLOBAL_KEYS = ("region", "year", "sector", "municipality", "founder")


def _query(search: str | None) -> dict[str, str]:
    return dict(parse_qsl((search or "").lstrip("?")))


def _filter_controls(f: Filters | None, munis) -> dmc.Group:
    years = [str(y) for y in queries.filter_options(f.region if f else None).years][::-1]
    w = wording.words(f.region if f else None)
    return dmc.Group([
        dmc.Select(id="f-year", label="Год", data=years, value=str(f.year) if f else None,
                   allowDeselect=False, w=110, comboboxProps={"zIndex": 400}),
        dmc.Select(id="f-sector", label="Сфера",
                   data=[{"value": ALL_VALUE, "label": theme.ALL_SECTORS}]
                   + [{"value": s.code, "label": s.name} for s in SECTORS],
                   value=(f.sector if f and f.sector else ALL_VALUE), allowDeselect=False,
                   w=230, comboboxProps={"zIndex": 400}),
        dmc.Select(id="f-municipality", label="Муниципальное образование",
                   data=[{"value": ALL_VALUE, "label": w.whole}]
                   + [{"value": r.oktmo, "label": r.name} for r in munis.itertuples()],
                   value=(f.municipality if f and f.municipality else ALL_VALUE),
                   searchable=True, allowDeselect=False, nothingFoundMessage="Не найдено",
                   w=290, comboboxProps={"zIndex": 400}),
        dmc.Select(id="f-founder", label="Учредитель",
                   data=_founder_data(w),
                   value=(f.founder if f and f.founder else ALL_VALUE), allowDeselect=False,
                   w=270, comboboxProps={"zIndex": 400}),
    ], gap="sm", align="flex-end", className="filters")


def _founder_data(w) -> list[dict]:
    return ([{"value": ALL_VALUE, "label": theme.ALL_FOUNDERS}]
            + [{"value": k, "label": v} for k, v in theme.founder_choices(w).items()])


def _user_box() -> html.Div:
    """Who is logged in and «Выйти» (a POST with the CSRF token), or «Войти» when reading
    without a login (public mode)."""
    user = auth.current()
    if user is None:
        return html.Div(html.A("Войти", href="/login", className="user-login"),
                        className="user-box")
    role = ROLE_LABELS.get(user.role, user.role)
    if user.sector:
        role += f" · {theme.sector_name(user.sector)}"
    return html.Div([
        html.Div([html.Div(user.login, className="user-name"),
                  html.Div(role, className="user-role")], className="user-who"),
        html.Form([dcc.Input(type="hidden", name="csrf_token", value=auth.csrf_token(),
                             id="logout-csrf"),
                   html.Button("Выйти", type="submit", className="user-logout")],
                  method="POST", action="/logout", className="user-logout-form"),
    ], className="user-box")


def _nav_pages(regions: int) -> list[tuple[str, str]]:
    """The pages in the navigation; «Россия» only with more than one subject loaded;
    «Загрузка данных» only for those who may import (the server enforces it:
    dashboard/auth.py)."""
    return [(path, name) for path, name in page_names()
            if (path != "/import" or auth.can_import_any())
            and (path != "/russia" or regions > 1)]


def layout(**_):
    regions = queries.regions()
    if regions.empty:
        return setup.empty_installation()
    region = regions.iloc[0]
    f = queries.resolve_filters({"region": region["code"]})
    munis = queries.municipalities(region["code"])
    header = dmc.Group([
        dmc.Group([
            dcc.Link(html.Div([html.Span("НОК", className="logo-mark"),
                               html.Span("монитор", className="logo-text")], className="logo"),
                     href="/"),
            html.Div(_region_title(region), id="shell-region", className="shell-region"),
        ], gap="md", wrap="nowrap"),
        dmc.Group([
            html.Div(_as_of_text(region), id="shell-as-of", className="as-of"),
            _user_box(),
        ], gap="lg", wrap="nowrap"),
    ], justify="space-between", h="100%", px="md", wrap="nowrap")
    nav = [dcc.Link(name, href=path, id={"type": "nav", "path": path}, className="nav-link")
           for path, name in _nav_pages(len(regions))]
    footer = html.Footer(_footer(region), id="shell-footer", className="footer")
    choose_region = dmc.Select(
        id="f-region", label="Субъект РФ", value=region["code"], searchable=True,
        data=[{"value": r.code, "label": r.name} for r in regions.itertuples()],
        allowDeselect=False, nothingFoundMessage="Не найдено", w=260,
        comboboxProps={"zIndex": 400},
        # one region loaded: nothing to choose
        style=None if len(regions) > 1 else {"display": "none"})
    return dmc.MantineProvider(
        theme={"fontFamily": theme.FONT, "primaryColor": "blue",
               "fontSizes": {"sm": "15px", "md": "16px"}},
        children=[
            dcc.Location(id="url", refresh="callback-nav"),
            dcc.Store(id="page-state", data={}),  # page-specific URL keys: url_state.py
            dcc.Store(id="shell-region-code", data=region["code"]),
            download_target(),
            dmc.AppShell([
                dmc.AppShellHeader(header),
                dmc.AppShellNavbar(html.Nav(nav, className="nav"), p="sm"),
                dmc.AppShellMain(html.Div([
                    html.Div(dmc.Group([choose_region, _filter_controls(f, munis)], gap="sm",
                                       align="flex-end"), className="filter-bar"),
                    html.Div(_setup_notice(region), id="shell-setup"),
                    dash.page_container, footer], className="main")),
            ], header={"height": 64}, navbar={"width": 200, "breakpoint": "sm"},
               padding="md"),
        ])


def _region_title(region) -> list:
    demo = ([html.Span("Демонстрационные данные", className="demo-badge")]
            if region["is_demo"] else [])
    return [html.Div([html.Div(region["name"], className="region-name"),
                      html.Div("независимая оценка качества условий оказания услуг",
                               className="region-caption")]), *demo]


def _setup_notice(region):
    return setup.setup_notice(region["name"], region["code"],
                              regions_data.progress(region["code"]))


def _as_of_text(region) -> str:
    as_of = region["data_as_of"]
    return f"данные на {fmt.date(as_of)}" if not fmt.missing(as_of) else ""


def _footer(region) -> list:
    as_of = region["data_as_of"]
    return [
        html.Span(f"данные на {fmt.date(as_of)}" if not fmt.missing(as_of)
                  else "дата данных не указана"),
        html.Span(" · Демонстрационные данные" if region["is_demo"] else ""),
        html.Span(" · НОК-монитор: приказ Минтруда России № 344н, постановление "
                  "Правительства РФ № 457"),
    ]


FEDERAL_PATH = "/russia"


@callback(
    Output("shell-region", "children"), Output("shell-as-of", "children"),
    Output("shell-footer", "children"), Output("f-municipality", "data"),
    Output("f-region", "value"), Output("shell-region-code", "data"),
    Output("shell-setup", "children"), Output("f-founder", "data"),
    Input("url", "search"), Input("url", "pathname"), State("shell-region-code", "data"),
    State("f-region", "value"),
)
def show_region(search, pathname, shown, chosen):
    """The header, the footer and the municipality choices follow the region in the URL (only
    when it changes: one region loaded, nothing happens); on «Россия» the header names the
    country, since every subject is shown there."""
    f = queries.resolve_filters(_query(search))
    federal = pathname == FEDERAL_PATH
    key = FEDERAL_PATH if federal else f.region
    if key == shown:
        return (no_update,) * 8
    rows = queries.regions()
    region = rows[rows["code"] == f.region].iloc[0]
    munis = ([{"value": ALL_VALUE, "label": wording.words(f.region).whole}]
             + [{"value": r.oktmo, "label": r.name}
                for r in queries.municipalities(f.region).itertuples()])
    title = _country_title(rows) if federal else _region_title(region)
    # setting the selector to the region it shows would reload the page (the clientside
    # callback below): only a region from the URL changes it
    chosen = no_update if f.region == chosen else f.region
    notice = None if federal else _setup_notice(region)
    return (title, _as_of_text(region), _footer(region), munis, chosen, key, notice,
            _founder_data(wording.words(f.region)))


def _country_title(rows) -> list:
    demo = ([html.Span("Демонстрационные данные", className="demo-badge")]
            if rows["is_demo"].any() else [])
    return [html.Div([html.Div("Российская Федерация", className="region-name"),
                      html.Div(f"субъектов в базе: {fmt.number(len(rows))}",
                               className="region-caption")]), *demo]


def _on_schedule(pathname: str | None) -> bool:
    """The schedule page also offers the years of a schedule approved before the data begin."""
    return pathname == "/schedule"


@callback(Output("f-year", "data"), Input("url", "pathname"), Input("url", "search"),
          State("f-year", "data"))
def year_choices(pathname, search, shown):
    """The region's years, latest first: they follow the region and the page."""
    region = queries.resolve_filters(_query(search)).region
    years = [str(y) for y in queries.filter_options(
        region, schedule=_on_schedule(pathname)).years][::-1]
    return no_update if years == shown else years


# A new region has its own municipalities, years and pages: start from its overview.
clientside_callback(
    """function (code) {
        const query = new URLSearchParams(window.location.search);
        if (!code || code === (query.get("region") || null)) { return; }
        window.location.assign("/?region=" + encodeURIComponent(code));
    }""",
    Input("f-region", "value"), prevent_initial_call=True)


@callback(
    Output("url", "pathname"), Output("url", "search"),
    Output("f-year", "value"), Output("f-sector", "value"), Output("f-municipality", "value"),
    Output("f-founder", "value"), Output("page-state", "data"),
    Input("url", "search"),
    Input("f-year", "value"), Input("f-sector", "value"), Input("f-municipality", "value"),
    Input("f-founder", "value"),
    State("page-state", "data"), State("url", "pathname"),
)
def sync_filters(search, year, sector, municipality, founder, page_state, pathname):
    """The URL is the one source of the filters: a link reproduces the view, a control
    change rewrites the link, and back/forward restore the controls."""
    current = _query(search)
    on_district = (pathname or "").startswith("/district/")
    if on_district:  # the profile's municipality is its path
        current["municipality"] = pathname.split("/")[2]
    if ctx.triggered_id in (None, "url"):
        f = queries.resolve_filters(current, schedule=_on_schedule(pathname))
        extra = {k: v for k, v in current.items() if k not in GLOBAL_KEYS}
        return (no_update, no_update, str(f.year), f.sector or ALL_VALUE,
                f.municipality or ALL_VALUE, f.founder or ALL_VALUE, extra)
    wanted = {**current, "year": year, "sector": sector, "municipality": municipality,
              "founder": founder}
    f = queries.resolve_filters({k: v for k, v in wanted.items() if v != ALL_VALUE},
                                schedule=_on_schedule(pathname))
    # page-specific keys (a measure, a sort) live in the address bar, which "url" may not
    # have seen (url_state.py writes them with replaceState); page-state mirrors them
    state = dict(page_state or {})
    path = no_update
    if on_district and ctx.triggered_id == "f-municipality":
        # the district profile follows the municipality filter; «весь край» leads to the Overview
        path = f"/district/{f.municipality}" if f.municipality else "/"
        state = {}  # another page: one district's peers are not the next one's
    new = "?" + urlencode({**f.as_query(), **state})
    return (path, no_update if new == search else new, no_update, no_update, no_update,
            no_update, no_update)


@callback(Output({"type": "nav", "path": ALL}, "href"), Input("url", "search"),
          State({"type": "nav", "path": ALL}, "id"))
def carry_filters(search, ids):
    """Navigation keeps the global filters, drops page-specific keys."""
    keep = {k: v for k, v in _query(search).items() if k in GLOBAL_KEYS}
    suffix = "?" + urlencode(keep) if keep else ""
    return [i["path"] + suffix for i in ids]


@callback(Output({"type": "nav", "path": ALL}, "className"), Input("url", "pathname"),
          State({"type": "nav", "path": ALL}, "id"))
def mark_active(pathname, ids):
    return ["nav-link active" if i["path"] == pathname else "nav-link" for i in ids]
