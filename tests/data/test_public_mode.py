"""Reading without a login (NOK_PUBLIC_READ=1) shows no staff data: the sources on the
methodology page name neither the importer's login nor the file, and do not quote a rejected
file's message (which cites its cells); a logged-in reader still sees them."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import insert
from sqlalchemy.orm import Session

from data_access import imports
from data_access.models import Boundary
from tests.data.test_auth import (  # noqa: F401  (fixtures)
    FILTERS, app, client_as, plans_csv, post_callback, site,
)

SECRET_CELL = "ТАЙНА-7731"
FILE = "служебный-файл-министерства.csv"
SQUARE = '{"type": "Polygon", "coordinates": [[[0, 0], [0, 1], [1, 1], [0, 0]]]}'


def sources_body() -> dict:
    return {"output": "methodology-sources.children",
            "outputs": {"id": "methodology-sources", "property": "children"},
            "inputs": [{"id": "page-filters", "property": "data", "value": FILTERS}],
            "changedPropIds": ["page-filters.data"]}


def test_public_readers_see_no_logins_file_names_or_contents(site, engine):
    result = imports.run_import("plans", plans_csv(SECRET_CELL), file_name=FILE,
                                engine=engine, user="admin")
    assert result.status == "rejected" and SECRET_CELL in result.summary()
    with Session(engine) as s, s.begin():
        s.execute(insert(Boundary), [dict(municipality_id=1, geometry=SQUARE,
                                          source="/srv/nok/granicy-sekret.geojson",
                                          loaded_at=dt.datetime(2024, 10, 1, 12, 0))])

    public = str(post_callback(client_as(site, "public"), sources_body()).get_json())
    assert "Последний импорт данных" in public and "отклонён" in public
    for secret in ("admin", FILE, SECRET_CELL, "granicy-sekret", "Пользователь"):
        assert secret not in public, secret
    assert "загружены" in public  # the boundaries: when, not from which file

    site.server.config["NOK_PUBLIC_READ"] = False
    staff = str(post_callback(client_as(site, "viewer"), sources_body()).get_json())
    for shown in ("admin", FILE, SECRET_CELL, "granicy-sekret"):
        assert shown in staff, shown
