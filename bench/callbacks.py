"""Server time of every page callback on the demo data (target: 300 ms or less).

    .venv/bin/python bench/callbacks.py [--runs 5] [--markdown]

Uses DATABASE_URL when set; otherwise seeds a full-size demo database (as of 23.11.2026) in
a temporary SQLite file. Each callback is called through Dash's HTTP endpoint with Flask's
test client (routing, deserialization, queries, figure building and JSON serialization, no
network), under four filter combinations: the whole region, one sector, the largest
municipality, and both. The figures go into the README; nothing here is a test.
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


def measure(runs: int) -> list[dict]:
    os.environ.setdefault("NOK_PUBLIC_READ", "1")  # reading without login, as a published region
    url = _database()
    from dashboard.app import create_app
    from data_access import queries
    app = create_app()
    client = app.server.test_client()
    client.get("/")  # registers the pages' router callback
    year = queries.resolve_filters({}).year
    scenarios = _scenarios(year)
    rows = []

    def timed(label, body):
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            response = client.post("/_dash-update-component", json=body)
            times.append((time.perf_counter() - start) * 1000)
            if response.status_code not in (200, 204):
                raise SystemExit(f"{label}: HTTP {response.status_code}\n"
                                 f"{response.get_data(as_text=True)[:2000]}")
        return times

    router = next(k for k in app.callback_map if "_pages_content.children" in k)
    for path in PAGES:
        for name, filters in scenarios.items():
            query = "&".join(f"{k}={v}" for k, v in filters.items() if v)
            if path.startswith("/district/") and filters["municipality"] is None:
                continue
            body = _body(router, app.callback_map[router], [
                {"id": "_pages_location", "property": "pathname", "value": path},
                {"id": "_pages_location", "property": "search", "value": "?" + query}])
            rows.append({"callback": f"страница {path}", "scenario": name,
                         "times": timed(path, body)})
    for key, cb in _filter_callbacks(app):
        for name, filters in scenarios.items():
            if key.startswith("..district-") or key.startswith("district-"):
                if filters["municipality"] is None:  # the profile always has its district
                    continue
            body = _body(key, cb, [{"id": "page-filters", "property": "data", "value": filters}])
            rows.append({"callback": _label(key), "scenario": name, "times": timed(key, body)})
    rows += _extra(app, timed, scenarios)
    print(f"База: {url}", file=sys.stderr)
    return rows


def _extra(app, timed, scenarios) -> list[dict]:
    """Callbacks with inputs of their own: the shell's filter sync and page controls."""
    rows = []
    sync = next(k for k in app.callback_map if "f-year.value" in k and "url.search" in k)
    cb = app.callback_map[sync]
    for name, filters in scenarios.items():
        query = "?" + "&".join(f"{k}={v}" for k, v in filters.items() if v)
        inputs = [{"id": "url", "property": "search", "value": query},
                  {"id": "f-year", "property": "value", "value": str(filters["year"])},
                  {"id": "f-sector", "property": "value", "value": filters["sector"] or "all"},
                  {"id": "f-municipality", "property": "value",
                   "value": filters["municipality"] or "all"}]
        state = [{"id": "page-state", "property": "data", "value": {}},
                 {"id": "url", "property": "pathname", "value": "/"}]
        body = _body(sync, cb, inputs, state)
        body["changedPropIds"] = ["f-year.value"]
        rows.append({"callback": "фильтры (оболочка)", "scenario": name,
                     "times": timed(sync, body)})
    return rows


def table(rows: list[dict]) -> str:
    """Markdown: per callback, the median and the worst over scenarios and runs."""
    by: dict[str, list[float]] = {}
    for r in rows:
        by.setdefault(r["callback"], []).extend(r["times"])
    lines = ["| Обратный вызов | медиана, мс | 95-й процентиль, мс | максимум, мс |",
             "|---|---:|---:|---:|"]
    for name, times in by.items():
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        lines.append(f"| {name} | {statistics.median(times):.0f} | {p95:.0f} | "
                     f"{max(times):.0f} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rows = measure(args.runs)
    worst = max(t for r in rows for t in r["times"][1:] or r["times"])
    print(f"{dt.date.today():%d.%m.%Y}, {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} ядра, Python {platform.python_version()}; "
          f"{args.runs} повторов × 4 набора фильтров")
    print(table(rows))
    print(f"\nХудшее время (без первого, холодного вызова): {worst:.0f} мс")
    return 0


if __name__ == "__main__":
    sys.exit(main())
