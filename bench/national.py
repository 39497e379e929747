"""National scale: every page callback against the national demo set on PostgreSQL, beside the
bare SQL it runs, the naive pandas baseline, a gunicorn worker's memory and the first page
load in headless Chromium (targets of issue 6).

    .venv/bin/python bench/national.py --database postgresql+psycopg://…/nok_national \\
        [--seed] [--runs 3] [--regions 23,50,77] [--skip-naive] [--skip-server]

--seed fills an empty database with `seed-demo --scale national` as of 30.11.2026 (minutes).
Calls are built as bench/callbacks.py builds them (its helpers are imported): the pages'
router callback for every page (the layout, map geometry included), every callback fed by the
page filters, and those with inputs of their own (the shell's filter sync and region header,
the results trend, the map's measure switch), under four filter sets per region: the whole
region, one sector, the municipality with the most organizations, and both.

1. Server time through Dash's HTTP handler (Flask test client, no network) with the query
   cache off; right after each call the SQL statements it sent (recorded with a SQLAlchemy
   event) are replayed on a bare DBAPI cursor (execute + fetchall, no pandas, Dash or
   figures): «SQL». The ratio callback / SQL is over all runs and filter sets.
2. The same calls with the cache on (warmed once), p95.
3. Naive baseline for a few questions: the tables read whole with pandas.read_sql, then
   filtered and grouped in pandas, against the data_access query; the answers are compared.
4. gunicorn (2 workers, cache on): every call over HTTP, then the workers' peak RSS (VmHWM);
   the first load of the main pages in headless Chromium (navigation start to the moment no
   callback is pending), once on a cold server and once warm.

The output is Markdown for the README's «Скорость» section; nothing here is a test.
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import http.client
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import callbacks as base  # noqa: E402  (bench/callbacks.py: request bodies, callback lists)
import load  # noqa: E402  (bench/load.py: gunicorn started and stopped)

AS_OF = dt.date(2026, 11, 30)
DEFAULT_DB = "postgresql+psycopg://postgres@127.0.0.1:5432/nok_national"
REGIONS = ("23", "50", "77")  # Krasnodar, Moscow Oblast, Moscow: the largest subjects
SECTOR = "education"          # the largest sector
HOST, PORT = "127.0.0.1", 8361
GEO = ROOT.parent / "shared/geo/krasnodar-municipalities.geojson"
PAGES = ["/", "/coverage", "/results", "/map", "/plans", "/recommendations", "/schedule",
         "/methodology", "/report"]
BROWSER_PAGES = ["/", "/coverage", "/results", "/map", "/plans", "/report"]
TARGETS = {"uncached": 300, "cached": 50, "ratio": 1.5, "rss_mb": 400, "page_s": 2.0}


# ---------------------------------------------------------------- the database

def seed(url: str) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    parsed = make_url(url)
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if not conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                           {"n": parsed.database}):
            conn.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    admin.dispose()
    from data_access import boundaries, db, demo
    engine = db.make_engine(url)
    db.upgrade(engine)
    if demo.is_empty(engine):
        demo.seed(engine, as_of=AS_OF, national=True, progress=demo.print_progress)
    if GEO.exists() and not boundaries.has_boundaries(engine, "23"):
        boundaries.load(engine, GEO, "23")
    engine.dispose()


def counts(engine) -> dict[str, int]:
    from sqlalchemy import text
    names = ["region", "municipality", "organization", "assessment", "indicator_value",
             "plan_measure"]
    with engine.connect() as conn:
        return {n: conn.scalar(text(f"SELECT count(*) FROM {n}")) for n in names}


# ---------------------------------------------------------------- the calls

def scenarios(region: str) -> dict[str, dict]:
    """The four filter sets of a region, with its latest year and its municipality with the
    most organizations."""
    from data_access import queries
    from data_access.filters import Filters
    f = queries.resolve_filters({"region": region})
    munis = queries.municipalities(region)
    largest = munis.sort_values("organizations", ascending=False).iloc[0]["oktmo"]
    make = lambda **kw: dataclasses.asdict(f.replace(**kw))  # noqa: E731
    return {f"{region}: весь субъект": make(),
            f"{region}: сфера": make(sector=SECTOR),
            f"{region}: МО": make(municipality=largest),
            f"{region}: сфера и МО": make(sector=SECTOR, municipality=largest)}


def _find(app, *parts: str) -> str | None:
    return next((k for k in app.callback_map if all(p in k for p in parts)), None)


def calls(app, region: str, first: bool = True) -> list[tuple[str, str, dict]]:
    """(callback, scenario, request body) of every call measured for a region; the federal
    overview's only with the `first` region."""
    from data_access import queries
    found = []
    sets = scenarios(region)
    router = _find(app, "_pages_content.children")
    one = next(iter(sets.values()))
    largest = sets[f"{region}: МО"]["municipality"]
    org_id = int(queries.ranking(queries.resolve_filters(
        {"region": region, "municipality": largest}))["id"].iloc[0])
    pages = PAGES + [f"/district/{largest}", f"/organization/{org_id}"]
    if "/russia" in {p["path"] for p in _registry()}:
        pages.append("/russia")
    for path in pages:
        for name, filters in sets.items():
            if (path.startswith(("/district/", "/organization/"))
                    and name != f"{region}: МО"):
                continue  # these pages have one view each
            if path == "/russia" and (not first or filters["municipality"]):
                continue
            query = "?" + "&".join(f"{k}={v}" for k, v in filters.items() if v)
            label = "страница " + ("/".join(path.split("/")[:2]) + "/…"
                                   if path.count("/") > 1 else path)
            found.append((label, name, base._body(router, None, [
                {"id": "_pages_location", "property": "pathname", "value": path},
                {"id": "_pages_location", "property": "search", "value": query}])))
    for key, cb in base._filter_callbacks(app):
        for name, filters in sets.items():
            if "district-" in key and not filters["municipality"]:
                continue  # the profile always has its district
            if "russia-" in key and (filters["municipality"] or not first):
                continue  # one row per subject: the year and sector matter, nothing else
            found.append((base._label(key), name, base._body(
                key, cb, [{"id": "page-filters", "property": "data", "value": filters}])))
    found += [(c, n, b) for c, n, _k, b in base._extra(app, sets)]
    for name, filters in sets.items():
        found += _own_inputs(app, name, filters, one, first)
    return found


