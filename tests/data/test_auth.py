"""Access on the real app (Flask's test client, migrated database): the role matrix —
anonymous (public off / on), viewer, ministry (education), admin × page, read callback,
download, import preview of plans (own / other sector) and of assessments — plus login, its
rate limit, logout, cookie flags, CSRF and the security headers."""
from __future__ import annotations

import base64
import re

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from data_access import db, users
from data_access.models import ImportBatch, Organization
from data_access.settings import get_settings
from tests.data.conftest import build_small

PASSWORD = "correct-horse-1"
FILTERS = {"region": "23", "year": 2024, "sector": None, "municipality": None}
IMPORT_KEY = ("..import-outcome.children...import-apply.disabled...import-pending.data"
              "...import-job.data...import-poll.disabled...import-progress.children"
              "...import-cancel.disabled..")
PLAN_HEADER = ("ИНН;Год оценки;Критерий;Недостаток;Мероприятие;Плановый срок;"
               "Ответственный (ФИО);Должность ответственного\r\n")


def valid_inn(first9: str) -> str:
    weights = (2, 4, 10, 3, 5, 9, 4, 6, 8)
    return first9 + str(sum(int(d) * w for d, w in zip(first9, weights)) % 11 % 10)


# organizations 1 (education) and 4 (health) of tests/data/conftest.py, with valid INNs
SCHOOL, HOSPITAL = valid_inn("231000001"), valid_inn("231000004")


def plans_csv(inn: str) -> bytes:
    return (PLAN_HEADER + f"{inn};2024;К3;Нет пандуса;Установить пандус;30.06.2025;"
                          "Иванова Мария Петровна;директор\r\n").encode()


ASSESSMENTS_CSV = f"ИНН;Год;К1\r\n{SCHOOL};2024;90\r\n".encode()


def small_region(engine) -> None:
    """The hand-counted region with valid INNs for the school and the hospital, and on
    PostgreSQL the id sequences past the explicit ids, so that an import can add plans."""
    build_small(engine)
    with engine.begin() as conn:
        for org_id, inn in ((1, SCHOOL), (4, HOSPITAL)):
            conn.execute(update(Organization).where(Organization.id == org_id).values(inn=inn))
        if engine.dialect.name == "postgresql":
            for table in ("improvement_plan", "plan_measure"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                  f"(SELECT max(id) FROM {table}))"))


@pytest.fixture(scope="module")
def app():
    """The one app of the test process: Dash moves the callbacks registered with @callback
    into the first app created (tests/data/test_robust_urls.py does the same)."""
    import dash
    from dash.exceptions import AppNotFoundError
    try:
        return dash.get_app()
    except AppNotFoundError:
        from dashboard.app import create_app
        return create_app()


@pytest.fixture
def site(app, engine, monkeypatch):
    """The app on the small region with a user of each role; login required (public off)."""
    small_region(engine)
    import data_access.queries as q
    monkeypatch.setattr(db, "get_engine", lambda: engine)
    monkeypatch.setattr(q, "get_engine", lambda: engine)
    users.create_user("viewer", PASSWORD, "viewer", engine=engine)
    users.create_user("ministry", PASSWORD, "ministry", "education", engine=engine)
    users.create_user("admin", PASSWORD, "admin", engine=engine)
    before = app.server.config.get("NOK_PUBLIC_READ")
    app.server.config["NOK_PUBLIC_READ"] = False
    app.server.extensions["nok_limiter"].reset()
    yield app
    app.server.config["NOK_PUBLIC_READ"] = before
    get_settings.cache_clear()


def csrf_of(client) -> str:
    cookie = client.get_cookie("_csrf_token")
    return cookie.value if cookie else ""


def login(client, name: str, password: str = PASSWORD):
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.get_data(as_text=True))[1]
    return client.post("/login", data={"login": name, "password": password,
                                       "csrf_token": token, "next": "/plans"})


def client_as(app, who: str):
    """A client for `who`: anon, public (anonymous in public mode), or a user's login."""
    client = app.server.test_client()
    if who == "public":
        app.server.config["NOK_PUBLIC_READ"] = True
    elif who != "anon":
        assert login(client, who).status_code == 302
    client.get("/")  # the page: the CSRF cookie
    return client


def post_callback(client, body: dict):
    headers = {"X-CSRFToken": csrf_of(client)}
    return client.post("/_dash-update-component", json=body, headers=headers)


def import_body(kind: str, data: bytes, *, apply: bool = False, pending=None) -> dict:
    contents = "data:text/csv;base64," + base64.b64encode(data).decode()
    inputs = [{"id": "import-upload", "property": "contents", "value": contents},
              {"id": "import-kind", "property": "value", "value": kind},
              {"id": "import-sheet", "property": "value", "value": None},
              {"id": "import-apply", "property": "n_clicks", "value": 1 if apply else None}]
    state = [{"id": "import-upload", "property": "filename", "value": "план.csv"},
             {"id": "import-pending", "property": "data", "value": pending},
             {"id": "page-filters", "property": "data", "value": FILTERS}]
    outputs = [{"id": o.split(".")[0], "property": o.split(".")[1]}
               for o in IMPORT_KEY.strip(".").split("...")]
    changed = "import-apply.n_clicks" if apply else "import-upload.contents"
    return {"output": IMPORT_KEY, "outputs": outputs, "inputs": inputs, "state": state,
            "changedPropIds": [changed]}


