"""Wire versions in a story's history and in its editor, read through the wire app."""

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry

from masthead.news.models import ArticlePage
from masthead.newsroom import wire_items
from masthead.stories import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def wired(world):
    from masthead.wire.models import WireItem

    story = f.article(world, title="Agency story")
    agency = f.AgencyFactory(name="Levant Wire", slug="levant-wire")
    item = WireItem.objects.create(
        guid="urn:levant:1", headline="Agency story", page=story, agency=agency,
        version="1", state="published", content_hash="a",
    )  # fmt: skip
    return story, item


def test_each_agency_version_is_written_to_the_story_history(wired):
    story, item = wired
    item.version, item.headline, item.content_hash = "2", "Agency story, updated", "b"
    item.save()
    versions = wire_items.versions_of(story)
    assert [(v.version, v.title, v.source) for v in versions] == [
        ("2", "Agency story, updated", "Levant Wire"),
        ("1", "Agency story", "Levant Wire"),
    ]


def test_saving_an_item_without_a_new_version_logs_nothing(wired):
    story, item = wired
    item.review_note = "Checked by the desk"
    item.save()
    assert PageLogEntry.objects.filter(page=story, action=wire_items.WIRE_VERSION).count() == 1


def test_editor_sees_wire_versions_in_the_history_view(client, editor, wired):
    story, _ = wired
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:history", args=[story.pk])).content.decode()
    assert "Agency copy received from Levant Wire (version 1)" in html


def test_editor_sees_wire_versions_in_the_page_editor(client, editor, wired):
    story, _ = wired
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content.decode()
    assert "newsroom-wire-versions" in html and "Levant Wire, version 1" in html


def test_a_story_without_wire_copy_shows_no_wire_panel(client, editor, world):
    story = f.article(world)
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content.decode()
    assert "newsroom-wire-versions" not in html


@pytest.fixture
def sport():
    return f.section("Sport")


def wire_item(page, *, guid="urn:levant:9", state="draft"):
    from masthead.wire.models import WireItem

    return WireItem.objects.create(
        guid=guid, headline=page.title if page else "Gone", page=page, state=state,
        content_hash="h",
    )  # fmt: skip


def open_url(item) -> str:
    return reverse("newsroom_wire_open", args=[item.pk])


def held_draft(section, title="Agency copy held as a draft", **fields):
    page = f.article(section, title=title, **fields)
    page.unpublish()
    return ArticlePage.objects.get(pk=page.pk)


def test_desk_offers_to_open_a_wire_item_as_a_draft_in_a_section(client, editor, world, sport):
    item = wire_item(held_draft(world))
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    form = html[html.index(f'action="{open_url(item)}"') :]
    form = form[: form.index("</form>")]
    assert 'name="csrfmiddlewaretoken"' in form
    assert f'<option value="{sport.pk}">Sport</option>' in form


def test_opening_a_held_draft_moves_it_to_the_section_and_opens_the_editor(
    client, editor, world, sport
):
    draft = held_draft(world)
    item = wire_item(draft)
    client.force_login(editor)
    response = client.post(open_url(item), {"section": sport.pk})
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[draft.pk])
    moved = ArticlePage.objects.get(pk=draft.pk)
    assert moved.get_parent().pk == sport.pk and not moved.live
    item.refresh_from_db()
    assert item.page_id == draft.pk  # the agency's updates still reach it


def test_opening_a_live_wire_story_makes_a_draft_copy_in_the_section(client, editor, world, sport):
    live = f.article(world, title="Agency copy already live")
    item = wire_item(live, state="published")
    client.force_login(editor)
    response = client.post(open_url(item), {"section": sport.pk})
    copy = ArticlePage.objects.child_of(sport).get(title="Agency copy already live")
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[copy.pk])
    assert not copy.live and copy.first_published_at is None
    assert ArticlePage.objects.get(pk=live.pk).live
    assert ArticlePage.objects.get(pk=live.pk).get_parent().pk == world.pk


def test_a_moved_draft_takes_a_free_slug_in_its_new_section(client, editor, world, sport):
    f.article(sport, title="Same headline", slug="same-headline")
    draft = held_draft(world, title="Same headline", slug="same-headline")
    client.force_login(editor)
    client.post(open_url(wire_item(draft)), {"section": sport.pk})
    moved = ArticlePage.objects.get(pk=draft.pk)
    assert moved.get_parent().pk == sport.pk
    assert moved.slug == "same-headline-1"
    assert moved.get_latest_revision_as_object().slug == "same-headline-1"


def test_opening_needs_a_post(client, editor, world, sport):
    item = wire_item(held_draft(world))
    client.force_login(editor)
    assert client.get(open_url(item), {"section": sport.pk}).status_code == 405


def test_opening_without_the_csrf_token_is_refused(editor, world, sport):
    from django.test import Client

    draft = held_draft(world)
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(open_url(wire_item(draft)), {"section": sport.pk}).status_code == 403
    assert ArticlePage.objects.get(pk=draft.pk).get_parent().pk == world.pk


def test_a_bad_section_value_changes_nothing_and_says_so(client, editor, world):
    draft = held_draft(world)
    client.force_login(editor)
    response = client.post(open_url(wire_item(draft)), {"section": "abc"}, follow=True)
    assert "Choose a section you may add stories to." in response.content.decode()
    assert ArticlePage.objects.get(pk=draft.pk).get_parent().pk == world.pk


def test_a_withdrawn_item_cannot_be_opened(client, editor, world, sport):
    draft = held_draft(world)
    client.force_login(editor)
    response = client.post(
        open_url(wire_item(draft, state="killed")), {"section": sport.pk}, follow=True
    )
    assert "The agency withdrew this story" in response.content.decode()
    assert ArticlePage.objects.get(pk=draft.pk).get_parent().pk == world.pk


def test_a_reporter_cannot_take_wire_copy_from_outside_their_sections(
    client, reporter, world, sport
):
    draft = held_draft(sport)
    client.force_login(reporter)
    response = client.post(open_url(wire_item(draft)), {"section": world.pk})
    assert response.status_code in (302, 403)
    assert ArticlePage.objects.get(pk=draft.pk).get_parent().pk == sport.pk


def test_desk_query_count_does_not_grow_with_the_wire(client, editor, world, sport):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("wagtailadmin_home"))
        return len(captured)

    client.force_login(editor)
    for i in range(2):
        wire_item(held_draft(world, title=f"Wire {i}", slug=f"wire-{i}"), guid=f"urn:q:{i}")
    client.get(reverse("wagtailadmin_home"))
    small = queries()
    for i in range(2, 7):
        wire_item(held_draft(world, title=f"Wire {i}", slug=f"wire-{i}"), guid=f"urn:q:{i}")
    assert queries() == small
