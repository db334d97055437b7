import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from masthead.stories import factories as f
from masthead.stories import ranking
from masthead.stories.ranking import ranked, top_stories
from masthead.votes.models import VoteValue
from masthead.votes.readers import Reader
from masthead.votes.services import (
    top_story_override_clear,
    top_story_override_set,
    vote_cast,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return f.section("World")


def story(world, title, hours_old):
    return f.article(world, title=title, published=f.hours_ago(hours_old))


def votes(story, count, value=VoteValue.UP):
    for i in range(count):
        vote_cast(story=story, reader=Reader(anonymous_id=f"r{story.pk}-{i}"), value=value)


def titles(stories):
    return [s.title for s in stories]


def expected_score(engagement, hours_old):
    """The docstring's formula, in Python."""
    return (engagement + 1) / (hours_old + ranking.AGE_OFFSET) ** ranking.GRAVITY


def test_without_engagement_the_newest_articles_lead(world):
    for hours in (30, 2, 10):
        story(world, f"Story {hours}h old", hours)
    assert titles(top_stories(limit=3)) == ["Story 2h old", "Story 10h old", "Story 30h old"]


def test_votes_lift_an_older_story_above_a_newer_one(world):
    story(world, "Fresh", 1)
    older = story(world, "Older", 6)
    votes(older, 10)
    assert titles(top_stories(limit=2)) == ["Older", "Fresh"]


def test_down_votes_count_as_engagement_too(world):
    story(world, "Fresh", 1)
    older = story(world, "Older", 6)
    votes(older, 10, VoteValue.DOWN)
    assert titles(top_stories(limit=1)) == ["Older"]


def test_age_wins_over_a_few_votes_in_the_end(world):
    story(world, "Fresh", 1)
    old = story(world, "Three days old", 72)
    votes(old, 10)
    assert titles(top_stories(limit=2)) == ["Fresh", "Three days old"]


def test_the_sql_score_is_the_documented_formula(world):
    now = timezone.now()
    a = f.article(world, title="A", published=now - timezone.timedelta(hours=5))
    b = f.article(world, title="B", published=now - timezone.timedelta(hours=30))
    votes(a, 3)
    votes(b, 7, VoteValue.DOWN)
    scores = {s.title: s.score for s in ranked(now=now)}
    assert scores["A"] == pytest.approx(expected_score(3, 5), rel=1e-6)
    assert scores["B"] == pytest.approx(expected_score(7, 30), rel=1e-6)


def test_published_comments_weigh_more_than_votes(world):
    try:
        comment = apps.get_model("comments", "Comment")
    except LookupError:
        pytest.skip("the comments app has no Comment model yet")
    now = timezone.now()
    a = f.article(world, title="Commented", published=now - timezone.timedelta(hours=3))
    b = f.article(world, title="Voted", published=now - timezone.timedelta(hours=3))
    votes(b, 3)
    comment.objects.create(story=a, name="Reader", body="A view.", status="published")
    comment.objects.create(story=a, name="Reader", body="A second view.", status="published")
    comment.objects.create(story=b, name="Spammer", body="Buy now.", status="spam")
    scores = {s.title: s.score for s in ranked(now=now)}
    assert scores["Commented"] == pytest.approx(expected_score(2 * ranking.COMMENT_WEIGHT, 3))
    assert scores["Voted"] == pytest.approx(expected_score(3, 3))
    assert titles(top_stories(limit=2)) == ["Commented", "Voted"]


def test_a_pinned_story_leads_whatever_its_score(world):
    old = story(world, "Pinned", 200)
    story(world, "Fresh", 1)
    votes(story(world, "Popular", 2), 30)
    top_story_override_set(story=old, placement="pin")
    assert titles(top_stories(limit=3)) == ["Pinned", "Popular", "Fresh"]
    top_story_override_clear(story=old)
    assert titles(top_stories(limit=3)) == ["Popular", "Fresh", "Pinned"]


def test_the_latest_pin_comes_first(world):
    first = story(world, "Pinned first", 5)
    second = story(world, "Pinned second", 6)
    top_story_override_set(story=first, placement="pin")
    top_story_override_set(story=second, placement="pin")
    assert titles(top_stories(limit=2)) == ["Pinned second", "Pinned first"]


def test_a_story_kept_out_is_never_ranked(world):
    popular = story(world, "Popular", 1)
    votes(popular, 5)
    story(world, "Quiet", 3)
    top_story_override_set(story=popular, placement="out", note="Legal asked us to.")
    assert titles(top_stories(limit=5)) == ["Quiet"]


def test_an_override_ends_at_its_until(world):
    pinned = story(world, "Was pinned", 50)
    kept_out = story(world, "Was kept out", 1)
    story(world, "Middle", 4)
    ended = timezone.now() - timezone.timedelta(minutes=1)
    top_story_override_set(story=pinned, placement="pin", until=ended)
    top_story_override_set(story=kept_out, placement="out", until=ended)
    assert titles(top_stories(limit=3)) == ["Was kept out", "Middle", "Was pinned"]
    ahead = timezone.now() + timezone.timedelta(hours=1)
    top_story_override_set(story=pinned, placement="pin", until=ahead)
    assert titles(top_stories(limit=1)) == ["Was pinned"]


def test_since_limits_the_ranking_to_recent_stories(world):
    old = story(world, "Yesterday", 30)
    votes(old, 50)
    story(world, "Today", 2)
    assert titles(top_stories(limit=5, since=f.hours_ago(24))) == ["Today"]


def test_only_live_articles_are_ranked(world):
    draft = story(world, "Withdrawn", 1)
    draft.unpublish()
    blog = f.blog("Desert Notebook")
    f.blog_post(blog, title="A blog post")
    story(world, "Live", 5)
    assert titles(top_stories(limit=5)) == ["Live"]


def test_the_ranking_is_one_query_however_many_articles(world):
    def ranking_queries():
        with CaptureQueriesContext(connection) as queries:
            list(ranked()[:5])
        return len(queries)

    for i in range(3):
        votes(story(world, f"Story {i}", i + 1), i)
    assert ranking_queries() == 1
    for i in range(3, 12):
        votes(story(world, f"Story {i}", i + 1), i % 3)
    assert ranking_queries() == 1


def test_top_stories_with_teasers_take_a_fixed_number_of_queries(world):
    def listing_queries():
        with CaptureQueriesContext(connection) as queries:
            stories = top_stories(limit=5)
            [(s.authors, s.agency, s.lead_image) for s in stories]
        return len(queries)

    for i in range(3):
        f.article(world, title=f"Story {i}", authors=[f.AuthorFactory()])
    few = listing_queries()
    for i in range(3, 9):
        f.article(world, title=f"Story {i}", authors=[f.AuthorFactory(), f.AuthorFactory()])
    assert listing_queries() == few <= 3


def test_the_candidates_are_the_most_recent_articles(world):
    old = story(world, "Old but loved", 40)
    votes(old, 100)
    story(world, "Newest", 1)
    story(world, "Newer", 2)
    assert titles(ranked(candidates=2)) == ["Newest", "Newer"]


def test_the_front_page_shows_the_ranked_top_stories(client, world):
    story(world, "Fresh", 1)
    votes(story(world, "Loved", 8), 20)
    html = client.get("/").content.decode()
    top = html.split('id="top-stories"')[1].split("</section>")[0]
    assert top.index("Loved") < top.index("Fresh")
