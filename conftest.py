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
