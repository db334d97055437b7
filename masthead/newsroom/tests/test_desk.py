"""The desk on the admin dashboard: the day, the review queue, the wire, comments, digest."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from masthead.news.models import ArticlePage
from masthead.newsroom import desk
from masthead.stories import factories as f

pytestmark = pytest.mark.django_db


def dashboard(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def section_of(html: str, panel_id: str) -> str:
    start = html.index(f'id="{panel_id}-section"')
    end = html.find('class="w-panel ', start + 1)
    return html[start : end if end != -1 else len(html)]


def scheduled_article(section, title, when):
    page = f.article(section, title=title)
    page.unpublish()
    Page.objects.filter(pk=page.pk).update(first_published_at=None)
    page.refresh_from_db()
    page.go_live_at = when
    page.save_revision().publish()
    return page


def test_desk_shows_stories_published_today_and_scheduled(client, editor, world):
    f.article(world, title="Published this morning")
    f.article(world, title="Published last week", published=timezone.now() - timedelta(days=7))
    scheduled_article(world, "Goes out tonight", timezone.now() + timedelta(hours=3))
    html = dashboard(client, editor)
    today = section_of(html, "desk-today")
    published = today[: today.index("<h3>Scheduled</h3>")]
    assert "Published this morning" in published
    assert "Published last week" not in published
    scheduled = today[today.index("<h3>Scheduled</h3>") :]
    assert "Goes out tonight" in scheduled and "Goes live" in scheduled


def test_desk_shows_stories_set_to_unpublish(client, editor, world):
    page = f.article(world, title="Offer ends soon")
    page.expire_at = timezone.now() + timedelta(hours=5)
    page.save_revision().publish()
    today = section_of(dashboard(client, editor), "desk-today")
    assert "Offer ends soon" in today and "Unpublishes" in today


def test_desk_lists_drafts_awaiting_review(client, editor, reporter, world):
    page = f.article(world, title="Reporter's draft in review", slug="in-review")
    page.unpublish()
    page.get_workflow().start(page, reporter)
    review = section_of(dashboard(client, editor), "desk-review")
    assert "Reporter&#x27;s draft in review" in review
    assert "Submitted" in review


def digest_window_end():
    """The end of the next issue's 24 hours: its digest time, or now if that is later."""
    from masthead.newsletter.digest import next_issue_date, window_end

    now = timezone.now()
    return window_end(next_issue_date(now=now), now=now)


def test_desk_previews_the_next_digest(client, editor, world):
    end = digest_window_end()
    f.article(world, title="Top of the day", published=end - timedelta(hours=2))
    f.article(world, title="Too old for the digest", published=end - timedelta(days=2))
    post = f.blog_post(f.blog("Desert Notebook"), title="A post of the day")
    type(post).objects.filter(pk=post.pk).update(first_published_at=end - timedelta(hours=3))
    digest = section_of(dashboard(client, editor), "desk-digest")
    assert "Next digest (preview)" in digest
    assert "Top of the day" in digest and "A post of the day" in digest
    assert "Too old for the digest" not in digest


def test_desk_digest_preview_leaves_out_what_editors_dropped(client, editor, world):
    from masthead.newsletter.digest import next_issue_date
    from masthead.newsletter.models import DigestPick

    end = digest_window_end()
    f.article(world, title="Kept in the digest", published=end - timedelta(hours=2))
    dropped = f.article(world, title="Dropped by the editor", published=end - timedelta(hours=1))
    DigestPick.objects.create(
        date=next_issue_date(now=timezone.now()), page=dropped, choice=DigestPick.Choice.DROP
    )
    digest = section_of(dashboard(client, editor), "desk-digest")
    assert "Kept in the digest" in digest
    assert "Dropped by the editor" not in digest


def test_desk_shows_comments_awaiting_moderation_to_a_moderator(client, moderator, world):
    from masthead.comments.models import Comment

    story = f.article(world)
    Comment.objects.create(story=story, name="Reader One", body="Please check the figures.")
    Comment.objects.create(
        story=story, name="Reader Two", body="Published already.", status=Comment.Status.PUBLISHED
    )
    html = dashboard(client, moderator)
    comments = section_of(html, "desk-comments")
    assert "1 comment awaiting moderation." in comments
    assert "Please check the figures." in comments
    assert "Published already." not in comments
    assert 'id="desk-today-section"' not in html


def test_desk_lists_the_wire_with_one_click_to_the_draft(client, editor, world):
    from masthead.wire.models import WireItem

    draft = f.article(world, title="Agency story held as a draft")
    draft.unpublish()
    WireItem.objects.create(
        guid="urn:test:1", headline="Agency story held as a draft", page=draft, state="draft",
        content_hash="x",
    )  # fmt: skip
    old = WireItem.objects.create(guid="urn:test:0", headline="Yesterday's copy", content_hash="y")
    WireItem.objects.filter(pk=old.pk).update(received_at=timezone.now() - timedelta(days=1))
    wire = section_of(dashboard(client, editor), "desk-wire")
    assert "Agency story held as a draft" in wire
    assert "Yesterday" not in wire
    edit_url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    assert f'<a href="{edit_url}">Open the draft</a>' in wire


def test_reporter_sees_the_day_but_not_the_moderation_queue(client, reporter, world):
    html = dashboard(client, reporter)
    assert 'id="desk-today-section"' in html and 'id="desk-comments-section"' not in html


def test_day_starts_at_midnight_in_the_site_time_zone(settings):
    settings.TIME_ZONE = "Asia/Amman"
    start = desk.day_start(timezone.now())
    assert (start.hour, start.minute) == (0, 0)
    assert str(start.tzinfo) == "Asia/Amman"


def test_published_today_ignores_drafts(world):
    draft = f.article(world, title="Never published")
    draft.unpublish()
    assert ArticlePage.objects.get(pk=draft.pk) not in desk.published_today()


def test_desk_query_count_does_not_grow_with_the_stories_of_the_day(client, editor, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            dashboard(client, editor)
        return len(captured)

    for i in range(2):
        f.article(world, title=f"Morning story {i}", slug=f"morning-{i}")
    dashboard(client, editor)
    small = queries()
    for i in range(2, 7):
        f.article(world, title=f"Morning story {i}", slug=f"morning-{i}")
    assert queries() == small