def poll_key(app) -> str:
    return next(k for k in app.callback_map if "import-progress.children@" in k
                and "import-version.data" in k)


def poll_body(app, job_id: int) -> dict:
    key = poll_key(app)
    outputs = [{"id": o.split(".")[0], "property": o.split(".")[1].split("@")[0]}
               for o in key.strip(".").split("...")]
    return {"output": key, "outputs": outputs,
            "inputs": [{"id": "import-poll", "property": "n_intervals", "value": 1}],
            "state": [{"id": "import-job", "property": "data", "value": {"id": job_id}},
                      {"id": "import-version", "property": "data", "value": 0}],
            "changedPropIds": ["import-poll.n_intervals"]}


def finished(app, client, response) -> dict:
    """The import the response started as a background job, waited for and polled: the
    poll's response (the outcome in import-progress, the pending file, the journal's
    version)."""
    from data_access.imports import jobs
    job_id = response.get_json()["response"]["import-job"]["data"]["id"]
    jobs.wait(job_id)
    poll = post_callback(client, poll_body(app, job_id))
    assert poll.status_code == 200, poll.get_data(as_text=True)
    return poll.get_json()["response"]


def read_body() -> dict:
    """A read callback: the help of an import kind (columns of its template)."""
    return {"output": "import-kind-help.children",
            "outputs": {"id": "import-kind-help", "property": "children"},
            "inputs": [{"id": "import-kind", "property": "value", "value": "plans"}],
            "state": [], "changedPropIds": ["import-kind.value"]}


def download_body() -> dict:
    button = {"fmt": "csv", "table": "overview-sectors", "type": "export"}
    return {"output": "download.data", "outputs": {"id": "download", "property": "data"},
            "inputs": [[{"id": button, "property": "n_clicks", "value": 1}]],
            "state": [{"id": "page-filters", "property": "data", "value": FILTERS}],
            "changedPropIds": ['{"fmt":"csv","table":"overview-sectors","type":"export"}'
                               '.n_clicks']}


WHO = ["anon", "public", "viewer", "ministry", "admin"]
READ = {"anon": 401, "public": 200, "viewer": 200, "ministry": 200, "admin": 200}
# an import preview: allowed → 200 with a dry run; else 401 (no login) or 403 (role)
IMPORTS = {
    ("plans", SCHOOL): {"anon": 401, "public": 401, "viewer": 403, "ministry": 200,
                        "admin": 200},
    ("plans", HOSPITAL): {"anon": 401, "public": 401, "viewer": 403, "ministry": "rows",
                          "admin": 200},
    ("assessments", SCHOOL): {"anon": 401, "public": 401, "viewer": 403, "ministry": 403,
                              "admin": "rows"},
}


@pytest.mark.parametrize("who", WHO)
def test_page_get(site, who):
    response = client_as(site, who).get("/plans")
    if who == "anon":
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login?next=")
    else:
        assert response.status_code == 200


@pytest.mark.parametrize("who", WHO)
def test_layout_and_read_callback(site, who):
    client = client_as(site, who)
    assert client.get("/_dash-layout").status_code == READ[who]
    response = post_callback(client, read_body())
    assert response.status_code == READ[who]
    if READ[who] == 200:
        assert "Обязательные столбцы" in str(response.get_json())


@pytest.mark.parametrize("who", WHO)
def test_download_callback(site, who):
    response = post_callback(client_as(site, who), download_body())
    assert response.status_code == READ[who]
    if READ[who] == 200:
        data = response.get_json()["response"]["download"]["data"]
        assert data["filename"].endswith(".csv")
        assert "Образование" in base64.b64decode(data["content"]).decode("utf-8-sig")


@pytest.mark.parametrize("kind, inn", list(IMPORTS))
@pytest.mark.parametrize("who", WHO)
def test_import_preview(site, who, kind, inn):
    client = client_as(site, who)
    data = plans_csv(inn) if kind == "plans" else ASSESSMENTS_CSV
    response = post_callback(client, import_body(kind, data))
    expected = IMPORTS[kind, inn][who]
    if expected in (401, 403):
        assert response.status_code == expected
        return
    assert response.status_code == 200
    text = str(finished(site, client, response)["import-progress"]["children"])
    if expected == 200:
        assert "import-dry_run" in text, text[:2000]
    else:  # reached the importer, which rejected rows (another sector; or a bad file)
        assert "import-rejected" in text
    if (who, inn) == ("ministry", HOSPITAL):
        assert "организация сферы вашего министерства" in text


