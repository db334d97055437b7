import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(request, settings, tmp_path):
    """As the suite's own, except in classes that keep the demo's photos for all their tests."""
    if not getattr(request.cls, "keeps_media", False):
        settings.MEDIA_ROOT = tmp_path / "media"
