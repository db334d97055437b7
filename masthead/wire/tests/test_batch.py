import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageLogEntry, ReferenceIndex

from masthead.news.models import ArticlePage
from masthead.newsroom import wire_items
from masthead.wire import batch
from masthead.wire.models import WireItem
from masthead.wire.services import CREATED, UNCHANGED, wire_source_ingest

pytestmark = pytest.mark.django_db


def item(number: int, headline: str) -> dict:
    return {
        "uri": f"urn:batch:{number}",
        "type": "text",
        "version": "1",
        "versioncreated": "2024-05-01T08:00:00Z",
        "firstcreated": "2024-05-01T07:00:00Z",
        "headlines": [{"role": "main", "value": headline}],
        "bodies": [{"contenttype": "text/html", "value": f"<p>Reservoir story {number}.</p>"}],
        "by": "Jane Roe/TWS",
        "copyrightholder": "Test Wire Service",
        "subjects": [{"name": "Water"}, {"name": f"Topic {number}"}],
    }


@pytest.fixture
def delivery(tmp_path):
    path = tmp_path / "batch.json"
    docs = [item(1, "Reservoir fills"), item(2, "Reservoir fills"), item(3, "Dam holds")]
    path.write_text(json.dumps(docs))
    return path


def test_stories_made_in_a_batch_are_live_with_revisions_history_and_a_sound_tree(
    delivery, section
):
    results = wire_source_ingest(source=str(delivery), section=section)
    assert [r.action for r in results] == [CREATED] * 3
    pages = list(ArticlePage.objects.filter(wire_items__isnull=False).order_by("path"))
    assert [p.url for p in pages] == [r.detail for r in results]
    assert len({p.slug for p in pages}) == 3  # the same headline twice, two slugs
    for page in pages:
        assert page.live and not page.has_unpublished_changes
        assert page.live_revision_id == page.latest_revision_id
        assert page.latest_revision.as_object().title == page.title
        assert [a.name for a in page.authors] == ["Jane Roe"]
        assert {t.name for t in page.tags.all()} >= {"Water"}
        actions = set(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
        assert {"wagtail.create", "wagtail.publish", wire_items.WIRE_VERSION} <= actions
        assert [v.version for v in wire_items.versions_of(page)] == ["1"]
        assert ReferenceIndex.get_references_for_object(page).exists()
    section.refresh_from_db()
    assert section.numchild == 3
    assert Page.find_problems() == ([], [], [], [], [])
    assert {p.pk for p in ArticlePage.objects.live().search("fills")} == {
        pages[0].pk,
        pages[1].pk,
    }
    assert WireItem.objects.filter(wire_revision__isnull=False, state="published").count() == 3


def test_a_batch_purges_its_stories_and_fronts_once(delivery, section, monkeypatch):
    purged = []
    monkeypatch.setattr(batch, "purge", lambda paths: purged.append(set(paths)))
    wire_source_ingest(source=str(delivery), section=section)
    [paths] = purged
    pages = ArticlePage.objects.filter(wire_items__isnull=False)
    assert {"/", section.url} | {p.url for p in pages} <= paths
    assert "/topics/water/" in paths


def test_a_story_made_in_a_batch_can_be_edited_and_updated(delivery, section, tmp_path):
    wire_source_ingest(source=str(delivery), section=section)
    page = ArticlePage.objects.get(wire_items__guid="urn:batch:3")
    draft = page.get_latest_revision_as_object()
    draft.standfirst = "An editor's standfirst."
    draft.save_revision().publish()
    assert ArticlePage.objects.get(pk=page.pk).standfirst == "An editor's standfirst."


def test_unchanged_items_are_passed_over_in_a_few_queries(delivery, section):
    wire_source_ingest(source=str(delivery), section=section)
    with CaptureQueriesContext(connection) as queries:
        results = wire_source_ingest(source=str(delivery), section=section)
    assert [r.action for r in results] == [UNCHANGED] * 3
    assert results[0].detail == ArticlePage.objects.get(wire_items__guid="urn:batch:1").url
    assert len(queries) <= 3


def test_a_failed_batch_leaves_nothing_and_its_items_come_in_one_by_one(
    delivery, section, monkeypatch
):
    def explode(*args, **kwargs):
        raise RuntimeError("the batch broke")

    monkeypatch.setattr(batch, "_reference_index", explode)
    results = wire_source_ingest(source=str(delivery), section=section)
    assert [r.action for r in results] == [CREATED] * 3
    assert Page.find_problems() == ([], [], [], [], [])
    assert ArticlePage.objects.count() == 3