def _own_inputs(app, name: str, filters: dict, region_view: dict, first: bool) -> list:
    """The callbacks with inputs of their own that a page view or a click sets off."""
    out = []
    trend = _find(app, "results-trend.figure")
    if trend:
        out.append(("results-trend", name, base._body(trend, None, [
            {"id": "page-filters", "property": "data", "value": filters},
            {"id": "results-crit", "property": "value", "value": "total"}])))
    measure = _find(app, "map-graph.figure", "map-table.children")
    if measure:
        body = base._body(measure, None, [
            {"id": "map-measure", "property": "value", "value": "k3"}],
            [{"id": "page-filters", "property": "data", "value": filters},
             {"id": "map-kind", "property": "data",
              "value": "polygons" if filters["region"] == "23" else "tiles"}])
        out.append(("map-measure (Patch)", name, body))
    federal = _find(app, "russia-map.figure")
    if federal and first and filters is region_view:
        from data_access import db, subject_boundaries
        kind = ("polygons" if subject_boundaries.feature_collection(db.get_engine())
                else "tiles")
        out.append(("russia-measure (Patch)", name, base._body(federal, None, [
            {"id": "russia-measure", "property": "value", "value": "k3"}],
            [{"id": "page-filters", "property": "data", "value": filters},
             {"id": "russia-map-kind", "property": "data", "value": kind}])))
    header = _find(app, "shell-region.children")
    if header and filters is region_view:
        search = "?" + "&".join(f"{k}={v}" for k, v in filters.items() if v)
        out.append(("шапка субъекта (смена субъекта)", name, base._body(header, None, [
            {"id": "url", "property": "search", "value": search},
            {"id": "url", "property": "pathname", "value": "/"}],
            [{"id": "shell-region-code", "property": "data", "value": None},
             {"id": "f-region", "property": "value", "value": None}])))
    return out


def _registry() -> list[dict]:
    import dash
    return list(dash.page_registry.values())


# ---------------------------------------------------------------- callbacks and their SQL

