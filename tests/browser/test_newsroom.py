"""The newsroom in a browser: a reporter submits, an editor approves, the story goes live
at its scheduled time; a correction then shows at the end of the story and in its markup.

The scheduler runs in the test's own thread, and the server must see what it publishes on
every database: so the browser tests here run outside a test transaction (`committed`),
their rows committed like the module's newsroom and removed with it when the module ends.
"""

import json
import urllib.request
from datetime import timedelta
from unittest import mock

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser]

PASSWORD = "a-long-newsroom-passphrase-1"
HEADLINE = "Reservoir work starts ahead of summer"
SLUG = "reservoir-work-starts-ahead-of-summer"  # made from the headline by the editor


@pytest.fixture(scope="module")
def staff(newsroom, django_db_blocker):
    """A reporter and an editor, committed with the module's newsroom (and flushed with it)."""
    from django.contrib.auth.models import Group

    from masthead.accounts.models import User
    from masthead.newsroom import roles
    from masthead.newsroom.sections import section_desk_save

    with django_db_blocker.unblock():
        # A flush earlier in the session (a transactional test) leaves the groups without
        # their page permissions and the tree without its workflow: migrate would restore
        # them, and so does this.
        roles.roles_ensure()
        users = {}
        for username, group in (("desk-reporter", roles.REPORTER), ("desk-editor", roles.EDITOR)):
            user = User.objects.create_user(username, f"{username}@example.com", PASSWORD)
            user.groups.add(Group.objects.get(name=group))
            users[username] = user
        # The reporter writes in World and the sections below it, Middle East among them.
        section_desk_save(section=newsroom.world, reporters=[users["desk-reporter"]])
    return {"reporter": "desk-reporter", "editor": "desk-editor"}


@pytest.fixture
def committed(django_db_blocker):
    """Let the test and the server use the database with no test transaction around them."""
    with django_db_blocker.unblock():
        yield


@pytest.mark.django_db  # also makes pytest-django create the test database for this module
def test_every_page_is_under_the_review_workflow(newsroom, staff):
    from masthead.news.models import ArticlePage
    from masthead.newsroom import roles

    workflow = ArticlePage.objects.get(pk=newsroom.article.pk).get_workflow()
    assert workflow is not None and workflow.name == roles.REVIEW_WORKFLOW


def sign_in(page, username):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def local_minutes(moment) -> str:
    from django.utils import timezone

    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def story_by_slug(slug):
    from masthead.news.models import ArticlePage

    return ArticlePage.objects.filter(slug=slug).first()


def test_reporter_submits_editor_approves_story_goes_live_when_scheduled(
    newsroom, staff, new_page, committed
):
    from django.core.management import call_command
    from django.utils import timezone

    go_live = timezone.now() + timedelta(hours=2)

    # The reporter writes a story in Middle East, schedules it and submits it for review.
    reporter = new_page()
    sign_in(reporter, staff["reporter"])
    reporter.goto(f"/admin/pages/add/news/articlepage/{newsroom.middle_east.pk}/")
    reporter.locator("#id_title").fill(HEADLINE)
    reporter.locator("#id_standfirst").fill("Crews begin on the first two reservoirs.")
    reporter.get_by_role("button", name="Toggle status").click()
    reporter.get_by_role("button", name="Set schedule").click()
    reporter.locator("#id_go_live_at").fill(local_minutes(go_live))
    # The date picker opens a moment after the field takes focus and would cover the
    # dialog's buttons; leaving the field closes it.
    expect(reporter.locator(".xdsoft_datetimepicker:visible")).to_have_count(1)
    reporter.locator("#id_go_live_at").blur()
    expect(reporter.locator(".xdsoft_datetimepicker:visible")).to_have_count(0)
    reporter.get_by_role("button", name="Save schedule").click()
    expect(reporter.get_by_role("button", name="Publish")).to_have_count(0)
    reporter.get_by_role("button", name="More actions").click()
    reporter.get_by_role("button", name="Submit to Review").click()
    expect(reporter.locator(".messages")).to_contain_text("submitted")

    story = story_by_slug(SLUG)
    assert story is not None and not story.live
    assert story.current_workflow_state is not None

    # The editor finds it on the desk, opens it and approves it.
    editor = new_page()
    sign_in(editor, staff["editor"])
    review = editor.locator("#desk-review-section")
    expect(review).to_contain_text(HEADLINE)
    review.get_by_role("link", name=HEADLINE).click()
    expect(editor.locator("[data-newsroom-state]")).to_contain_text("is set but not scheduled")
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(editor.locator(".messages")).to_contain_text("has been updated")

    assert not story_by_slug(SLUG).live
    editor.goto(f"/admin/pages/{story.pk}/edit/")
    expect(editor.locator("[data-newsroom-state]")).to_contain_text(
        "Scheduled: this version goes live at"
    )
    editor.goto("/admin/")
    expect(editor.locator("#desk-today-section")).to_contain_text(HEADLINE)

    reader = new_page(javascript=False)
    assert reader.goto(story.url).status == 404

    # Time passes: Wagtail's scheduler publishes the approved version.
    with mock.patch("django.utils.timezone.now", return_value=go_live + timedelta(minutes=1)):
        call_command("publish_scheduled", verbosity=0)
    assert story_by_slug(SLUG).live

    response = reader.goto(story.url)
    assert response.status == 200
    expect(reader.locator("h1")).to_have_text(HEADLINE)


