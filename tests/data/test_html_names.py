"""Names containing HTML or script are shown as text: the profile's and the ranking's
serialized layout carry the name as a plain string (React escapes text), the ranking's
markdown link escapes it, and nothing renders raw HTML."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.data.test_robust_urls import dashboard_app, public_read, route, seeded_database

NAME = "<script>alert(1)</script><b>Школа</b>"
ROOT = Path(__file__).resolve().parents[2]


def rename(engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("UPDATE organization SET name = :n WHERE id = "
                          "(SELECT min(a.organization_id) FROM assessment a)"), {"n": NAME})


@pytest.fixture(scope="module")
def named(tmp_path_factory):
    with seeded_database("sqlite", tmp_path_factory.mktemp("names"), rename) as engine:
        app = dashboard_app()
        with public_read(app):
            client = app.server.test_client()
            client.get("/")
            with engine.connect() as conn:
                org = conn.scalar(text("SELECT id FROM organization WHERE name = :n"),
                                  {"n": NAME})
            yield app, client, org


def strings(node):
    if isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)
    elif isinstance(node, str):
        yield node


def test_the_profile_shows_the_name_as_text(named):
    app, client, org = named
    response = route(app, client, f"/organization/{org}", "")
    assert response.status_code == 200
    payload = response.get_json()
    assert NAME in set(strings(payload))  # the title: a plain text child
    raw = response.get_data(as_text=True)
    assert "dangerouslySetInnerHTML" not in raw and '"Markdown"' not in raw


def test_the_ranking_escapes_the_name_in_its_markdown_link(named):
    app, client, org = named
    key = next(k for k in app.callback_map if "results-grid" in k
               and [(i["id"], i["property"]) for i in app.callback_map[k]["inputs"]]
               == [("page-filters", "data")])
    outputs = [{"id": o.split(".")[0], "property": o.split(".")[1]}
               for o in key.strip(".").split("...")]
    filters = json.loads(json.dumps(route(app, client, "/results", "").get_json()))
    from tests.data.test_robust_urls import find
    data = find(filters["response"], "page-filters")["data"]
    response = client.post("/_dash-update-component", json={
        "output": key, "outputs": outputs, "inputs": [
            {"id": "page-filters", "property": "data", "value": data}],
        "state": [], "changedPropIds": ["page-filters.data"]})
    assert response.status_code == 200
    everything = list(strings(response.get_json()))
    links = [s for s in everything if s.startswith("[")
             and re.search(rf"/organization/{org}[?)]", s)]
    assert links, "the organization is in the ranking"
    link = links[0]
    assert "<script>" not in link and r"\<script\>" in link  # markdown shows it literally
    raw = response.get_data(as_text=True)
    assert '"dangerously_allow_code": true' not in raw.replace("True", "true")
    assert "dangerouslySetInnerHTML" not in raw


def test_no_code_renders_raw_html():
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "dashboard").rglob("*.py"))
    assert not re.search(r"dangerously_allow_(code|html)\s*=\s*True", code)
    assert "dangerouslySetInnerHTML" not in code
    assert "dcc.Markdown(" not in code or "dangerously_allow_html=True" not in code
