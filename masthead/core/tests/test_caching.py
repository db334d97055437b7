from datetime import UTC, datetime

from django.http import HttpResponse
from django.utils.cache import get_max_age

from masthead.core.caching import apply_public_cache_headers


def test_shared_cache_lifetime_never_runs_past_local_midnight(settings):
    settings.TIME_ZONE = "Asia/Amman"
    settings.MASTHEAD_CACHE_SECONDS = 300
    response = apply_public_cache_headers(
        HttpResponse(), now=datetime(2019, 2, 20, 21, 58, tzinfo=UTC)
    )
    header = response["Cache-Control"]
    assert "public" in header and "s-maxage=120" in header
    assert get_max_age(response) <= 120
    assert "stale-while-revalidate=0" in header


def test_daytime_pages_get_the_configured_lifetimes(settings):
    settings.TIME_ZONE = "Asia/Amman"
    settings.MASTHEAD_CACHE_SECONDS = 300
    settings.MASTHEAD_BROWSER_CACHE_SECONDS = 60
    response = apply_public_cache_headers(
        HttpResponse(), now=datetime(2019, 2, 20, 8, 0, tzinfo=UTC)
    )
    assert "s-maxage=300" in response["Cache-Control"]
    assert get_max_age(response) == 60
