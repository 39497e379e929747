"""Query results cached per filter combination (Flask-Caching), invalidated by imports.

    from dashboard.cache import cached
    df = cached(queries.headline)(f)          # keyed by the function and its arguments

In-process (BoundedCache: at most THRESHOLD entries and MAX_BYTES) by default; Redis when
REDIS_URL is set, so that the gunicorn workers share the entries (bounded by Redis's
maxmemory and its LRU policy, deploy/redis.conf). Only valid filters reach a key: the
callbacks' filters are checked first (dashboard/validate.py). Every key carries the
database, the data version (the latest applied import: `imports.data_version`, read at most
once per request and kept on `flask.g`) and the settings that change results (quality bands,
the attention lists' length): after an import every worker asks for new keys at once, and old
entries expire (TIMEOUT) or are pushed out. The process that ran the import also empties its cache (`imports.on_change`).

Only data for a view are cached, never anything per user, the import journal or an import.
Outside a Flask application context (the CLI, the data tests), when the app was created with
NOK_CACHE=0, or with the server's config "NOK_CACHE" set false, the function is called as is.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, current_app, g, has_app_context
from flask_caching import Cache
from flask_caching.backends.simplecache import SimpleCache
from redis.exceptions import RedisError

from data_access import db, imports
from data_access.settings import get_settings

log = logging.getLogger(__name__)

TIMEOUT = 3600        # seconds: an entry lives an hour at most
THRESHOLD = 5000      # in-process: entries per process before the oldest are dropped
MAX_BYTES = 128 * 1024 * 1024  # in-process: the pickled entries of a process, at most
PREFIX = "nok:"
FLAG = "NOK_CACHE"    # in the Flask config: caching on for this app

cache = Cache()
_apps: list[Flask] = []
F = TypeVar("F", bound=Callable)


def config() -> dict[str, Any]:
    """The Flask-Caching configuration from the settings."""
    s = get_settings()
    base = {"CACHE_DEFAULT_TIMEOUT": TIMEOUT, "CACHE_KEY_PREFIX": PREFIX}
    if s.redis_url:
        # bounded by Redis itself: maxmemory with an LRU policy (deploy/redis.conf)
        return base | {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": s.redis_url}
    return base | {"CACHE_TYPE": "dashboard.cache.BoundedCache", "CACHE_THRESHOLD": THRESHOLD,
                   "NOK_CACHE_MAX_BYTES": MAX_BYTES}


class BoundedCache(SimpleCache):
    """The in-process cache, bounded by its entries' size as well as their number: a few
    large figures must not grow a worker without end. The oldest entries go first; an entry
    larger than a tenth of the bound is not kept."""

    def __init__(self, threshold: int = THRESHOLD, default_timeout: int = TIMEOUT,
                 max_bytes: int = MAX_BYTES) -> None:
        super().__init__(threshold=threshold, default_timeout=default_timeout)
        self.max_bytes = max_bytes
        self.bytes = 0

    @classmethod
    def factory(cls, app, config, args, kwargs):
        return cls(config["CACHE_THRESHOLD"], config["CACHE_DEFAULT_TIMEOUT"],
                   config["NOK_CACHE_MAX_BYTES"])

    def _drop(self, key: str) -> bool:
        item = self._cache.pop(key, None)
        if item is not None:
            self.bytes -= len(item[1])
        return item is not None

    def set(self, key, value, timeout=None) -> bool:
        with self._lock:
            data = self.serializer.dumps(value)
            self._drop(key)
            if len(data) > self.max_bytes // 10:
                return False
            now = time.time()
            for k in [k for k, (expires, _) in self._cache.items() if 0 < expires < now] \
                    if len(self._cache) >= self._threshold else ():
                self._drop(k)
            while self._cache and (len(self._cache) >= self._threshold
                                   or self.bytes + len(data) > self.max_bytes):
                self._drop(next(iter(self._cache)))  # the oldest: dicts keep their order
            self._cache[key] = (self._normalize_timeout(timeout), data)
            self.bytes += len(data)
            return True

    def add(self, key, value, timeout=None) -> bool:
        with self._lock:
            return False if self.has(key) else self.set(key, value, timeout)

    def delete(self, key) -> bool:
        with self._lock:
            return self._drop(key)

    def clear(self) -> bool:
        with self._lock:
            self._cache.clear()
            self.bytes = 0
            return True


def init_app(server: Flask) -> None:
    """Attach the cache to the Flask server of the Dash app (create_app)."""
    cache.init_app(server, config=config())
    server.config[FLAG] = get_settings().cache
    _apps.append(server)
    imports.on_change(_imported)


def enabled() -> bool:
    return (has_app_context() and bool(current_app.config.get(FLAG))
            and cache in current_app.extensions.get("cache", {}))


def clear() -> None:
    """Empty the cache of every app of this process (tests; after an import)."""
    for app in _apps:
        try:
            app.extensions["cache"][cache].clear()
        except (RedisError, OSError):
            log.warning("кэш не очищен: Redis недоступен", exc_info=True)
    if has_app_context():
        g.pop("_nok_data_version", None)


def _imported(_result) -> None:
    """An import changed the data: this process's entries are of no more use. (Other
    processes see the new data version in their keys.)"""
    clear()


def data_version() -> tuple[str, int]:
    """The database and its data version, read once per request."""
    engine = db.get_engine()
    memo = g.get("_nok_data_version")
    if memo is None or memo[0] is not engine:
        memo = (engine, engine.url.render_as_string(hide_password=True),
                imports.data_version(engine))
        g._nok_data_version = memo
    return memo[1], memo[2]


def _settings_token() -> tuple:
    s = get_settings()
    return tuple(sorted(s.band_thresholds.items())), s.attention_size


_PLAIN = (type(None), bool, int, float, str, dt.date)


def _plain(value) -> bool:
    """Whether `value`'s repr is all of it: plain values, Filters and collections of them (a
    DataFrame's repr is cut short, an object's shows its address: neither can be a key)."""
    if isinstance(value, _PLAIN):
        return True
    if isinstance(value, (tuple, list, frozenset)):
        return all(_plain(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return all(_plain(getattr(value, f.name)) for f in dataclasses.fields(value))
    return False


def key(name: str, args: tuple, kwargs: dict) -> str | None:
    """The cache key of `name(*args, **kwargs)` now; None if the arguments are not plain
    values (see _plain) and so cannot be a key."""
    if not (_plain(args) and _plain(tuple(kwargs.values()))):
        return None
    text = repr((data_version(), _settings_token(), args, sorted(kwargs.items())))
    return f"{name}:{hashlib.sha256(text.encode()).hexdigest()[:32]}"


def cached(fn: F, name: str | None = None) -> F:
    """`fn` memoized per arguments, database, data version and settings. `name` (default:
    the function's module and name) identifies it in the keys: required for lambdas."""
    if name is None:
        qualname = getattr(fn, "__qualname__", "<lambda>")
        if "<" in qualname:
            raise ValueError(f"cached(): {fn!r} needs a name")
        name = f"{fn.__module__}.{qualname}"

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if not enabled():
            return fn(*args, **kwargs)
        k = key(name, args, kwargs)
        if k is None:
            return fn(*args, **kwargs)
        try:
            hit = cache.get(k)
        except (RedisError, OSError):
            log.warning("кэш недоступен: данные из базы", exc_info=True)
            return fn(*args, **kwargs)
        if hit is not None:
            return hit[0]
        value = fn(*args, **kwargs)
        try:
            cache.set(k, (value,))  # a tuple: a cached None is still a hit
        except (RedisError, OSError):
            log.warning("кэш недоступен: результат не сохранён", exc_info=True)
        return value

    wrapper.uncached = fn
    return wrapper  # type: ignore[return-value]
