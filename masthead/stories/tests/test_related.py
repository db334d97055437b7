import pytest

from masthead.stories import factories as f

pytestmark = pytest.mark.django_db


def titles(stories) -> list[str]:
    return [story.title for story in stories]


def test_related_stories_share_tags_first_then_the_section_newest_first():
    region = f.section("Region")
    other = f.section("Business")
    story = f.article(region, title="Main story", tags=["water"], published=f.hours_ago(10))
    f.article(region, title="Same section old", published=f.hours_ago(30))
    f.article(region, title="Same section new", published=f.hours_ago(1))
    f.article(other, title="Shared tag elsewhere", tags=["water"], published=f.hours_ago(50))
    f.article(region, title="Shared tag and section", tags=["water"], published=f.hours_ago(40))
    f.article(other, title="Unrelated", tags=["trade"], published=f.hours_ago(2))
    story = type(story).serving_queryset().get(pk=story.pk)
    assert titles(story.related_stories(limit=10)) == [
        "Shared tag and section",
        "Shared tag elsewhere",
        "Same section new",
        "Same section old",
    ]


def test_related_stories_never_include_the_story_itself_nor_drafts():
    region = f.section("Region")
    story = f.article(region, title="Main story", tags=["water"])
    draft = f.article(region, title="Withdrawn", tags=["water"])
    draft.unpublish()
    assert titles(story.related_stories()) == []


def test_related_stories_take_one_query_however_large_the_archive(
    django_assert_num_queries,
):
    region = f.section("Region")
    for i in range(6):
        f.article(region, title=f"Story {i}", tags=["water", "amman"])
    story = f.article(region, title="Main story", tags=["water"])
    story = type(story).serving_queryset().get(pk=story.pk)
    story.fetch_shown()  # its topics, as a render of its text fetches them
    # The newest candidates of the section and of the shared tags are sub-queries.
    with django_assert_num_queries(1):
        related = story.related_stories()
    assert len(related) == 4


def test_related_stories_kept_for_a_page_cache_miss_take_one_query_in_the_same_order(
    django_assert_num_queries,
):
    region = f.section("Region")
    for i in range(6):
        f.article(region, title=f"Story {i}", tags=["water"], published=f.hours_ago(i + 1))
    story = f.article(region, title="Main story", tags=["water"])
    story = type(story).serving_queryset().get(pk=story.pk)
    first = story.related_stories()
    assert titles(first) == ["Story 0", "Story 1", "Story 2", "Story 3"]
    # A page-cache miss checks the kept choice in one query: the rendered list is kept
    # under what it returns (Story.get_context).
    with django_assert_num_queries(1):
        versions, ranked = story.related_versions()
    assert ranked is None
    assert [pk for pk, _ in versions] == [s.pk for s in first]
    assert titles(story.related_stories()) == titles(first)


def test_a_related_story_unpublished_since_drops_out_at_once():
    region = f.section("Region")
    gone = f.article(region, title="Withdrawn later", tags=["water"])
    f.article(region, title="Still here", tags=["water"], published=f.hours_ago(5))
    story = f.article(region, title="Main story", tags=["water"])
    assert titles(story.related_stories()) == ["Withdrawn later", "Still here"]
    gone.unpublish()
    assert titles(story.related_stories()) == ["Still here"]


def test_article_page_shows_related_stories_under_the_story(client):
    region = f.section("Region")
    older = f.article(region, title="Earlier water story", tags=["water"])
    story = f.article(region, title="Main story", tags=["water"])
    html = client.get(story.url).content.decode()
    assert '<h2 id="related-heading">Related stories</h2>' in html
    assert f'<a href="{older.url}">Earlier water story</a>' in html
    assert html.index("Related stories") < html.index("</article>")
