"""Schedules made plain: what is in effect, and what waits for Publish."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from masthead.newsroom.schedule import schedule_notices
from masthead.stories import factories as f

NOW = timezone.now()
LATER = NOW + timedelta(hours=3)


def levels_and_words(notices):
    return [(n.level, n.text.split(":")[0]) for n in notices]


def test_an_approved_go_live_time_reads_as_scheduled():
    notices = schedule_notices(live=False, approved_go_live_at=LATER, live_expire_at=None, now=NOW)
    assert levels_and_words(notices) == [("info", "Scheduled")]


def test_a_go_live_time_only_in_the_draft_is_a_warning():
    notices = schedule_notices(
        live=False, approved_go_live_at=None, live_expire_at=None, draft_go_live_at=LATER, now=NOW
    )
    assert [n.level for n in notices] == ["warning"]
    assert "takes effect only when this version is published" in notices[0].text


def test_the_draft_time_equal_to_the_approved_one_is_not_repeated():
    notices = schedule_notices(
        live=False, approved_go_live_at=LATER, live_expire_at=None, draft_go_live_at=LATER, now=NOW
    )
    assert len(notices) == 1


def test_a_live_story_with_an_expiry_reads_as_scheduled_to_unpublish():
    notices = schedule_notices(live=True, approved_go_live_at=None, live_expire_at=LATER, now=NOW)
    assert "unpublishes at" in notices[0].text and notices[0].level == "info"


def test_an_expiry_only_in_the_draft_is_a_warning():
    notices = schedule_notices(
        live=True, approved_go_live_at=None, live_expire_at=None, draft_expire_at=LATER, now=NOW
    )
    assert [n.level for n in notices] == ["warning"]


def test_past_times_say_nothing():
    past = NOW - timedelta(hours=1)
    notices = schedule_notices(
        live=True, approved_go_live_at=None, live_expire_at=past, draft_go_live_at=past, now=NOW
    )
    assert notices == []


@pytest.mark.django_db
def test_page_editor_warns_that_a_saved_go_live_time_is_not_scheduled(client, editor, world):
    page = f.article(world)
    page.unpublish()
    Page.objects.filter(pk=page.pk).update(first_published_at=None)
    page.refresh_from_db()
    page.go_live_at = timezone.now() + timedelta(days=1)
    page.save_revision()
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert 'data-notice="warning"' in html and "is set but not scheduled" in html

    page.get_latest_revision().publish()
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "Scheduled: this version goes live at" in html
    assert "is set but not scheduled" not in html
