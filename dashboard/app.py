"""The app factory: one Dash app with the pages of dashboard/pages and the shell around them."""
from __future__ import annotations

import logging
from pathlib import Path

import dash
from dash import Dash

ROOT = Path(__file__).resolve().parent.parent


def create_app() -> Dash:
    app = Dash(
        __name__,
        use_pages=True,
        pages_folder=str(ROOT / "dashboard" / "pages"),
        assets_folder=str(ROOT / "assets"),
        title="НОК-монитор",
        update_title=None,
        suppress_callback_exceptions=True,
        serve_locally=True,  # no CDN: the dashboard runs inside closed networks
    )
    from dashboard import auth, cache, shell, tables  # noqa: F401  (callbacks register on import)
    cache.init_app(app.server)  # query results per filters: in-process, or Redis (REDIS_URL)
    auth.init_app(app)  # login, roles on every route, CSRF, security headers
    app.layout = shell.layout
    app.index_string = app.index_string.replace("<html>", '<html lang="ru">')
    _russian_loading_text(app)
    from dashboard import errors
    errors.install(app)  # the database unavailable: a Russian 503 page, recovery by itself
    _recover_import_jobs_once(app.server)
    return app


def _recover_import_jobs_once(server) -> None:
    """A process that starts marks failed the import jobs its dead predecessors left running
    (data_access/imports/jobs.py); at its first request, not at import time, so that creating
    the app touches no database."""
    done = []

    @server.before_request
    def _recover():
        if done:
            return
        done.append(True)
        from sqlalchemy.exc import SQLAlchemyError
        from data_access.imports import jobs
        try:
            jobs.recover()
        except SQLAlchemyError:  # no database yet, or no migration: nothing to recover
            logging.getLogger(__name__).warning("import jobs not checked", exc_info=True)


def _russian_loading_text(app: Dash) -> None:
    """The placeholder shown until the page's scripts start: Dash writes «Loading...»."""
    interpolate = app.interpolate_index

    def interpolate_index(**kwargs):
        kwargs["app_entry"] = kwargs.get("app_entry", "").replace("Loading...", "Загрузка…")
        return interpolate(**kwargs)

    app.interpolate_index = interpolate_index


def page_names() -> list[tuple[str, str]]:
    """(path, name) of the pages shown in the navigation, in their order."""
    return [(p["path"], p["name"]) for p in dash.page_registry.values()
            if p.get("order") is not None]
