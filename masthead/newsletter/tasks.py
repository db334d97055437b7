"""The digest's sending as a background task, run by `masthead worker`."""

import datetime
import secrets

from django_tasks import task

from masthead.newsletter.models import DigestIssue
from masthead.newsletter.schedule import SEND_LEASE, SEND_LEASE_TTL
from masthead.ops.schedule import lease_acquire, lease_release


@task()
def digest_send_task(*, date: str) -> int:
    """Send the issue of `date` (YYYY-MM-DD) to whoever has not had it; return how many have.

    Under the send lease: a second copy of the task, enqueued while the first still runs,
    returns at once instead of taking the first one's copies in flight for crashed ones.
    """
    from masthead.newsletter.sending import digest_send

    issue = DigestIssue.objects.filter(date=datetime.date.fromisoformat(date)).first()
    if issue is None:
        return 0
    holder = secrets.token_hex(8)
    if not lease_acquire(name=SEND_LEASE, holder=holder, ttl=SEND_LEASE_TTL):
        return issue.sent

    def renew() -> bool:
        return lease_acquire(name=SEND_LEASE, holder=holder, ttl=SEND_LEASE_TTL)

    try:
        return digest_send(issue=issue, renew=renew).sent
    finally:
        lease_release(name=SEND_LEASE, holder=holder)
