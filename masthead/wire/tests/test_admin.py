import json

import pytest
from django.contrib.auth import get_user_model

from masthead.wire.models import WireFeed, WireItem
from masthead.wire.services import wire_source_ingest

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("chief", "chief@example.com", "x")
    client.force_login(user)
    return client


def test_feeds_show_last_poll_counts_and_errors(admin_client, section):
    WireFeed.objects.create(
        name="Agency RSS",
        source="https://wire.example/rss",
        last_counts={"created": 3, "failed": 1},
        last_errors="failed\turn:x\tbroken",
    )
    html = admin_client.get("/admin/wire/feeds/").content.decode()
    assert "Agency RSS" in html and "3 created" in html and "broken" in html


def test_a_feed_is_configured_in_the_admin(admin_client, section, settings):
    settings.MASTHEAD_WIRE_DROP_ROOT = "/srv/wire"
    response = admin_client.post(
        "/admin/wire/feeds/new/",
        {
            "name": "Drop folder",
            "source": "/srv/wire/drop",
            "format": "newsml_g2",
            "section": section.pk,
            "publish": "",
            "poll_minutes": "5",
            "active": "on",
        },
    )
    assert response.status_code == 302
    feed = WireFeed.objects.get()
    assert (feed.format, feed.publish, feed.poll_minutes) == ("newsml_g2", False, 5)


@pytest.mark.parametrize(
    "source, message", [("ftp://x/", "absolute folder path"), ("/etc", "must be inside")]
)
def test_a_bad_feed_source_is_a_form_error(admin_client, source, message):
    response = admin_client.post(
        "/admin/wire/feeds/new/",
        {
            "name": "Bad",
            "source": source,
            "format": "auto",
            "poll_minutes": "0",
        },
    )
    assert response.status_code == 200 and not WireFeed.objects.exists()
    assert message in response.content.decode()


def test_items_awaiting_review_are_listed_and_cannot_be_added_by_hand(
    admin_client, section, tmp_path
):
    (tmp_path / "a.json").write_text(
        json.dumps(
            {
                "uri": "urn:a",
                "type": "text",
                "version": "1",
                "headlines": [{"role": "main", "value": "Parliament passes the budget"}],
            }
        )
    )
    wire_source_ingest(source=str(tmp_path), section=section)
    WireItem.objects.update(needs_review=True)
    html = admin_client.get("/admin/wire/items/?needs_review=true").content.decode()
    assert "Parliament passes the budget" in html
    assert admin_client.get("/admin/wire/items/new/").status_code in {302, 403}
