import datetime

import pytest
from django.utils import timezone

from masthead.blogs.models import BlogPostPage
from masthead.newsletter.digest import digest_build, window_end
from masthead.stories import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def today():
    return timezone.localdate()


def before_issue(today, hours: float):
    """A moment `hours` before the end of the 24 hours today's issue covers."""
    return window_end(today, now=timezone.now()) - datetime.timedelta(hours=hours)


@pytest.fixture
def news(db, today):
    region = f.section("Region")
    old = f.article(
        region, title="Last week story", slug="last-week", published=before_issue(today, 30)
    )
    top = f.article(
        region, title="Council approves new water plan", published=before_issue(today, 2)
    )
    post = f.blog_post(f.blog(), title="Notes from the market")
    BlogPostPage.objects.filter(pk=post.pk).update(first_published_at=before_issue(today, 1))
    return {"old": old, "top": top, "post": post}


def test_digest_lists_top_stories_then_blog_posts_of_the_last_day(news, today):
    issue = digest_build(date=today, now=timezone.now())
    assert issue.subject == "Council approves new water plan"
    assert "Last week" not in issue.html
    assert issue.html.index("Council approves") < issue.html.index("Notes from the market")
    assert "Notes from the market" in issue.text
    assert "<table" in issue.html
    assert len(issue.html.encode()) < 100_000


def test_building_twice_keeps_the_first_issue(news, today):
    first = digest_build(date=today, now=timezone.now())
    assert digest_build(date=today, now=timezone.now()).pk == first.pk


def test_no_issue_when_nothing_new_was_published(db, today):
    f.article(f.section("Region"), title="Old news", published=before_issue(today, 40))
    assert digest_build(date=today, now=timezone.now()) is None


def test_archive_page_shows_the_issue_without_personal_links(client, news, today):
    digest_build(date=today, now=timezone.now())
    response = client.get(f"/newsletter/{today.isoformat()}/")
    assert response.status_code == 200
    assert "Council approves new water plan" in response.content.decode()
    assert "{{unsubscribe_url}}" not in response.content.decode()


def test_archive_of_a_day_without_issue_or_a_bad_date_is_not_found(client, db):
    assert client.get("/newsletter/2026-02-30/").status_code == 404
    assert client.get(f"/newsletter/{datetime.date(2020, 1, 1).isoformat()}/").status_code == 404
