"""The "Stories" listing: filters by section, author, agency, status and date; schedules shown."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from masthead.stories import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom(world):
    """Stories across two sections, two authors and an agency, in several states."""
    sport = f.section("Sport")
    hana = f.AuthorFactory(name="Hana Test", slug="hana-test")
    omar = f.AuthorFactory(name="Omar Sample", slug="omar-sample")
    wire = f.AgencyFactory(name="Levant Wire", slug="levant-wire")
    stories = {
        "world": f.article(world, title="World story by Hana", authors=[hana]),
        "sport": f.article(sport, title="Sport story by Omar", authors=[omar], agency=wire),
        "old": f.article(
            world, title="Old world story", published=timezone.now() - timedelta(days=30)
        ),
    }
    draft = f.article(world, title="Unpublished draft")
    draft.unpublish()
    Page.objects.filter(pk=draft.pk).update(first_published_at=None)
    stories["draft"] = draft
    scheduled = f.article(sport, title="Scheduled match report")
    scheduled.unpublish()
    Page.objects.filter(pk=scheduled.pk).update(first_published_at=None)
    scheduled.refresh_from_db()
    scheduled.go_live_at = timezone.now() + timedelta(days=1)
    scheduled.save_revision().publish()
    stories["scheduled"] = scheduled
    pending = f.article(world, title="Draft with a go-live time")
    pending.unpublish()
    Page.objects.filter(pk=pending.pk).update(
        first_published_at=None, go_live_at=timezone.now() + timedelta(days=2)
    )
    stories["pending"] = pending
    return {"sections": {"world": world, "sport": sport}, "hana": hana, "wire": wire, **stories}


def listing(client, user, **params) -> str:
    client.force_login(user)
    response = client.get(reverse("stories:index"), params)
    assert response.status_code == 200
    return response.content.decode()


def titles_in(html, newsroom) -> set[str]:
    return {
        key
        for key, page in newsroom.items()
        if hasattr(page, "title") and key not in ("sections",) and page.title in html
    }


def test_listing_shows_every_story_to_an_editor(client, editor, newsroom):
    html = listing(client, editor)
    assert titles_in(html, newsroom) >= {"world", "sport", "old", "draft", "scheduled"}


def test_listing_filters_by_section(client, editor, newsroom):
    html = listing(client, editor, section=newsroom["sections"]["sport"].pk)
    assert titles_in(html, newsroom) == {"sport", "scheduled"}


def test_listing_filters_by_author(client, editor, newsroom):
    html = listing(client, editor, author=newsroom["hana"].pk)
    assert titles_in(html, newsroom) == {"world"}


def test_listing_filters_by_agency(client, editor, newsroom):
    html = listing(client, editor, agency=newsroom["wire"].pk)
    assert titles_in(html, newsroom) == {"sport"}


@pytest.mark.parametrize(
    "status, expected",
    [
        ("draft", {"draft", "pending"}),
        ("scheduled", {"scheduled"}),
        ("live", {"world", "sport", "old"}),
    ],
)
def test_listing_filters_by_status(client, editor, newsroom, status, expected):
    html = listing(client, editor, status=status)
    assert titles_in(html, newsroom) == expected


def test_listing_filters_by_first_publication_date(client, editor, newsroom):
    since = (timezone.now() - timedelta(days=2)).date().isoformat()
    html = listing(client, editor, first_published_at_from=since)
    assert titles_in(html, newsroom) == {"world", "sport"}


def test_listing_shows_schedules_plainly(client, editor, newsroom):
    html = listing(client, editor)
    assert "Scheduled: this version goes live at" in html
    assert "is set but not scheduled: it takes effect only when this version is published" in html


@pytest.mark.parametrize(
    "params",
    [
        {"first_published_at_from": "not-a-date"},
        {"status": "nonsense"},
        {"section": "999999"},
        {"author": "abc"},
    ],
)
def test_listing_survives_bad_filter_values(client, editor, newsroom, params):
    listing(client, editor, **params)


def test_moderator_cannot_open_the_stories_listing(client, moderator):
    client.force_login(moderator)
    response = client.get(reverse("stories:index"))
    assert response.status_code in (302, 403)


def test_listing_query_count_does_not_grow_with_rows(client, editor, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(editor)
    author = f.AuthorFactory()

    def add(count, start):
        for i in range(start, start + count):
            f.article(world, title=f"Row {i}", slug=f"row-{i}", authors=[author],
                      agency=f.AgencyFactory())  # fmt: skip

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("stories:index")).status_code == 200
        return len(captured)

    add(2, 0)
    client.get(reverse("stories:index"))
    small = queries()
    add(8, 2)
    assert queries() == small
