import json
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Revision

from masthead.news.models import ArticlePage
from masthead.photos.models import Photo
from masthead.wire import mapping
from masthead.wire.models import WireItem
from masthead.wire.services import (
    CREATED,
    FAILED,
    KILLED,
    UNCHANGED,
    UPDATED,
    wire_source_ingest,
)
from masthead.wire.tests.conftest import jpeg_bytes

pytestmark = pytest.mark.django_db
GUID = "urn:test:wire:1"


def ninjs(version=1, headline="Dam opens after repairs", **extra) -> dict:
    doc = {
        "uri": GUID,
        "type": "text",
        "version": str(version),
        "firstcreated": "2024-05-01T07:00:00Z",
        "versioncreated": f"2024-05-01T{7 + version:02d}:00:00Z",
        "pubstatus": "usable",
        "headlines": [{"role": "main", "value": headline}],
        "descriptions": [{"role": "summary", "value": "Water flows again, the ministry said."}],
        "bodies": [
            {
                "role": "main",
                "contenttype": "text/html",
                "value": f"<p>Version {version} of the story.</p><blockquote>"
                "<p>We are proud.</p><cite>The minister</cite></blockquote>",
            }
        ],
        "by": "Jane Roe and John Doe/TWS",
        "copyrightholder": "Test Wire Service",
        "subjects": [{"name": "Water"}],
        "located": "AMMAN",
    }
    doc.update(extra)
    return doc


def ingest(tmp_path, doc, name="item.json", **kwargs):
    path = tmp_path / name
    path.write_text(json.dumps(doc))
    return wire_source_ingest(source=str(path), section=kwargs.pop("section"), **kwargs)


def story() -> ArticlePage:
    return ArticlePage.objects.get(wire_items__guid=GUID)


def test_a_new_item_becomes_a_published_article_with_every_part_mapped(tmp_path, section):
    [result] = ingest(tmp_path, ninjs(), section=section)
    page = story()
    assert result.action == CREATED and result.detail == page.url
    assert page.live and page.title == "Dam opens after repairs"
    assert page.standfirst == "Water flows again, the ministry said."
    assert [b.block_type for b in page.body] == ["paragraph", "quote"]
    assert page.body[1].value["attribution"] == "The minister"
    assert [a.name for a in page.authors] == ["Jane Roe", "John Doe"]
    assert page.agency.name == "Test Wire Service" and page.dateline == "AMMAN"
    assert [t.name for t in page.tags.all()] == ["Water"]
    assert page.first_published_at.isoformat() == "2024-05-01T07:00:00+00:00"
    assert page.updated_at.isoformat() == "2024-05-01T08:00:00+00:00"
    item = WireItem.objects.get(guid=GUID)
    assert (item.version, item.state, item.headline) == ("1", "published", page.title)


def test_the_same_file_twice_creates_nothing_new(tmp_path, section):
    ingest(tmp_path, ninjs(), section=section)
    revisions = Revision.objects.count()
    [result] = ingest(tmp_path, ninjs(), section=section)
    assert result.action == UNCHANGED
    assert ArticlePage.objects.count() == 1 and Revision.objects.count() == revisions


def test_a_newer_version_adds_a_revision_and_moves_last_updated(tmp_path, section):
    ingest(tmp_path, ninjs(1), section=section)
    before = story().revisions.count()
    [result] = ingest(tmp_path, ninjs(2, headline="Dam opens after long repairs"), section=section)
    page = story()
    assert result.action == UPDATED
    assert page.title == "Dam opens after long repairs" and page.live
    assert page.revisions.count() == before + 1
    assert page.updated_at.isoformat() == "2024-05-01T09:00:00+00:00"
    assert page.first_published_at.isoformat() == "2024-05-01T07:00:00+00:00"
    assert WireItem.objects.get(guid=GUID).version == "2"


def test_an_older_or_equal_version_changes_nothing(tmp_path, section):
    ingest(tmp_path, ninjs(3), section=section)
    revisions = Revision.objects.count()
    for version, headline in ((2, "An older headline"), (3, "Same version, other words")):
        [result] = ingest(tmp_path, ninjs(version, headline=headline), section=section)
        assert result.action == UNCHANGED
    assert story().title == "Dam opens after repairs" and Revision.objects.count() == revisions
    assert WireItem.objects.get(guid=GUID).version == "3"