def test_ministry_applies_its_plan_and_the_batch_records_its_login(site, engine):
    client = client_as(site, "ministry")
    data = plans_csv(SCHOOL)
    preview = finished(site, client, post_callback(client, import_body("plans", data)))
    pending = preview["import-pending"]["data"]
    applied = finished(site, client, post_callback(
        client, import_body("plans", data, apply=True, pending=pending)))
    assert "import-applied" in str(applied["import-progress"])
    with Session(engine) as s:
        batch = s.scalars(select(ImportBatch).order_by(ImportBatch.id.desc())).first()
    assert (batch.result, batch.user_login, batch.kind) == ("applied", "ministry", "plans")


def test_import_needs_the_csrf_token(site):
    client = client_as(site, "admin")
    response = client.post("/_dash-update-component", json=import_body("plans", plans_csv(
        SCHOOL)))  # no X-CSRFToken header
    assert response.status_code == 403
    response = client.post("/_dash-update-component",
                           json=import_body("plans", plans_csv(SCHOOL)),
                           headers={"X-CSRFToken": csrf_of(client),
                                    "Origin": "https://evil.example"})
    assert response.status_code == 403


def test_import_journal_needs_a_login_even_in_public_mode(site):
    body = {"output": "import-history.children",
            "outputs": {"id": "import-history", "property": "children"},
            "inputs": [{"id": "import-version", "property": "data", "value": 0}],
            "state": [], "changedPropIds": []}
    assert post_callback(client_as(site, "public"), body).status_code == 401
    assert post_callback(client_as(site, "viewer"), body).status_code == 200


def test_navigation_shows_import_only_to_importers(site):
    for who, shown in [("public", False), ("viewer", False), ("ministry", True),
                       ("admin", True)]:
        layout = str(client_as(site, who).get("/_dash-layout").get_json())
        assert ("'/import'" in layout) == shown, who
        assert ("Выйти" in layout) == (who != "public")


def test_login_wrong_password_then_rate_limited(site):
    client = site.server.test_client()
    for _ in range(5):
        response = login(client, "viewer", "wrong-password")
        assert response.status_code == 401
        assert "Неверный логин или пароль" in response.get_data(as_text=True)
    response = login(client, "viewer", "wrong-password")
    assert response.status_code == 429
    assert "Слишком много попыток" in response.get_data(as_text=True)
    assert login(client, "viewer").status_code == 429  # even the right one, for a minute


def test_unknown_login_and_login_form_without_token(site):
    client = site.server.test_client()
    assert login(client, "nobody").status_code == 401
    response = client.post("/login", data={"login": "admin", "password": PASSWORD})
    assert response.status_code == 400


def test_login_redirects_only_within_the_site(site):
    client = site.server.test_client()
    page = client.get("/login?next=//evil.example/x").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
    response = client.post("/login", data={"login": "admin", "password": PASSWORD,
                                           "csrf_token": token, "next": "//evil.example/x"})
    assert response.headers["Location"] == "/"


def test_cookie_flags(site):
    client = site.server.test_client()
    response = login(client, "admin")
    cookies = {c.split("=", 1)[0]: c for c in response.headers.getlist("Set-Cookie")}
    session = cookies["nok_session"]
    assert "HttpOnly" in session and "SameSite=Lax" in session and "Secure" not in session
    assert "SameSite=Strict" in cookies["_csrf_token"]
    assert "HttpOnly" not in cookies["_csrf_token"]  # the renderer reads it


def test_logout(site):
    client = client_as(site, "admin")
    assert client.get("/plans").status_code == 200
    assert client.post("/logout").status_code == 403  # no token
    response = client.post("/logout", data={"csrf_token": csrf_of(client)})
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert client.get("/plans").status_code == 302
    assert post_callback(client, read_body()).status_code == 401


def test_security_headers_and_no_server_banner(site):
    client = client_as(site, "viewer")
    for path in ("/", "/login", "/_dash-layout", "/assets/login.css"):
        headers = client.get(path).headers
        csp = headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp
        assert "'sha256-" in csp  # Dash's inline bootstrap, by hash (no 'unsafe-inline')
        assert "script-src 'self' 'unsafe-eval' 'sha256-" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert "Server" not in headers


def test_static_files_need_no_login(site):
    client = site.server.test_client()
    assert client.get("/assets/login.css").status_code == 200
    assert client.get("/login").status_code == 200


def test_a_password_or_role_change_ends_the_sessions_made_before(site, engine):
    client = client_as(site, "ministry")
    assert client.get("/plans").status_code == 200
    users.set_role("ministry", "ministry", "culture", actor="admin", engine=engine)
    assert client.get("/plans").status_code == 302
    client = client_as(site, "viewer")
    users.set_password("viewer", "another-password-1", actor="admin", engine=engine)
    assert post_callback(client, read_body()).status_code == 401


def test_a_ministry_cannot_smuggle_another_kind_past_the_guard(site):
    """The kind is read where Dash reads it (by position); the callback checks again."""
    client = client_as(site, "ministry")
    body = import_body("assessments", ASSESSMENTS_CSV)
    body["inputs"][0] = {"id": "import-kind", "property": "value", "value": "plans"}
    assert post_callback(client, body).status_code == 403
    body = import_body("assessments", ASSESSMENTS_CSV)
    body["inputs"][1]["id"] = "something-else"
    assert post_callback(client, body).status_code == 403
