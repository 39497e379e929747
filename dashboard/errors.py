"""The database unavailable: a clear Russian page instead of a 500, and recovery by itself.

`install(app)` registers Flask error handlers for the errors SQLAlchemy raises when the
database cannot be reached (OperationalError, InterfaceError, and any DBAPIError whose
connection was invalidated):
- a page address (a browser's GET) answers 503 with a Russian page «База данных недоступна»
  that reloads itself every 15 seconds; the database is checked before a page is served, as
  the page's own data arrives later through Dash's endpoints;
- the pages' router callback answers with the same message inside the shell, so a click on
  the navigation shows it where the page would be;
- any other Dash request answers 503 with a short text: the renderer keeps what it shows.
Nothing is cached about the failure: every request tries the database again (PostgreSQL
engines check a pooled connection before use, `pool_pre_ping`), so the app recovers as soon
as the database is back, without a restart.
"""
from __future__ import annotations

import json
import logging

from dash import Dash, html
from flask import Response, request
from plotly.utils import PlotlyJSONEncoder
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

log = logging.getLogger(__name__)

TITLE = "База данных недоступна"
MESSAGE = ("Сервер не может связаться с базой данных. Данные не потеряны: как только база "
           "снова станет доступна, страница откроется сама.")
HINT = "Страница обновится автоматически через 15 секунд. Если это повторяется, сообщите администратору."
RETRY_SECONDS = 15
ROUTER_OUTPUT = "_pages_content.children"

PAGE = f"""<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="{RETRY_SECONDS}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{TITLE} · НОК-монитор</title>
<style>
body {{ font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
       color: #1f2933; background: #f5f7fa; margin: 0; }}
main {{ max-width: 40rem; margin: 12vh auto; background: #fff; padding: 2rem 2.5rem;
       border-radius: 8px; border-left: 6px solid #c92a2a;
       box-shadow: 0 1px 4px rgba(0, 0, 0, .08); }}
h1 {{ font-size: 1.5rem; margin: 0 0 1rem; }}
p {{ line-height: 1.5; }}
a {{ color: #1c5fa8; }}
</style>
</head>
<body>
<main role="alert">
<h1>{TITLE}</h1>
<p>{MESSAGE}</p>
<p>{HINT} <a href="">Обновить сейчас</a></p>
</main>
</body>
</html>
"""


def unavailable(error: BaseException) -> bool:
    """Whether a database error means the database cannot be reached (not a bad query)."""
    return isinstance(error, (OperationalError, InterfaceError)) or (
        isinstance(error, DBAPIError) and bool(error.connection_invalidated))


def _is_page_request() -> bool:
    """A browser asking for a page: not Dash's endpoints, assets or the favicon."""
    path = request.path
    return request.method == "GET" and not path.startswith(("/_", "/assets/"))


def page_response() -> Response:
    return Response(PAGE, status=503, mimetype="text/html",
                    headers={"Retry-After": str(RETRY_SECONDS), "Cache-Control": "no-store"})


def router_response() -> Response:
    """The router callback's answer: the message in place of the page, the rest unchanged."""
    notice = html.Div([html.H1(TITLE), html.P(MESSAGE),
                       html.P("Повторите действие через несколько секунд или обновите "
                              "страницу.")],
                      className="db-unavailable", role="alert")
    body = {"multi": True, "response": {"_pages_content": {"children": notice}}}
    return Response(json.dumps(body, cls=PlotlyJSONEncoder, ensure_ascii=False), status=200,
                    content_type="application/json; charset=utf-8",
                    headers={"Cache-Control": "no-store"})


def _handle(error: DBAPIError):
    if not unavailable(error):
        log.exception("database error", exc_info=error)
        return Response("Внутренняя ошибка сервера.", status=500,
                        mimetype="text/plain; charset=utf-8")
    log.error("database unavailable at %s %s: %s", request.method, request.path,
              error.orig if error.orig is not None else error)
    if request.path.endswith("/_dash-update-component"):
        payload = request.get_json(silent=True) or {}
        if ROUTER_OUTPUT in str(payload.get("output", "")):
            return router_response()
    if _is_page_request():
        return page_response()
    return Response(f"{TITLE}. Повторите запрос позже.", status=503,
                    mimetype="text/plain; charset=utf-8",
                    headers={"Retry-After": str(RETRY_SECONDS)})


def _check_database():
    """Before a page is served: is the database there? (Dash's index needs no data, so
    without this the browser would get an empty shell and failing requests.)"""
    if not _is_page_request():
        return None
    from data_access.db import get_engine
    try:
        with get_engine().connect() as conn:
            conn.execute(text("SELECT 1"))
    except DBAPIError as error:
        if unavailable(error):
            log.error("database unavailable at GET %s: %s", request.path, error.orig)
            return page_response()
        raise
    return None


def install(app: Dash) -> None:
    server = app.server
    server.before_request(_check_database)
    server.register_error_handler(DBAPIError, _handle)
