"""Load test: gunicorn (4 workers) on PostgreSQL, N simulated users for T seconds.

    .venv/bin/python bench/load.py [--users 50] [--duration 60] [--database URL]

Seeds the database (full-size demo data as of 23.11.2026, boundaries from
../shared/geo/krasnodar-municipalities.geojson when present) if it is empty or missing,
starts `gunicorn app:server --workers 4 --bind 127.0.0.1:8099` with DATABASE_URL set and
NOK_PUBLIC_READ=1, and lets every user cycle through every page over loopback: the pages'
router callback for the page with random filters, then, as a browser would, the callbacks fed
by `page-filters` alone (found in /_dash-dependencies) whose outputs are on that page, with the
bodies bench/callbacks.py builds. Counts errors
(non-2xx answers, exceptions) and prints a Markdown table of p50, p95 and maximum per kind of
request and overall, and the throughput. Standard library only (threads + http.client).
The figures go into the README; nothing here is a test.
"""
from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import platform
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

AS_OF = dt.date(2026, 11, 23)
DEFAULT_DB = "postgresql+psycopg://postgres@127.0.0.1:5432/nok_bench"
HOST, PORT = "127.0.0.1", 8099
GEO = ROOT.parent / "shared/geo/krasnodar-municipalities.geojson"
SECTORS = [None, "education", "culture", "health", "social"]
PAGES = ["/", "/coverage", "/results", "/map", "/plans", "/recommendations", "/schedule",
         "/methodology", "/report"]


# ---------------------------------------------------------------- the database

def prepare_database(url: str) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            exists = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                                 {"n": parsed.database})
            if not exists:
                print(f"Создаю базу {parsed.database} …", file=sys.stderr)
                conn.execute(text(f'CREATE DATABASE "{parsed.database}"'))
        admin.dispose()
    from data_access import boundaries, db, demo
    engine = db.make_engine(url)
    db.upgrade(engine)
    if demo.is_empty(engine):
        print("Заполняю демонстрационными данными (полный размер) …", file=sys.stderr)
        demo.seed(engine, as_of=AS_OF)
    if GEO.exists() and not boundaries.has_boundaries(engine, "23"):
        boundaries.load(engine, GEO, "23")
    engine.dispose()


def scenario_values(url: str) -> tuple[list[int], list[str]]:
    """Years and OKTMO codes to draw random filters from."""
    from data_access import db, queries
    engine = db.make_engine(url)
    options = queries.filter_options("23", engine)
    engine.dispose()
    return list(options.years[-3:]), list(options.municipalities)


# ---------------------------------------------------------------- the server

