"""Access: login (Flask-Login), roles enforced on the server for every route, CSRF on what
changes data, a login rate limit (Flask-Limiter) and the security headers.

What is checked where (one `before_request` guard on the Flask server under Dash):
- /login, /logout, /assets/… and /_dash-component-suites/… (static files) are open;
- everything else needs a logged-in user, unless NOK_PUBLIC_READ=1 (reading without login);
- a POST to /_dash-update-component whose callback is an import (preview or apply of an
  upload) needs a role allowed for the KIND: admin any, ministry plans and plan progress (and
  the importer rejects the rows of its organizations of other sectors); it also needs the CSRF
  token; the import journal (people's logins) needs a login even in public mode.
The import callback checks the permission again and passes the login and sector on.

Sessions live on the server (table user_session, data_access/users.py): the signed cookie
carries the session's random token, and every request looks it up; a logout, a new password
or a new role revokes it, so a copy of the cookie taken before is void.

CSRF: a per-session random token kept in the signed session cookie and copied into a readable
cookie `_csrf_token`; Dash's renderer sends that cookie's value as the `X-CSRFToken` header on
every callback POST (dash-renderer getCSRFHeader), the login and logout forms carry it as a
hidden field. A state-changing request must bring the session's token and, when the browser
names its Origin, come from this host. Another site can neither read the cookie nor set the
header; the session cookie is also SameSite=Lax and HttpOnly.
"""
from __future__ import annotations

import datetime as dt
import hmac
import html
import logging
import re
import secrets
from urllib.parse import urlsplit

from flask import Flask, Response, redirect, request, session
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from werkzeug.serving import WSGIRequestHandler

from data_access import users
from data_access.settings import get_settings

log = logging.getLogger(__name__)

CSRF_COOKIE = "_csrf_token"   # the name dash-renderer reads
SESSION_KEY = "sid"           # the server-side session's token (users.open_session)
CSRF_HEADER = "X-CSRFToken"
OPEN_PATHS = {"/login", "/logout", "/_favicon.ico", "/favicon.ico"}
STATIC_PREFIXES = ("/assets/", "/_dash-component-suites/")
# Callbacks by their output: the import (preview and apply) and the import journal.
IMPORT_OUTPUT = "import-outcome.children"
STAFF_OUTPUTS = ("import-history.children",)
CREATE_REGION_OUTPUT = "new-region-result.children"  # dashboard/setup.py
# A background import's progress and its cancel: the importer's own (data_access/imports/jobs)
JOB_OUTPUTS = ("import-progress.children", "import-cancel.disabled")
MESSAGES = {401: "Требуется вход в систему.", 403: "Недостаточно прав для этого действия.",
            "csrf": "Запрос отклонён: нет действительного токена защиты от подделки (CSRF). "
                    "Обновите страницу."}


class Account(UserMixin):
    def __init__(self, info: users.UserInfo) -> None:
        self.info = info
        # the session names the user and the stamp of their password and role: a change of
        # either logs out the sessions made before it
        self.id = f"{info.id}:{info.stamp}"


def current() -> users.UserInfo | None:
    """The logged-in user, or None (anonymous)."""
    try:
        return current_user.info if current_user and current_user.is_authenticated else None
    except (AttributeError, RuntimeError):  # outside a request
        return None


def public_read() -> bool:
    from flask import current_app
    return bool(current_app.config.get("NOK_PUBLIC_READ"))


def import_permission(kind: str | None) -> tuple[str, str | None] | None:
    """(login, sector restriction) if the current user may import `kind`, else None."""
    user = current()
    if user is None or not user.can_import(kind):
        return None
    return user.login, (user.sector if user.role == "ministry" else None)


def can_import_any() -> bool:
    user = current()
    return user is not None and users.can_import_any(user.role)


def csrf_token() -> str:
    token = session.get("csrf")
    if not token:
        token = session["csrf"] = secrets.token_urlsafe(32)
    return token


def _csrf_ok() -> bool:
    expected = session.get("csrf")
    given = request.headers.get(CSRF_HEADER) or request.form.get("csrf_token") or ""
    if not expected or not hmac.compare_digest(str(expected), str(given)):
        return False
    origin = request.headers.get("Origin") or request.headers.get("Referer")
    return not origin or urlsplit(origin).netloc == request.host


def _deny(code: int | str) -> Response:
    status = 403 if code == "csrf" else code
    return Response(MESSAGES[code], status=status, mimetype="text/plain")


def _callback_body() -> dict:
    body = request.get_json(silent=True, cache=True)
    return body if isinstance(body, dict) else {}


