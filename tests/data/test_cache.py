"""The query cache (dashboard/cache.py): a second call of a cached fetch does not reach the
database, other filters are other entries, an applied import shows its data at once, the cache
can be switched off, and with Redis two processes' caches share their entries."""
from __future__ import annotations

import datetime as dt
import uuid

import pytest
from flask import Flask
from sqlalchemy import event

from dashboard import cache, tables
from data_access import db, imports
from data_access.filters import Filters
from data_access.settings import get_settings

F = Filters(region="23", year=2024)
PLAN = "coverage-plan"   # planned vs assessed by sector: education planned 3 in 2024
COVERAGE_FILE = "Год;Сфера;Запланировано к оценке\r\n2024;Образование;7\r\n".encode()


@pytest.fixture(scope="module")
def app():
    """The one app of the test process (Dash moves @callback callbacks into the first app)."""
    import dash
    from dash.exceptions import AppNotFoundError
    try:
        return dash.get_app()
    except AppNotFoundError:
        from dashboard.app import create_app
        return create_app()


@pytest.fixture
def server(app, small, monkeypatch):
    """The app's Flask server reading the small region, its cache empty and switched on."""
    monkeypatch.setattr(db, "get_engine", lambda: small)
    import data_access.queries as q
    monkeypatch.setattr(q, "get_engine", lambda: small)
    monkeypatch.setitem(app.server.config, cache.FLAG, True)
    cache.clear()
    yield app.server
    cache.clear()


@pytest.fixture
def statements(small):
    """The SQL statements the small region's engine runs."""
    seen: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        seen.append(statement)
    event.listen(small, "before_cursor_execute", count)
    yield seen
    event.remove(small, "before_cursor_execute", count)


def planned(df, sector="education"):
    return df.set_index("sector").loc[sector, "planned"]


def test_a_second_call_in_the_same_request_runs_no_query(server, statements):
    table = tables.TABLES[PLAN]
    with server.test_request_context():
        first = table.fetch(F)
        assert statements, "the first call reads the database"
        statements.clear()
        second = table.fetch(F)
    assert statements == []
    assert second.equals(first)


def test_a_later_request_only_reads_the_data_version(server, statements):
    with server.test_request_context():
        tables.TABLES[PLAN].fetch(F)
    statements.clear()
    with server.test_request_context():
        df = tables.TABLES[PLAN].fetch(F)
        tables.TABLES["overview-sectors"].fetch(F)  # another entry: its queries run
        statements.clear()
        tables.TABLES["overview-sectors"].fetch(F)
    assert statements == []
    assert planned(df) == 3


def test_the_version_is_read_once_per_request(server, statements):
    with server.test_request_context():
        tables.TABLES[PLAN].fetch(F)
    statements.clear()
    with server.test_request_context():
        tables.TABLES[PLAN].fetch(F)
        tables.TABLES[PLAN].fetch(F)
    assert len(statements) == 1 and "import_batch" in statements[0]


def test_other_filters_are_other_entries(server, statements):
    with server.test_request_context():
        region = tables.TABLES[PLAN].fetch(F)
        statements.clear()
        culture = tables.TABLES[PLAN].fetch(F.replace(sector="culture"))
        assert statements, "other filters: the database is read"
        statements.clear()
        assert tables.TABLES[PLAN].fetch(F).equals(region)
        assert tables.TABLES[PLAN].fetch(F.replace(sector="culture")).equals(culture)
    assert statements == []
    assert culture["sector"].tolist() == ["culture"]
    assert len(region) == 3


def test_an_applied_import_is_seen_at_once(server, small):
    with server.test_request_context():
        assert planned(tables.TABLES[PLAN].fetch(F)) == 3
    result = imports.run_import("coverage-plans", COVERAGE_FILE, file_name="план.csv",
                                engine=small, user="тест", today=dt.date(2024, 11, 1))
    assert result.status == "applied" and result.updated == 1
    with server.test_request_context():
        assert planned(tables.TABLES[PLAN].fetch(F)) == 7


def test_another_process_sees_the_import_by_the_data_version(server, small):
    """The listener of this process clears its cache; another worker's cache is not cleared,
    yet its next request asks for a new key."""
    with server.test_request_context():
        assert planned(tables.TABLES[PLAN].fetch(F)) == 3
    imports.remove_listener(cache._imported)  # as in another process: nobody told this one
    try:
        imports.run_import("coverage-plans", COVERAGE_FILE, file_name="план.csv",
                           engine=small, user="тест", today=dt.date(2024, 11, 1))
    finally:
        imports.on_change(cache._imported)
    with server.test_request_context():
        assert planned(tables.TABLES[PLAN].fetch(F)) == 7


def test_a_dry_run_keeps_the_entries(server, small, statements):
    with server.test_request_context():
        tables.TABLES[PLAN].fetch(F)
    imports.run_import("coverage-plans", COVERAGE_FILE, file_name="план.csv", engine=small,
                       user="тест", dry_run=True)
    statements.clear()
    with server.test_request_context():
        assert planned(tables.TABLES[PLAN].fetch(F)) == 3
    assert len(statements) == 1  # the data version only


