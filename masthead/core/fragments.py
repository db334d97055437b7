"""Rendered parts of pages, kept in the cache and keyed by the versions they show.

The page cache keeps whole pages, but a page must be rendered again whenever anything
on it changes: a comment approved under an article, a story published in a section.
Most of such a page has not changed. A teaser is the same as long as its story's live
version, address and comment count are; an article's text is the same as long as its
live version is. So those parts are kept here, and a page-cache miss renders only what
changed plus the frame around the parts.

Keys name the versions they were rendered from, so a new version is a new key and
nothing needs deleting. What a key cannot name (an author renamed, a photo re-cropped,
a page moved that another page links to) changes the generation, and so does a deploy
with other code, templates or static files: every part rendered before it is then
ignored and ages out of the cache.
"""

import hashlib
import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

GENERATION_KEY = "masthead:fragments:generation"
LIFETIME = 24 * 3600

_code_digest: str | None = None

# Keys read ahead for the page being served, and what the cache answered (_MISSING for
# nothing): with Redis, each read is a round trip, and a page-cache miss made twenty.
_read_ahead: ContextVar[dict | None] = ContextVar("masthead_read_ahead", default=None)
_MISSING = object()


# Settings that change the words and dates a part shows: a server restarted with another
# of them renders its parts afresh, as after a deploy of other code.
RENDERING_SETTINGS = (
    "LANGUAGE_CODE",
    "TIME_ZONE",
    "MASTHEAD_DATE_FORMAT",
    "MASTHEAD_DATE_LINE_FORMAT",
    "WAGTAIL_SITE_NAME",
)


def _code() -> str:
    """A digest of the code, templates, static files and RENDERING_SETTINGS parts are
    rendered with, so a deploy that changes any of them starts afresh. Read once per
    process."""
    global _code_digest
    if _code_digest is None:
        root = Path(__file__).resolve().parent.parent
        digest = hashlib.blake2b(digest_size=6)
        files = [*root.glob("**/*.py"), *root.glob("**/templates/**/*.html")]
        # Parts name static files by their hashed names (ManifestStaticFilesStorage).
        if settings.STATIC_ROOT:
            files.append(Path(settings.STATIC_ROOT) / "staticfiles.json")
        # By content, not dates: app servers deployed from one release share their parts.
        for path in sorted(files):
            try:
                digest.update(path.read_bytes())
            except OSError:
                continue
        for name in RENDERING_SETTINGS:
            digest.update(f"{name}={getattr(settings, name, '')}\x1f".encode())
        _code_digest = digest.hexdigest()
    return _code_digest


def enabled() -> bool:
    return getattr(settings, "MASTHEAD_FRAGMENT_CACHE", True)


def generation_for(request) -> str | None:
    """The generation a render for `request` keeps its parts under; None (render every
    part) when parts are off or the request previews a draft, whose parts the live
    version's keys would name."""
    if not enabled() or getattr(request, "is_preview", False):
        return None
    return generation()


def token(key: str, lifetime: int | None = None) -> str | None:
    """The random token kept under `key`, made when there is none (the first maker wins
    among processes); None when the cache does not answer. Whatever is kept under a
    token is forgotten by deleting or replacing the token."""
    try:
        current = cached(key)
        if current is None:
            current = uuid.uuid4().hex[:10]
            if not cache.add(key, current, lifetime):
                current = cache.get(key) or current
            remember(key, current)
    except Exception:
        return None
    return current


def generation() -> str | None:
    """The current generation, or None when the cache does not answer (render everything)."""
    current = token(GENERATION_KEY)
    return None if current is None else f"{current}{_code()}"


def kept(key: str, read, lifetime: int = LIFETIME):
    """What `read()` returns, kept in the cache under `key`; read afresh, and not kept,
    while the cache does not answer. `None` is never kept."""
    try:
        value = cached(key)
    except Exception:
        value = None
    if value is None:
        value = read()
        if value is not None:
            try:
                cache.set(key, value, lifetime)
            except Exception:
                pass
            remember(key, value)
    return value