def _callback_problem() -> Response | None:
    """A callback request that is not what the pages send: 400 (dashboard/validate.py)."""
    from flask import current_app
    from dashboard import validate
    app = current_app.extensions["nok_dash"]
    return validate.check(request.get_json(silent=True, cache=True), app.callback_map)


def _import_kind(body: dict) -> str | None:
    """The KIND the import callback will receive: Dash passes the inputs by position, the
    kind is the second (dashboard/pages/import_page.py); anything else: None (admin only)."""
    inputs = body.get("inputs")
    item = inputs[1] if isinstance(inputs, list) and len(inputs) > 1 else None
    if isinstance(item, dict) and item.get("id") == "import-kind" \
            and isinstance(item.get("value"), str):
        return item["value"]
    return None


def _guard():
    path = request.path
    if path in OPEN_PATHS or path.startswith(STATIC_PREFIXES):
        return None
    user = current()
    callback = path == "/_dash-update-component" and request.method == "POST"
    if callback:
        body = _callback_body()
        output = str(body.get("output", ""))
        if IMPORT_OUTPUT in output or CREATE_REGION_OUTPUT in output:
            # creating a subject is an administrator's, like an import of no ministry's kind
            kind = _import_kind(body) if IMPORT_OUTPUT in output else None
            if user is None or not user.can_import(kind) or not _csrf_ok():
                log.warning("import of %s refused: user %s, role %s, address %s", kind,
                            user.login if user else "-", user.role if user else "-",
                            request.remote_addr)
            if user is None:
                return _deny(401)
            if not user.can_import(kind):
                return _deny(403)
            return _callback_problem() if _csrf_ok() else _deny("csrf")
        if any(o in output for o in JOB_OUTPUTS):
            if user is None:
                return _deny(401)
            if not users.can_import_any(user.role):
                return _deny(403)
            return _callback_problem() if _csrf_ok() else _deny("csrf")
        if user is None and any(o in output for o in STAFF_OUTPUTS):
            return _deny(401)
    if user is not None or public_read():
        if callback:
            return _callback_problem()
        if request.method in ("GET", "HEAD") and not path.startswith("/_"):
            csrf_token()  # pages: the token the callbacks and the logout form will carry
        return None
    if path.startswith("/_") or request.method not in ("GET", "HEAD"):
        return _deny(401)
    target = request.full_path.rstrip("?")
    return redirect("/login?" + _query(next=target))


def _query(**params) -> str:
    from urllib.parse import urlencode
    return urlencode(params)


_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def _safe_next(target: str | None) -> str:
    target = target or "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") \
            or "\\" in target or target.startswith(("/login", "/logout")):
        return "/"
    return target


def _headers(response: Response) -> Response:
    """Security headers on every response, and the CSRF cookie for the renderer."""
    from flask import current_app
    hashes = " ".join(current_app.config.get("NOK_CSP_HASHES", ()))  # quoted already
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; "
        # Dash evaluates some component code; the inline renderer bootstrap by its hash
        f"script-src 'self' 'unsafe-eval' {hashes}; "
        "style-src 'self' 'unsafe-inline'; "   # Mantine and plotly set inline styles
        "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
        "worker-src 'self' blob:; child-src 'self' blob:; "  # maplibre's workers (/map)
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    if current_app.config.get("SESSION_COOKIE_SECURE"):
        response.headers["Strict-Transport-Security"] = "max-age=31536000"
    response.headers.pop("Server", None)
    token = session.get("csrf")
    if token and request.cookies.get(CSRF_COOKIE) != token:
        response.set_cookie(CSRF_COOKIE, token, httponly=False, samesite="Strict",
                            secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
                            path="/")
    elif not token and request.cookies.get(CSRF_COOKIE):
        response.delete_cookie(CSRF_COOKIE, path="/")
    return response


# ---------------------------------------------------------------- the login page

def _login_page(error: str | None = None, *, status: int = 200, login: str = "",
                next_url: str = "/") -> Response:
    message = f'<p class="login-error" role="alert">{html.escape(error)}</p>' if error else ""
    public = ('<p class="login-note"><a href="/">Открыть панель без входа (только '
              'просмотр)</a></p>' if public_read() else "")
    body = f"""<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Вход · НОК-монитор</title>
<link rel="stylesheet" href="/assets/login.css"></head>
<body class="login-body"><main class="login-card">
<div class="login-logo"><span class="login-mark">НОК</span> монитор</div>
<h1>Вход</h1>
<p class="login-caption">Независимая оценка качества условий оказания услуг</p>
{message}
<form method="post" action="/login">
<input type="hidden" name="csrf_token" value="{html.escape(csrf_token())}">
<input type="hidden" name="next" value="{html.escape(next_url)}">
<label for="login">Логин</label>
<input id="login" name="login" autocomplete="username" required value="{html.escape(login)}">
<label for="password">Пароль</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Войти</button>
</form>{public}
</main></body></html>"""
    return Response(body, status=status, mimetype="text/html")


