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
from collections.abc import Callable
from dataclasses import dataclass

from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, F, OuterRef

from masthead.newsletter.bounces import subscriber_bounce
from masthead.newsletter.mail import DigestMessages
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


class _Sender:
    """Send copies one by one, with one transaction per copy.

    A copy the server accepted is recorded "sent" in the same transaction that records the
    next one "sending": at any moment at most one copy is in flight, and a kill leaves the
    figures right.
    """

    def __init__(self, issue: DigestIssue, connection, backoff: Backoff):
        self.issue = issue
        self.connection = connection
        self.backoff = backoff
        self.messages = DigestMessages(issue, connection=connection)
        self.accepted = None  # (delivery id, re-sent?) accepted by the server, not recorded

    def record_accepted(self) -> None:
        """Record the last accepted copy as sent; call inside a transaction."""
        if self.accepted is None:
            return
        delivery_id, resend = self.accepted
        Delivery.objects.filter(pk=delivery_id).update(state=Delivery.State.SENT)
        if resend:
            DigestIssue.objects.filter(pk=self.issue.pk).update(resends=F("resends") + 1)
        self.accepted = None

    def claim(self, subscriber) -> Delivery | None:
        """Record a new copy as in flight; None if another sender recorded it meanwhile."""
        with transaction.atomic():
            self.record_accepted()
            try:
                with transaction.atomic():
                    return Delivery.objects.create(
                        issue=self.issue, subscriber=subscriber, attempts=1
                    )
            except IntegrityError:
                return None

    def resend(self, delivery: Delivery) -> None:
        """Send again a copy that was in flight when a sender died."""
        with transaction.atomic():
            self.record_accepted()
            Delivery.objects.filter(pk=delivery.pk).update(attempts=F("attempts") + 1)
        self.deliver(delivery, delivery.subscriber, resend=True)

    def deliver(self, delivery: Delivery, subscriber, *, resend: bool = False) -> None:
        """Hand one copy to the mail server, retrying temporary failures with back-off."""
        message = self.messages.for_subscriber(subscriber)
        for delay in [*self.backoff.delays(), None]:
            try:
                # Kept open across messages; reopened after a failure closed it.
                self.connection.open()
                self.messages.send(message)
            except Exception as exc:  # the backend's errors: smtplib, sockets, providers
                if _permanent_code(exc) is not None:
                    with transaction.atomic():
                        Delivery.objects.filter(pk=delivery.pk).update(state=Delivery.State.FAILED)
                        subscriber_bounce(subscriber=subscriber)
                    return
                logger.warning(
                    "digest %s to subscriber %s: %s", self.issue.date, subscriber.pk, exc
                )
                self.connection.close()
                if delay is None:
                    raise SendingStalled(str(exc)) from exc
                time.sleep(delay)
                Delivery.objects.filter(pk=delivery.pk).update(attempts=F("attempts") + 1)
                continue
            self.accepted = (delivery.pk, resend)
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


def _figures_update(issue: DigestIssue) -> None:
    """Count the issue's copies into its figures (re-sends are counted as they go)."""
    counts = dict(
        Delivery.objects.filter(issue=issue)
        .values_list("state")
        .annotate(n=Count("pk"))
        .values_list("state", "n")
    )
    DigestIssue.objects.filter(pk=issue.pk).update(
        recipients=sum(counts.values()),
        sent=counts.get(Delivery.State.SENT, 0),
        failed=counts.get(Delivery.State.FAILED, 0),
    )


def digest_has_unsent(*, issue: DigestIssue) -> bool:
    """Whether a confirmed subscriber still waits for the issue, or a copy was in flight."""
    return (
        _unsent_subscribers(issue, 0).exists()
        or Delivery.objects.filter(issue=issue, state=Delivery.State.SENDING).exists()
    )


class LeaseLost(Exception):
    """Another sender took over the issue: this one stops before its next batch."""


def digest_send(
    *,
    issue: DigestIssue,
    backoff: Backoff | None = None,
    renew: Callable[[], bool] | None = None,
) -> DigestIssue:
    """Send the issue to every confirmed subscriber who has not had it; idempotent.

    `renew`, if given, is called before each batch (to keep a lease); False stops the run.
    """
    connection = get_connection()
    sender = _Sender(issue, connection, backoff or Backoff())
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
            sender.resend(delivery)
        last = 0
        while True:
            if renew is not None and not renew():
                raise LeaseLost(f"digest {issue.date}: another sender holds the lease")
            batch = list(_unsent_subscribers(issue, last))
            if not batch:
                break
            for subscriber in batch:
                delivery = sender.claim(subscriber)
                if delivery is not None:
                    sender.deliver(delivery, subscriber)
            last = batch[-1].pk
            _figures_update(issue)
    finally:
        # Whatever stopped the run, the copy the server last accepted is recorded as sent.
        with transaction.atomic():
            sender.record_accepted()
        connection.close()
        _figures_update(issue)
    issue.refresh_from_db()
    return issue
