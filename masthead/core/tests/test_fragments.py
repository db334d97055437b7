"""Rendered parts kept in the cache (masthead.core.fragments): fast renders that never
show a reader something that has changed since.

The page cache is off in these tests (conftest), so every request renders the page, and
the parts kept by the first render are the ones the second render uses.
"""

import socket

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from masthead.comments.models import Comment
from masthead.comments.signals import story_changed
from masthead.core import fragments
from masthead.stories import factories as f

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # free again once closed: nothing listens there


@pytest.fixture
def newsroom():
    world = f.section("World")
    reporter = f.AuthorFactory(name="Rana Haddad")
    story = f.article(world, title="Ports reopen after the storm", authors=[reporter])
    return world, reporter, story


def test_second_render_uses_kept_parts_and_fewer_queries(client, newsroom):
    _, _, story = newsroom
    with CaptureQueriesContext(connection) as cold:
        first = client.get(story.url).content.decode()
    with CaptureQueriesContext(connection) as warm:
        second = client.get(story.url).content.decode()
    assert first == second
    assert len(warm) <= 5 < len(cold)
    # The kept text needs no bylines, topics or photo sizes.
    assert not any("stories_storyauthor" in query["sql"] for query in warm)
    assert any("stories_storyauthor" in query["sql"] for query in cold)


def test_a_new_version_of_the_story_is_shown_at_once(client, newsroom):
    world, _, story = newsroom
    client.get(story.url)
    client.get(world.url)
    story.title = "Ports reopen a day after the storm"
    story.save_revision().publish()
    story.refresh_from_db()
    page = client.get(story.url).content.decode()
    assert 'class="story__headline">Ports reopen a day after the storm</h1>' in page
    front = client.get(world.url).content.decode()
    assert "Ports reopen a day after the storm" in front
    assert "Ports reopen after the storm<" not in front


def test_a_renamed_reporter_is_shown_everywhere_at_once(client, newsroom):
    world, reporter, story = newsroom
    assert "Rana Haddad" in client.get(story.url).content.decode()
    assert "Rana Haddad" in client.get(world.url).content.decode()
    reporter.name = "Rana Haddad-Saleh"
    reporter.save()
    assert "Rana Haddad-Saleh" in client.get(story.url).content.decode()
    assert "Rana Haddad-Saleh" in client.get(world.url).content.decode()


def test_a_published_comment_shows_under_a_kept_story(client, newsroom):
    _, _, story = newsroom
    assert "No comments yet." in client.get(story.url).content.decode()
    Comment.objects.create(
        story=story, name="Samir", body="Good to hear the port is open.", status="published"
    )
    story_changed(story)  # what moderation sends after its commit
    html = client.get(story.url).content.decode()
    assert "Good to hear the port is open." in html
    assert "1 comment" in html


def test_an_unpublished_related_story_drops_out_at_once(client, newsroom):
    world, _, story = newsroom
    sibling = f.article(world, title="Harbour pilots return to work")
    assert "Harbour pilots return to work" in client.get(story.url).content.decode()
    sibling.unpublish()
    assert "Harbour pilots return to work" not in client.get(story.url).content.decode()


def test_a_new_section_joins_the_header_of_kept_pages(client, newsroom):
    _, _, story = newsroom
    client.get(story.url)
    f.section("Sport")
    assert ">Sport</a>" in client.get(story.url).content.decode()


def test_a_teaser_shows_the_new_comment_count(client, newsroom):
    world, _, story = newsroom
    assert "1 comment" not in client.get(world.url).content.decode()
    Comment.objects.create(story=story, name="Samir", body="Well done.", status="published")
    assert "1 comment" in client.get(world.url).content.decode()


def test_new_generation_forgets_every_part(client, newsroom):
    _, _, story = newsroom
    client.get(story.url)
    before = fragments.generation()
    fragments.new_generation()
    assert fragments.generation() != before
    with CaptureQueriesContext(connection) as queries:
        client.get(story.url)
    # The text was rendered again: its bylines were fetched.
    assert any("stories_storyauthor" in query["sql"] for query in queries)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("LANGUAGE_CODE", "fr"),
        ("TIME_ZONE", "America/Chicago"),
        ("MASTHEAD_DATE_LINE_FORMAT", "j F Y"),
        ("WAGTAIL_SITE_NAME", "The Evening Masthead"),
    ],
)
def test_a_server_started_with_other_rendering_settings_renders_afresh(
    name, value, settings, monkeypatch
):
    monkeypatch.setattr(fragments, "_code_digest", None)  # as a new process reads it
    before = fragments.generation()
    setattr(settings, name, value)
    monkeypatch.setattr(fragments, "_code_digest", None)
    assert fragments.generation() != before


