"""The database unavailable: a Russian 503 page (no traceback, a retry hint, self-refresh),
the router callback shows the message inside the shell, and the app recovers by itself when
the database is back, without a restart."""
from __future__ import annotations

import os
import socket
import threading

import pytest
from sqlalchemy import text

from tests.conftest import TEST_DATABASE_URL
from tests.data.test_robust_urls import (
    dashboard_app, database, public_read, route, seeded_database,
)

MESSAGE = "База данных недоступна"
DOWN_URLS = {
    "postgresql": "postgresql+psycopg://postgres@127.0.0.1:1/nok?connect_timeout=2",
}


@pytest.fixture(scope="module")
def working(tmp_path_factory):
    with seeded_database("sqlite", tmp_path_factory.mktemp("down")) as engine:
        app = dashboard_app()
        with public_read(app):
            client = app.server.test_client()
            assert client.get("/").status_code == 200
            yield app, client, engine


def down_urls(tmp_path) -> list[str]:
    # a directory is not a database file: SQLite cannot open it
    return [f"sqlite:///{tmp_path}", DOWN_URLS["postgresql"]]


def assert_unavailable_page(response) -> None:
    assert response.status_code == 503
    body = response.get_data(as_text=True)
    assert MESSAGE in body
    assert "Traceback" not in body and "sqlalchemy" not in body.lower()
    assert '<meta http-equiv="refresh" content="15">' in body
    assert "обновится автоматически" in body
    assert response.headers["Retry-After"] == "15"
    assert 'lang="ru"' in body


@pytest.mark.parametrize("which", [0, 1], ids=["sqlite-unopenable", "postgresql-closed-port"])
def test_pages_answer_503_in_russian_and_recover(working, tmp_path, which):
    app, client, _ = working
    with database(down_urls(tmp_path)[which]):
        for path in ("/", "/results", "/district/03701000", "/organization/1"):
            assert_unavailable_page(client.get(path))
        layout = client.get("/_dash-layout")
        assert layout.status_code == 503 and MESSAGE in layout.get_data(as_text=True)
        routed = route(app, client, "/results", "?year=2026")
        assert routed.status_code == 200
        assert MESSAGE in routed.get_data(as_text=True)
        assert "_pages_store" not in routed.get_json()["response"]  # the rest unchanged
        key = next(k for k in app.callback_map
                   if [(i["id"], i["property"]) for i in app.callback_map[k]["inputs"]]
                   == [("page-filters", "data")])
        outputs = [{"id": o.split(".")[0], "property": o.split(".")[1]}
                   for o in key.strip(".").split("...")]
        filters = {"region": "23", "year": 2026, "sector": None, "municipality": None}
        other = client.post("/_dash-update-component", json={
            "output": key, "outputs": outputs if "..." in key else outputs[0],
            "inputs": [{"id": "page-filters", "property": "data", "value": filters}],
            "state": [], "changedPropIds": ["page-filters.data"]})
        assert other.status_code == 503 and MESSAGE in other.get_data(as_text=True)
    # the database back (the same app, no restart)
    assert client.get("/").status_code == 200
    assert client.get("/_dash-layout").status_code == 200
    routed = route(app, client, "/results", "?year=2026")
    assert routed.status_code == 200 and MESSAGE not in routed.get_data(as_text=True)


def test_assets_are_served_while_the_database_is_down(working, tmp_path):
    _, client, _ = working
    with database(down_urls(tmp_path)[0]):
        assert client.get("/_dash-dependencies").status_code == 200


# ---------------------------------------------------------------- PostgreSQL: same URL back

class Proxy:
    """A TCP relay to PostgreSQL that can be cut (every connection dropped, the port closed)
    and restored on the same port: the database going away and coming back under one URL."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self.sockets: list[socket.socket] = []
        self.listener: socket.socket | None = None

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self.sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(a, b) -> None:
        try:
            while data := a.recv(65536):
                b.sendall(data)
        except OSError:
            pass
        finally:
            for s in (a, b):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def cut(self) -> None:
        if self.listener:
            try:  # wakes the thread blocked in accept(), which would keep the port open
                self.listener.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self.listener.close()
            self.listener = None
        for s in self.sockets:
            try:
                s.shutdown(socket.SHUT_RDWR)
                s.close()
            except OSError:
                pass
        self.sockets.clear()


@pytest.mark.skipif(not TEST_DATABASE_URL, reason="PostgreSQL: TEST_DATABASE_URL")
def test_postgresql_going_away_and_back_under_the_same_url(tmp_path):
    from sqlalchemy.engine import make_url
    with seeded_database("postgresql", tmp_path) as engine:
        url = make_url(os.environ["DATABASE_URL"])
        proxy = Proxy((url.host or "127.0.0.1", url.port or 5432))
        proxy.start()
        app = dashboard_app()
        proxied = url.set(host="127.0.0.1", port=proxy.port).render_as_string(
            hide_password=False)
        try:
            with public_read(app), database(proxied):
                client = app.server.test_client()
                assert client.get("/").status_code == 200
                assert route(app, client, "/", "").status_code == 200
                proxy.cut()
                assert_unavailable_page(client.get("/"))
                routed = route(app, client, "/", "")
                assert routed.status_code == 200 and MESSAGE in routed.get_data(as_text=True)
                proxy.start()
                assert client.get("/").status_code == 200
                routed = route(app, client, "/", "")
                assert routed.status_code == 200
                assert MESSAGE not in routed.get_data(as_text=True)
        finally:
            proxy.cut()
            from data_access import db
            db.engine_for(proxied).dispose()


@pytest.mark.skipif(not TEST_DATABASE_URL, reason="PostgreSQL: TEST_DATABASE_URL")
def test_terminated_backends_are_replaced_by_pool_pre_ping(tmp_path):
    with seeded_database("postgresql", tmp_path) as engine:
        app = dashboard_app()
        with public_read(app):
            client = app.server.test_client()
            assert route(app, client, "/", "").status_code == 200
            from data_access import db
            app_engine = db.get_engine()
            assert app_engine.pool.checkedin() >= 1  # pooled connections exist
            # only the app's own pooled connection: other runs share the database `test`
            with app_engine.connect() as conn:
                pid = conn.execute(text("SELECT pg_backend_pid()")).scalar()
            with engine.connect() as conn:
                killed = conn.execute(text("SELECT count(pg_terminate_backend(:pid))"),
                                      {"pid": pid}).scalar()
            assert killed >= 1
            routed = route(app, client, "/", "")
            assert routed.status_code == 200
            assert MESSAGE not in routed.get_data(as_text=True)
