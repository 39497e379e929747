"""What a callback request may carry, checked on the server before any callback runs.

The client holds the page's filters (the store `page-filters`) and sends them with every
callback; whatever it sends is checked here against the real options
(`Filters.from_query` with the region's years and municipalities): a value the server would
not have put there is refused with 400 and a Russian message, so that only valid filters
ever reach a query or a cache key (an unchecked year made a new cache entry per value).
The same for the other values that key the cache (the district's peers) and for the shape
of the request itself (a JSON object naming a known callback; a known download table).
"""
from __future__ import annotations

import json
from dataclasses import asdict

from flask import Response

from dashboard.cache import cached
from data_access import queries
from data_access.filters import Filters

FILTERS_ID = "page-filters"
PEERS_ID = "district-peers"
EXPORT_TYPE = "export"
MESSAGES = {
    "body": "Неверный запрос обновления панели: ожидался объект JSON с полями output, "
            "inputs и state. Обновите страницу.",
    "output": "Неверный запрос обновления панели: такого элемента на страницах нет. "
              "Обновите страницу.",
    "filters": "Неверные фильтры в запросе: субъект, год, сфера, муниципальное образование "
               "или учредитель не из списка допустимых значений. Обновите страницу.",
    "peers": "Неверный список муниципальных образований для сравнения: выберите их из "
             "списка на странице.",
    "table": "Неверный запрос выгрузки: такой таблицы нет. Обновите страницу.",
}


def bad_request(key: str) -> Response:
    return Response(MESSAGES[key], status=400, mimetype="text/plain")


def _items(body: dict):
    """Every input and state of the request (a pattern-matching one is a list of them)."""
    for group in ("inputs", "state"):
        for item in body.get(group) or ():
            if isinstance(item, list):
                yield from (i for i in item if isinstance(i, dict))
            elif isinstance(item, dict):
                yield item


def _options(region: str):
    regions = tuple(cached(queries.regions, name="validate:regions")()["code"])
    if region not in regions:
        return None
    # the schedule page's years are a superset of every other page's
    return cached(queries.filter_options, name="validate:options")(region, schedule=True)


def valid_filters(value) -> bool:
    """Whether `value` is what a page puts in its store: None (no region) or the fields of
    Filters (region and year at least), each a value the options allow."""
    if value is None:
        return True
    fields = set(Filters.__dataclass_fields__)
    if not isinstance(value, dict) or not {"region", "year"} <= set(value) <= fields:
        return False
    if not all(v is None or isinstance(v, (str, int)) and not isinstance(v, bool)
               for v in value.values()):
        return False
    options = _options(value.get("region"))
    if options is None:
        return False
    optional = {name: None for name in fields - {"region", "year"}}
    return asdict(Filters.from_query(value, options)) == {**optional, **value}


def _valid_peers(value, filters) -> bool:
    if value is None:
        return True
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return False
    if not value:
        return True
    if not isinstance(filters, dict) or len(value) > 100:
        return False
    options = _options(filters.get("region"))
    return options is not None and set(value) <= set(options.municipalities)


def check(body, callback_map: dict) -> Response | None:
    """None if the callback request may go on; else the 400 to answer."""
    if not isinstance(body, dict) or not isinstance(body.get("output"), str) \
            or not isinstance(body.get("inputs", []), list) \
            or not isinstance(body.get("state", []), list):
        return bad_request("body")
    if body["output"] not in callback_map:
        return bad_request("output")
    items = list(_items(body))
    filters = None
    for item in items:
        if item.get("id") == FILTERS_ID:
            filters = item.get("value")
            if not valid_filters(filters):
                return bad_request("filters")
    changed = body.get("changedPropIds") or []
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        return bad_request("body")
    # the triggering ids too: a callback reads its trigger from them (ctx.triggered_id)
    triggers = [{"id": parse(c.rpartition(".")[0].encode())} for c in changed
                if c.startswith("{")]
    for item in items + triggers:
        ident = item.get("id")
        if ident == PEERS_ID and item.get("property") == "value" \
                and not _valid_peers(item.get("value"), filters):
            return bad_request("peers")
        if isinstance(ident, dict) and ident.get("type") == EXPORT_TYPE:
            from dashboard.tables import TABLES
            if ident.get("table") not in TABLES or ident.get("fmt") not in ("xlsx", "csv"):
                return bad_request("table")
    return None


def parse(data: bytes):
    """The request's JSON, or None if it is not JSON."""
    try:
        return json.loads(data)
    except (ValueError, UnicodeDecodeError):
        return None
