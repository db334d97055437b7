"""The plain-SQL listing of section fronts and blogs answers as the ORM would."""

from datetime import UTC

import pytest
from django.utils import timezone

from masthead.blogs.models import BlogPostPage
from masthead.comments.models import Comment
from masthead.news.models import ArticlePage
from masthead.stories import factories as f
from masthead.stories.listing import NewestUnder, TeaserRow, aware

pytestmark = pytest.mark.django_db


def orm_rows(model, parents):
    """What the listing must return, asked of the ORM the slow way."""
    from django.db.models import Count, Q

    stories = (
        model.objects.live()
        .filter(path__regex=r"^(" + "|".join(p.path for p in parents) + r")....$")
        .annotate(
            comment_count=Count("comments", filter=Q(comments__status=Comment.Status.PUBLISHED))
        )
        .order_by("-first_published_at", "-pk")
    )
    return [
        TeaserRow(s.pk, s.live_revision_id, s.last_published_at, s.url_path, s.comment_count)
        for s in stories
    ]


def test_rows_are_the_newest_of_every_parent_with_published_comments_counted():
    region = f.section("Region")
    gulf = f.section("Gulf", parent=region)
    levant = f.section("Levant", parent=gulf)
    same_moment = f.hours_ago(2)
    stories = [
        f.article(region, title="On the front page", published=f.hours_ago(5)),
        f.article(gulf, title="Gulf early", published=same_moment),
        f.article(gulf, title="Gulf tie", published=same_moment),  # ties fall back to id
        f.article(levant, title="Levant", published=f.hours_ago(1)),
        f.article(levant, title="Levant old", published=f.hours_ago(30)),
    ]
    f.blog_post(f.blog("Region blog", parent=region), title="A post not an article")
    draft = f.article(gulf, title="Taken down", published=f.hours_ago(0.5))
    draft.unpublish()
    for status, count in [(Comment.Status.PUBLISHED, 2), (Comment.Status.PENDING, 3)]:
        for n in range(count):
            Comment.objects.create(story=stories[1], name="R", body=f"{status} {n}", status=status)

    parents = [region, gulf, levant]
    listing = NewestUnder(ArticlePage, [p.path for p in parents])
    expected = orm_rows(ArticlePage, parents)
    assert [row.pk for row in expected] == [
        stories[3].pk,
        stories[2].pk,
        stories[1].pk,
        stories[0].pk,
        stories[4].pk,
    ]
    assert listing[0:10] == expected
    assert listing[1:3] == expected[1:3]
    assert listing[4:9] == expected[4:]
    assert listing[3:3] == []
    counts = {row.pk: row.comment_count for row in listing[0:10]}
    assert counts[stories[1].pk] == 2 and counts[stories[0].pk] == 0
    assert all(timezone.is_aware(row.last_published_at) for row in listing[0:10])


def test_a_parent_reads_only_its_own_type_and_an_empty_listing_is_empty():
    notebook = f.blog("Notebook")
    post = f.blog_post(notebook, title="Market at dawn")
    assert [row.pk for row in NewestUnder(BlogPostPage, [notebook.path])[0:5]] == [post.pk]
    assert NewestUnder(ArticlePage, [notebook.path])[0:5] == []
    assert NewestUnder(ArticlePage, [])[0:5] == []


def test_a_slice_without_an_end_or_with_a_step_is_refused():
    listing = NewestUnder(ArticlePage, [])
    for window in (slice(0, None), slice(0, 10, 2)):
        with pytest.raises(TypeError):
            listing[window]


def test_datetimes_read_by_plain_sql_are_aware_and_the_same_instant():
    moment = timezone.now().replace(microsecond=0)
    naive_utc = moment.astimezone(UTC).replace(tzinfo=None)
    assert aware(naive_utc) == moment
    assert aware(naive_utc.isoformat(" ")) == moment
    assert aware(moment) is moment
    assert aware(None) is None
