"""Health probes for load balancers and orchestrators, and the last-resort error handler."""

import logging
import sys
import uuid

from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import load_backend
from django.http import HttpResponse, JsonResponse
from django.views import defaults
from django.views.decorators.cache import never_cache

from masthead.ops.pages import outage_response

logger = logging.getLogger("masthead.ops")


@never_cache
def healthz(request):
    """The process is up and answering; nothing else is asked."""
    return HttpResponse("ok\n", content_type="text/plain")


@never_cache
def readyz(request):
    """Ready when a fresh database connection and the cache both answer; 503 names the rest."""
    parts = {"database": database_is_ready, "cache": cache_is_ready}
    report = {}
    for name, check in parts.items():
        try:
            check()
        except Exception as exc:
            logger.warning("not ready: %s: %s: %s", name, type(exc).__name__, exc)
            report[name] = f"unavailable ({type(exc).__name__})"
        else:
            report[name] = "ok"
    ready = all(value == "ok" for value in report.values())
    return JsonResponse(
        {"status": "ready" if ready else "unavailable", **report}, status=200 if ready else 503
    )


def database_is_ready() -> None:
    """Open a new connection (not the thread's pooled one) and run one query on it."""
    settings_dict = dict(connections[DEFAULT_DB_ALIAS].settings_dict)
    if settings_dict["ENGINE"].endswith("postgresql"):
        # A probe must answer quickly even when the server's address swallows packets.
        settings_dict["OPTIONS"] = {"connect_timeout": 3, **settings_dict.get("OPTIONS", {})}
    connection = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, "readyz")
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    finally:
        connection.close()


def cache_is_ready() -> None:
    cache = caches["default"]
    if hasattr(cache, "ping"):
        cache.ping()
        return
    key, value = f"masthead:readyz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 10)
    if cache.get(key) != value:
        raise RuntimeError("the cache did not keep a value")
    cache.delete(key)


def server_error(request):
    """handler500: outage pages for a lost database or full disk raised outside a view."""
    response = outage_response(request, sys.exc_info()[1])
    return response if response is not None else defaults.server_error(request)