def test_without_a_cache_every_page_still_renders(client, newsroom, settings):
    world, _, story = newsroom
    story_url, world_url = story.url, world.url
    unreachable = {
        "BACKEND": "masthead.ops.cache.FaultTolerantRedisCache",
        "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    settings.CACHES = {"default": unreachable, "renditions": unreachable}
    assert fragments.generation() is None
    response = client.get(story_url)
    assert response.status_code == 200
    assert "Ports reopen after the storm" in response.content.decode()
    assert "Ports reopen after the storm" in client.get(world_url).content.decode()


def test_keys_are_short_and_safe_whatever_the_versions():
    key = fragments.key("g", "head", 1, "Middle East", "example.com:8000", "ü" * 500)
    assert len(key) < 80 and " " not in key and key.isascii()
    assert key != fragments.key("g", "head", 1, "Middle East", "example.com:8000", "u")


def test_a_kept_page_is_not_served_once_unpublished_or_moved(client, newsroom):
    world, _, story = newsroom
    sport = f.section("Sport")
    old_url = story.url
    assert client.get(old_url).status_code == 200  # kept now
    story.move(sport, pos="last-child")
    story.refresh_from_db()
    moved = client.get(old_url)  # not the kept copy: a redirect to where it went
    assert moved.status_code == 301 and moved["Location"] == story.url
    assert client.get(story.url).status_code == 200
    story.unpublish()
    assert client.get(story.url).status_code == 404


def test_a_renamed_section_shows_in_the_trail_of_kept_stories(client, newsroom):
    world, _, story = newsroom
    assert ">World</a>" in client.get(story.url).content.decode()
    world.title = "World news"
    world.save_revision().publish()
    html = client.get(story.url).content.decode()
    assert ">World news</a>" in html
    assert 'content="World news"' in html  # article:section in the kept head


def test_a_preview_shows_the_draft_not_the_kept_live_text(client, newsroom):
    world, _, story = newsroom
    client.get(story.url)  # the live text is kept now
    client.get(world.url)
    story.title = "Draft headline the desk is still checking"
    story.save_revision()  # not published
    draft = story.get_latest_revision_as_object()
    html = draft.make_preview_request().content.decode()
    assert 'class="story__headline">Draft headline the desk is still checking</h1>' in html
    # Readers still get the live version.
    live = client.get(story.url).content.decode()
    assert "Draft headline" not in live and "Ports reopen after the storm" in live


def test_an_error_page_takes_none_of_the_parts_its_page_named(client, newsroom):
    """A section's page past the end is a 404 raised while the section renders: the
    404 page must neither show the section's kept header and feed links nor keep its
    own under the section's keys."""
    world, _, _ = newsroom
    front = client.get(world.url).content.decode()
    assert '<a href="/world/" aria-current="page">World</a>' in front
    missing = client.get(world.url, {"page": 99})
    assert missing.status_code == 404
    assert "/feeds/rss/sections/world/" not in missing.content.decode()
    assert 'aria-current="page"' not in missing.content.decode()
    assert client.get(world.url).content.decode() == front


def test_a_render_reads_the_cache_in_a_few_round_trips(client, newsroom, settings):
    """With Redis each read is a round trip: what a page reads is read ahead."""
    from django.core.cache import cache

    world, _, story = newsroom
    for url in (story.url, world.url):
        client.get(url)
    reads, inside = [], []
    for name in ("get", "get_many"):
        method = getattr(cache, name)

        def counted(*args, _method=method, **kwargs):
            if not inside:  # a local cache's get_many calls its own get
                reads.append(args[0])
            inside.append(1)
            try:
                return _method(*args, **kwargs)
            finally:
                inside.pop()

        setattr(cache, name, counted)
    try:
        for url in (story.url, world.url):
            reads.clear()
            assert client.get(url).status_code == 200
            assert len(reads) <= 6, reads
    finally:
        for name in ("get", "get_many"):
            delattr(cache, name)


def test_a_page_names_its_frame_parts_as_base_html_does(client, newsroom):
    """BasePage.frame_parts repeats the versions base.html's {% part %} tags name (the
    template's own serve pages that are not pages): if they drift apart, a part is kept
    under a key missing what it shows."""
    from django.template import Context
    from django.template.loader import get_template

    from masthead.core.templatetags.masthead_tags import PartNode

    world, _, story = newsroom
    for page in (world, story):
        response = client.get(page.url)
        context = Context(response.context[0].flatten())  # the page template's own
        named = page.specific.frame_parts(response.wsgi_request, context["tree_version"])
        base = get_template("base.html").template
        context.template = base  # what a missing variable resolves to: the engine says
        versions = {
            node.name: tuple(version.resolve(context) for version in node.versions)
            for node in base.nodelist.get_nodes_by_type(PartNode)
        }
        assert versions == named
