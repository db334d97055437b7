"""A reader subscribes from an article in Chromium, confirms from the e-mail, gets the
digest and unsubscribes with one click; the mail goes through a real SMTP server."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from masthead.newsletter.models import Subscriber
from masthead.newsletter.testing import smtp_server, use_smtp

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

READER = "browser-reader@example.com"
LINK = re.compile(r"https?://\S+")


@pytest.fixture
def inbox(settings, server):
    settings.MASTHEAD_BASE_URL = server.url
    # The timing layer has its own tests; this reader types fast.
    settings.MASTHEAD_HUMANCHECK_MIN_SECONDS = 0
    settings.MASTHEAD_HUMANCHECK_POW_MAX_NUMBER = 3000
    with smtp_server() as (received, port):
        use_smtp(settings, port)
        yield received


def path_of(url: str, server) -> str:
    assert url.startswith(server.url), url
    return url.removeprefix(server.url)


def wait_for_mail(page, inbox, address: str, count: int):
    for _ in range(100):
        if len(inbox.to(address)) >= count:
            return inbox.to(address)
        page.wait_for_timeout(100)
    raise AssertionError(f"no e-mail number {count} for {address}")


def test_reader_subscribes_confirms_receives_the_digest_and_unsubscribes(
    newsroom, new_page, inbox, server
):
    from masthead.newsletter.digest import digest_build
    from masthead.newsletter.sending import digest_send

    page = new_page()
    page.goto(newsroom.paths["article"])
    page.get_by_label("Get top stories and blog posts emailed to you each day.").fill(READER)
    page.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_text("Please check your inbox")).to_be_visible()
    # The proof of work came from humancheck.js's solver: no question was asked.
    assert page.locator("#humancheck-answer").count() == 0

    [confirmation] = wait_for_mail(page, inbox, READER, 1)
    confirm_url = next(u for u in LINK.findall(confirmation.get_content()) if "/confirm/" in u)
    page.goto(path_of(confirm_url, server))
    assert Subscriber.objects.with_email(READER).get().state == Subscriber.State.PENDING
    page.get_by_role("button", name="Confirm my subscription").click()
    expect(page.get_by_text("Your subscription is confirmed")).to_be_visible()
    assert Subscriber.objects.with_email(READER).get().state == Subscriber.State.CONFIRMED

    # Tomorrow's issue covers the last 24 hours, whatever the time of day.
    tomorrow = timezone.localdate() + timedelta(days=1)
    issue = digest_send(issue=digest_build(date=tomorrow))
    assert issue.sent == 1
    [_, digest] = wait_for_mail(page, inbox, READER, 2)
    assert digest["Subject"] == "Council approves new water plan"
    html = digest.get_body(("html",)).get_content()
    unsubscribe_url = re.search(r'href="([^"]+/newsletter/unsubscribe/[^"]+)"', html).group(1)
    assert str(digest["List-Unsubscribe"]).strip("<> ") == unsubscribe_url

    page.goto(path_of(unsubscribe_url, server))
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_text("You are unsubscribed")).to_be_visible()
    assert Subscriber.objects.with_email(READER).get().state == Subscriber.State.UNSUBSCRIBED
