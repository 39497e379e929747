"""Invalid URL queries and paths (unknown values, injection strings, huge values, repeated
keys, unicode, NUL) give the default view or «не найдено», never a 500: page GETs and the
pages' router callback, on a small seeded demo database (SQLite, and PostgreSQL with
TEST_DATABASE_URL)."""
from __future__ import annotations

import datetime as dt
import json
import os
from contextlib import contextmanager
from dataclasses import asdict
from urllib.parse import quote, urlencode

import pytest

from tests.conftest import BACKENDS, drop_engine, fresh_engine

AS_OF = dt.date(2026, 11, 23)

INJECTIONS = [
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "'; DROP TABLE organization; --",
    "1; SELECT pg_sleep(5)",
    "\" onmouseover=\"alert(1)",
    "{{7*7}}",
    "../../etc/passwd",
    "%00",
    "\x00",
    "образование",
    "２０９９",          # fullwidth digits (int() reads them: 2099, no such year)
    "²",                # a digit to str.isdigit, not to int()
    "1e400",
    "NaN",
    "-1",
    "99999999999999999999",
    "9" * 5000,
    "x" * 20000,
    "",
    "🙂" * 50,
]

BAD_QUERIES = [
    {"year": "abc"}, {"year": "99999999999999999999"}, {"year": "2025.5"}, {"year": "-0"},
    {"sector": "<script>alert(1)</script>"}, {"municipality": "' OR 1=1 --"},
    {"region": "'; DROP TABLE organization; --"}, {"region": "\x00"},
    {"year": "9" * 5000, "sector": "x" * 20000, "municipality": "🙂" * 1000},
    *({key: value} for key in ("region", "year", "sector", "municipality")
      for value in INJECTIONS),
]
REPEATED = ["year=2025&year=2024&sector=education&sector=culture",
            "municipality=03701000&municipality=' OR 1=1 --&region=23&region=24",
            "year&sector&municipality", "=&&==&year==2025", "%ZZ=%GG&year=%", "a" * 8000]


def dashboard_app():
    """The one app of the test process: Dash moves the callbacks registered with @callback
    into the first app created, so a second create_app() would lack them."""
    import dash
    from dash.exceptions import AppNotFoundError
    try:
        return dash.get_app()
    except AppNotFoundError:
        from dashboard.app import create_app
        return create_app()


@contextmanager
def database(url: str):
    """DATABASE_URL set to `url` for the app; the previous value restored afterwards."""
    from data_access.settings import get_settings
    before = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = url
    get_settings.cache_clear()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("DATABASE_URL", None)
        else:
            os.environ["DATABASE_URL"] = before
        get_settings.cache_clear()


def app_url(engine) -> str:
    """The URL the app should use for a test engine: on PostgreSQL the engine's own schema
    (fresh_engine sets it in connect options) goes into the URL as libpq options."""
    from tests.conftest import _schemas
    url = engine.url.render_as_string(hide_password=False)
    schema = _schemas.get(id(engine))
    if schema:
        url += ("&" if "?" in url else "?") + f"options=-csearch_path%3D{schema}"
    return url


@contextmanager
def seeded_database(backend: str, tmp_path, prepare=None):
    """A migrated demo database at 5 % size, as DATABASE_URL; `prepare(engine)` runs after
    seeding."""
    from data_access import db, demo
    engine = fresh_engine(backend, tmp_path)
    url = app_url(engine)
    try:
        demo.seed(engine, as_of=AS_OF, scale=0.05)
        if prepare:
            prepare(engine)
        with database(url):
            yield engine
    finally:
        db.engine_for(url).dispose()
        drop_engine(engine)


