"""Periodic jobs, declared by the apps that own them and run once per cluster.

An app declares a job in its own schedule.py (found when the apps load)::

    from datetime import timedelta
    from masthead.ops.schedule import periodic

    @periodic(every=timedelta(minutes=5))
    def wire_feeds_poll():
        ...

`masthead scheduler` may run on every server: the one holding the "scheduler" lease (a
database row each renews) enqueues due jobs as tasks, and workers run them. A job may
run twice if a worker dies half-way, so it is written to be safe to repeat.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

logger = logging.getLogger("masthead.scheduler")

SCHEDULER_LEASE = "scheduler"


@dataclass(frozen=True)
class Job:
    name: str
    every: timedelta
    func: Callable[[], object]


_jobs: dict[str, Job] = {}


def periodic(*, every: timedelta, name: str | None = None):
    """Register the decorated function to run every `every`, once for the whole cluster."""
    if every <= timedelta(0):
        raise ValueError("a periodic job needs a positive interval")

    def register(func):
        job_name = name or f"{func.__module__}.{func.__qualname__}"
        _jobs[job_name] = Job(name=job_name, every=every, func=func)
        return func

    return register


def jobs() -> list[Job]:
    return sorted(_jobs.values(), key=lambda job: job.name)


def job_named(name: str) -> Job:
    try:
        return _jobs[name]
    except KeyError:
        raise LookupError(f"no periodic job named {name!r}") from None


def lease_acquire(*, name: str, holder: str, ttl: timedelta) -> bool:
    """Take or renew the lease `name` for `holder`; True while `holder` holds it."""
    from masthead.ops.models import Lease

    now = timezone.now()
    Lease.objects.get_or_create(name=name, defaults={"holder": "", "expires_at": now})
    # One conditional UPDATE: of several contenders exactly one matches, on any database.
    taken = (
        Lease.objects.filter(name=name)
        .filter(Q(holder=holder) | Q(expires_at__lte=now))
        .update(holder=holder, expires_at=now + ttl)
    )
    return taken == 1


def lease_release(*, name: str, holder: str) -> None:
    from masthead.ops.models import Lease

    Lease.objects.filter(name=name, holder=holder).update(holder="", expires_at=timezone.now())


def due_jobs_enqueue(*, now=None) -> list[str]:
    """Claim every job that is due and enqueue it; return the names enqueued."""
    from masthead.ops.models import JobRun
    from masthead.ops.tasks import periodic_job_run

    now = now or timezone.now()
    enqueued = []
    for job in jobs():
        run, _ = JobRun.objects.get_or_create(name=job.name, defaults={"next_due_at": now})
        if run.next_due_at > now:
            continue
        with transaction.atomic():
            # Conditional on the due time read above, so two schedulers never both claim it.
            claimed = JobRun.objects.filter(name=job.name, next_due_at=run.next_due_at).update(
                last_started_at=now, next_due_at=now + job.every
            )
            if claimed:
                # After commit: an in-process backend then runs the job outside this transaction.
                transaction.on_commit(lambda name=job.name: periodic_job_run.enqueue(name=name))
        if claimed:
            enqueued.append(job.name)
            logger.info("enqueued periodic job %s", job.name)
    return enqueued


# Masthead's own clean-ups.


@periodic(every=timedelta(days=1), name="ops.sessions_clear_expired")
def sessions_clear_expired() -> None:
    from importlib import import_module

    from django.conf import settings

    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()


@periodic(every=timedelta(days=1), name="ops.records_prune")
def records_prune() -> None:
    """Forget finished task results after 14 days, receipts after 30, dead workers after 1."""
    from django_tasks_db.models import DBTaskResult

    from masthead.ops.models import TaskReceipt, WorkerHeartbeat

    now = timezone.now()
    DBTaskResult.objects.finished().filter(finished_at__lt=now - timedelta(days=14)).delete()
    TaskReceipt.objects.filter(created_at__lt=now - timedelta(days=30)).delete()
    WorkerHeartbeat.objects.filter(seen_at__lt=now - timedelta(days=1)).delete()


@periodic(every=timedelta(days=1), name="ops.database_statistics_refresh")
def database_statistics_refresh() -> None:
    """Refresh what the query planner knows of the tables' sizes and indexes.

    SQLite keeps no such statistics unless told to (ANALYZE), and without them it reads
    whole stories, their text included, where a narrow index holds what a query needs
    (the sitemap index's dates: 15 ms against 7 on 10,000 stories). PostgreSQL's
    autovacuum keeps them, but only some time after a bulk load (`masthead demo`).
    """
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # Enough rows of each index to judge it; a full pass grows with the site.
            cursor.execute("PRAGMA analysis_limit=1000")
        cursor.execute("ANALYZE")
