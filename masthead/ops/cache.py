"""A Redis cache that lets the site serve on when Redis stops, and heals when it returns.

Reads and writes of cached content fail open: a Redis error is a miss, so pages render
from the database. Counters and claims (add, incr, decr, and every key under the rate
limits' prefix) fail closed: they raise CacheUnavailable, so rate limits and one-time
tokens refuse rather than let everything through. After an error the cache is skipped for
`down_seconds` (OPTIONS), so a dead Redis costs one failed connection per process per
period, not one per call; the first call after that period tries Redis again.
"""

import logging
import threading
import time
from functools import partial

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger("masthead.cache")

STRICT_PREFIX = "masthead:rl:"
_state_lock = threading.Lock()
# LOCATION -> monotonic time until which Redis is taken to be down (0: up).
_down_until: dict[str, float] = {}


class CacheUnavailable(Exception):
    """Redis did not answer a counter or claim that must not be guessed."""


class SharedClients(RedisCacheClient):
    """Django's client makes a new redis.Redis for every call, and each fills a table of
    some 170 reply handlers: 0.2 ms a call, more than a round trip to Redis takes. A
    client is safe to share between threads (each command borrows a connection from the
    pool), so one is kept per pool."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class FaultTolerantRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        self.down_seconds = float(options.pop("down_seconds", 5))
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = SharedClients
        self._location = server if isinstance(server, str) else ",".join(server)

    # The breaker: shared by every thread of the process, per Redis location.

    def is_down(self) -> bool:
        return _down_until.get(self._location, 0) > time.monotonic()

    def _mark_down(self, exc: Exception) -> None:
        with _state_lock:
            was_up = not _down_until.get(self._location)
            _down_until[self._location] = time.monotonic() + self.down_seconds
        if was_up:
            logger.warning("cache unavailable, serving without it: %s", exc)

    def _mark_up(self) -> None:
        if _down_until.get(self._location):
            with _state_lock:
                _down_until[self._location] = 0
            logger.warning("cache is back")

    def _open(self, call, fallback):
        if self.is_down():
            return fallback
        try:
            result = call()
        except RedisError as exc:
            self._mark_down(exc)
            return fallback
        self._mark_up()
        return result

    def _closed(self, call):
        if self.is_down():
            raise CacheUnavailable("the cache is down; retrying shortly")
        try:
            result = call()
        except RedisError as exc:
            self._mark_down(exc)
            raise CacheUnavailable(str(exc)) from exc
        self._mark_up()
        return result

    def _guard(self, key, call, fallback):
        if str(key).startswith(STRICT_PREFIX):
            return self._closed(call)
        return self._open(call, fallback)

    def ping(self) -> None:
        """Ask Redis itself, past the breaker; raise CacheUnavailable when it does not answer."""
        try:
            self._cache.get_client(write=True).ping()
        except RedisError as exc:
            self._mark_down(exc)
            raise CacheUnavailable(str(exc)) from exc
        self._mark_up()

    # Content: fail open.

    def get(self, key, default=None, version=None):
        return self._guard(key, partial(super().get, key, default, version), default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._guard(key, partial(super().set, key, value, timeout, version), None)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(key, partial(super().touch, key, timeout, version), False)

    def delete(self, key, version=None):
        return self._guard(key, partial(super().delete, key, version), False)

    def has_key(self, key, version=None):
        return self._guard(key, partial(super().has_key, key, version), False)

    def get_many(self, keys, version=None):
        return self._open(partial(super().get_many, keys, version), {})

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._open(partial(super().set_many, data, timeout, version), list(data))

    def delete_many(self, keys, version=None):
        self._open(partial(super().delete_many, keys, version), None)

    def clear(self):
        return self._open(super().clear, False)

    def get_or_set(self, key, default, timeout=DEFAULT_TIMEOUT, version=None):
        value = self.get(key, self._missing_key, version=version)
        if value is not self._missing_key:
            return value
        value = default() if callable(default) else default
        try:
            self.add(key, value, timeout=timeout, version=version)
        except CacheUnavailable:
            return value
        return self.get(key, value, version=version)

    # Counters and claims: fail closed.

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._closed(partial(super().add, key, value, timeout, version))

    def incr(self, key, delta=1, version=None):
        return self._closed(partial(super().incr, key, delta, version))
