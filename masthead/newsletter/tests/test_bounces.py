import datetime

import pytest
from anymail.signals import AnymailTrackingEvent, tracking

from masthead.newsletter.models import DigestIssue, Subscriber
from masthead.newsletter.sending import Backoff, digest_send

pytestmark = pytest.mark.django_db


def report(event_type: str, recipient: str):
    event = AnymailTrackingEvent(event_type=event_type, recipient=recipient, message_id="x")
    tracking.send(sender=object, event=event, esp_name="Postmark")


def test_provider_reported_bounces_suspend_the_address_at_the_limit(confirmed, settings):
    settings.MASTHEAD_NEWSLETTER_BOUNCE_LIMIT = 2
    confirmed("gone@example.com")
    report("bounced", "Gone@Example.com")
    assert Subscriber.objects.get().state == Subscriber.State.CONFIRMED
    report("bounced", "gone@example.com")
    subscriber = Subscriber.objects.get()
    assert (subscriber.bounce_count, subscriber.state) == (2, Subscriber.State.SUSPENDED)


def test_complaint_counts_like_a_bounce(confirmed, settings):
    settings.MASTHEAD_NEWSLETTER_BOUNCE_LIMIT = 1
    confirmed("annoyed@example.com")
    report("complained", "annoyed@example.com")
    assert Subscriber.objects.get().state == Subscriber.State.SUSPENDED


def test_soft_bounces_and_other_events_do_not_count(confirmed):
    confirmed("reader@example.com")
    for event_type in ("deferred", "delivered", "opened", "unknown"):
        report(event_type, "reader@example.com")
    report("bounced", "stranger@example.com")
    assert Subscriber.objects.get().bounce_count == 0


def test_reports_do_not_revive_an_unsubscribed_address(confirmed, settings):
    settings.MASTHEAD_NEWSLETTER_BOUNCE_LIMIT = 1
    reader = confirmed("left@example.com")
    Subscriber.objects.filter(pk=reader.pk).update(state=Subscriber.State.UNSUBSCRIBED)
    report("bounced", "left@example.com")
    assert Subscriber.objects.get().state == Subscriber.State.UNSUBSCRIBED


def test_suspended_address_gets_no_more_digests(smtp, confirmed, settings):
    settings.MASTHEAD_NEWSLETTER_BOUNCE_LIMIT = 1
    confirmed("gone@example.com")
    confirmed("reader@example.com")
    report("bounced", "gone@example.com")
    issue = DigestIssue.objects.create(
        date=datetime.date(2026, 11, 27), subject="S", html="<p>x</p>", text="x"
    )
    issue = digest_send(issue=issue, backoff=Backoff(retries=1, first_delay=0))
    assert smtp.to("gone@example.com") == []
    assert (issue.recipients, issue.sent) == (1, 1)


WEBHOOK = "/newsletter/provider/postmark/tracking/"
POSTMARK_BOUNCE = {
    "RecordType": "Bounce",
    "Type": "HardBounce",
    "TypeCode": 1,
    "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
    "Email": "gone@example.com",
    "BouncedAt": "2026-11-27T06:01:02Z",
    "Description": "The server was unable to deliver your message.",
}


def post_report(client, **headers):
    return client.post(WEBHOOK, POSTMARK_BOUNCE, content_type="application/json", headers=headers)


def test_provider_webhook_with_the_secret_counts_the_bounce(client, confirmed, settings):
    import base64

    settings.ANYMAIL = {"WEBHOOK_SECRET": "postmark:s3cret-hook"}
    settings.MASTHEAD_NEWSLETTER_BOUNCE_LIMIT = 1
    confirmed("gone@example.com")
    wrong = base64.b64encode(b"postmark:guess").decode()
    response = post_report(client, authorization=f"Basic {wrong}")
    assert response.status_code == 400
    assert Subscriber.objects.get().state == Subscriber.State.CONFIRMED
    right = base64.b64encode(b"postmark:s3cret-hook").decode()
    response = post_report(client, authorization=f"Basic {right}")
    assert response.status_code == 200
    assert Subscriber.objects.get().state == Subscriber.State.SUSPENDED


def test_provider_webhook_without_a_secret_is_not_there(client, confirmed, settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": ""}
    confirmed("gone@example.com")
    response = client.post(WEBHOOK, POSTMARK_BOUNCE, content_type="application/json")
    assert response.status_code == 404
    assert Subscriber.objects.get().bounce_count == 0