class Recorder:
    """The SQL statements the app sends while `on`, as (statement, parameters)."""

    def __init__(self, engine) -> None:
        from sqlalchemy import event
        self.engine = engine
        self.on = False
        self.statements: list[tuple[str, object]] = []
        event.listen(engine, "before_cursor_execute", self._record)

    def _record(self, conn, cursor, statement, parameters, context, executemany):
        if self.on:
            self.statements.append((statement, parameters))

    def replay(self, statements) -> float:
        """ms to run the statements on one bare DBAPI cursor, fetching every row."""
        with self.engine.connect() as conn:
            cursor = conn.connection.driver_connection.cursor()
            start = time.perf_counter()
            for statement, parameters in statements:
                cursor.execute(statement, parameters if parameters is not None else ())
                if cursor.description is not None:
                    cursor.fetchall()
            elapsed = (time.perf_counter() - start) * 1000
            cursor.close()
        return elapsed


def measure_callbacks(regions, runs: int) -> tuple[list[dict], list]:
    from dashboard import cache
    from dashboard.app import create_app
    from data_access import db
    app = create_app()
    client = app.server.test_client()
    client.get("/")
    recorder = Recorder(db.get_engine())

    def post(label, body) -> float:
        start = time.perf_counter()
        response = client.post("/_dash-update-component", json=body)
        elapsed = (time.perf_counter() - start) * 1000
        if response.status_code not in (200, 204):
            raise SystemExit(f"{label}: HTTP {response.status_code}\n"
                             f"{response.get_data(as_text=True)[:2000]}")
        return elapsed

    with app.server.app_context():
        every = [c for i, region in enumerate(regions)
                 for c in calls(app, region, first=i == 0)]
    rows = []
    app.server.config[cache.FLAG] = False
    for i, (label, name, body) in enumerate(every, 1):
        row = {"callback": label, "scenario": name, "uncached": [], "sql": [], "queries": 0}
        for run in range(runs):
            recorder.statements, recorder.on = [], True
            row["uncached"].append(post(label, body))
            recorder.on = False
            row["sql"].append(recorder.replay(recorder.statements))
            row["queries"] = len(recorder.statements)
        rows.append(row)
        print(f"[{i}/{len(every)}] {label} · {name}: "
              f"{statistics.median(row['uncached']):.0f} мс, SQL "
              f"{statistics.median(row['sql']):.0f} мс", file=sys.stderr, flush=True)
    app.server.config[cache.FLAG] = True
    cache.clear()
    for label, _name, body in every:
        post(label, body)  # warm
    for row, (label, _name, body) in zip(rows, every):
        row["cached"] = [post(label, body) for _ in range(runs)]
    return rows, every


def _ms(x: float) -> str:
    return f"{x:,.0f}".replace(",", " ")


def _ratio(x: float) -> str:
    return f"{x:.2f}".replace(".", ",")


