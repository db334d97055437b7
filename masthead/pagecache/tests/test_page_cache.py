import gzip

import pytest
from django.test import Client

from masthead.pagecache.purge import paths_for_page
from masthead.stories import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


@pytest.fixture
def story():
    region = f.section("Region")
    middle_east = f.section("Middle East", parent=region)
    author = f.AuthorFactory(name="Rana Saleh", slug="rana-saleh")
    return f.article(
        middle_east, title="Port reopens after repairs", authors=[author], tags=["ports"]
    )


def test_second_anonymous_view_is_served_from_the_cache(client, story):
    first = client.get(story.url)
    second = client.get(story.url)
    assert first["X-Cache"] == "MISS" and second["X-Cache"] == "HIT"
    assert first.content == second.content


def test_two_readers_with_different_cookies_get_identical_bytes(story):
    one = Client()
    one.cookies["masthead_reader"] = "reader-one"
    two = Client()
    two.cookies["masthead_reader"] = "reader-two"
    first = one.get(story.url)
    second = two.get(story.url)
    assert first.content == second.content
    assert "csrftoken" not in first.cookies and "csrftoken" not in second.cookies


def test_pages_cached_in_one_language_are_not_served_in_another(client, story, settings):
    assert client.get(story.url)["X-Cache"] == "MISS"
    assert client.get(story.url)["X-Cache"] == "HIT"
    settings.LANGUAGE_CODE = "fr"
    french = client.get(story.url)
    assert french["X-Cache"] == "MISS"
    assert '<html lang="fr"' in french.content.decode()
    assert client.get(story.url)["X-Cache"] == "HIT"


def test_readers_with_a_session_bypass_the_cache(client, story, django_user_model):
    client.get(story.url)
    editor = django_user_model.objects.create_superuser("ed", "ed@example.com", "pw-123456")
    client.force_login(editor)
    response = client.get(story.url)
    assert "X-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_publishing_an_update_purges_the_story_and_its_fronts(client, story):
    client.get(story.url)
    client.get("/")
    client.get("/region/")
    story.title = "Port reopens after two weeks of repairs"
    story.save_revision().publish()
    for url in (story.url, "/", "/region/"):
        response = client.get(url)
        assert response["X-Cache"] == "MISS", url
    assert "after two weeks" in client.get(story.url).content.decode()


def test_unpublishing_removes_the_story_from_the_cache(client, story):
    assert client.get(story.url).status_code == 200
    story.unpublish()
    assert client.get(story.url).status_code == 404


def test_conditional_request_gets_not_modified(client, story):
    first = client.get(story.url)
    response = client.get(story.url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 304
    assert response.content == b""


def test_compressed_bytes_when_the_client_accepts_them(client, story):
    plain = client.get(story.url).content
    response = client.get(story.url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content) == plain
    assert "Accept-Encoding" in response["Vary"]


def test_purge_rules_cover_the_story_its_sections_bylines_and_topics(story):
    assert paths_for_page(story) >= {
        story.url,
        "/",
        "/region/",
        "/region/middle-east/",
        "/authors/rana-saleh/",
        "/topics/ports/",
    }


def test_cached_page_lifetime_is_recomputed_on_every_hit(client, story):
    client.get(story.url)
    response = client.get(story.url)
    assert "s-maxage=" in response["Cache-Control"] and "public" in response["Cache-Control"]
