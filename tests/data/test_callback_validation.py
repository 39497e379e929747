"""The filters a client sends with a callback are checked on the server (dashboard/validate.py):
values the pages would never send are answered 400 in Russian, before any query or cache key;
300 made-up years add no cache entries (in Redis, when it is there); requests that are not
what the renderer sends (a JSON list, an unknown output, an unknown download table) get 400
instead of a 500."""
from __future__ import annotations

import uuid

import pytest

from dashboard import cache
from tests.data.test_auth import (  # noqa: F401  (fixtures)
    FILTERS, app, client_as, download_body, post_callback, site,
)

REDIS = "redis://127.0.0.1:6379/13"   # not the database of a running dashboard


def rules_body(filters) -> dict:
    """The methodology page's rules: one cached query of the filters."""
    return {"output": "methodology-rules.children",
            "outputs": {"id": "methodology-rules", "property": "children"},
            "inputs": [{"id": "page-filters", "property": "data", "value": filters}],
            "changedPropIds": ["page-filters.data"]}


VALID = {**FILTERS, "founder": None}
BAD = [
    {**VALID, "year": "2026 OR 1=1"},
    {**VALID, "year": 99999},
    {**VALID, "year": "2024"},             # the right year, but not as the page sends it
    {**VALID, "extra": 1},
    {**VALID, "region": "77"},             # not in the database
    {**VALID, "sector": "sport"},
    {**VALID, "municipality": "45000000"},  # not of this region
    {**VALID, "founder": "<script>"},
    {k: v for k, v in VALID.items() if k != "year"},
    [VALID],
    "2024",
]


def test_valid_filters_pass(site):
    response = post_callback(client_as(site, "viewer"), rules_body(VALID))
    assert response.status_code == 200
    assert "2024" in str(response.get_json())


@pytest.mark.parametrize("filters", BAD, ids=lambda f: str(f)[:60])
def test_filters_the_pages_never_send_are_refused(site, filters):
    response = post_callback(client_as(site, "viewer"), rules_body(filters))
    assert response.status_code == 400
    assert response.get_data(as_text=True).startswith("Неверные фильтры в запросе")


def test_the_download_checks_its_filters_too(site):
    body = download_body()
    body["state"][0]["value"] = {**VALID, "year": 3000}
    assert post_callback(client_as(site, "viewer"), body).status_code == 400


def test_public_readers_are_checked_the_same(site):
    response = post_callback(client_as(site, "public"), rules_body({**VALID, "year": 99999}))
    assert response.status_code == 400


def test_an_anonymous_client_still_gets_401_first(site):
    assert post_callback(client_as(site, "anon"), rules_body(["x"])).status_code == 401


def _reachable(url: str) -> bool:
    import redis
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except (redis.exceptions.RedisError, OSError):
        return False


@pytest.fixture
def redis_cache(site, monkeypatch):
    """The app's cache in Redis under a key prefix of this test only."""
    if not _reachable(REDIS):
        pytest.skip("Redis на 127.0.0.1:6379 недоступен")
    import redis
    from flask_caching.backends.rediscache import RedisCache
    prefix = f"nok-test-{uuid.uuid4().hex[:8]}:"
    backend = RedisCache(host="127.0.0.1", port=6379, db=13, key_prefix=prefix)
    monkeypatch.setitem(site.server.extensions["cache"], cache.cache, backend)
    monkeypatch.setitem(site.server.config, cache.FLAG, True)
    client = redis.Redis.from_url(REDIS)
    yield lambda: len(client.keys(prefix + "*"))
    for key in client.scan_iter(prefix + "*"):
        client.delete(key)


def test_three_hundred_made_up_years_add_no_cache_entries(site, redis_cache):
    client = client_as(site, "viewer")
    assert redis_cache() == 0
    assert post_callback(client, rules_body(VALID)).status_code == 200
    cached = redis_cache()
    assert cached > 0  # the view and the options it was checked against: the cache is on
    statuses = {post_callback(client, rules_body({**VALID, "year": year})).status_code
                for year in range(3000, 3300)}
    assert statuses == {400}
    assert redis_cache() == cached


# ---------------------------------------------------------------- not what the renderer sends

def test_a_json_list_is_a_bad_request(site):
    client = client_as(site, "viewer")
    for body in ([rules_body(VALID)], "text", 5, {"output": 5}):
        response = post_callback(client, body)
        assert response.status_code == 400, body
        assert "ожидался объект JSON" in response.get_data(as_text=True)
    response = client.post("/_dash-update-component", data=b"{not json",
                           content_type="application/json",
                           headers={"X-CSRFToken": client.get_cookie("_csrf_token").value})
    assert response.status_code == 400


def test_an_unknown_output_is_a_bad_request(site):
    body = rules_body(VALID)
    body["output"] = "nothing-here.children"
    response = post_callback(client_as(site, "viewer"), body)
    assert response.status_code == 400
    assert "такого элемента на страницах нет" in response.get_data(as_text=True)


def test_an_unknown_download_table_is_a_bad_request(site):
    body = download_body()
    bogus = {"fmt": "csv", "table": "no-such-table", "type": "export"}
    body["inputs"][0][0]["id"] = bogus
    body["changedPropIds"] = ['{"fmt":"csv","table":"no-such-table","type":"export"}.n_clicks']
    response = post_callback(client_as(site, "viewer"), body)
    assert response.status_code == 400
    assert "такой таблицы нет" in response.get_data(as_text=True)
    body = download_body()  # a known button, an unknown trigger
    body["changedPropIds"] = ['{"fmt":"csv","table":"no-such-table","type":"export"}.n_clicks']
    assert post_callback(client_as(site, "viewer"), body).status_code == 400


def test_made_up_peers_are_a_bad_request(site):
    body = {"output": "district-peers-table.children",
            "outputs": {"id": "district-peers-table", "property": "children"},
            "inputs": [{"id": "district-peers", "property": "value",
                        "value": ["99999999"]},
                       {"id": "page-filters", "property": "data", "value": VALID}],
            "changedPropIds": ["district-peers.value"]}
    response = post_callback(client_as(site, "viewer"), body)
    assert response.status_code == 400
    assert "для сравнения" in response.get_data(as_text=True)
