"""Send an issue: one delivery record per subscriber, safe to kill and run again.

A delivery is recorded as "sending" before the SMTP conversation and "sent" after it.
After a crash, a delivery still "sending" may or may not have reached its inbox: it is
sent again with the same Message-ID (mail systems drop the copy) and counted in the
issue's `resends`. Subscribers are read in batches by primary key, so memory stays flat
however long the list. One sender runs per issue at a time (cron or the worker).

The copies go out over several connections at once (MASTHEAD_DIGEST_CONNECTIONS): most of
an SMTP conversation is waiting for the server's replies, four per copy, and over one
connection a relay 20 ms away would take two hours for 100,000 subscribers. Only the
conversations run in threads; every database write stays in the calling thread.
"""

import logging
import smtplib
import threading
import time
from collections.abc import Callable
from concurrent import futures
from dataclasses import dataclass

from django.conf import settings
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


@dataclass
class _Copy:
    """One copy handed to a connection, and what came of it."""

    delivery_id: int
    subscriber: Subscriber
    resend: bool
    retries: int = 0  # temporary failures before the outcome
    outcome: str = ""  # "accepted", "refused" (5xx) or "stalled" (kept failing for now)
    error: Exception | None = None


class _Lines:
    """The mail connections, each used by one thread at a time, kept open across copies."""

    def __init__(self, issue: DigestIssue, backoff: Backoff, count: int):
        self.issue = issue
        self.backoff = backoff
        self.messages = DigestMessages(issue)
        self.local = threading.local()
        self.opened = []
        self.lock = threading.Lock()
        self.pool = futures.ThreadPoolExecutor(max_workers=count, thread_name_prefix="digest")

    def _connection(self):
        connection = getattr(self.local, "connection", None)
        if connection is None:
            connection = self.local.connection = get_connection()
            with self.lock:
                self.opened.append(connection)
        return connection

    def deliver(self, copy: _Copy) -> _Copy:
        """Hand one copy to the mail server, retrying temporary failures with back-off.

        Runs in a pool thread and touches no database: the caller records the outcome.
        """
        connection = self._connection()
        message = self.messages.for_subscriber(copy.subscriber, connection=connection)
        for delay in [*self.backoff.delays(), None]:
            try:
                # Kept open across messages; reopened after a failure closed it.
                connection.open()
                self.messages.send(message)
            except Exception as exc:  # the backend's errors: smtplib, sockets, providers
                copy.error = exc
                if _permanent_code(exc) is not None:
                    copy.outcome = "refused"
                    return copy
                logger.warning(
                    "digest %s to subscriber %s: %s", self.issue.date, copy.subscriber.pk, exc
                )
                connection.close()
                if delay is None:
                    copy.outcome = "stalled"
                    return copy
                time.sleep(delay)
                copy.retries += 1
                continue
            copy.outcome = "accepted"
            return copy

    def close(self) -> None:
        self.pool.shutdown(wait=True)
        for connection in self.opened:
            connection.close()


