"""Requests that used to end in a 500 get a clear Russian answer: a login link whose «next»
carries a line break; and the login limit counts failures per address and account together,
so random logins from one address lock out nobody else there. (A JSON list, an unknown output
and an unknown download table: tests/data/test_callback_validation.py; the file of 100 001
rows: tests/data/test_import_limits.py; the Server header: tests/data/test_request_limits.py.)"""
from __future__ import annotations

import re
import uuid

import pytest

from tests.data.test_auth import (  # noqa: F401  (fixtures)
    PASSWORD, app, client_as, login, site,
)

CRLF_NEXT = ["/plans\r\nSet-Cookie: x=1", "/\nx", "/\x00", "/plans\u2028x"]


@pytest.mark.parametrize("target", CRLF_NEXT, ids=repr)
def test_a_next_with_a_line_break_is_a_bad_request(site, target):
    from urllib.parse import quote
    client = site.server.test_client()
    raw = quote(target, safe="/")
    response = client.get(f"/login?next={raw}")
    assert response.status_code == 400
    assert "управляющие символы" in response.get_data(as_text=True)
    # logged in, the same link used to be a redirect with a broken header: 500
    assert login(client, "viewer").status_code == 302
    response = client.get(f"/login?next={raw}")
    assert response.status_code == 400
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    data = {"login": "viewer", "password": PASSWORD, "next": target,
            "csrf_token": token[1] if token else ""}
    assert client.post("/login", data=data).status_code == 400


def test_random_logins_from_one_address_lock_out_no_one_else(site):
    attacker = site.server.test_client()
    for _ in range(30):
        response = login(attacker, f"nobody-{uuid.uuid4().hex[:8]}", "wrong-password")
        assert response.status_code == 401
    colleague = site.server.test_client()  # the same address (127.0.0.1)
    assert login(colleague, "viewer").status_code == 302
    assert colleague.get("/plans").status_code == 200


def test_one_account_is_still_limited_from_one_address(site):
    client = site.server.test_client()
    for _ in range(5):
        assert login(client, "admin", "wrong-password").status_code == 401
    assert login(client, "admin").status_code == 429
    assert login(site.server.test_client(), "viewer").status_code == 302  # another account
