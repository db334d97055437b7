"""Cloudflare and CloudFront in front: configured from the environment, purged on change.

Wagtail's own backends purge them; the APIs are local stand-ins (front_cache_apis), the
only thing here that is not the real thing, since neither service can be reached.
"""

import logging
import sys

import pytest
from wagtail.contrib.frontend_cache.utils import get_backends

from masthead import config
from masthead.pagecache.tests import front_cache_apis as apis
from masthead.stories import factories as f

FRONT_CACHE_VARIABLES = (
    "MASTHEAD_FRONTEND_CACHE_URL",
    "MASTHEAD_CLOUDFLARE_ZONE_ID",
    "MASTHEAD_CLOUDFLARE_API_TOKEN",
    "MASTHEAD_CLOUDFRONT_DISTRIBUTION_ID",
)
ZONE = "023e105f4ecef8ad9ca31a8372d0c353"
TOKEN = "purge-only-token-for-the-suite"
DISTRIBUTION = "E2QWRUHEXAMPLE"


@pytest.fixture
def environment(monkeypatch):
    for name in FRONT_CACHE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_no_front_cache_unless_one_is_configured(environment):
    assert config.front_caches() == {}


def test_varnish_cloudflare_and_cloudfront_together(environment):
    environment.setenv("MASTHEAD_FRONTEND_CACHE_URL", "http://127.0.0.1:6081")
    environment.setenv("MASTHEAD_CLOUDFLARE_ZONE_ID", ZONE)
    environment.setenv("MASTHEAD_CLOUDFLARE_API_TOKEN", TOKEN)
    environment.setenv("MASTHEAD_CLOUDFRONT_DISTRIBUTION_ID", DISTRIBUTION)
    environment.setenv("AWS_DEFAULT_REGION", "us-east-1")
    caches = config.front_caches()
    assert caches["varnish"]["LOCATION"] == "http://127.0.0.1:6081"
    assert caches["cloudflare"]["ZONEID"] == ZONE
    assert caches["cloudflare"]["BEARER_TOKEN"] == TOKEN
    assert caches["cloudfront"]["DISTRIBUTION_ID"] == DISTRIBUTION
    # Wagtail accepts them as they are: each backend is built (no request is sent).
    backends = get_backends(caches)
    assert [type(backend).__name__ for backend in backends.values()] == [
        "HTTPBackend",
        "CloudflareBackend",
        "CloudfrontBackend",
    ]


@pytest.mark.parametrize(
    ("variables", "named"),
    [
        ({"MASTHEAD_CLOUDFLARE_ZONE_ID": ZONE}, "MASTHEAD_CLOUDFLARE_API_TOKEN"),
        ({"MASTHEAD_CLOUDFLARE_API_TOKEN": TOKEN}, "MASTHEAD_CLOUDFLARE_ZONE_ID"),
        (
            {"MASTHEAD_CLOUDFLARE_ZONE_ID": "../zones", "MASTHEAD_CLOUDFLARE_API_TOKEN": TOKEN},
            "MASTHEAD_CLOUDFLARE_ZONE_ID",
        ),
        ({"MASTHEAD_CLOUDFRONT_DISTRIBUTION_ID": "E2/../x"}, "MASTHEAD_CLOUDFRONT_DISTRIBUTION_ID"),
        ({"MASTHEAD_FRONTEND_CACHE_URL": "127.0.0.1:6081"}, "MASTHEAD_FRONTEND_CACHE_URL"),
    ],
)
def test_an_incomplete_or_malformed_front_cache_names_the_variable(environment, variables, named):
    for name, value in variables.items():
        environment.setenv(name, value)
    with pytest.raises(config.ConfigError, match=f"^{named}: expected "):
        config.front_caches()


def test_cloudfront_without_boto3_says_what_to_install(environment):
    environment.setenv("MASTHEAD_CLOUDFRONT_DISTRIBUTION_ID", DISTRIBUTION)
    environment.setitem(sys.modules, "boto3", None)  # what find_spec sees when it is absent
    with pytest.raises(config.ConfigError, match=r"masthead\[cloudfront\]"):
        config.front_caches()


EDITED = "Dam level rises to a ten-year high"


def _publish_an_edit(django_capture_on_commit_callbacks):
    section = f.section("Region")
    story = f.article(section, title="Dam level rises after rain")
    story.title = EDITED
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()
    return section, story


def _errors_of_an_edit_that_still_publishes(django_capture_on_commit_callbacks, caplog):
    """Publish an edit while a front cache fails; check it is live all the same, and
    return the errors logged meanwhile."""
    with caplog.at_level(logging.ERROR):
        _section, story = _publish_an_edit(django_capture_on_commit_callbacks)
    story.refresh_from_db()
    assert story.live and story.title == EDITED
    return [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR]


