"""Review through the admin: a reporter submits, an editor approves or asks for changes."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState

from masthead.news.models import ArticlePage
from masthead.newsroom.tests.editor import post_edit
from masthead.stories import factories as f

pytestmark = pytest.mark.django_db


def form_time(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


@pytest.fixture
def draft(world, reporter):
    page = f.article(world, title="Water plan draft")
    page.unpublish()
    ArticlePage.objects.filter(pk=page.pk).update(owner=reporter, first_published_at=None)
    page.refresh_from_db()
    return page


def submit(client, page, **changes):
    response = post_edit(client, page, action="submit", **changes)
    assert response.status_code == 302, response.content.decode()[:2000]
    page.refresh_from_db()
    return page.current_workflow_state


def act(client, page, action, comment=""):
    task_state = page.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": comment})


def test_reporter_submits_a_draft_for_review(as_user, reporter, draft):
    state = submit(as_user(reporter), draft)
    assert state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == reporter
    assert not ArticlePage.objects.get(pk=draft.pk).live


def test_editor_approves_and_the_story_goes_live(client, reporter, editor, draft):
    client.force_login(reporter)
    submit(client, draft, title="Council doubles water storage")
    client.force_login(editor)
    response = act(client, draft, "approve", comment="Good to go.")
    assert response.status_code in (200, 302)
    page = ArticlePage.objects.get(pk=draft.pk)
    assert page.live and page.title == "Council doubles water storage"
    assert page.current_workflow_state is None


def test_editor_requests_changes_with_a_comment(client, reporter, editor, draft):
    client.force_login(reporter)
    submit(client, draft)
    client.force_login(editor)
    act(client, draft, "reject", comment="Name the second source, please.")
    state = WorkflowState.objects.filter(object_id=str(draft.pk)).get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "Name the second source, please."
    assert not ArticlePage.objects.get(pk=draft.pk).live


def test_reporter_cannot_approve_their_own_story(client, reporter, draft):
    client.force_login(reporter)
    submit(client, draft)
    response = act(client, draft, "approve")
    assert response.status_code in (302, 403)
    assert not ArticlePage.objects.get(pk=draft.pk).live


def test_approved_story_goes_live_at_its_scheduled_time(client, reporter, editor, draft):
    go_live = timezone.now() + timedelta(hours=2)
    client.force_login(reporter)
    submit(client, draft, go_live_at=form_time(go_live))
    client.force_login(editor)
    act(client, draft, "approve")
    assert not ArticlePage.objects.get(pk=draft.pk).live
    assert ArticlePage.objects.scheduled().filter(pk=draft.pk).exists()

    call_command("publish_scheduled", verbosity=0)
    assert not ArticlePage.objects.get(pk=draft.pk).live

    later = timezone.now() + timedelta(hours=2, minutes=5)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled", verbosity=0)
    page = ArticlePage.objects.get(pk=draft.pk)
    assert page.live
    assert not ArticlePage.objects.scheduled().filter(pk=draft.pk).exists()
