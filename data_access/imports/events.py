"""What an import tells the rest of the system after it has committed new data.

There is no query cache yet. When one comes, it registers here:

    from data_access import imports

    @imports.on_change
    def _clear(result):        # result: imports.ImportResult of the applied import
        cache.clear()

`notify` runs every listener in the process that ran the import, after the commit and only
when the import changed something. Other processes (gunicorn workers) do not see the call:
a cache shared between them keys its entries by `data_version(engine)` instead, which every
applied import changes (it is the id of the latest applied import_batch row).
"""
from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import Engine, func, select

log = logging.getLogger(__name__)
_listeners: list[Callable] = []


def on_change(listener: Callable) -> Callable:
    """Register `listener(result)` to run after each import that changed data. Usable as a
    decorator; registering the same function twice has no effect."""
    if listener not in _listeners:
        _listeners.append(listener)
    return listener


def remove_listener(listener: Callable) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def notify(result) -> None:
    """Run the listeners. The data are already committed: a failing listener is logged and
    the others still run, so that one broken cache does not hide the new data from all."""
    for listener in list(_listeners):
        try:
            listener(result)
        except Exception:  # noqa: BLE001 — logged with its traceback, not hidden
            log.exception("import listener %r failed", listener)


def data_version(engine: Engine | None = None) -> int:
    """A number that changes with every applied import: a cache key across processes."""
    from data_access.db import get_engine
    from data_access.models import ImportBatch
    with (engine or get_engine()).connect() as conn:
        return conn.execute(select(func.coalesce(func.max(ImportBatch.id), 0))
                            .where(ImportBatch.result == "applied")).scalar_one()