class _Sender:
    """Claim copies, hand them to the connections, record what came of them.

    A copy the server accepted is recorded "sent" in the same transaction that records the
    next one "sending": at any moment at most one copy per connection is in flight, and a
    kill leaves the figures right.
    """

    def __init__(self, issue: DigestIssue, backoff: Backoff, connections: int):
        self.issue = issue
        self.connections = connections
        self.lines = _Lines(issue, backoff, connections)
        self.in_flight: set[futures.Future] = set()
        self.accepted: list[_Copy] = []  # accepted by the server, not yet recorded
        self.stalled: _Copy | None = None

    def record_accepted(self) -> None:
        """Record the copies accepted so far as sent; call inside a transaction."""
        if not self.accepted:
            return
        Delivery.objects.filter(pk__in=[copy.delivery_id for copy in self.accepted]).update(
            state=Delivery.State.SENT
        )
        for copy in self.accepted:
            if copy.retries:
                Delivery.objects.filter(pk=copy.delivery_id).update(
                    attempts=F("attempts") + copy.retries
                )
        resends = sum(copy.resend for copy in self.accepted)
        if resends:
            DigestIssue.objects.filter(pk=self.issue.pk).update(resends=F("resends") + resends)
        self.accepted = []

    def _settle(self, copy: _Copy) -> None:
        if copy.outcome == "accepted":
            self.accepted.append(copy)
            return
        with transaction.atomic():
            deliveries = Delivery.objects.filter(pk=copy.delivery_id)
            deliveries.update(attempts=F("attempts") + copy.retries)
            if copy.outcome == "refused":
                deliveries.update(state=Delivery.State.FAILED)
                subscriber_bounce(subscriber=copy.subscriber)
        if copy.outcome == "stalled" and self.stalled is None:
            # Left "sending": the next run sends it again, as after a crash.
            self.stalled = copy

    def wait(self, *, room: bool) -> None:
        """Settle finished copies: until a connection is free (`room`), or all of them."""
        while self.in_flight and (not room or len(self.in_flight) >= self.connections):
            done, self.in_flight = futures.wait(self.in_flight, return_when=futures.FIRST_COMPLETED)
            errors = []
            for future in done:  # each settled before an error stops the run
                try:
                    self._settle(future.result())
                except Exception as exc:
                    errors.append(exc)
            if errors:
                raise errors[0]
        if self.stalled is not None and room:
            raise SendingStalled(str(self.stalled.error))

    def _submit(self, copy: _Copy) -> None:
        self.in_flight.add(self.lines.pool.submit(self.lines.deliver, copy))

    def claim(self, subscriber) -> None:
        """Record a new copy as in flight and send it, unless another sender recorded it."""
        self.wait(room=True)
        with transaction.atomic():
            self.record_accepted()
            try:
                with transaction.atomic():
                    delivery = Delivery.objects.create(
                        issue=self.issue, subscriber=subscriber, attempts=1
                    )
            except IntegrityError:
                return
        self._submit(_Copy(delivery.pk, subscriber, resend=False))

    def resend(self, delivery: Delivery) -> None:
        """Send again a copy that was in flight when a sender died."""
        self.wait(room=True)
        with transaction.atomic():
            self.record_accepted()
            Delivery.objects.filter(pk=delivery.pk).update(attempts=F("attempts") + 1)
        self._submit(_Copy(delivery.pk, delivery.subscriber, resend=True))

    def finish(self) -> None:
        """Wait for the copies in flight and record what came of them; close the connections."""
        try:
            self.wait(room=False)
        finally:
            self.lines.close()
            with transaction.atomic():
                self.record_accepted()


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
    connections: int | None = None,
) -> DigestIssue:
    """Send the issue to every confirmed subscriber who has not had it; idempotent.

    `renew`, if given, is called before each batch (to keep a lease); False stops the run.
    `connections`: how many copies go out at once (MASTHEAD_DIGEST_CONNECTIONS).
    """
    sender = _Sender(
        issue, backoff or Backoff(), connections or settings.MASTHEAD_DIGEST_CONNECTIONS
    )
    try:
        # Copies in flight when the last run died: the same Message-ID again (not to anyone
        # who has unsubscribed since).
        in_flight = Delivery.objects.filter(
            issue=issue,
            state=Delivery.State.SENDING,
            subscriber__state=Subscriber.State.CONFIRMED,
        )
        # At most a few per sender that died, so a list; updated while read, not a cursor.
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
                sender.claim(subscriber)
            last = batch[-1].pk
            _figures_update(issue)
        sender.wait(room=False)
        if sender.stalled is not None:
            raise SendingStalled(str(sender.stalled.error))
    finally:
        # Whatever stopped the run, the copies the server accepted are recorded as sent.
        sender.finish()
        _figures_update(issue)
    issue.refresh_from_db()
    return issue