def test_an_update_to_a_story_an_editor_changed_waits_as_a_draft(tmp_path, section):
    ingest(tmp_path, ninjs(1), section=section)
    editor = get_user_model().objects.create_superuser("editor", "ed@example.com", "x")
    draft = story().get_latest_revision_as_object()
    draft.standfirst = "The editor's own standfirst."
    draft.save_revision(user=editor).publish(user=editor)

    [result] = ingest(tmp_path, ninjs(2, headline="Agency's new headline"), section=section)
    page = story()
    item = WireItem.objects.get(guid=GUID)
    assert result.action == UPDATED and result.detail.startswith("edited locally")
    assert (
        page.standfirst == "The editor's own standfirst." and page.title != "Agency's new headline"
    )
    assert page.has_unpublished_changes
    assert page.latest_revision.user is None
    assert page.latest_revision.as_object().title == "Agency's new headline"
    assert item.needs_review and item.version == "2"
    assert list(WireItem.objects.awaiting_review()) == [item]

    [again] = ingest(tmp_path, ninjs(3, headline="Third"), section=section)
    assert again.detail.startswith("edited locally") and story().standfirst.startswith("The editor")

    story().latest_revision.publish(user=editor)
    assert not WireItem.objects.get(guid=GUID).needs_review


def test_a_withdrawn_item_unpublishes_the_article(tmp_path, section):
    ingest(tmp_path, ninjs(1), section=section)
    [result] = ingest(tmp_path, ninjs(2, pubstatus="canceled"), section=section)
    assert result.action == KILLED
    assert not story().live
    assert WireItem.objects.get(guid=GUID).state == "killed"


def test_a_kill_for_an_item_never_seen_is_recorded_without_a_page(tmp_path, section):
    [result] = ingest(tmp_path, ninjs(1, pubstatus="withheld"), section=section)
    assert result.action == KILLED and not ArticlePage.objects.exists()
    [later] = ingest(tmp_path, ninjs(1), section=section)
    assert later.action == UNCHANGED and not ArticlePage.objects.exists()


def test_an_embargoed_item_is_scheduled_not_published(tmp_path, section):
    embargo = (timezone.now() + timedelta(hours=3)).replace(microsecond=0)
    [result] = ingest(tmp_path, ninjs(embargoed=embargo.isoformat()), section=section)
    page = story()
    assert result.action == CREATED
    assert not page.live and page.go_live_at == embargo
    assert page.latest_revision.approved_go_live_at == embargo
    assert WireItem.objects.get(guid=GUID).state == "scheduled"


def test_a_kill_cancels_a_scheduled_publication(tmp_path, section):
    embargo = timezone.now() + timedelta(hours=3)
    ingest(tmp_path, ninjs(1, embargoed=embargo.isoformat()), section=section)
    [result] = ingest(tmp_path, ninjs(2, pubstatus="canceled"), section=section)
    page = story()
    assert result.action == KILLED and not page.live and page.go_live_at is None
    assert not page.revisions.filter(approved_go_live_at__isnull=False).exists()


def test_a_past_embargo_publishes_at_once(tmp_path, section):
    ingest(tmp_path, ninjs(embargoed="2020-01-01T00:00:00Z"), section=section)
    assert story().live


def test_draft_mode_leaves_the_story_for_an_editor(tmp_path, section):
    [result] = ingest(tmp_path, ninjs(), section=section, publish=False)
    assert result.action == CREATED and not story().live
    assert WireItem.objects.get(guid=GUID).state == "draft"


def test_a_picture_comes_with_its_credit_and_a_missing_one_leaves_the_story_in(tmp_path, section):
    (tmp_path / "photo.jpg").write_bytes(jpeg_bytes())
    picture = {
        "name": "main",
        "uri": "urn:pic",
        "type": "picture",
        "by": "Anadolu Agency photo",
        "copyrightholder": "AA",
        "descriptions": [{"value": "Water flows."}],
        "renditions": [{"name": "r", "href": "photo.jpg", "contenttype": "image/jpeg"}],
    }
    ingest(tmp_path, ninjs(1, associations=[picture]), section=section)
    photo = story().lead_image
    assert (photo.credit, photo.copyright, photo.caption) == (
        "Anadolu Agency photo",
        "AA",
        "Water flows.",
    )
    picture["renditions"][0]["href"] = "missing.jpg"
    [result] = ingest(tmp_path, ninjs(2, associations=[picture]), section=section)
    assert result.action == UPDATED and "picture not imported" in result.warnings[0]


