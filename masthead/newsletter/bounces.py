"""Hard bounces and complaints: counted per address, which is suspended at the limit.

Two sources report them: the mail server refusing a copy with an SMTP 5xx while the digest
is sent (sending.py), and the mail provider afterwards, through django-anymail's tracking
webhooks (the `tracking` signal, received here when anymail is installed).
"""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models import F

from masthead.newsletter.models import Subscriber

logger = logging.getLogger(__name__)

# Anymail's event types that count against an address; "deferred" (a soft bounce) does not.
COUNTED_EVENTS = {"bounced", "complained"}


@transaction.atomic
def subscriber_bounce(*, subscriber: Subscriber) -> Subscriber:
    """Count one hard bounce or complaint; suspend the address at the configured limit."""
    limit = settings.MASTHEAD_NEWSLETTER_BOUNCE_LIMIT
    Subscriber.objects.filter(pk=subscriber.pk).update(bounce_count=F("bounce_count") + 1)
    Subscriber.objects.filter(
        pk=subscriber.pk, bounce_count__gte=limit, state=Subscriber.State.CONFIRMED
    ).update(state=Subscriber.State.SUSPENDED)
    subscriber.refresh_from_db(fields=["bounce_count", "state"])
    return subscriber


def provider_report_received(sender, event, esp_name: str, **kwargs) -> None:
    """Receive anymail's `tracking` signal: `event` is an AnymailTrackingEvent, `esp_name`
    the provider ("Mailgun", "Postmark"...); bounces and complaints count, nothing else."""
    if getattr(event, "event_type", None) not in COUNTED_EVENTS or not event.recipient:
        return
    subscriber = Subscriber.objects.with_email(event.recipient.strip()).first()
    if subscriber is None:
        return
    subscriber = subscriber_bounce(subscriber=subscriber)
    logger.info(
        "%s reported %s for subscriber %s (%s bounces, %s)",
        esp_name,
        event.event_type,
        subscriber.pk,
        subscriber.bounce_count,
        subscriber.state,
    )


def provider_webhook_urls() -> list:
    """anymail's tracking webhooks (/newsletter/provider/<esp>/tracking/), if it is installed.

    Each answers 404 until ANYMAIL_WEBHOOK_SECRET is set: without it anymail would take
    reports from anyone, and anyone could suspend an address.
    """
    try:
        from anymail import urls as anymail_urls
    except ImportError:
        return []
    from django.urls import path

    return [
        path(f"provider/{pattern.pattern}", _secret_required(pattern.callback), name=pattern.name)
        for pattern in anymail_urls.urlpatterns
        if pattern.name.endswith("_tracking_webhook")
    ]


def _secret_required(view):
    from functools import wraps

    from django.http import Http404

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not getattr(settings, "ANYMAIL", {}).get("WEBHOOK_SECRET"):
            raise Http404("No webhook secret is configured")
        return view(request, *args, **kwargs)

    return guarded


def provider_reports_connect() -> bool:
    """Listen to anymail's tracking webhooks, if anymail is installed; True if it is."""
    try:
        from anymail.signals import tracking
    except ImportError:
        return False
    tracking.connect(provider_report_received, dispatch_uid="masthead.newsletter.bounces")
    return True
