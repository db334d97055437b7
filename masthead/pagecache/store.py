"""Masthead's page cache: whole anonymous responses, keyed on what varies, purged by path.

One cache entry per (site, language, local date, path) holds every query-string variant
of that path, so a purge is one delete and a hit is one read. The local date in the key
turns every page over at midnight in the site's time zone, whatever the entry's age.
"""

import gzip
import hashlib
import time
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache

from masthead.core import dates

MAX_VARIANTS = 16
# Headers a cached copy must not repeat: per-response or recomputed on every hit.
_DROPPED = {
    "set-cookie",
    "date",
    "content-length",
    "cache-control",
    "etag",
    "vary",
    "x-request-id",
}


@dataclass
class Entry:
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    gzipped: bytes
    etag: str
    stored_at: float = field(default_factory=time.time)


def session_cookie_name() -> str:
    return settings.SESSION_COOKIE_NAME


def bypasses(path: str) -> bool:
    """Paths that are never cached here: the admin, forms' endpoints, static and media."""
    return path.startswith(settings.MASTHEAD_PAGE_CACHE_BYPASS)


ONE_SITE = "-"  # the site token while there is one site: its pages, whatever the host


def _site_token(host: str, sites: int | None = None) -> str:
    from masthead.core.routing import site_count

    if (site_count() if sites is None else sites) <= 1:
        return ONE_SITE
    return host.rsplit(":", 1)[0].lower()


def path_key(host: str, path: str, day: str | None = None) -> str:
    return _key(_site_token(host), path, day)


def _key(token: str, path: str, day: str | None = None) -> str:
    day = day or dates.today().isoformat()
    digest = hashlib.blake2b(path.encode(), digest_size=12).hexdigest()
    # The site's language is one setting, not the reader's choice; in the key, a change of
    # it takes effect at once rather than as the pages in the other language expire.
    return f"masthead:page:{token}:{settings.LANGUAGE_CODE}:{day}:{digest}"


def lookup(host: str, path: str, query: str) -> Entry | None:
    from masthead.core.routing import SITE_COUNT_KEY, site_count

    day = dates.today().isoformat()
    one_site = _key(ONE_SITE, path, day)
    try:
        # The site count and the page as the one site's, in one round trip: with one
        # site, the usual case, that is the whole look-up.
        found = cache.get_many([SITE_COUNT_KEY, one_site])
        sites = found.get(SITE_COUNT_KEY)
        if sites is None:
            sites = site_count()
        token = _site_token(host, sites)
        variants = found.get(one_site) if token == ONE_SITE else cache.get(_key(token, path, day))
    except Exception:  # a cache that does not answer is a miss, never an error
        return None
    if not variants:
        return None
    return variants.get(query)


def store(host: str, path: str, query: str, entry: Entry) -> None:
    key = path_key(host, path)
    try:
        variants = cache.get(key) or {}
        if len(variants) >= MAX_VARIANTS and query not in variants:
            variants.pop(next(iter(variants)))
        variants[query] = entry
        cache.set(key, variants, settings.MASTHEAD_PAGE_CACHE_SECONDS)
    except Exception:
        return


def purge_paths(paths, hosts=("",)) -> None:
    """Forget every cached variant of `paths`, today's and yesterday's."""
    from masthead.core.routing import site_count

    today = dates.today()
    days = [today.isoformat(), (today - timedelta(days=1)).isoformat()]
    # The sites counted once, each host's token once: path_key would do both per key.
    sites = site_count()
    tokens = {_site_token(host, sites) for host in hosts}
    keys = [_key(token, path, day) for path in paths for token in tokens for day in days]
    try:
        cache.delete_many(keys)
    except Exception:
        return


def entry_from_response(response) -> Entry:
    body = response.content
    headers = [(k, v) for k, v in response.items() if k.lower() not in _DROPPED]
    etag = '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'
    return Entry(
        status=response.status_code,
        headers=headers,
        body=body,
        gzipped=gzip.compress(body, compresslevel=6, mtime=0),
        etag=etag,
    )


def is_storable(request, response) -> bool:
    """Store only what any anonymous reader could be given: public, cookie-free, complete."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return False
    if session_cookie_name() in request.COOKIES or response.cookies:
        return False
    if getattr(response, "streaming", False):
        return False
    control = response.get("Cache-Control", "")
    if "public" not in control or "private" in control or "no-store" in control:
        return False
    vary = response.get("Vary", "").lower()
    return "cookie" not in vary and "authorization" not in vary
