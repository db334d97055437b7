"""The daily digest as a periodic job: built once the day's digest time has come, then sent
by a background task (tasks.py), so a long list never holds up the scheduler or a request."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from masthead.ops.schedule import periodic

# Two runs of the sending must never send the same issue at once: the second would take the
# first one's copies in flight for crashed ones and send them twice.
SEND_LEASE = "newsletter.digest_send"
# Renewed before each batch of the sending: a killed sender's lease runs out soon.
SEND_LEASE_TTL = timedelta(minutes=10)


def digest_is_due(*, now: datetime) -> bool:
    from masthead.newsletter.digest import digest_time

    return timezone.localtime(now).time() >= digest_time()


@periodic(every=timedelta(minutes=5), name="newsletter.digest_build_and_send")
def digest_build_and_send() -> bool:
    """Build today's issue once its time has come; enqueue its sending while any is left.

    Return whether a sending task was enqueued.
    """
    from masthead.newsletter.digest import digest_build
    from masthead.newsletter.sending import digest_has_unsent
    from masthead.newsletter.tasks import digest_send_task

    now = timezone.now()
    if not digest_is_due(now=now):
        return False
    issue = digest_build(date=timezone.localdate(now), now=now)
    if issue is None or not digest_has_unsent(issue=issue):
        return False
    date = issue.date.isoformat()
    transaction.on_commit(lambda: digest_send_task.enqueue(date=date))
    return True
