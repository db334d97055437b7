"""Plain pages for when a part of the service is missing: no database, no cache, no disk.

They render without a request context, so they need neither the database nor the cache,
and carry no-store so no cache in front keeps them past the outage.
"""

import errno
import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger("masthead.ops")

FALLBACK = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>'
    "<body><main><h1>{title}</h1><p>{message}</p></main></body></html>"
)


def plain_page(*, status: int, title: str, message: str, retry_after: int | None = None):
    """Return a styled page that works whatever else is down."""
    context = {"title": title, "message": message, "status": status}
    try:
        html = render_to_string("ops/unavailable.html", context)
    except Exception:  # a missing static manifest must not turn this page into a traceback
        html = FALLBACK.format(title=title, message=message)
    response = HttpResponse(html, status=status)
    response["Cache-Control"] = "no-store"
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    return response


def is_disk_full(exc: BaseException | None) -> bool:
    """Whether `exc`, or what caused it, is the file system running out of space."""
    seen = 0
    while exc is not None and seen < 5:
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def outage_response(request, exc: BaseException | None):
    """The page for an outage `exc` (database gone, disk full), or None for any other error."""
    if isinstance(exc, OperationalError | InterfaceError):
        reason = " ".join(str(exc).split())
        logger.warning("503 database unavailable: %s: %s", type(exc).__name__, reason)
        return plain_page(
            status=503,
            title="Back in a moment",
            message="The site cannot reach its database just now. Please try again shortly.",
            retry_after=30,
        )
    if is_disk_full(exc):
        logger.error("507 disk full: %s", exc)
        return plain_page(
            status=507,
            title="Nothing was saved",
            message="The server has run out of storage space, so nothing was saved. "
            "Please try again later.",
        )
    return None
