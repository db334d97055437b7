import io
from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.pagecache.wsgi import PageCacheApplication
from masthead.stories import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


def call(app, path, **headers):
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.input": io.BytesIO(),
        "wsgi.url_scheme": "http",
        **headers,
    }
    seen = {}

    def start_response(status, headers):
        seen["status"], seen["headers"] = status, dict(headers)

    body = b"".join(app(environ, start_response))
    return seen["status"], seen["headers"], body


@pytest.fixture
def story():
    return f.article(f.section("Region"), title="Night buses return")


def test_a_hit_is_answered_before_django_sees_the_request(client, story):
    client.get(story.url)  # a miss through Django stores the page
    calls = []
    app = PageCacheApplication(lambda environ, start: calls.append(environ) or [])
    status, headers, body = call(app, story.url)
    assert status == "200 OK" and headers["X-Cache"] == "HIT"
    assert b"Night buses return" in body
    assert calls == []


def test_misses_signed_in_readers_and_bad_hosts_go_on_to_django(client, story):
    client.get(story.url)
    calls = []

    def django_app(environ, start_response):
        calls.append(environ["PATH_INFO"])
        start_response("200 OK", [])
        return [b""]

    app = PageCacheApplication(django_app)
    call(app, "/not-cached-yet/")
    call(app, story.url, HTTP_COOKIE="sessionid=abc")
    call(app, story.url, HTTP_HOST="evil.example")
    assert calls == ["/not-cached-yet/", story.url, story.url]


def test_after_local_midnight_the_cached_page_is_not_served(client, story, monkeypatch):
    first = client.get(story.url)
    assert client.get(story.url)["X-Cache"] == "HIT"
    tomorrow = timezone.now() + timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: tomorrow)
    response = client.get(story.url)
    assert response["X-Cache"] == "MISS"
    from masthead.core.dates import date_line

    assert date_line(tomorrow) in response.content.decode()
    assert first.content != response.content


def test_a_hit_carries_the_proxys_request_id_or_a_new_one(client, story):
    client.get(story.url)
    app = PageCacheApplication(lambda environ, start: [])
    _, kept, _ = call(app, story.url, HTTP_X_REQUEST_ID="edge-42")
    assert kept["X-Cache"] == "HIT" and kept["X-Request-ID"] == "edge-42"
    _, forged, _ = call(app, story.url, HTTP_X_REQUEST_ID="a b\nInjected: 1")
    _, first, _ = call(app, story.url)
    _, second, _ = call(app, story.url)
    made = [forged["X-Request-ID"], first["X-Request-ID"], second["X-Request-ID"]]
    assert all(len(request_id) == 32 for request_id in made)
    assert len(set(made)) == 3  # each hit its own id, never one stored with the page


def test_with_a_second_site_each_host_gets_its_own_page_at_the_same_path(client, story, settings):
    from wagtail.models import Page, Site

    from masthead.news.models import HomePage

    settings.ALLOWED_HOSTS = ["testserver", "region.example"]
    client.get("/")
    assert client.get("/")["X-Cache"] == "HIT"
    # A second paper with a home page of its own: "/" names a page on each site.
    other = Page.get_first_root_node().add_child(
        instance=HomePage(title="The Region Courier", slug="region-courier")
    )
    Site.objects.create(hostname="region.example", port=80, root_page=other)
    app = PageCacheApplication(lambda environ, start: start("204 No Content", []) or [])
    assert call(app, "/")[0] == "204 No Content"  # the one site's entry answers no more
    region = client.get("/", HTTP_HOST="region.example")
    assert region["X-Cache"] == "MISS" and b"The Region Courier" in region.content
    again = client.get("/")
    assert again["X-Cache"] == "MISS" and b"The Region Courier" not in again.content
    _, headers, body = call(app, "/", HTTP_HOST="region.example")
    assert headers["X-Cache"] == "HIT" and body == region.content
    _, headers, body = call(app, "/")
    assert headers["X-Cache"] == "HIT" and body == again.content