def callback_table(rows: list[dict]) -> tuple[str, list[str]]:
    by: dict[str, dict[str, list[float]]] = {}
    for r in rows:
        b = by.setdefault(r["callback"], {"uncached": [], "sql": [], "cached": [], "n": []})
        for k in ("uncached", "sql", "cached"):
            b[k] += r[k]
        b["n"].append(r["queries"])
    lines = ["| Обратный вызов | без кэша: p50 | p95 | макс. | SQL: p50 | p95 | "
             "вызов / SQL | с кэшем: p95 |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    missed = []
    for name, b in by.items():
        ratio = sum(b["uncached"]) / max(sum(b["sql"]), 1e-9)
        p95, cached = base._p95(b["uncached"]), base._p95(b["cached"])
        marks = []
        if p95 > TARGETS["uncached"]:
            marks.append("p95 без кэша")
        if cached > TARGETS["cached"]:
            marks.append("p95 с кэшем")
        if ratio > TARGETS["ratio"]:
            marks.append("вызов / SQL")
        if marks:
            missed.append(f"{name}: {', '.join(marks)}")
        flag = lambda bad, text: f"**{text}**" if bad else text  # noqa: E731
        lines.append(
            f"| {name} | {_ms(statistics.median(b['uncached']))} | "
            f"{flag(p95 > TARGETS['uncached'], _ms(p95))} | {_ms(max(b['uncached']))} | "
            f"{_ms(statistics.median(b['sql']))} | {_ms(base._p95(b['sql']))} | "
            f"{flag(ratio > TARGETS['ratio'], _ratio(ratio))} | "
            f"{flag(cached > TARGETS['cached'], _ms(cached))} |")
    return "\n".join(lines), missed


# ---------------------------------------------------------------- the naive baseline

def naive_questions(region: str):
    """(question, naive function, the data_access answer) for a few representative
    questions. The naive function reads whole tables with pandas.read_sql each time, as an
    app that keeps no SQL aggregation would on every request."""
    from sqlalchemy import text
    from data_access import queries
    from data_access.db import get_engine
    engine = get_engine()
    f = queries.resolve_filters({"region": region})

    def read(sql: str) -> pd.DataFrame:
        with engine.connect() as conn:
            return pd.read_sql(text(sql), conn)

    def orgs() -> pd.DataFrame:
        o = read("SELECT id, region_id, municipality_id, sector FROM organization")
        r = read("SELECT id, code FROM region")
        return o[o["region_id"] == int(r.loc[r["code"] == region, "id"].iloc[0])]

    def scores_by_sector():
        a = read("SELECT organization_id, year, k1, k2, k3, k4, k5, total FROM assessment")
        a = a[a["year"] == f.year].merge(orgs(), left_on="organization_id", right_on="id")
        return a.groupby("sector")[["k1", "k2", "k3", "k4", "k5", "total"]].mean()

    def coverage_by_municipality():
        a = read("SELECT organization_id, year FROM assessment")
        done = set(a.loc[a["year"].between(f.year - 2, f.year), "organization_id"])
        o = orgs()
        o = o.assign(assessed=o["id"].isin(done))
        return o.groupby("municipality_id")["assessed"].mean() * 100

    def indicator_means():
        v = read("SELECT assessment_id, code, value FROM indicator_value")
        a = read("SELECT id, organization_id, year FROM assessment")
        a = a[a["year"] == f.year].merge(orgs(), left_on="organization_id", right_on="id",
                                          suffixes=("", "_org"))
        v = v.merge(a[["id"]], left_on="assessment_id", right_on="id")
        return v.groupby("code")["value"].mean()

    def measures_by_sector():
        m = read("SELECT plan_id, status, planned_date, actual_date FROM plan_measure")
        p = read("SELECT id, assessment_id, organization_id FROM improvement_plan")
        a = read("SELECT id, year FROM assessment")
        on = pd.Timestamp(queries.period_end(f))
        m = (m.merge(p, left_on="plan_id", right_on="id")
             .merge(a, left_on="assessment_id", right_on="id", suffixes=("", "_a"))
             .merge(orgs(), left_on="organization_id", right_on="id", suffixes=("", "_o")))
        m = m[m["year"] <= f.year]
        actual = pd.to_datetime(m["actual_date"])
        state = pd.Series("in_progress", index=m.index)
        state[pd.to_datetime(m["planned_date"]) < on] = "overdue"
        state[actual.notna() & (actual <= on)] = "done"
        state[m["status"] == "cancelled"] = "cancelled"
        return m.assign(state=state).groupby(["sector", "state"]).size()

    def check_scores(naive):
        sql = queries.scores(f).set_index("sector")[naive.columns]
        return bool(((sql.astype(float) - naive).abs() < 1e-6).all().all())

    def check_coverage(naive):
        return abs(naive.mean() - queries.three_year_coverage(f, by="municipality")
                   ["share"].mean()) < 1e-6

    def check_indicators(naive):
        sql = queries.indicator_means(f).set_index("code")["value"].astype(float)
        return bool(((sql - naive.reindex(sql.index)).abs() < 1e-6).all())

    def check_measures(naive):
        sql = queries.measures_by_status(f).set_index(["sector", "status"])["n"]
        return bool((sql.sort_index().values == naive.sort_index().values).all())

    return [
        ("Средние К1–К5 и итог по сферам за год", scores_by_sector,
         lambda: queries.scores(f), check_scores),
        ("Доля оценённых за три года по МО", coverage_by_municipality,
         lambda: queries.three_year_coverage(f, by="municipality"), check_coverage),
        ("Средние 15 показателей за год", indicator_means,
         lambda: queries.indicator_means(f), check_indicators),
        ("Мероприятия планов по сферам и состояниям", measures_by_sector,
         lambda: queries.measures_by_status(f), check_measures),
    ]


def _peak_kb(pid: int | str = "self") -> int:
    """The process's peak resident memory since start or the last reset (VmHWM), kB."""
    status = Path(f"/proc/{pid}/status").read_text()
    return next(int(line.split()[1]) for line in status.splitlines()
                if line.startswith("VmHWM"))


def _reset_peak() -> float:
    """Start a new peak at the current RSS (Linux: «5» to clear_refs); returns it, MB."""
    Path("/proc/self/clear_refs").write_text("5")
    return _peak_kb() / 1024


def measure_naive(region: str, runs: int) -> str:
    lines = [f"| Вопрос (субъект {region}, весь субъект) | pandas: чтение таблиц и расчёт, мс | "
             "SQL (data_access), мс | во сколько раз | ответы совпадают | прирост памяти, МБ |",
             "|---|---:|---:|---:|---|---:|"]
    for question, naive, sql, check in naive_questions(region):
        before = _reset_peak()
        naive_times, answer = [], None
        for _ in range(runs):
            start = time.perf_counter()
            answer = naive()
            naive_times.append((time.perf_counter() - start) * 1000)
        grown = _peak_kb() / 1024 - before
        sql_times = []
        for _ in range(runs):
            start = time.perf_counter()
            sql()
            sql_times.append((time.perf_counter() - start) * 1000)
        n, s = statistics.median(naive_times), statistics.median(sql_times)
        lines.append(f"| {question} | {_ms(n)} | {_ms(s)} | {_ms(n / s)} | "
                     f"{'да' if check(answer) else 'НЕТ'} | {_ms(max(grown, 0))} |")
        del answer
        print(f"наивно: {question}: {n:.0f} мс против {s:.0f} мс", file=sys.stderr)
    return "\n".join(lines)


# ---------------------------------------------------------------- gunicorn and the browser

def start_server(url: str, cache_on: bool, workers: int = 2) -> subprocess.Popen:
    """bench/load.py's gunicorn on this bench's port, with the query cache on or off."""
    load.PORT = PORT  # load.request and load.start_server read the module's port
    os.environ["NOK_CACHE"] = "1" if cache_on else "0"
    return load.start_server(url, workers)


def exercise(every) -> int:
    """Every call over HTTP; returns the number of errors."""
    conn = http.client.HTTPConnection(HOST, PORT, timeout=300)
    errors = sum(not 200 <= load.request("POST", "/_dash-update-component", body, conn)[0] < 300
                 for _label, _name, body in every)
    conn.close()
    return errors


def worker_memory(server: subprocess.Popen) -> tuple[float, float]:
    """The largest peak (VmHWM) and current RSS among the workers, MB."""
    import psutil
    peak = now = 0.0
    for child in psutil.Process(server.pid).children():
        peak = max(peak, _peak_kb(child.pid) / 1024)
        now = max(now, child.memory_info().rss / 2**20)
    return peak, now


# Injected before any page script: marks the last moment a Dash callback was pending.
SETTLE_JS = """
window.__settle = {busy: 0, seen: false};
setInterval(function () {
  var s = window.store && window.store.getState();
  if (!s) { window.__settle.busy = performance.now(); return; }
  var c = Object.assign({}, s.callbacks); delete c.stored; delete c.completed;
  var pending = [].concat.apply([], Object.values(c)).length;
  if (pending || s.isLoading || !document.querySelector('#_pages_content > *')) {
    window.__settle.busy = performance.now(); window.__settle.seen = true;
  }
}, 5);
"""


def page_loads(region: str, scenario: dict) -> dict[str, float]:
    """Seconds from navigation start to the last pending callback of each page, each in a
    new browser (empty HTTP cache)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    query = "?" + "&".join(f"{k}={v}" for k, v in scenario.items() if v)
    found = {}
    for path in BROWSER_PAGES:
        options = webdriver.ChromeOptions()
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--window-size=1440,900",
                    "--disable-extensions", "--enable-unsafe-swiftshader"):
            options.add_argument(arg)
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        try:
            driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                                   {"source": SETTLE_JS})
            driver.get(f"http://{HOST}:{PORT}{path}{query}")
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                state = driver.execute_script(
                    "return [window.__settle.busy, window.__settle.seen, performance.now()]")
                if state[1] and state[2] - state[0] > 1000:
                    break
                time.sleep(0.1)
            found[path] = state[0] / 1000
        finally:
            driver.quit()
    return found


def measure_server(url: str, every, region: str, scenario: dict) -> dict:
    result = {}
    server = start_server(url, cache_on=False)
    try:
        result["cold"] = page_loads(region, scenario)
    finally:
        load.stop_server(server)
    server = start_server(url, cache_on=True)
    try:
        result["errors"] = exercise(every)
        page_loads(region, scenario)  # warm the pages' own calls
        result["warm"] = page_loads(region, scenario)
        result["peak_mb"], result["rss_mb"] = worker_memory(server)
    finally:
        load.stop_server(server)
    return result


def server_table(result: dict, region: str) -> str:
    lines = [f"| Страница (субъект {region}, весь субъект) | первая загрузка, кэш пуст, с | "
             "с кэшем, с |", "|---|---:|---:|"]
    for path in BROWSER_PAGES:
        cold, warm = result["cold"][path], result["warm"][path]
        bad = lambda x: f"**{_ratio(x)}**" if x > TARGETS["page_s"] else _ratio(x)  # noqa
        lines.append(f"| {path} | {bad(cold)} | {bad(warm)} |")
    return "\n".join(lines)


# ---------------------------------------------------------------- main

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=os.environ.get("DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--seed", action="store_true")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--regions", default=",".join(REGIONS))
    parser.add_argument("--naive-region", default="77")
    parser.add_argument("--skip-naive", action="store_true")
    parser.add_argument("--skip-server", action="store_true")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database
    os.environ["NOK_PUBLIC_READ"] = "1"  # reading without login, as a published region
    if args.seed:
        seed(args.database)
    from data_access import db
    engine = db.get_engine()
    db.upgrade(engine)  # a database seeded before the latest migration
    with engine.connect() as conn:
        version = conn.exec_driver_sql("SHOW server_version").scalar() \
            if engine.dialect.name == "postgresql" else "SQLite"
    regions = args.regions.split(",")
    load = os.getloadavg()
    started = time.monotonic()
    rows, every = measure_callbacks(regions, args.runs)
    table, missed = callback_table(rows)
    naive = "" if args.skip_naive else measure_naive(args.naive_region, 1)
    server = None
    if not args.skip_server:
        from data_access import queries
        region = args.naive_region
        server = measure_server(args.database, every, region,
                                dataclasses.asdict(queries.resolve_filters({"region": region})))
    import psutil
    total = psutil.virtual_memory().total / 2**30
    n = counts(engine)
    print(f"{dt.date.today():%d.%m.%Y}; {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} ядра, {total:.0f} ГБ; PostgreSQL {version}; Python "
          f"{platform.python_version()}; средняя загрузка в начале "
          f"{' / '.join(f'{x:.2f}' for x in load)}, в конце "
          f"{' / '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"{(time.monotonic() - started) / 60:.0f} мин.")
    print(f"Данные: субъектов {_ms(n['region'])}, МО {_ms(n['municipality'])}, организаций "
          f"{_ms(n['organization'])}, оценок {_ms(n['assessment'])}, значений показателей "
          f"{_ms(n['indicator_value'])}, мероприятий {_ms(n['plan_measure'])}. Субъекты "
          f"{', '.join(regions)}; {args.runs} повтора × 4 набора фильтров; время в мс.")
    print()
    print(table)
    print()
    print("Выше цели: " + ("; ".join(missed) if missed else "нет"))
    if naive:
        print()
        print(naive)
    if server:
        print()
        print(server_table(server, args.naive_region))
        print()
        print(f"Память процесса gunicorn после всех вызовов и страниц (кэш в процессе): пик "
              f"{_ms(server['peak_mb'])} МБ, сейчас {_ms(server['rss_mb'])} МБ; ошибок HTTP: "
              f"{server['errors']}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
