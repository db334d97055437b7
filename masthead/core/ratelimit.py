"""Fixed-window rate limits kept in the cache (Redis in production), shared by every form."""

import hashlib
import ipaddress
import time

from django.conf import settings
from django.core.cache import cache


class RateLimitUnavailable(Exception):
    """The cache that keeps the counts did not answer; anonymous posts must fail closed."""


def _hashed(key: str) -> str:
    # Addresses are kept only as salted hashes, never in clear.
    digest = hashlib.blake2b(key.encode(), key=settings.SECRET_KEY.encode()[:64], digest_size=16)
    return digest.hexdigest()


def network_of(address: str) -> str:
    """The /24 of an IPv4 address or the /64 of an IPv6 one, where neighbours share limits."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    prefix = 24 if ip.version == 4 else 64
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def hit(scope: str, key: str, *, limit: int, window: int) -> bool:
    """Count one event for `key` in `scope`; return True while within `limit` per `window` s."""
    bucket = int(time.time() // window)
    cache_key = f"masthead:rl:{scope}:{_hashed(key)}:{bucket}"
    try:
        if cache.add(cache_key, 1, timeout=window + 1):
            count = 1
        else:
            try:
                count = cache.incr(cache_key)
            except ValueError:
                # Expired between add and incr: start the window again.
                cache.add(cache_key, 1, timeout=window + 1)
                count = 1
    except Exception as exc:  # the cache backend's own errors (Redis down) vary by client
        raise RateLimitUnavailable(str(exc)) from exc
    return count <= limit


def peek(scope: str, key: str, *, window: int) -> int:
    """Return the events counted for `key` in the current window, without counting one."""
    bucket = int(time.time() // window)
    try:
        return cache.get(f"masthead:rl:{scope}:{_hashed(key)}:{bucket}", 0)
    except Exception as exc:
        raise RateLimitUnavailable(str(exc)) from exc
