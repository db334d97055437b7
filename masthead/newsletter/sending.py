"""Send an issue: one delivery record per subscriber, safe to kill and run again.

A delivery is recorded as "sending" before the SMTP conversation and "sent" after it.
After a crash, a delivery still "sending" may or may not have reached its inbox: it is
sent again with the same Message-ID (mail systems drop the copy) and counted in the
issue's `resends`. Subscribers are read in batches by primary key, so memory stays flat
however long the list. One sender runs per issue at a time (cron or the worker).
"""

import logging
import smtplib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef

from masthead.newsletter.mail import digest_message
from masthead.newsletter.models import Delivery, DigestIssue, Subscriber

logger = logging.getLogger(__name__)

BATCH = 500
RETRIES = 5


class SendingStalled(Exception):
    """The mail server kept failing temporarily: stop, and let the next run go on."""


@dataclass
class Backoff:
    retries: int = RETRIES
    first_delay: float = 1.0

    def delays(self):
        return [self.first_delay * 2**n for n in range(self.retries)]


def _permanent_code(exc: Exception) -> int | None:
    """The SMTP 5xx code of a refusal that retrying will not change, else None."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        code = codes[0] if codes else 0
    elif isinstance(exc, smtplib.SMTPResponseException):
        code = exc.smtp_code
    else:
        return None
    return code if 500 <= code < 600 else None


def _bounce(subscriber_id: int) -> None:
    limit = settings.MASTHEAD_NEWSLETTER_BOUNCE_LIMIT
    Subscriber.objects.filter(pk=subscriber_id).update(bounce_count=F("bounce_count") + 1)
    Subscriber.objects.filter(
        pk=subscriber_id, bounce_count__gte=limit, state=Subscriber.State.CONFIRMED
    ).update(state=Subscriber.State.SUSPENDED)


def _deliver(issue, delivery, subscriber, connection, backoff: Backoff, *, resend=False) -> None:
    """Hand one copy to the mail server and record the outcome."""
    message = digest_message(issue, subscriber, connection=connection)
    for delay in [*backoff.delays(), None]:
        Delivery.objects.filter(pk=delivery.pk).update(attempts=F("attempts") + 1)
        try:
            # Kept open across messages; reopened after a failure closed it.
            connection.open()
            message.send()
        except Exception as exc:  # the backend's errors: smtplib, sockets, providers
            code = _permanent_code(exc)
            if code is not None:
                with transaction.atomic():
                    Delivery.objects.filter(pk=delivery.pk).update(state=Delivery.State.FAILED)
                    DigestIssue.objects.filter(pk=issue.pk).update(failed=F("failed") + 1)
                    _bounce(subscriber.pk)
                return
            logger.warning("digest %s to subscriber %s: %s", issue.date, subscriber.pk, exc)
            connection.close()
            if delay is None:
                raise SendingStalled(str(exc)) from exc
            time.sleep(delay)
            continue
        # One transaction: a kill between the two would leave the figures wrong.
        with transaction.atomic():
            Delivery.objects.filter(pk=delivery.pk).update(state=Delivery.State.SENT)
            counts = {"sent": F("sent") + 1}
            if resend:
                counts["resends"] = F("resends") + 1
            DigestIssue.objects.filter(pk=issue.pk).update(**counts)
        return


def _unsent_subscribers(issue, after: int):
    delivered = Delivery.objects.filter(issue=issue, subscriber=OuterRef("pk"))
    return (
        Subscriber.objects.confirmed()
        .filter(pk__gt=after)
        .exclude(Exists(delivered))
        .order_by("pk")
        .only("pk", "email")[:BATCH]
    )


def digest_send(*, issue: DigestIssue, backoff: Backoff | None = None) -> DigestIssue:
    """Send the issue to every confirmed subscriber who has not had it; idempotent."""
    backoff = backoff or Backoff()
    connection = get_connection()
    try:
        # Copies in flight when the last run died: the same Message-ID again (not to anyone
        # who has unsubscribed since).
        in_flight = Delivery.objects.filter(
            issue=issue,
            state=Delivery.State.SENDING,
            subscriber__state=Subscriber.State.CONFIRMED,
        )
        # At most one per sender that died, so a list; updated while read, so not a cursor.
        for delivery in list(in_flight.select_related("subscriber")):
            _deliver(issue, delivery, delivery.subscriber, connection, backoff, resend=True)
        last = 0
        while True:
            batch = list(_unsent_subscribers(issue, last))
            if not batch:
                break
            for subscriber in batch:
                try:
                    with transaction.atomic():
                        delivery = Delivery.objects.create(issue=issue, subscriber=subscriber)
                except IntegrityError:  # recorded meanwhile by another sender
                    continue
                _deliver(issue, delivery, subscriber, connection, backoff)
            last = batch[-1].pk
    finally:
        connection.close()
    recipients = Delivery.objects.filter(issue=issue).count()
    DigestIssue.objects.filter(pk=issue.pk).update(recipients=recipients)
    issue.refresh_from_db()
    return issue