def start_server(url: str, workers: int) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": url, "NOK_PUBLIC_READ": "1"}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "app:server", "--workers", str(workers), "--bind", f"{HOST}:{PORT}",
         "--timeout", "120", "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn завершился с кодом {process.returncode}")
        try:
            status, _ = request("GET", "/_dash-layout")
            if status == 200:
                return process
        except OSError:
            pass
        time.sleep(0.5)
    stop_server(process)
    raise SystemExit("gunicorn не ответил за 120 с")


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def request(method: str, path: str, body: dict | None = None,
            conn: http.client.HTTPConnection | None = None) -> tuple[int, bytes]:
    own = conn is None
    conn = conn or http.client.HTTPConnection(HOST, PORT, timeout=120)
    try:
        payload = json.dumps(body).encode() if body is not None else None
        headers = {"Content-Type": "application/json"} if payload else {}
        conn.request(method, path, body=payload, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        if own:
            conn.close()


# ---------------------------------------------------------------- the callbacks

def body(output: str, inputs: list, state: list | None = None) -> dict:
    """The request body Dash's renderer sends (as bench/callbacks.py builds it)."""
    outputs = [{"id": o.split(".")[0], "property": o.split(".")[1]}
               for o in output.strip(".").split("...")]
    return {"output": output, "outputs": outputs if "..." in output else outputs[0],
            "inputs": inputs, "state": state or [],
            "changedPropIds": [f"{i['id']}.{i['property']}" for i in inputs]}


def discover() -> tuple[str, list[str]]:
    """The pages' router callback and the callbacks fed by `page-filters` alone."""
    status, data = request("GET", "/_dash-dependencies")
    if status != 200:
        raise SystemExit(f"/_dash-dependencies: HTTP {status}")
    deps = json.loads(data)
    router = next(d["output"] for d in deps if "_pages_content.children" in d["output"])
    fed = [d["output"] for d in deps
           if [(i["id"], i["property"]) for i in d["inputs"]] == [("page-filters", "data")]
           and not d.get("state")]
    return router, fed


def label(output: str) -> str:
    parts = [o.split(".")[0] for o in output.strip(".").split("...")
             if not o.endswith("-table.children")]
    return " + ".join(parts)[:60]


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = {}
        self.errors: dict[str, int] = {}
        self.samples: list[str] = []

    def add(self, kind: str, ms: float, error: str | None) -> None:
        with self.lock:
            self.times.setdefault(kind, []).append(ms)
            if error:
                self.errors[kind] = self.errors.get(kind, 0) + 1
                if len(self.samples) < 10:
                    self.samples.append(f"{kind}: {error}")


def user(number: int, router: str, fed: list[str], years: list[int], munis: list[str],
         stop_at: float, stats: Stats) -> None:
    rnd = random.Random(number)
    conn = http.client.HTTPConnection(HOST, PORT, timeout=120)

    def call(kind: str, payload: dict) -> str:
        nonlocal conn
        start = time.perf_counter()
        error, data = None, ""
        try:
            status, data = request("POST", "/_dash-update-component", payload, conn)
            if not 200 <= status < 300:
                error = f"HTTP {status} {data[:200]!r}"
        except (OSError, http.client.HTTPException) as exc:
            error = f"{type(exc).__name__}: {exc}"
            conn.close()
            conn = http.client.HTTPConnection(HOST, PORT, timeout=120)
        stats.add(kind, (time.perf_counter() - start) * 1000, error)
        return data if isinstance(data, str) else data.decode("utf-8", "replace")

    pages = PAGES + ["/district/{muni}"]
    while time.monotonic() < stop_at:
        for path in rnd.sample(pages, len(pages)):
            if time.monotonic() >= stop_at:
                break
            filters = {"region": "23", "year": rnd.choice(years),
                       "sector": rnd.choice(SECTORS),
                       "municipality": rnd.choice([None, None, *munis])}
            if path.startswith("/district/"):
                filters["municipality"] = filters["municipality"] or rnd.choice(munis)
                path = f"/district/{filters['municipality']}"
            query = "?" + urlencode({k: v for k, v in filters.items() if v})
            layout = call("страница (маршрутизатор)", body(router, [
                {"id": "_pages_location", "property": "pathname", "value": path},
                {"id": "_pages_location", "property": "search", "value": query}]))
            # as a browser does: only the callbacks whose outputs are on the page just shown
            shown = set(re.findall(r'"id":\s*"([^"]+)"', layout))
            for output in fed:
                if time.monotonic() >= stop_at:
                    break
                if not all(o.rsplit(".", 1)[0] in shown
                           for o in output.strip(".").split("...")):
                    continue
                call(label(output), body(output, [
                    {"id": "page-filters", "property": "data", "value": filters}]))
    conn.close()


# ---------------------------------------------------------------- the report

def pct(sorted_times: list[float], q: float) -> float:
    return sorted_times[min(len(sorted_times) - 1, round(q * (len(sorted_times) - 1)))]


def table(stats: Stats, seconds: float) -> str:
    lines = ["| Запрос | число | ошибок | p50, мс | p95, мс | максимум, мс |",
             "|---|---:|---:|---:|---:|---:|"]
    everything: list[float] = []
    for kind, times in sorted(stats.times.items()):
        times = sorted(times)
        everything += times
        lines.append(f"| {kind} | {len(times)} | {stats.errors.get(kind, 0)} | "
                     f"{statistics.median(times):.0f} | {pct(times, 0.95):.0f} | "
                     f"{times[-1]:.0f} |")
    everything.sort()
    errors = sum(stats.errors.values())
    if everything:
        lines.append(f"| **все** | **{len(everything)}** | **{errors}** | "
                     f"**{statistics.median(everything):.0f}** | "
                     f"**{pct(everything, 0.95):.0f}** | **{everything[-1]:.0f}** |")
    lines.append("")
    rate = f"{len(everything) / seconds:.1f}".replace(".", ",")
    lines.append(f"Пропускная способность: {rate} запросов/с "
                 f"за {seconds:.0f} с; ошибок: {errors}.")
    return "\n".join(lines)


def main() -> int:
    global PORT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="секунд")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--database", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--port", type=int, default=PORT,
                        help="порт gunicorn (другой — чтобы не мешать чужому замеру)")
    args = parser.parse_args()
    PORT = args.port
    prepare_database(args.database)
    years, munis = scenario_values(args.database)
    server = start_server(args.database, args.workers)
    try:
        router, fed = discover()
        request("GET", "/")  # the first page load of each worker is not measured
        stats = Stats()
        started = time.monotonic()
        stop_at = started + args.duration
        threads = [threading.Thread(target=user, args=(n, router, fed, years, munis, stop_at,
                                                       stats), daemon=True)
                   for n in range(args.users)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        seconds = time.monotonic() - started
    finally:
        stop_server(server)
    print(f"{dt.date.today():%d.%m.%Y}, {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} ядра, Python {platform.python_version()}; gunicorn "
          f"{args.workers} воркера, PostgreSQL, {args.users} пользователей × "
          f"{args.duration:.0f} с без пауз; на каждой странице маршрутизатор и её обратные вызовы "
          f"(всего их {len(fed)})")
    print(table(stats, seconds))
    for sample in stats.samples:
        print("ошибка:", sample, file=sys.stderr)
    return 1 if stats.errors else 0


if __name__ == "__main__":
    sys.exit(main())
