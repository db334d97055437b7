"""The daily digest as a periodic job: built and sent once the day's digest time has come."""

import secrets
from datetime import datetime, timedelta

from django.utils import timezone

from masthead.ops.schedule import lease_acquire, lease_release, periodic

# Two runs of the job must never send the same issue at once: the second would take the
# first one's copies in flight for crashed ones and send them twice.
SEND_LEASE = "newsletter.digest_send"
SEND_LEASE_TTL = timedelta(hours=2)


def digest_is_due(*, now: datetime) -> bool:
    from masthead.newsletter.digest import digest_time

    return timezone.localtime(now).time() >= digest_time()


@periodic(every=timedelta(minutes=5), name="newsletter.digest_build_and_send")
def digest_build_and_send() -> None:
    """Build today's issue once its time has come, and send whatever of it is still due."""
    from masthead.newsletter.digest import digest_build
    from masthead.newsletter.sending import digest_send

    now = timezone.now()
    if not digest_is_due(now=now):
        return
    issue = digest_build(date=timezone.localdate(now), now=now)
    if issue is None:
        return
    holder = secrets.token_hex(8)
    if not lease_acquire(name=SEND_LEASE, holder=holder, ttl=SEND_LEASE_TTL):
        return
    try:
        digest_send(issue=issue)
    finally:
        lease_release(name=SEND_LEASE, holder=holder)
