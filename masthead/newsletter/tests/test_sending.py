import asyncio
import datetime

import pytest

from masthead.newsletter.models import Delivery, DigestIssue, Subscriber
from masthead.newsletter.sending import Backoff, SendingStalled, digest_send
from masthead.newsletter.testing import Inbox, smtp_server, use_smtp

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


class SlowInbox(Inbox):
    """Takes a while over each message and notes how many conversations overlapped."""

    def __init__(self):
        super().__init__()
        self.open = 0
        self.most_open = 0

    async def handle_DATA(self, server, session, envelope):
        self.open += 1
        self.most_open = max(self.most_open, self.open)
        await asyncio.sleep(0.05)
        self.open -= 1
        return await super().handle_DATA(server, session, envelope)


@pytest.mark.parametrize("connections", [1, 3])
def test_copies_go_out_over_as_many_connections_as_set(settings, issue, confirmed, connections):
    readers = [confirmed(f"reader{n}@example.com") for n in range(9)]
    with smtp_server(SlowInbox()) as (inbox, port):
        use_smtp(settings, port)
        issue = digest_send(issue=issue, backoff=NO_WAIT, connections=connections)
    assert inbox.most_open == connections
    assert sorted(to for rcpts, _ in inbox.messages for to in rcpts) == sorted(
        reader.email for reader in readers
    )
    assert (issue.recipients, issue.sent, issue.resends) == (9, 9, 0)
    assert set(Delivery.objects.values_list("state", flat=True)) == {Delivery.State.SENT}


def test_a_stalled_copy_stops_the_run_and_the_others_in_flight_are_recorded(smtp, issue, confirmed):
    readers = [confirmed(f"reader{n}@example.com") for n in range(6)]
    smtp.temporary["reader1@example.com"] = 10
    with pytest.raises(SendingStalled):
        digest_send(issue=issue, backoff=NO_WAIT, connections=3)
    states = dict(Delivery.objects.values_list("subscriber__email", "state"))
    assert states.pop("reader1@example.com") == Delivery.State.SENDING
    assert set(states.values()) <= {Delivery.State.SENT}
    # Each other copy the server took is on record as sent: none goes out twice below.
    assert sorted(smtp.to(address) != [] for address in states) == [True] * len(states)
    smtp.temporary.clear()
    issue = digest_send(issue=issue, backoff=NO_WAIT, connections=3)
    for reader in readers:
        assert len(smtp.to(reader.email)) == 1
    assert (issue.sent, issue.resends) == (6, 1)