def test_editor_adds_a_correction_that_readers_see_and_machines_read(
    newsroom, staff, new_page, server, html_check, axe_check, committed
):
    editor = new_page()
    sign_in(editor, staff["editor"])
    editor.goto(f"/admin/pages/{newsroom.article.pk}/edit/")
    editor.get_by_role("button", name="Add correction or editor's note").click()
    editor.locator("#id_corrections-0-text").fill("An earlier version misnamed the reservoir.")
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Publish", exact=True).click()
    expect(editor.locator(".messages")).to_contain_text("has been published")

    reader = new_page(javascript=False)
    reader.goto(newsroom.paths["article"])
    correction = reader.locator(".story__corrections")
    expect(correction).to_contain_text("Correction")
    expect(correction).to_contain_text("An earlier version misnamed the reservoir.")
    scripts = reader.locator('script[type="application/ld+json"]').all_text_contents()
    article = next(d for d in map(json.loads, scripts) if d["@type"] == "NewsArticle")
    assert article["correction"][0]["@type"] == "CorrectionComment"
    assert article["dateModified"] > article["datePublished"]

    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(server.url + newsroom.paths["article"], timeout=30) as response:
        served = response.read().decode("utf-8")
    assert "story__corrections" in served
    assert html_check({"article": served})["article"] == []
    checked = new_page(bypass_csp=True)
    checked.goto(newsroom.paths["article"], wait_until="load")
    assert axe_check(checked) == []


def test_editor_opens_a_wire_item_as_a_draft_in_a_section_with_one_click(
    newsroom, staff, new_page, committed
):
    from masthead.news.models import ArticlePage
    from masthead.stories import factories as f
    from masthead.wire.models import WireItem

    held = f.article(newsroom.world, title="Agency copy on the reservoirs")
    held.unpublish()
    WireItem.objects.create(
        guid="urn:browser:reservoirs", headline=held.title, page=held, state="draft",
        content_hash="browser",
    )  # fmt: skip

    editor = new_page()
    sign_in(editor, staff["editor"])
    row = editor.locator("#desk-wire-section tr", has_text=held.title)
    row.get_by_label("Open as a draft in").select_option(label="— Middle East")
    row.get_by_role("button", name="Open as draft").click()
    expect(editor).to_have_url(f"{editor.url.split('/admin/')[0]}/admin/pages/{held.pk}/edit/")
    expect(editor.locator(".messages")).to_contain_text("is a draft in Middle East")
    moved = ArticlePage.objects.get(pk=held.pk)
    assert moved.get_parent().pk == newsroom.middle_east.pk and not moved.live
