"""The first screen of an empty installation tells the steps, and an administrator (only)
creates a subject from it; a subject without results gets the steps above its pages."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from data_access import db, regions, users
from data_access.models import AuditEvent, Region
from data_access.settings import get_settings
from tests.data.test_auth import PASSWORD, app, client_as, csrf_of  # noqa: F401

CREATE_KEY = "new-region-result.children"


@pytest.fixture
def empty(app, engine, monkeypatch):  # noqa: F811
    import data_access.queries as q
    from dashboard import cache
    monkeypatch.setattr(db, "get_engine", lambda: engine)
    monkeypatch.setattr(q, "get_engine", lambda: engine)
    users.create_user("admin", PASSWORD, "admin", engine=engine)
    users.create_user("viewer", PASSWORD, "viewer", engine=engine)
    before = app.server.config.get("NOK_PUBLIC_READ")
    app.server.config["NOK_PUBLIC_READ"] = True
    app.server.extensions["nok_limiter"].reset()
    cache.clear()
    yield app
    app.server.config["NOK_PUBLIC_READ"] = before
    get_settings.cache_clear()
    cache.clear()


def _text(node) -> str:
    return json.dumps(node, ensure_ascii=False)


def create_body(code: str) -> dict:
    return {"output": CREATE_KEY, "outputs": {"id": "new-region-result", "property": "children"},
            "inputs": [{"id": "new-region-create", "property": "n_clicks", "value": 1}],
            "state": [{"id": "new-region-code", "property": "value", "value": code}],
            "changedPropIds": ["new-region-create.n_clicks"]}


def post(client, body):
    return client.post("/_dash-update-component", json=body,
                       headers={"X-CSRFToken": csrf_of(client)})


def test_the_empty_installation_tells_the_steps(empty):
    page = _text(empty.server.test_client().get("/_dash-layout").get_json())
    assert "НОК-монитор: начало работы" in page
    for step in ("python -m data_access add-region КОД", "import municipalities",
                 "load-boundaries", "import organizations", "import assessments"):
        assert step in page
    assert "new-region-create" not in page          # reading anonymously: no form
    assert "/login?next=/" in page


def test_only_an_administrator_creates_a_subject(empty, engine):
    assert post(client_as(empty, "public"), create_body("43")).status_code == 401
    empty.server.config["NOK_PUBLIC_READ"] = False
    assert post(client_as(empty, "viewer"), create_body("43")).status_code == 403
    admin = client_as(empty, "admin")
    assert "new-region-create" in _text(admin.get("/_dash-layout").get_json())
    done = post(admin, create_body("43"))
    assert done.status_code == 200
    assert "Субъект создан: Кировская область." in _text(done.get_json())
    with Session(engine) as s:
        assert s.scalar(select(Region.name)) == "Кировская область"
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "add_region"))
    assert (event.actor, event.target) == ("admin", "43")
    # without the CSRF token the server refuses
    plain = admin.post("/_dash-update-component", json=create_body("66"))
    assert plain.status_code == 403


def test_a_subject_without_results_shows_what_remains(empty, engine):
    regions.add_region("43", engine=engine)
    page = _text(empty.server.test_client().get("/_dash-layout").get_json())
    assert "Что осталось сделать" in page and "Кировская область" in page
    assert "import municipalities файл.xlsx --region 43" in page
    assert "Вся область" in page                     # the municipality filter's «all»
