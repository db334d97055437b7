"""Background polling of wire feeds, through django-tasks."""

from django.db import transaction
from django_tasks import task

from masthead.wire.models import WireFeed
from masthead.wire.services import wire_feed_poll


@task()
def poll_feed(feed_id: int) -> dict:
    """Poll one feed; return how many items met each fate."""
    feed = WireFeed.objects.filter(pk=feed_id, active=True).first()
    if feed is None:
        return {}
    wire_feed_poll(feed=feed)
    return feed.last_counts


def poll_due_feeds() -> int:
    """Queue a poll of every feed that is due; for the scheduler. Return how many."""
    feed_ids = list(WireFeed.objects.due().values_list("pk", flat=True))
    for feed_id in feed_ids:
        transaction.on_commit(lambda feed_id=feed_id: poll_feed.enqueue(feed_id))
    return len(feed_ids)
