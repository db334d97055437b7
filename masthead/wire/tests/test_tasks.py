import json

import pytest
from django.utils import timezone

from masthead.news.models import ArticlePage
from masthead.wire.models import WireFeed
from masthead.wire.tasks import poll_due_feeds, poll_feed

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def drop_root(settings, tmp_path):
    settings.MASTHEAD_WIRE_DROP_ROOT = str(tmp_path)


def drop(folder, name, uri, headline):
    (folder / name).write_text(
        json.dumps(
            {
                "uri": uri,
                "type": "text",
                "version": "1",
                "headlines": [{"role": "main", "value": headline}],
            }
        )
    )


def test_due_feeds_are_polled_and_record_counts_and_errors(
    tmp_path, section, django_capture_on_commit_callbacks
):
    drop(tmp_path, "a.json", "urn:a", "Bridge reopens to traffic")
    (tmp_path / "b.json").write_text("{broken")
    feed = WireFeed.objects.create(
        name="Drop", source=str(tmp_path), section=section, publish=False
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert poll_due_feeds() == 1
    feed.refresh_from_db()
    assert feed.last_polled_at is not None
    assert feed.last_counts == {"created": 1, "failed": 1}
    assert "b.json" in feed.last_errors and "not valid JSON" in feed.last_errors
    assert not ArticlePage.objects.get().live  # the feed leaves drafts
    assert not WireFeed.objects.due().exists()


def test_a_drop_folder_is_read_for_files_newer_than_the_last_poll(tmp_path, section):
    feed = WireFeed.objects.create(name="Drop", source=str(tmp_path), section=section)
    drop(tmp_path, "a.json", "urn:a", "Bridge reopens to traffic")
    poll_feed.enqueue(feed.pk)
    WireFeed.objects.filter(pk=feed.pk).update(
        last_polled_at=timezone.now() + timezone.timedelta(minutes=5)
    )
    drop(tmp_path, "b.json", "urn:b", "Market hall gets a new roof")
    result = poll_feed.enqueue(feed.pk)
    assert result.return_value == {}  # nothing newer than the last poll
    assert ArticlePage.objects.count() == 1


def test_a_drop_folder_outside_the_drop_root_is_not_read(tmp_path, section, settings):
    drop(tmp_path, "a.json", "urn:a", "Bridge reopens to traffic")
    feed = WireFeed.objects.create(name="Drop", source=str(tmp_path), section=section)
    settings.MASTHEAD_WIRE_DROP_ROOT = str(tmp_path / "elsewhere")
    poll_feed.enqueue(feed.pk)
    feed.refresh_from_db()
    assert feed.last_counts == {"failed": 1} and "MASTHEAD_WIRE_DROP_ROOT" in feed.last_errors
    assert not ArticlePage.objects.exists()
