"""gunicorn reads this file from the working directory: `gunicorn app:server`.

No server banner: gunicorn writes «Server: gunicorn» (or whatever SERVER says, even «-»)
into every response; the line is left out here, and the app sets no Server header of its own
(dashboard/auth.py).

Limits: gunicorn has none for a request body — the app refuses bodies over their route's
limit before reading them (dashboard/limits.py); here the request line and the headers are
kept small, so that nothing large is buffered before the app sees the request.
"""
import gunicorn.http.wsgi

limit_request_line = 8190        # the longest address: a page with every filter and state key
limit_request_fields = 60
limit_request_field_size = 8190  # a header (cookies included)

_default_headers = gunicorn.http.wsgi.Response.default_headers


def _without_server(self):
    return [h for h in _default_headers(self) if not h.lower().startswith("server:")]


gunicorn.http.wsgi.Response.default_headers = _without_server