@pytest.fixture
def cloudflare(environment, settings, tmp_path):
    stand_in, certificate = apis.cloudflare(tmp_path)
    proxy = f"http://127.0.0.1:{stand_in.port}"
    for name in ("HTTPS_PROXY", "https_proxy"):
        environment.setenv(name, proxy)
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy"):
        environment.delenv(name, raising=False)
    environment.setenv("REQUESTS_CA_BUNDLE", str(certificate))
    environment.setenv("MASTHEAD_CLOUDFLARE_ZONE_ID", ZONE)
    environment.setenv("MASTHEAD_CLOUDFLARE_API_TOKEN", TOKEN)
    settings.WAGTAILFRONTENDCACHE = config.front_caches()
    yield stand_in
    stand_in.close()


@pytest.mark.django_db
def test_publishing_purges_the_story_and_its_pages_from_cloudflare(
    cloudflare, django_capture_on_commit_callbacks
):
    section, story = _publish_an_edit(django_capture_on_commit_callbacks)
    assert cloudflare.requests, "nothing reached the Cloudflare stand-in"
    path, headers, _body = cloudflare.requests[0]
    assert path == f"/client/v4/zones/{ZONE}/purge_cache"
    assert headers["Authorization"] == f"Bearer {TOKEN}"
    purged = apis.cloudflare_purged(cloudflare)
    for page in (story, section):
        assert page.get_full_url() in purged
    assert "http://localhost/" in purged


@pytest.mark.django_db
def test_a_purge_cloudflare_refuses_is_logged_and_the_story_still_publishes(
    cloudflare, django_capture_on_commit_callbacks, caplog
):
    cloudflare.answer(*apis.cloudflare_reply(success=False, message="Authentication error"))
    errors = _errors_of_an_edit_that_still_publishes(django_capture_on_commit_callbacks, caplog)
    assert cloudflare.requests
    assert any("Authentication error" in error for error in errors)


@pytest.mark.django_db
def test_an_unreachable_cloudflare_does_not_stop_the_story_publishing(
    cloudflare, django_capture_on_commit_callbacks, caplog
):
    cloudflare.close()  # nothing listens where the proxy was: the purge cannot be sent
    errors = _errors_of_an_edit_that_still_publishes(django_capture_on_commit_callbacks, caplog)
    failed = [error for error in errors if "purge_urls_from_cache_task" in error]
    assert failed and all("FAILED" in error for error in failed)


@pytest.fixture
def cloudfront(environment, settings):
    pytest.importorskip("boto3")
    stand_in = apis.cloudfront()
    environment.setenv("AWS_ENDPOINT_URL_CLOUDFRONT", f"http://127.0.0.1:{stand_in.port}")
    # Credentials from the environment, where boto3 looks first; no file of the machine's.
    environment.setenv("AWS_ACCESS_KEY_ID", "AKIASUITEEXAMPLE")
    environment.setenv("AWS_SECRET_ACCESS_KEY", "suite-secret")
    environment.delenv("AWS_SESSION_TOKEN", raising=False)
    environment.delenv("AWS_PROFILE", raising=False)
    environment.setenv("AWS_CONFIG_FILE", "/nonexistent")
    environment.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
    # CloudFront is one global service; a stand-in's address needs a region to sign for.
    environment.setenv("AWS_DEFAULT_REGION", "us-east-1")
    environment.setenv("MASTHEAD_CLOUDFRONT_DISTRIBUTION_ID", DISTRIBUTION)
    settings.WAGTAILFRONTENDCACHE = config.front_caches()
    yield stand_in
    stand_in.close()


@pytest.mark.django_db
def test_publishing_invalidates_the_story_and_its_pages_on_cloudfront(
    cloudfront, django_capture_on_commit_callbacks
):
    section, story = _publish_an_edit(django_capture_on_commit_callbacks)
    assert cloudfront.requests, "nothing reached the CloudFront stand-in"
    path, headers, _body = cloudfront.requests[0]
    assert path == f"/2020-05-31/distribution/{DISTRIBUTION}/invalidation"
    assert headers["Authorization"].startswith("AWS4-HMAC-SHA256 Credential=AKIASUITEEXAMPLE/")
    invalidated = apis.cloudfront_invalidated(cloudfront)
    assert {story.url, section.url, "/"} <= set(invalidated)


@pytest.mark.django_db
def test_an_invalidation_cloudfront_refuses_is_logged_and_the_story_still_publishes(
    cloudfront, django_capture_on_commit_callbacks, caplog
):
    cloudfront.answer(*apis.cloudfront_refusal("AccessDenied", "User is not authorized"))
    errors = _errors_of_an_edit_that_still_publishes(django_capture_on_commit_callbacks, caplog)
    assert cloudfront.requests
    assert any("AccessDenied" in error for error in errors)
