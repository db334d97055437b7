"""Wire versions in a story's history and in its editor, read through the wire app."""

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry

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
