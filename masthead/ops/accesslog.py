"""The access log of `masthead serve`: one line per request on stdout, with its request id.

It wraps the WSGI application rather than living in the server, so the line carries the
id Masthead answered with (one it made up included), and text or JSON follows LOG_FORMAT.
Each line is one write(2) to the descriptor, not a trip through `logging`: that costs
40 us a request (80 us as JSON), as much as answering a page-cache hit.
"""

import json
import os
import sys
import time
from datetime import UTC, datetime

from masthead import config

LOGGER = "masthead.access"  # the "logger" of the JSON lines, as Masthead's other lines have


def application():
    """The WSGI application `masthead serve` runs (a factory: its server calls it once
    per worker, after forking): Masthead's own, access-logged."""
    from masthead.ops import webserver
    from masthead.wsgi import application

    webserver.loaded()
    return AccessLog(
        webserver.RequestEnvironOnly(application), json_lines=config.log_format() == "json"
    )


class AccessLog:
    def __init__(self, application, *, json_lines: bool, fd: int | None = None):
        self.application = application
        self.json_lines = json_lines
        self.fd = sys.stdout.fileno() if fd is None else fd

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        response = []

        def start(status, headers, exc_info=None):
            response[:] = [status, headers]
            return start_response(status, headers, exc_info)

        body = self.application(environ, start)
        if isinstance(body, list):  # page-cache hits: the server's fast path stays a list
            self.log(environ, response, sum(map(len, body)), started)
            return body
        return _LoggedBody(self, body, environ, response, started)

    def log(self, environ, response, size: int, started: float) -> None:
        status, headers = response or ("500", [])
        line = (entry if self.json_lines else text)(
            environ, int(status[:3]), headers, size, (time.perf_counter() - started) * 1000
        )
        os.write(self.fd, line.encode() + b"\n")


class _LoggedBody:
    """A streamed body, logged once the server has sent it and closes it."""

    def __init__(self, access_log, body, environ, response, started):
        self.access_log, self.body, self.environ = access_log, body, environ
        self.response, self.started, self.sent = response, started, 0

    def __iter__(self):
        for chunk in self.body:
            self.sent += len(chunk)
            yield chunk

    def close(self):
        try:
            if hasattr(self.body, "close"):
                self.body.close()
        finally:
            self.access_log.log(self.environ, self.response, self.sent, self.started)


def _request_id(headers) -> str:
    return next((value for name, value in headers if name == "X-Request-ID"), "")


def text(environ, status: int, headers, size: int, duration_ms: float) -> str:
    query = environ.get("QUERY_STRING")
    target = environ.get("PATH_INFO", "") + (f"?{query}" if query else "")
    return (
        f'{environ.get("REMOTE_ADDR", "-")} "{environ.get("REQUEST_METHOD", "")} {target} '
        f'{environ.get("SERVER_PROTOCOL", "")}" {status} {size} '
        f'"{environ.get("HTTP_REFERER", "-")}" "{environ.get("HTTP_USER_AGENT", "-")}" '
        f"{duration_ms:.1f}ms id={_request_id(headers) or '-'}"
    )


def entry(environ, status: int, headers, size: int, duration_ms: float) -> str:
    """The line as JSON, with the fields of Masthead's other JSON lines (masthead.ops.logs)."""
    fields = {
        "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
        "level": "info",
        "logger": LOGGER,
        "remote": environ.get("REMOTE_ADDR", ""),
        "method": environ.get("REQUEST_METHOD", ""),
        "path": environ.get("PATH_INFO", ""),
        "query": environ.get("QUERY_STRING", ""),
        "protocol": environ.get("SERVER_PROTOCOL", ""),
        "status": status,
        "bytes": size,
        "duration_ms": round(duration_ms, 2),
        "referer": environ.get("HTTP_REFERER", ""),
        "user_agent": environ.get("HTTP_USER_AGENT", ""),
    }
    if request_id := _request_id(headers):
        fields["request_id"] = request_id
    return json.dumps(fields, ensure_ascii=False)