@pytest.mark.parametrize(
    "payload, reason",
    [(b"<html>not a picture</html>", "not a picture"), (None, "decompression bomb")],
)
def test_pictures_are_checked_by_pillow(tmp_path, section, payload, reason, monkeypatch):
    if payload is None:
        monkeypatch.setattr("PIL.Image.MAX_IMAGE_PIXELS", 1000)
        payload = jpeg_bytes()
    (tmp_path / "photo.jpg").write_bytes(payload)
    picture = {
        "name": "main",
        "uri": "urn:pic",
        "type": "picture",
        "renditions": [{"name": "r", "href": "photo.jpg"}],
    }
    [result] = ingest(tmp_path, ninjs(associations=[picture]), section=section)
    assert result.action == CREATED and reason in result.warnings[0]
    assert not Photo.objects.exists()


def test_pictures_outside_the_documents_folder_are_not_read(tmp_path, section):
    picture = {
        "name": "main",
        "uri": "urn:pic",
        "type": "picture",
        "renditions": [{"name": "r", "href": "file:///../../etc/passwd"}],
    }
    [result] = ingest(tmp_path, ninjs(associations=[picture]), section=section)
    assert "picture not imported" in result.warnings[0]


def test_a_failure_inside_an_item_leaves_nothing_half_written(tmp_path, section, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    # New stories are written in batches (bulk_create), one by one after a failed batch.
    monkeypatch.setattr(WireItem, "save", explode)
    monkeypatch.setattr(WireItem.objects, "bulk_create", explode)
    revisions = Revision.objects.count()
    (tmp_path / "photo.jpg").write_bytes(jpeg_bytes())
    picture = {
        "name": "main",
        "uri": "urn:pic",
        "type": "picture",
        "renditions": [{"name": "r", "href": "photo.jpg"}],
    }
    [result] = ingest(tmp_path, ninjs(associations=[picture]), section=section)
    assert result.action == FAILED and "disk full" in result.detail
    assert not ArticlePage.objects.exists() and not Photo.objects.exists()
    assert Revision.objects.count() == revisions


def test_one_bad_item_does_not_stop_the_others(tmp_path, section, monkeypatch):
    real = mapping.apply_entry

    def flaky(page, entry, **kwargs):
        if entry.guid == "urn:bad":
            raise ValueError("surprise")
        return real(page, entry, **kwargs)

    monkeypatch.setattr(mapping, "apply_entry", flaky)
    docs = [ninjs(uri="urn:bad"), {"uri": "urn:invalid", "type": 5}, ninjs(uri="urn:good")]
    results = ingest(tmp_path, docs, section=section)
    assert [(r.action, r.identifier) for r in results] == [
        (FAILED, "urn:bad"),
        (FAILED, "urn:invalid"),
        (CREATED, "urn:good"),
    ]
    assert "surprise" in results[0].detail and "refused: not valid ninjs" in results[1].detail


def _picture(uri, href, by, caption):
    return {
        "uri": uri,
        "type": "picture",
        "by": by,
        "copyrightholder": f"{by} copyright",
        "descriptions": [{"value": caption}],
        "renditions": [{"name": "r", "href": href, "contenttype": "image/jpeg"}],
    }


def test_every_picture_of_an_item_is_kept_and_kept_again_on_an_update(tmp_path, section):
    (tmp_path / "one.jpg").write_bytes(jpeg_bytes())
    (tmp_path / "two.jpg").write_bytes(jpeg_bytes(colour=(200, 40, 40)))
    pictures = [
        _picture("urn:pic:1", "one.jpg", "Anadolu Agency photo", "Water flows."),
        _picture("urn:pic:2", "two.jpg", "Reuters photo", "The minister at the dam."),
    ]
    [result] = ingest(tmp_path, ninjs(1, associations=pictures), section=section)
    page = story()
    assert result.action == CREATED and not result.warnings
    assert page.lead_image.credit == "Anadolu Agency photo"
    [block] = [b.value for b in page.body if b.block_type == "photo"]
    assert (block["photo"].credit, block["photo"].copyright, block["photo"].caption) == (
        "Reuters photo",
        "Reuters photo copyright",
        "The minister at the dam.",
    )
    assert Photo.objects.count() == 2

    [update] = ingest(tmp_path, ninjs(2, associations=pictures), section=section)
    page = story()
    assert update.action == UPDATED and Photo.objects.count() == 2
    assert page.lead_image.credit == "Anadolu Agency photo"
    assert [b.value["photo"].credit for b in page.body if b.block_type == "photo"] == [
        "Reuters photo"
    ]