def _too_many(_limit) -> Response:
    return _login_page("Слишком много попыток входа. Подождите минуту и попробуйте снова.",
                       status=429, login=request.form.get("login", "")[:100])


def _login_view():
    if _CONTROL.search(request.values.get("next") or ""):
        # a crafted link (a line break would split the redirect's headers)
        return _login_page("Ссылка для входа повреждена: адрес страницы после входа содержит "
                           "управляющие символы (перевод строки). Откройте вход заново.",
                           status=400)
    next_url = _safe_next(request.values.get("next"))
    if request.method in ("GET", "HEAD"):
        if current() is not None:
            return redirect(next_url)
        return _login_page(next_url=next_url)
    login = request.form.get("login", "").strip()[:100]
    if not _csrf_ok():
        return _login_page("Форма устарела: введите логин и пароль ещё раз.", status=400,
                           login=login, next_url=next_url)
    info = users.verify(login, request.form.get("password", ""))
    if info is None:
        log.warning("failed login for «%s» from %s", login, request.remote_addr)
        return _login_page("Неверный логин или пароль.", status=401, login=login,
                           next_url=next_url)
    session.clear()  # a new session: no token or state carried over from before the login
    session.permanent = True
    session[SESSION_KEY] = users.open_session(info.id, get_settings().session_hours)
    login_user(Account(info))
    csrf_token()
    return redirect(next_url)


def _logout_view():
    if request.method == "POST" and not _csrf_ok():
        return _deny("csrf")
    if request.method == "POST":
        users.close_session(session.get(SESSION_KEY))
        logout_user()
        session.clear()
    return redirect("/login" if not public_read() else "/")


def _login_key() -> str:
    return f"{get_remote_address()}|{request.form.get('login', '').strip().lower()[:100]}"


def init_app(app) -> None:
    """Access control for the Dash app `app` (on its Flask server)."""
    server: Flask = app.server
    server.extensions["nok_dash"] = app  # the guard checks callbacks against its map
    settings = get_settings()
    if settings.proxy_hops:
        from werkzeug.middleware.proxy_fix import ProxyFix
        n = settings.proxy_hops
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=n, x_proto=n, x_host=n)
    server.secret_key = settings.secret_key
    server.config.update(
        NOK_PUBLIC_READ=settings.public_read,
        SESSION_COOKIE_NAME="nok_session", SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax", SESSION_COOKIE_SECURE=settings.https,
        REMEMBER_COOKIE_HTTPONLY=True, REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=settings.https,
        PERMANENT_SESSION_LIFETIME=dt.timedelta(hours=settings.session_hours))
    manager = LoginManager()
    manager.session_protection = "basic"
    manager.init_app(server)

    @manager.user_loader
    def _load(user_id: str):
        # the session on the server decides: a logout, a new password or role revoke it
        info = users.session_user(session.get(SESSION_KEY))
        if info is None or not hmac.compare_digest(f"{info.id}:{info.stamp}", str(user_id)):
            return None
        return Account(info)

    limiter = Limiter(get_remote_address, app=server, storage_uri=(
        settings.redis_url or "memory://"), key_prefix="nok-login", headers_enabled=False)
    server.extensions["nok_limiter"] = limiter
    failed = dict(methods=["POST"], deduct_when=lambda r: r.status_code != 302,
                  on_breach=_too_many)
    # failures per address and account together: a stream of wrong logins from one address
    # (an office behind one NAT) blocks those accounts there, not everyone behind it
    view = limiter.limit(settings.login_rate_limit, key_func=_login_key, **failed)(
        _login_view)
    server.add_url_rule("/login", "nok_login", view, methods=["GET", "POST"])
    server.add_url_rule("/logout", "nok_logout", _logout_view, methods=["GET", "POST"])
    from dashboard import limits
    limits.install(server)  # before the guard, which reads callback bodies
    server.before_request(_guard)
    server.after_request(_headers)

    @server.before_request
    def _csp_hashes():  # after the pages and their clientside callbacks are registered
        if "NOK_CSP_HASHES" not in server.config:
            server.config["NOK_CSP_HASHES"] = tuple(app.csp_hashes())
    # the development server names itself in a Server header; no banner (gunicorn.conf.py
    # does the same for gunicorn)
    WSGIRequestHandler.server_version, WSGIRequestHandler.sys_version = "-", ""
