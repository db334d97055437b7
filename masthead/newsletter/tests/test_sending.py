import datetime

import pytest

from masthead.newsletter.models import Delivery, DigestIssue, Subscriber
from masthead.newsletter.sending import Backoff, SendingStalled, digest_send

pytestmark = pytest.mark.django_db

NO_WAIT = Backoff(retries=3, first_delay=0)


@pytest.fixture
def issue(db):
    return DigestIssue.objects.create(
        date=datetime.date(2026, 11, 27),
        subject="Council approves new water plan",
        html='<table><tr><td><a href="{{unsubscribe_url}}">Unsubscribe</a></td></tr></table>',
        text="Council approves new water plan\nUnsubscribe: {{unsubscribe_url}}\n",
    )


def test_digest_reaches_confirmed_subscribers_only_with_its_headers(smtp, issue, confirmed):
    reader = confirmed("reader@example.com")
    Subscriber.objects.create(email="pending@example.com")
    issue = digest_send(issue=issue, backoff=NO_WAIT)
    assert smtp.to("pending@example.com") == []
    [message] = smtp.to("reader@example.com")
    assert message["Subject"] == "Council approves new water plan"
    assert message["Message-ID"] == f"<digest-2026-11-27-{reader.pk}@news.example.com>"
    assert message["Date"]
    assert message.get_content_type() == "multipart/alternative"
    unsubscribe = str(message["List-Unsubscribe"]).strip()
    assert unsubscribe.startswith("<https://news.example.com/newsletter/unsubscribe/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html = message.get_body(("html",)).get_content()
    assert unsubscribe.strip("<>") in html
    assert (issue.recipients, issue.sent, issue.failed, issue.resends) == (1, 1, 0, 0)


def test_one_click_post_to_the_list_unsubscribe_url_unsubscribes(client, smtp, issue, confirmed):
    confirmed("reader@example.com")
    digest_send(issue=issue, backoff=NO_WAIT)
    [message] = smtp.to("reader@example.com")
    url = str(message["List-Unsubscribe"]).strip().strip("<>")
    response = client.post(
        url.removeprefix("https://news.example.com"), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert Subscriber.objects.get().state == Subscriber.State.UNSUBSCRIBED
    issue.refresh_from_db()
    assert issue.unsubscribes == 1


def test_sending_again_sends_nothing_twice(smtp, issue, confirmed):
    confirmed("reader@example.com")
    digest_send(issue=issue, backoff=NO_WAIT)
    confirmed("late@example.com")
    issue = digest_send(issue=issue, backoff=NO_WAIT)
    assert len(smtp.to("reader@example.com")) == 1
    assert len(smtp.to("late@example.com")) == 1
    assert (issue.recipients, issue.sent) == (2, 2)


def test_copy_in_flight_at_a_crash_is_resent_with_the_same_message_id(smtp, issue, confirmed):
    reader = confirmed("reader@example.com")
    Delivery.objects.create(issue=issue, subscriber=reader, state=Delivery.State.SENDING)
    issue = digest_send(issue=issue, backoff=NO_WAIT)
    [message] = smtp.to("reader@example.com")
    assert message["Message-ID"] == f"<digest-2026-11-27-{reader.pk}@news.example.com>"
    assert issue.resends == 1
    assert Delivery.objects.get().state == Delivery.State.SENT


def test_temporary_refusal_is_retried(smtp, issue, confirmed):
    confirmed("reader@example.com")
    smtp.temporary["reader@example.com"] = 2
    issue = digest_send(issue=issue, backoff=NO_WAIT)
    assert len(smtp.to("reader@example.com")) == 1
    assert Delivery.objects.get().attempts == 3
    assert issue.sent == 1


def test_server_that_keeps_refusing_for_now_stops_the_run_without_skipping(smtp, issue, confirmed):
    confirmed("reader@example.com")
    smtp.temporary["reader@example.com"] = 10
    with pytest.raises(SendingStalled):
        digest_send(issue=issue, backoff=NO_WAIT)
    smtp.temporary.clear()
    digest_send(issue=issue, backoff=NO_WAIT)
    assert len(smtp.to("reader@example.com")) == 1


def test_hard_bounces_suspend_the_address_after_the_limit(smtp, confirmed, settings):
    settings.MASTHEAD_NEWSLETTER_BOUNCE_LIMIT = 2
    confirmed("gone@example.com")
    smtp.refuse.add("gone@example.com")
    for day in (1, 2):
        issue = DigestIssue.objects.create(
            date=datetime.date(2026, 11, day), subject="S", html="<p>x</p>", text="x"
        )
        issue = digest_send(issue=issue, backoff=NO_WAIT)
        assert issue.failed == 1
    subscriber = Subscriber.objects.get()
    assert subscriber.bounce_count == 2
    assert subscriber.state == Subscriber.State.SUSPENDED