@pytest.fixture(scope="module", params=BACKENDS)
def seeded(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("robust")
    with seeded_database(request.param, tmp) as engine:
        app = dashboard_app()
        with public_read(app):
            client = app.server.test_client()
            assert client.get("/").status_code == 200  # registers the pages' router callback
            yield app, client, engine


@contextmanager
def public_read(app):
    """Reading without login (NOK_PUBLIC_READ) for the duration."""
    before = app.server.config.get("NOK_PUBLIC_READ")
    app.server.config["NOK_PUBLIC_READ"] = True
    try:
        yield
    finally:
        app.server.config["NOK_PUBLIC_READ"] = before


def router_key(app) -> str:
    return next(k for k in app.callback_map if "_pages_content.children" in k)


def route(app, client, path: str, search: str):
    """POST the pages' router callback as the renderer does on navigation."""
    key = router_key(app)
    inputs = [{"id": "_pages_location", "property": "pathname", "value": path},
              {"id": "_pages_location", "property": "search", "value": search}]
    outputs = [{"id": o.split(".")[0], "property": o.split(".")[1]}
               for o in key.strip(".").split("...")]
    body = {"output": key, "outputs": outputs, "inputs": inputs, "state": [],
            "changedPropIds": [f"{i['id']}.{i['property']}" for i in inputs]}
    return client.post("/_dash-update-component", json=body)


def find(node, component_id):
    """The props of the component with that id in a serialized layout."""
    if isinstance(node, dict):
        props = node.get("props")
        if isinstance(props, dict) and props.get("id") == component_id:
            return props
        for value in node.values():
            found = find(value, component_id)
            if found is not None:
                return found
    elif isinstance(node, list):
        for value in node:
            found = find(value, component_id)
            if found is not None:
                return found
    return None


def page_paths() -> list[str]:
    import dash
    return [p["path"] for p in dash.page_registry.values() if not p.get("path_template")]


def default_filters() -> dict:
    from data_access import queries
    return asdict(queries.resolve_filters({}))


# ---------------------------------------------------------------- page GETs

def test_every_page_with_bad_queries_answers_200(seeded):
    app, client, _ = seeded
    paths = page_paths()
    assert "/" in paths and "/results" in paths
    for path in paths:
        for query in BAD_QUERIES:
            response = client.get(f"{path}?{urlencode(query)}")
            assert response.status_code == 200, (path, query, response.status_code)
        for raw in REPEATED:
            response = client.get(f"{path}?{raw}")
            assert response.status_code == 200, (path, raw, response.status_code)


@pytest.mark.parametrize("template", ["/district/{}", "/organization/{}"])
def test_profile_paths_with_bad_values_answer_200(seeded, template):
    _, client, _ = seeded
    for value in INJECTIONS[:-2] + ["0", "-5", "1.5", "03701000 OR 1=1"]:
        response = client.get(template.format(quote(value, safe="")))
        assert response.status_code == 200, (template, value, response.status_code)


# ---------------------------------------------------------------- the router callback

def test_router_with_bad_queries_gives_the_default_view(seeded):
    app, client, _ = seeded
    expected = default_filters()
    for path in [p for p in page_paths() if p != "/import"]:
        searches = ["?" + urlencode(q) for q in BAD_QUERIES] + ["?" + r for r in REPEATED]
        for search in searches:
            response = route(app, client, path, search)
            assert response.status_code == 200, (path, search[:80], response.status_code,
                                                 response.get_data(as_text=True)[:500])
            store = find(response.get_json()["response"], "page-filters")
            assert store is not None, (path, search[:80])
            data = store["data"]
            if path in ("/methodology", "/report") and data is None:
                continue
            # a known year or sector in a repeated key may legitimately be taken; the rest
            # of every bad value falls back to the default
            if "year=2025&year=2024" in search or "region=23&region=24" in search:
                assert data["region"] == expected["region"]
                continue
            assert data == expected, (path, search[:80], data)


def test_router_with_a_search_that_is_not_a_string_is_harmless(seeded):
    app, client, _ = seeded
    for search in [None, "", "?", "??year=2025", "year=2025", "#frag"]:
        response = route(app, client, "/", search)
        assert response.status_code == 200, (search, response.status_code)


# Known 500s in files of the pages (reported; the test flips to a pass when they are fixed):
# organization.py calls int() on anything str.isdigit() accepts («²», 20 digits: out of the
# INTEGER range); district.py passes a NUL byte to PostgreSQL, which refuses it.
KNOWN = {("/organization/{}", "99999999999999999999"): "организация: номер вне INTEGER",
         ("/organization/{}", "9" * 400): "организация: номер вне INTEGER",
         ("/organization/{}", "²"): "организация: int('²') — ValueError",
         ("/district/{}", "\x00"): "МО: NUL в запросе к PostgreSQL"}
NOT_FOUND_VALUES = ["abc", "' OR 1=1 --", "<script>alert(1)</script>", "0", "-1", "99999",
                    "99999999999999999999", "1e3", "²", "\x00", "%00", "9" * 400, "🙂",
                    "03701000' OR '1'='1"]


@pytest.mark.parametrize("template", ["/district/{}", "/organization/{}"])
@pytest.mark.parametrize("value", NOT_FOUND_VALUES, ids=lambda v: repr(v[:12]))
def test_profiles_with_bad_values_say_not_found(seeded, template, value):
    app, client, _ = seeded
    response = route(app, client, template.format(value), "?year=abc")
    if response.status_code == 500 and (template, value) in KNOWN:
        pytest.xfail(KNOWN[(template, value)])
    assert response.status_code == 200, (template, value, response.status_code,
                                         response.get_data(as_text=True)[:300])
    text = json.dumps(response.get_json(), ensure_ascii=False)
    assert "не найден" in text, (template, value)


def test_a_real_district_and_organization_still_open(seeded):
    app, client, engine = seeded
    from sqlalchemy import text
    with engine.connect() as conn:
        oktmo = conn.scalar(text("SELECT oktmo FROM municipality ORDER BY id LIMIT 1"))
        org = conn.scalar(text("SELECT id FROM organization ORDER BY id LIMIT 1"))
    for path in (f"/district/{oktmo}", f"/organization/{org}"):
        response = route(app, client, path, "?year=abc&sector=<b>")
        assert response.status_code == 200
        text_ = json.dumps(response.get_json(), ensure_ascii=False)
        assert "не найден" not in text_, path
