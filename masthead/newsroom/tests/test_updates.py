"""When "Last updated at" moves: on publication, unless a minor edit; on a correction."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from masthead.news.models import ArticlePage
from masthead.newsroom.tests.editor import edit_form_data, post_edit
from masthead.stories import factories as f
from masthead.stories.models import StoryCorrection

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_editor(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def story(world):
    """A story first published three hours ago, never updated since."""
    page = f.article(world, published=f.hours_ago(3))
    return page


def fresh(page):
    return ArticlePage.objects.get(pk=page.pk)


def test_first_publication_is_also_the_last_update(story):
    assert story.updated_at is None
    assert story.last_updated == story.first_published_at


def test_publishing_an_update_moves_last_updated_to_now(client_editor, story):
    before = timezone.now()
    post_edit(client_editor, story, action="publish", standfirst="A new standfirst.")
    page = fresh(story)
    assert page.updated_at is not None and page.updated_at >= before
    assert page.last_updated == page.updated_at


def test_minor_edit_publishes_without_moving_last_updated(client_editor, story):
    post_edit(client_editor, story, action="publish", title="Fixed a typo", minor_edit="on")
    page = fresh(story)
    assert page.title == "Fixed a typo"
    assert page.updated_at is None
    assert page.last_updated == story.first_published_at


def test_minor_edit_keeps_an_earlier_update(client_editor, story):
    post_edit(client_editor, story, action="publish", standfirst="Real update.")
    updated = fresh(story).updated_at
    post_edit(client_editor, fresh(story), action="publish", title="Typo", minor_edit="on")
    assert fresh(story).updated_at == updated


def test_minor_edit_box_is_unticked_each_time_the_editor_opens(client_editor, story):
    post_edit(client_editor, story, action="publish", title="Typo fixed", minor_edit="on")
    data = edit_form_data(client_editor, fresh(story))
    assert "minor_edit" not in data


def test_saving_a_draft_does_not_move_last_updated(client_editor, story):
    post_edit(client_editor, story, standfirst="Draft only.")
    assert fresh(story).updated_at is None


def test_a_correction_moves_last_updated_to_its_date_even_in_a_minor_edit(client_editor, story):
    noted = timezone.localtime(timezone.now() - timedelta(minutes=30)).replace(
        second=0, microsecond=0
    )
    response = post_edit(
        client_editor,
        story,
        action="publish",
        minor_edit="on",
        extra={
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-kind": "correction",
            "corrections-0-text": "An earlier version misspelt the mayor's name.",
            "corrections-0-noted_at": noted.strftime("%Y-%m-%d %H:%M"),
            "corrections-0-ORDER": "0",
            "corrections-0-DELETE": "",
            "corrections-0-id": "",
        },
    )
    assert response.status_code == 302
    page = fresh(story)
    assert page.corrections.get().text.startswith("An earlier version")
    assert page.updated_at == noted
    assert page.last_updated == noted


def test_a_correction_dated_in_the_future_is_refused(client_editor, story):
    later = timezone.localtime(timezone.now() + timedelta(days=1))
    response = post_edit(
        client_editor,
        story,
        action="publish",
        extra={
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-kind": "note",
            "corrections-0-text": "A note from tomorrow.",
            "corrections-0-noted_at": later.strftime("%Y-%m-%d %H:%M"),
            "corrections-0-ORDER": "0",
            "corrections-0-DELETE": "",
            "corrections-0-id": "",
        },
    )
    assert response.status_code == 200
    assert "A correction cannot be dated in the future." in response.content.decode()
    assert not StoryCorrection.objects.exists()


def test_a_restored_old_revision_does_not_bring_back_an_old_last_updated(client_editor, story):
    post_edit(client_editor, story, action="publish", standfirst="Update one.")
    updated = fresh(story).updated_at
    first = story.revisions.order_by("created_at").first()
    restored = first.as_object()
    assert restored.updated_at == updated


def test_story_page_shows_last_updated_from_the_update(client, client_editor, story):
    post_edit(client_editor, story, action="publish", standfirst="Update shown.")
    client.logout()
    page = fresh(story)
    html = client.get(page.url).content.decode()
    shown = timezone.localtime(page.updated_at).replace(microsecond=0).isoformat()
    assert f'Last updated at <time datetime="{shown}"' in html


def test_editor_panel_says_what_last_updated_readers_see(client_editor, story):
    html = client_editor.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content
    assert "Readers see “Last updated at" in html.decode()
