"""Server time of every page callback on the demo data, without and with the query cache
(targets, 95th percentile: 300 ms uncached, 50 ms cached).

    .venv/bin/python bench/callbacks.py [--runs 5]

Uses DATABASE_URL when set; otherwise seeds a full-size demo database (as of 23.11.2026) in
a temporary SQLite file. Each callback is called through Dash's HTTP endpoint with Flask's
test client (routing, deserialization, queries, figure building and JSON serialization, no
network), under four filter combinations: the whole region, one sector, the largest
municipality, and both. First with the cache switched off (every call reads the database),
then with it on: every call made once to warm it, then measured (REDIS_URL set: Redis). The
figures go into the README; nothing here is a test.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

AS_OF = dt.date(2026, 11, 23)
LARGEST = "03701000"  # Краснодар: the most organizations
PAGES = ["/", "/coverage", "/results", "/map", "/plans", "/recommendations", "/schedule",
         "/methodology", f"/district/{LARGEST}"]


def _database() -> str:
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    path = Path(tempfile.gettempdir()) / "nok_bench.db"
    url = f"sqlite:///{path}"
    os.environ["DATABASE_URL"] = url
    from data_access import db, demo
    engine = db.get_engine()
    db.upgrade(engine)
    if demo.is_empty(engine):
        print(f"Заполняю демонстрационную базу {path} …", file=sys.stderr)
        demo.seed(engine, as_of=AS_OF)
    geo = Path(__file__).resolve().parent.parent.parent / "shared/geo/krasnodar-municipalities.geojson"
    from data_access import boundaries
    if geo.exists() and not boundaries.has_boundaries(engine, "23"):
        boundaries.load(engine, geo, "23")
    return url


def _scenarios(year: int) -> dict[str, dict]:
    base = {"region": "23", "year": year, "sector": None, "municipality": None}
    return {
        "весь край": base,
        "сфера": {**base, "sector": "education"},
        "МО": {**base, "municipality": LARGEST},
        "сфера и МО": {**base, "sector": "education", "municipality": LARGEST},
    }


def _spec(item: dict) -> dict:
    return {"id": item["id"], "property": item["property"]}


def _body(key: str, cb: dict, inputs: list, state: list | None = None) -> dict:
    outputs = [{"id": o.split(".")[0], "property": o.split(".")[1]}
               for o in key.strip(".").split("...")]
    return {"output": key, "outputs": outputs if "..." in key else outputs[0],
            "inputs": inputs, "state": state or [],
            "changedPropIds": [f"{i['id']}.{i['property']}" for i in inputs]}


def _filter_callbacks(app) -> list[tuple[str, dict]]:
    """Callbacks fed by the page's filters alone (the bulk of every page)."""
    found = []
    for key, cb in app.callback_map.items():
        ids = [(i["id"], i["property"]) for i in cb["inputs"]]
        if ids == [("page-filters", "data")] and not cb.get("state"):
            found.append((key, cb))
    return found


def _label(key: str) -> str:
    return " + ".join(o.split(".")[0] for o in key.strip(".").split("...")
                      if not o.endswith("-table.children"))


def measure(runs: int) -> dict[str, list[dict]]:
    """Times of every call with the query cache off («без кэша»), then on («с кэшем»): every
    call made once to warm the cache, then measured."""
    os.environ.setdefault("NOK_PUBLIC_READ", "1")  # reading without login, as a published region
    url = _database()
    from dashboard import cache
    from dashboard.app import create_app
    from data_access import queries
    app = create_app()
    client = app.server.test_client()
    client.get("/")  # registers the pages' router callback
    year = queries.resolve_filters({}).year
    scenarios = _scenarios(year)

    def post(label, body):
        start = time.perf_counter()
        response = client.post("/_dash-update-component", json=body)
        elapsed = (time.perf_counter() - start) * 1000
        if response.status_code not in (200, 204):
            raise SystemExit(f"{label}: HTTP {response.status_code}\n"
                             f"{response.get_data(as_text=True)[:2000]}")
        return elapsed

    calls = _calls(app, scenarios)
    app.server.config[cache.FLAG] = False
    uncached = [{"callback": c, "scenario": n, "times": [post(k, b) for _ in range(runs)]}
                for c, n, k, b in calls]
    app.server.config[cache.FLAG] = True
    cache.clear()
    for _c, _n, k, b in calls:
        post(k, b)  # warm
    warm = [{"callback": c, "scenario": n, "times": [post(k, b) for _ in range(runs)]}
            for c, n, k, b in calls]
    print(f"База: {url}; кэш: {cache.config()['CACHE_TYPE']}", file=sys.stderr)
    return {"без кэша": uncached, "с кэшем": warm}


