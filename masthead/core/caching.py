"""Cache headers that let a shared cache keep anonymous pages, never past local midnight."""

from django.conf import settings
from django.utils.cache import patch_cache_control

from masthead.core.dates import seconds_to_midnight


def is_anonymous_request(request) -> bool:
    """A request without a session cookie: nothing on its page can belong to one reader."""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def public_lifetimes(now=None) -> dict:
    """How long browsers and shared caches may keep a page: never past local midnight."""
    until_midnight = seconds_to_midnight(now)
    shared = min(settings.MASTHEAD_CACHE_SECONDS, until_midnight)
    return {
        "max_age": min(settings.MASTHEAD_BROWSER_CACHE_SECONDS, shared),
        "s_maxage": shared,
        "stale_while_revalidate": max(0, min(30, until_midnight - shared)),
    }


def apply_public_cache_headers(response, now=None):
    """Mark a response cacheable by browsers and shared caches until the date line changes."""
    patch_cache_control(response, public=True, **public_lifetimes(now))
    return response


def public_cache_control(now=None) -> str:
    """The Cache-Control value apply_public_cache_headers gives a page that had none."""
    life = public_lifetimes(now)
    return (
        f"public, max-age={life['max_age']}, s-maxage={life['s_maxage']}, "
        f"stale-while-revalidate={life['stale_while_revalidate']}"
    )


def apply_private_headers(response):
    patch_cache_control(response, private=True, no_cache=True)
    return response
