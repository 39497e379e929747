"""Request size limits (dashboard/limits.py): a body over its callback's limit is answered 413
in Russian before any of it is read — through the WSGI app with a body that counts the bytes
taken from it, and through a real gunicorn whose worker must not grow."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from werkzeug.test import EnvironBuilder

from dashboard import limits
from tests.data.test_auth import (  # noqa: F401  (fixtures)
    SCHOOL, app, client_as, import_body, plans_csv, site,
)

GB = 1024 ** 3
ROOT = Path(__file__).resolve().parents[2]


class CountingBody:
    """A request body of `size` bytes that exists only as far as it is read."""

    def __init__(self, head: bytes, size: int) -> None:
        self.head, self.size, self.taken = head, size, 0

    def read(self, n: int = -1) -> bytes:
        left = self.size - self.taken
        n = left if n is None or n < 0 else min(n, left)
        start = self.taken
        self.taken += n
        head = self.head[start:start + n]
        return head + b" " * (n - len(head))

    def readline(self, n: int = -1) -> bytes:
        return self.read(n)


def call(app, head: bytes, size: int, cookie: str = "", *, chunked: bool = False
         ) -> tuple[str, str, CountingBody]:
    body = CountingBody(head, size)
    environ = EnvironBuilder(path="/_dash-update-component", method="POST",
                             content_type="application/json").get_environ()
    environ["wsgi.input"] = body
    if chunked:  # the server passes the body on as it comes, its end unknown
        environ.pop("CONTENT_LENGTH", None)
        environ.update({"wsgi.input_terminated": True, "HTTP_TRANSFER_ENCODING": "chunked"})
    else:
        environ["CONTENT_LENGTH"] = str(size)
    if cookie:
        environ["HTTP_COOKIE"] = cookie
    status: list[str] = []
    chunks = app.server(environ, lambda s, _h, _e=None: status.append(s))
    text = b"".join(chunks).decode()
    return status[0], text, body


def cookie_of(client) -> str:
    return "; ".join(f"{c.key}={c.value}" for c in client._cookies.values())


READ_HEAD = b'{"output":"import-kind-help.children","inputs":['
IMPORT_HEAD = b'{"output":"..import-outcome.children...import-apply.disabled..","inputs":['


def test_an_anonymous_gigabyte_is_refused_unread(site):
    status, text, body = call(site, READ_HEAD, GB)
    assert status.startswith("413")
    assert "Запрос слишком большой" in text and "1\u00a0МБ" in text
    assert body.taken == 0


def test_an_anonymous_import_of_a_gigabyte_is_refused_after_a_peek(site):
    status, text, body = call(site, IMPORT_HEAD, GB)
    assert status.startswith("413")
    assert body.taken <= limits.PEEK_BYTES  # the output named, nothing more


def test_an_admins_200_mb_upload_is_refused_unread(site):
    cookie = cookie_of(client_as(site, "admin"))
    status, text, body = call(site, IMPORT_HEAD, 200 * 1024 * 1024, cookie)
    assert status.startswith("413")
    assert "Файл слишком большой для загрузки" in text and "28\u00a0МБ" in text
    assert body.taken <= limits.PEEK_BYTES


def test_a_viewer_gets_no_import_sized_limit(site):
    cookie = cookie_of(client_as(site, "viewer"))
    status, _text, body = call(site, IMPORT_HEAD, 5 * 1024 * 1024, cookie)
    assert status.startswith("413") and body.taken <= limits.PEEK_BYTES


def test_an_import_within_the_limit_still_works(site):
    """An upload of a few megabytes (over the callbacks' limit) reaches the importer."""
    client = client_as(site, "admin")
    padding = ("Иванова Мария Петровна;" * 80_000).encode()  # ~3 MB, a column nobody reads
    data = plans_csv(SCHOOL) + padding
    # as dash-renderer writes it: the output first (Flask's own JSON would sort the keys)
    response = client.post("/_dash-update-component", data=json.dumps(import_body(
        "plans", data)), content_type="application/json",
        headers={"X-CSRFToken": client.get_cookie("_csrf_token").value})
    assert response.status_code == 200
    assert "import-outcome" in response.get_json()["response"]


def test_a_body_without_length_is_cut_at_the_limit(site):
    """Chunked: no Content-Length to judge by; the body is read only up to the limit."""
    cookie = cookie_of(client_as(site, "viewer"))
    status, text, body = call(site, READ_HEAD, GB, cookie, chunked=True)
    assert status.startswith("413") and "Запрос слишком большой" in text
    assert body.taken <= limits.CALLBACK_BYTES + 65536


# ---------------------------------------------------------------- a real gunicorn

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


@pytest.fixture
def gunicorn(tmp_path):
    from data_access import db
    from tests.data.conftest import build_small
    url = f"sqlite:///{tmp_path / 'g.db'}"
    engine = db.make_engine(url)
    db.upgrade(engine)
    build_small(engine)
    engine.dispose()
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": url, "NOK_CACHE": "0", "REDIS_URL": ""}
    env.pop("REDIS_URL")
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "app:server", "--workers", "1",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("gunicorn did not start: " + proc.stderr.read().decode()[-2000:])
    workers = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True,
                             text=True).stdout.split()
    yield port, int(workers[0])
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=30)


def _raw(port: int, request: bytes, send_after: bytes = b"") -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall(request)
        try:
            for _ in range(8):  # a client that keeps sending: the server does not wait for it
                s.sendall(send_after)
        except OSError:
            pass
        chunks = []
        while True:
            try:
                chunk = s.recv(65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks)


def test_gunicorn_answers_a_gigabyte_413_and_its_worker_does_not_grow(gunicorn):
    port, worker = gunicorn
    _raw(port, b"GET /login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")  # warm
    before = _rss_kb(worker)
    head = (f"POST /_dash-update-component HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Content-Type: application/json\r\nContent-Length: {GB}\r\n\r\n").encode()
    answer = _raw(port, head + READ_HEAD, b" " * (1024 * 1024))
    status, _, rest = answer.partition(b"\r\n")
    assert status.startswith(b"HTTP/1.1 413"), answer[:300]
    assert "Запрос слишком большой".encode() in rest
    assert _rss_kb(worker) - before < 20 * 1024  # KB: not the gigabyte, nor a part of it


def test_gunicorn_sends_no_server_header(gunicorn):
    port, _ = gunicorn
    answer = _raw(port, b"GET /login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    headers = answer.partition(b"\r\n\r\n")[0].decode().lower().splitlines()
    assert headers[0].startswith("http/1.1 200")
    assert not [h for h in headers if h.startswith("server:")]