def _calls(app, scenarios) -> list[tuple[str, str, str, dict]]:
    """(callback, scenario, label, request body) of every call measured."""
    calls = []
    router = next(k for k in app.callback_map if "_pages_content.children" in k)
    for path in PAGES:
        for name, filters in scenarios.items():
            query = "&".join(f"{k}={v}" for k, v in filters.items() if v)
            if path.startswith("/district/") and filters["municipality"] is None:
                continue
            body = _body(router, app.callback_map[router], [
                {"id": "_pages_location", "property": "pathname", "value": path},
                {"id": "_pages_location", "property": "search", "value": "?" + query}])
            calls.append((f"страница {path}", name, path, body))
    for key, cb in _filter_callbacks(app):
        for name, filters in scenarios.items():
            if key.startswith("..district-") or key.startswith("district-"):
                if filters["municipality"] is None:  # the profile always has its district
                    continue
            body = _body(key, cb, [{"id": "page-filters", "property": "data", "value": filters}])
            calls.append((_label(key), name, key, body))
    return calls + _extra(app, scenarios)


def _extra(app, scenarios) -> list[tuple[str, str, str, dict]]:
    """Callbacks with inputs of their own: the shell's filter sync (a change of the year
    control), whatever controls it has."""
    calls = []
    sync = next(k for k in app.callback_map if "f-year.value" in k and "url.search" in k)
    cb = app.callback_map[sync]
    for name, filters in scenarios.items():
        query = "?" + "&".join(f"{k}={v}" for k, v in filters.items() if v)
        values = {"url.search": query, "url.pathname": "/", "page-state.data": {},
                  "f-year.value": str(filters["year"])}
        for key in ("sector", "municipality", "founder"):
            values[f"f-{key}.value"] = filters.get(key) or "all"
        inputs, state = ([{**_spec(i), "value": values[f"{i['id']}.{i['property']}"]}
                          for i in cb[part]] for part in ("inputs", "state"))
        body = _body(sync, cb, inputs, state)
        body["changedPropIds"] = ["f-year.value"]
        calls.append(("фильтры (оболочка)", name, sync, body))
    return calls


TARGETS = {"без кэша": 300, "с кэшем": 50}  # p95, ms (the targets)


def _p95(times: list[float]) -> float:
    times = sorted(times)
    return times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def _by_callback(rows: list[dict]) -> dict[str, list[float]]:
    by: dict[str, list[float]] = {}
    for r in rows:
        by.setdefault(r["callback"], []).extend(r["times"])
    return by


def table(modes: dict[str, list[dict]]) -> str:
    """Markdown: per callback and mode, the median, the 95th percentile and the worst over
    scenarios and runs."""
    by = {mode: _by_callback(rows) for mode, rows in modes.items()}
    head = "| Обратный вызов |" + "".join(
        f" {mode}: медиана, мс | {mode}: 95-й процентиль, мс | {mode}: максимум, мс |"
        for mode in by)
    lines = [head, "|---|" + "---:|" * 3 * len(by)]
    for name in next(iter(by.values())):
        cells = "".join(f" {statistics.median(b[name]):.0f} | {_p95(b[name]):.0f} | "
                        f"{max(b[name]):.0f} |" for b in by.values())
        lines.append(f"| {name} |{cells}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    modes = measure(args.runs)
    print(f"{dt.date.today():%d.%m.%Y}, {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} ядра, Python {platform.python_version()}; "
          f"{args.runs} повторов × 4 набора фильтров")
    print(table(modes))
    print()
    for mode, rows in modes.items():
        worst = max(t for r in rows for t in r["times"][1:] or r["times"])
        over = [name for name, times in _by_callback(rows).items()
                if _p95(times) > TARGETS[mode]]
        print(f"{mode.capitalize()}: худшее время (без первого вызова) {worst:.0f} мс; "
              f"95-й процентиль выше {TARGETS[mode]} мс: "
              f"{', '.join(over) if over else 'нет'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
