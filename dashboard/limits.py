"""Request size limits, enforced before anything reads a body.

Every callback goes to one route, /_dash-update-component, so the limit is chosen per
callback: dash-renderer writes the callback's output first in the JSON it posts
(`{"output": "…", …}`), and a body over the small limit from someone who may read is peeked
at (its first bytes only) to find which callback it is for. An anonymous 1 GB POST is
answered 413 from its Content-Length alone; a body without a Content-Length (chunked) is
refused with a 413 as soon as more than the limit has been read.

    callbacks                    CALLBACK_BYTES (1 MB)
    downloads (download.data)    DOWNLOAD_BYTES: the ranking's download sends the grid's rows
    the import's preview/apply   IMPORT_BYTES: the upload limit in base64, for users who may
                                 import; anyone else gets the small limit and then the guard's
                                 401/403
    anything else (the login)    CALLBACK_BYTES
"""
from __future__ import annotations

import io
import re

from flask import Flask, Response, request
from werkzeug.exceptions import RequestEntityTooLarge

from data_access.imports import MAX_FILE_BYTES

MB = 1024 * 1024
CALLBACK_BYTES = 1 * MB
DOWNLOAD_BYTES = 32 * MB
# dcc.Upload sends the file as a base64 data URL: 4 bytes for every 3, and the JSON around it
IMPORT_BYTES = -(-MAX_FILE_BYTES * 4 // 3) + 1 * MB
PEEK_BYTES = 4096
CALLBACK_PATH = "/_dash-update-component"
IMPORT_OUTPUT = "import-outcome.children"
DOWNLOAD_OUTPUT = "download.data"
_OUTPUT = re.compile(rb'^\s*\{\s*"output"\s*:\s*"((?:[^"\\]|\\.){0,2000})"')


def megabytes(size: int) -> str:
    return f"{size / MB:.0f}\u00a0МБ"


def too_large(limit: int) -> Response:
    what = ("Файл слишком большой для загрузки" if limit >= IMPORT_BYTES
            else "Запрос слишком большой")
    return Response(f"{what}: сервер принимает не больше {megabytes(limit)} за один запрос. "
                    "Ничего не обработано.", status=413, mimetype="text/plain")


class _Rejoined(io.RawIOBase):
    """The peeked bytes put back in front of the rest of the input."""

    def __init__(self, head: bytes, rest) -> None:
        self._head, self._rest = head, rest

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if self._head:
            if size is None or size < 0:
                data, self._head = self._head + self._rest.read(), b""
                return data
            data, self._head = self._head[:size], self._head[size:]
            return data
        return self._rest.read(size) if size is not None and size >= 0 else self._rest.read()

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def readline(self, size: int = -1) -> bytes:
        return self.read(size)


def _peeked_output(length: int) -> str:
    """The output named at the start of the callback body; the body stays readable whole."""
    stream = request.environ["wsgi.input"]
    head = stream.read(min(PEEK_BYTES, length))
    request.environ["wsgi.input"] = _Rejoined(head, stream)
    found = _OUTPUT.match(head)
    return found[1].decode("utf-8", "replace") if found else ""


def limit_for(length: int | None) -> int:
    if request.path != CALLBACK_PATH or request.method != "POST" or not length \
            or length <= CALLBACK_BYTES:
        return CALLBACK_BYTES
    from dashboard import auth
    if auth.current() is None and not auth.public_read():
        return CALLBACK_BYTES  # refused anyway (401): not a byte read
    output = _peeked_output(length)
    if IMPORT_OUTPUT in output and auth.can_import_any():
        return IMPORT_BYTES
    if DOWNLOAD_OUTPUT in output:
        return DOWNLOAD_BYTES
    return CALLBACK_BYTES


class _Capped(io.RawIOBase):
    """A body of unknown length (chunked) that refuses to be read past `limit`: 413, not a
    truncated body that would fail later as bad JSON."""

    def __init__(self, stream, limit: int) -> None:
        self._stream, self._left = stream, limit

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        want = self._left + 1 if size is None or size < 0 else min(size, self._left + 1)
        data = self._stream.read(want)
        self._left -= len(data)
        if self._left < 0:
            raise RequestEntityTooLarge()
        return data

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def _check():
    length = request.content_length
    limit = limit_for(length)
    if length is not None and length > limit:
        return too_large(limit)
    if length is None and request.environ.get("wsgi.input_terminated"):
        request.environ["wsgi.input"] = _Capped(request.environ["wsgi.input"], limit)
        request.max_content_length = limit + 1  # Werkzeug's own cap: past ours
    else:
        request.max_content_length = limit
    return None


def _too_large(_error: RequestEntityTooLarge) -> Response:
    limit = request.max_content_length if request else CALLBACK_BYTES
    return too_large(limit or CALLBACK_BYTES)


def install(server: Flask) -> None:
    """Before every other check (the access guard reads callback bodies)."""
    server.config["MAX_CONTENT_LENGTH"] = IMPORT_BYTES  # the ceiling, whatever the route
    server.before_request_funcs.setdefault(None, []).insert(0, _check)
    server.register_error_handler(RequestEntityTooLarge, _too_large)
