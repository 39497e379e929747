"""The shell's region selector: hidden with one region loaded, offered with two; the year
choices follow the region and the page (the schedule reaches back to a schedule approved
before the data). Through the app's layout and callbacks, on the hand-made region."""
from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import insert

from data_access.models import Milestone, Region
from tests.data.test_robust_urls import app_url, dashboard_app, database, public_read


def _find(node, component_id: str):
    if isinstance(node, dict):
        if node.get("props", {}).get("id") == component_id:
            return node
        return next((found for v in node.values() if (found := _find(v, component_id))), None)
    if isinstance(node, list):
        return next((found for v in node if (found := _find(v, component_id))), None)
    return None


def _year_choices(client, app, pathname: str, search: str) -> list[str]:
    key = next(k for k in app.callback_map if k.startswith("f-year.data"))
    body = {"output": key, "outputs": {"id": "f-year", "property": "data"},
            "inputs": [{"id": "url", "property": "pathname", "value": pathname},
                       {"id": "url", "property": "search", "value": search}],
            "state": [{"id": "f-year", "property": "data", "value": None}],
            "changedPropIds": ["url.pathname"]}
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200
    return json.loads(response.data)["response"]["f-year"]["data"]


def test_selector_and_years_follow_the_regions(small):
    from dashboard import cache
    with database(app_url(small)):
        app = dashboard_app()
        with public_read(app):
            client = app.server.test_client()
            cache.clear()
            selector = _find(client.get("/_dash-layout").get_json(), "f-region")
            assert selector["props"]["style"] == {"display": "none"}

            with small.begin() as conn:
                conn.execute(insert(Region), [dict(id=2, code="26", name="Ставропольский край",
                                                   is_demo=True, data_as_of=dt.date(2024, 11, 1))])
                conn.execute(insert(Milestone), [dict(
                    region_id=1, year=2017, step=1, title="Этап", result="Итог",
                    responsible="Министерства", deadline=dt.date(2017, 3, 14))])
            cache.clear()
            selector = _find(client.get("/_dash-layout").get_json(), "f-region")
            assert selector["props"]["style"] is None
            assert [o["label"] for o in selector["props"]["data"]] == [
                "Тестовый край", "Ставропольский край"]

            assert _year_choices(client, app, "/", "?region=23") == ["2024", "2023", "2022"]
            assert _year_choices(client, app, "/schedule", "?region=23&year=2017") == [
                "2024", "2023", "2022", "2017"]
            assert _year_choices(client, app, "/schedule", "?region=26") == []