def test_switched_off_every_call_reads_the_database(server, statements, monkeypatch):
    monkeypatch.setitem(server.config, cache.FLAG, False)
    with server.test_request_context():
        tables.TABLES[PLAN].fetch(F)
        statements.clear()
        tables.TABLES[PLAN].fetch(F)
    assert statements


def test_the_setting_switches_it_off(monkeypatch):
    monkeypatch.setenv("NOK_CACHE", "0")
    get_settings.cache_clear()
    try:
        assert get_settings().cache is False
    finally:
        get_settings.cache_clear()


def test_outside_a_request_nothing_is_cached(small, statements, monkeypatch):
    monkeypatch.setattr(db, "get_engine", lambda: small)
    import data_access.queries as q
    monkeypatch.setattr(q, "get_engine", lambda: small)
    tables.TABLES[PLAN].fetch(F)
    statements.clear()
    tables.TABLES[PLAN].fetch(F)
    assert statements


def test_only_plain_arguments_make_a_key(server, statements):
    """A DataFrame's repr is cut short: two frames could share it, so it is never cached."""
    import pandas as pd
    calls = []
    frame_rows = cache.cached(lambda df: calls.append(1) or len(df), name="test:frame_rows")
    with server.test_request_context():
        assert frame_rows(pd.DataFrame({"a": range(1000)})) == 1000
        assert frame_rows(pd.DataFrame({"a": range(1000)})) == 1000
    assert len(calls) == 2
    assert cache._plain((F, ("sector", "year"), [dt.date(2024, 1, 1)], None, 1.5))


def test_a_lambda_needs_a_name():
    with pytest.raises(ValueError):
        cache.cached(lambda f: f)


# ---------------------------------------------------------------- Redis

def _redis_reachable(url: str) -> bool:
    import redis
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except (redis.exceptions.RedisError, OSError):
        return False


REDIS = "redis://127.0.0.1:6379/0"


@pytest.mark.skipif(not _redis_reachable(REDIS), reason="Redis на 127.0.0.1:6379 недоступен")
def test_with_redis_two_processes_share_the_entries(monkeypatch):
    from flask_caching import Cache
    monkeypatch.setenv("REDIS_URL", REDIS)
    get_settings.cache_clear()
    try:
        config = cache.config()
    finally:
        get_settings.cache_clear()
    assert config["CACHE_TYPE"] == "RedisCache"
    config["CACHE_KEY_PREFIX"] = f"nok-test-{uuid.uuid4().hex[:8]}:"  # this run's own keys
    workers = [Cache(), Cache()]
    apps = [Flask(f"worker{i}") for i in range(2)]
    for worker, flask_app in zip(workers, apps):
        worker.init_app(flask_app, config=config)
    frame = tables.TABLES["methodology-bands"].fetch.uncached(F)
    with apps[0].app_context():
        workers[0].set("bands", (frame,))
    try:
        with apps[1].app_context():
            (shared,) = workers[1].get("bands")
            assert shared.equals(frame)
    finally:
        with apps[0].app_context():
            workers[0].clear()


# ---------------------------------------------------------------- bounds

def test_the_in_process_cache_is_bounded_by_entries_and_bytes():
    bounded = cache.BoundedCache(threshold=10, default_timeout=60, max_bytes=50_000)
    for i in range(30):
        bounded.set(f"k{i}", "x" * 100)
    assert len(bounded._cache) == 10
    assert bounded.get("k29") == "x" * 100 and bounded.get("k0") is None  # the oldest went
    bounded.clear()
    for i in range(10):
        bounded.set(f"big{i}", "y" * 4_000)  # ~4 KB each: 50 KB hold about twelve
    bounded.set("last", "y" * 4_000)
    assert bounded.bytes <= 50_000 and bounded.get("last") == "y" * 4_000
    assert bounded.set("huge", "z" * 10_000) is False  # over a tenth of the bound
    assert bounded.get("huge") is None
    bounded.delete("last")
    assert bounded.bytes == sum(len(v) for _, v in bounded._cache.values())


def test_without_redis_the_cache_is_the_bounded_one(monkeypatch):
    from flask_caching import Cache
    monkeypatch.delenv("REDIS_URL", raising=False)
    get_settings.cache_clear()
    try:
        flask_app = Flask("bounded")
        own = Cache()
        own.init_app(flask_app, config=cache.config())
        backend = flask_app.extensions["cache"][own]
    finally:
        get_settings.cache_clear()
    assert isinstance(backend, cache.BoundedCache)
    assert (backend._threshold, backend.max_bytes) == (cache.THRESHOLD, cache.MAX_BYTES)


def test_the_projects_redis_configuration_caps_its_memory():
    from pathlib import Path
    conf = (Path(__file__).resolve().parents[2] / "deploy" / "redis.conf").read_text()
    lines = {line.split()[0]: line.split()[1] for line in conf.splitlines()
             if line.strip() and not line.startswith("#") and len(line.split()) > 1}
    assert lines["maxmemory"] == "256mb" and lines["maxmemory-policy"] == "allkeys-lru"
