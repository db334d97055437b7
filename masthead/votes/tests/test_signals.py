import pytest

from masthead.votes.models import VoteValue
from masthead.votes.readers import Reader
from masthead.votes.services import top_story_override_set, vote_cast, vote_withdraw

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]
pytest.importorskip("masthead.pagecache")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what a vote does once its transaction commits (the test's own never does)."""
    return django_capture_on_commit_callbacks


def test_a_vote_drops_the_story_page_from_the_page_cache(client, story, other_story, committed):
    for url in (story.url, other_story.url):
        client.get(url)
    assert client.get(story.url)["X-Cache"] == "HIT"
    with committed(execute=True):
        vote_cast(story=story, reader=Reader(anonymous_id="alice"), value=VoteValue.UP)
    fresh = client.get(story.url)
    assert fresh["X-Cache"] == "MISS" and "1 user has voted." in fresh.content.decode()
    assert client.get(other_story.url)["X-Cache"] == "HIT"


def test_a_repeated_vote_leaves_the_cached_page_alone(client, story, committed):
    reader = Reader(anonymous_id="alice")
    vote_cast(story=story, reader=reader, value=VoteValue.UP)
    client.get(story.url)
    with committed(execute=True) as callbacks:
        vote_cast(story=story, reader=reader, value=VoteValue.UP)
    assert callbacks == []
    assert client.get(story.url)["X-Cache"] == "HIT"
    with committed(execute=True):
        vote_withdraw(story=story, reader=reader)
    assert client.get(story.url)["X-Cache"] == "MISS"


def test_pinning_a_story_refreshes_the_front_page(client, story):
    client.get("/")
    assert client.get("/")["X-Cache"] == "HIT"
    top_story_override_set(story=story, placement="pin")
    assert client.get("/")["X-Cache"] == "MISS"
