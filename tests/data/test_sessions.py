"""Server-side sessions: a logout, a password change and a role change revoke the session on
the server, so that a copy of the cookie taken before reads nothing afterwards."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from data_access import users
from data_access.models import UserSession
from tests.data.test_auth import (  # noqa: F401  (fixtures)
    app, client_as, csrf_of, post_callback, read_body, site,
)


def copy_of(app, client):
    """Another browser holding the same cookies (as a thief would)."""
    other = app.server.test_client()
    for cookie in client._cookies.values():
        other.set_cookie(cookie.key, cookie.value, domain=cookie.domain, path=cookie.path)
    return other


def test_a_cookie_copied_before_logout_reads_nothing_after_it(site):
    client = client_as(site, "admin")
    stolen = copy_of(site, client)
    assert stolen.get("/_dash-layout").status_code == 200
    assert client.post("/logout", data={"csrf_token": csrf_of(client)}).status_code == 302
    assert stolen.get("/_dash-layout").status_code == 401
    assert stolen.get("/plans").status_code == 302
    assert post_callback(stolen, read_body()).status_code == 401


def test_logout_ends_only_its_own_session(site):
    first, second = client_as(site, "viewer"), client_as(site, "viewer")
    first.post("/logout", data={"csrf_token": csrf_of(first)})
    assert first.get("/_dash-layout").status_code == 401
    assert second.get("/_dash-layout").status_code == 200


def test_password_and_role_changes_revoke_every_session(site, engine):
    viewer, ministry = client_as(site, "viewer"), client_as(site, "ministry")
    users.set_password("viewer", "another-password-1", actor="admin", engine=engine)
    users.set_role("ministry", "viewer", actor="admin", engine=engine)
    assert viewer.get("/_dash-layout").status_code == 401
    assert ministry.get("/_dash-layout").status_code == 401
    with Session(engine) as s:
        rows = s.scalars(select(UserSession)).all()
    revoked = {r.user_id: r.revoked_at is not None for r in rows}
    assert revoked == {users.verify("viewer", "another-password-1", engine=engine).id: True,
                       users.get_user(2, engine=engine).id: True}


def test_an_expired_session_is_void(site, engine):
    client = client_as(site, "viewer")
    with Session(engine) as s, s.begin():
        s.execute(update(UserSession).values(
            expires_at=dt.datetime.now() - dt.timedelta(minutes=1)))
    assert client.get("/plans").status_code == 302


def test_the_cookie_holds_no_user_data_the_server_trusts(site, engine):
    """Only the token's hash is stored, and the session row names the user."""
    client = client_as(site, "admin")
    with Session(engine) as s:
        row = s.scalars(select(UserSession)).one()
    assert len(row.token_hash) == 64
    assert client.get("/_dash-layout").status_code == 200
