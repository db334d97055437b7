"""Writes on subscribers: signup (double opt-in), confirmation, unsubscription."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from masthead.newsletter.links import (
    CONFIRM_MAX_AGE,
    CONFIRM_SALT,
    UNSUBSCRIBE_SALT,
    LinkRefused,
    read_token,
)
from masthead.newsletter.mail import confirmation_message
from masthead.newsletter.models import DigestIssue, Subscriber, new_nonce

# No inbox gets more than one confirmation a day, however often its address is entered.
CONFIRMATION_INTERVAL = timedelta(hours=24)


def _subscriber_for(email: str) -> Subscriber:
    existing = Subscriber.objects.with_email(email).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Subscriber.objects.create(email=email)
    except IntegrityError:  # the same address sent twice at once
        return Subscriber.objects.with_email(email).get()


def _claim_confirmation(subscriber: Subscriber, *, now) -> bool:
    """Record a confirmation as sent now, unless one went out in the last 24 hours."""
    recent = Q(last_confirmation_sent_at__gt=now - CONFIRMATION_INTERVAL)
    claimed = (
        Subscriber.objects.filter(pk=subscriber.pk, state=Subscriber.State.PENDING)
        .exclude(recent)
        .update(last_confirmation_sent_at=now)
    )
    return claimed == 1


def subscriber_signup(*, email: str) -> Subscriber:
    """Register an address and send its confirmation; nothing new for a subscribed one."""
    now = timezone.now()
    subscriber = _subscriber_for(email.strip())
    if subscriber.state == Subscriber.State.UNSUBSCRIBED:
        # Coming back goes through double opt-in again, with links the old ones cannot replay.
        Subscriber.objects.filter(pk=subscriber.pk, state=Subscriber.State.UNSUBSCRIBED).update(
            state=Subscriber.State.PENDING, nonce=new_nonce()
        )
        subscriber.refresh_from_db()
    if subscriber.state == Subscriber.State.PENDING and _claim_confirmation(subscriber, now=now):
        confirmation_message(subscriber).send()
    return subscriber


def subscriber_confirm(*, token: str) -> Subscriber:
    """Confirm the address a confirmation link was sent to; raise LinkRefused if it is not valid."""
    claims = read_token(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    subscriber = Subscriber.objects.filter(pk=claims["s"]).first()
    if subscriber is None or claims.get("n") != subscriber.nonce:
        raise LinkRefused("bad")
    if subscriber.state == Subscriber.State.PENDING:
        subscriber.state = Subscriber.State.CONFIRMED
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["state", "confirmed_at"])
    elif subscriber.state != Subscriber.State.CONFIRMED:
        raise LinkRefused("bad")
    return subscriber


def subscriber_unsubscribe(*, token: str) -> Subscriber:
    """Unsubscribe the owner of a personal link at once; raise LinkRefused if it is forged."""
    claims = read_token(token, salt=UNSUBSCRIBE_SALT)
    subscriber = Subscriber.objects.filter(pk=claims["s"]).first()
    if subscriber is None:
        raise LinkRefused("bad")
    if subscriber.state in {Subscriber.State.PENDING, Subscriber.State.CONFIRMED}:
        subscriber.state = Subscriber.State.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.nonce = new_nonce()
        subscriber.save(update_fields=["state", "unsubscribed_at", "nonce"])
        if "i" in claims:  # the link came in a digest: the issue's figures count it
            DigestIssue.objects.filter(pk=claims["i"]).update(unsubscribes=F("unsubscribes") + 1)
    return subscriber
