import pytest

from masthead.votes.readers import COOKIE_NAME

pytestmark = pytest.mark.django_db


def test_the_return_page_is_private_while_the_story_stays_public(client, story):
    plain = client.get(story.url)
    receipt = client.get(f"{story.url}?voted=up")
    assert "public" in plain["Cache-Control"] and "s-maxage" in plain["Cache-Control"]
    assert "private" in receipt["Cache-Control"] and "no-store" in receipt["Cache-Control"]
    assert "s-maxage" not in receipt["Cache-Control"]


@pytest.mark.usefixtures("page_cache")
def test_the_page_cache_never_keeps_a_return_page(client, story):
    pytest.importorskip("masthead.pagecache")
    client.post(f"/votes/{story.pk}/", {"value": "up"})
    assert client.cookies[COOKIE_NAME].value
    for _ in range(2):
        response = client.get(f"{story.url}?voted=up")
        assert response.get("X-Cache") != "HIT"
        assert "Your vote is counted: thumbs up." in response.content.decode()
