import os

import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Keep uploaded files of each test in its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    """Tests see freshly rendered pages; the page cache's own tests turn it on."""
    settings.MASTHEAD_PAGE_CACHE = False


@pytest.fixture
def page_cache(settings):
    settings.MASTHEAD_PAGE_CACHE = True


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import caches

    for alias in ("default", "renditions"):
        caches[alias].clear()
    yield


@pytest.fixture(scope="session", autouse=True)
def _redis_database_per_process():
    """`make test` runs the suite in several processes (pytest-xdist), and each clears the
    cache before every test: on Redis each gets a database of its own, as pytest-django
    gives each its own SQL database. The processes a test starts inherit it."""
    process = os.environ.get("PYTEST_XDIST_WORKER", "")  # gw0, gw1, ...
    url = os.environ.get("CACHE_URL", "")
    if not (process.startswith("gw") and url.startswith(("redis://", "rediss://"))):
        yield
        return
    from django.conf import settings
    from django.test import override_settings

    from masthead import config

    base, _, database = url.rpartition("/")
    os.environ["CACHE_URL"] = f"{base}/{int(database or 0) + int(process[2:])}"
    cache = config.cache(settings.HOME)
    with override_settings(CACHES=dict.fromkeys(settings.CACHES, cache)):
        yield
    os.environ["CACHE_URL"] = url