@contextmanager
def reading_ahead():
    """Serve a page with the keys read ahead (read_ahead) answered from memory."""
    reset = _read_ahead.set({})
    try:
        yield
    finally:
        _read_ahead.reset(reset)


def read_ahead(keys) -> None:
    """Read `keys` in one round trip, for what this page's render reads (`cached`) later.
    Outside `reading_ahead`, or while the cache does not answer, nothing is read."""
    known = _read_ahead.get()
    if known is None:
        return
    wanted = [k for k in keys if k not in known]
    if not wanted:
        return
    try:
        found = cache.get_many(wanted)
    except Exception:  # each reader finds the cache down for itself
        return
    for k in wanted:
        known[k] = found.get(k, _MISSING)


def cached(key: str):
    """The cached value under `key`, from what was read ahead for this page if it was."""
    known = _read_ahead.get()
    if known is not None and key in known:
        value = known[key]
        return None if value is _MISSING else value
    return cache.get(key)


def remember(key: str, value) -> None:
    """Note a value just written under `key`, for this page's later reads."""
    known = _read_ahead.get()
    if known is not None:
        known[key] = value


def new_generation() -> None:
    """Forget every rendered part: something they show changed outside their keys."""
    try:
        cache.set(GENERATION_KEY, uuid.uuid4().hex[:8], None)
    except Exception:  # the cache is down: it holds nothing to forget
        pass


def key(generation: str, name: str, *versions) -> str:
    """The cache key of part `name` rendered from `versions`: short, and safe for any
    cache whatever the versions hold (a section's title, a host name)."""
    text = "\x1f".join(str(version) for version in versions)
    digest = hashlib.blake2b(text.encode(), digest_size=12).hexdigest()
    return f"masthead:part:{generation}:{name}:{digest}"


def get_many(keys: list[str]) -> dict[str, str]:
    if not keys:
        return {}
    try:
        return cache.get_many(keys)
    except Exception:
        return {}


def set_many(parts: dict[str, str]) -> None:
    if not parts:
        return
    try:
        cache.set_many(parts, LIFETIME)
    except Exception:
        pass


class PageParts:
    """The cached parts of one page render, fetched in one cache read.

    A page names its parts and their versions before it renders (`want`); the first
    `get` then fetches every part named so far in one read, so the page learns at once
    whether anything must be rendered. The template's `{% part name %}` answers from here,
    or renders the part and keeps it.
    """

    def __init__(self, request=None):
        self.generation = generation_for(request)
        from masthead.core.routing import site_for_request

        site = site_for_request(request) if request is not None else None
        self.site = getattr(site, "pk", "")
        self.keys: dict[str, str] = {}
        self.found: dict[str, str] = {}
        self.pending: list[str] = []

    def want(self, **versions: tuple) -> None:
        if self.generation is None:
            return
        for name, values in versions.items():
            self.keys[name] = key(self.generation, name, self.site, *values)
            self.pending.append(name)

    def _fetch_pending(self) -> None:
        if self.pending:
            names, self.pending = self.pending, []
            found = get_many([self.keys[name] for name in names])
            self.found.update(
                {name: found[self.keys[name]] for name in names if self.keys[name] in found}
            )

    @classmethod
    def of(cls, request) -> "PageParts":
        """The parts of the page `request` is rendering, made once per request."""
        parts = getattr(request, "_masthead_parts", None)
        if parts is None:
            parts = cls(request)
            if request is not None:
                request._masthead_parts = parts
        return parts

    def get(self, name: str) -> str | None:
        self._fetch_pending()
        return self.found.get(name)

    def fetch(self, name: str, *versions) -> str | None:
        """A part that the page did not name beforehand: looked up on its own."""
        if self.generation is None:
            return None
        self.want(**{name: versions})
        return self.get(name)

    def keep(self, name: str, html: str) -> None:
        self.keep_many({name: html})

    def keep_many(self, rendered: dict[str, str]) -> None:
        """Keep parts just rendered, those the page asked for, in one cache write."""
        set_many({self.keys[name]: html for name, html in rendered.items() if name in self.keys})
