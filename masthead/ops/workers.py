"""Know which workers are alive, and give a dead worker's task to a live one.

django_tasks_db marks a task RUNNING when a worker claims it and never looks back: a
worker killed half-way leaves it RUNNING for ever. Each `masthead worker` therefore
beats a heartbeat row, and re-queues RUNNING tasks whose worker has stopped beating.
The task then runs again, so tasks make their effects idempotent (masthead.ops.receipts).
"""

import logging
import os
import socket
import threading
import time
from datetime import timedelta

from django.db import close_old_connections, connection
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from masthead.ops.models import WorkerHeartbeat

logger = logging.getLogger("masthead.worker")

# A task whose workers died this many times is failed rather than tried again: it is
# probably what kills them (memory, a crash in a library).
MAX_ATTEMPTS = 5


def process_id_new() -> str:
    """An id for this process, unique across the cluster, at most 64 characters."""
    return f"{socket.gethostname()[:40]}-{os.getpid()}-{get_random_string(8)}"[:64]


def heartbeat_beat(*, worker_id: str) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
            "seen_at": timezone.now(),
        },
    )


def heartbeat_remove(*, worker_id: str) -> None:
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def orphaned_tasks_requeue(*, stale_after: timedelta, now=None) -> int:
    """Put back RUNNING tasks whose worker stopped beating; return how many changed."""
    now = now or timezone.now()
    cutoff = now - stale_after
    live = set(
        WorkerHeartbeat.objects.filter(seen_at__gte=cutoff).values_list("worker_id", flat=True)
    )
    changed = 0
    with exclusive_transaction(DBTaskResult.objects.db):
        running = (
            DBTaskResult.objects.running()
            .filter(started_at__lt=cutoff)
            .select_for_update(skip_locked=True)
        )
        for result in running:
            if result.worker_ids and result.worker_ids[-1] in live:
                continue
            if len(result.worker_ids) >= MAX_ATTEMPTS:
                result.status = TaskResultStatus.FAILED
                result.finished_at = now
                result.exception_class_path = "masthead.ops.workers.WorkerLost"
                result.traceback = (
                    f"WorkerLost: the task's worker stopped {len(result.worker_ids)} times "
                    "while running it; it is not tried again."
                )
                result.save(
                    update_fields=["status", "finished_at", "exception_class_path", "traceback"]
                )
                logger.error("task %s failed: its workers died %s times", result.id, MAX_ATTEMPTS)
            else:
                result.status = TaskResultStatus.READY
                result.save(update_fields=["status"])
                logger.warning(
                    "task %s (%s) re-queued: worker %s stopped beating",
                    result.id,
                    result.task_path,
                    result.worker_ids[-1] if result.worker_ids else "?",
                )
            changed += 1
    return changed


class Monitor(threading.Thread):
    """Beat this worker's heartbeat and re-queue dead workers' tasks, in the background."""

    def __init__(self, *, worker_id: str, beat: float, stale_after: float):
        super().__init__(name="masthead-worker-monitor", daemon=True)
        self.worker_id = worker_id
        self.beat = beat
        self.stale_after = stale_after
        self.stopping = threading.Event()
        self.in_touch_since: float | None = None

    def run(self):
        try:
            while not self.stopping.is_set():
                self.tick()
                self.stopping.wait(self.beat)
        finally:
            connection.close()

    def stop(self):
        self.stopping.set()
        self.join(timeout=self.beat + 5)

    def tick(self):
        close_old_connections()
        try:
            heartbeat_beat(worker_id=self.worker_id)
            if self.in_touch_since is None:
                self.in_touch_since = time.monotonic()
            # Judge other workers only after a whole stale period in touch with the
            # database: one that was itself cut off cannot tell a dead worker from a
            # live one that was cut off too.
            if time.monotonic() - self.in_touch_since >= self.stale_after:
                orphaned_tasks_requeue(stale_after=timedelta(seconds=self.stale_after))
        except Exception as exc:  # the database is away: keep trying, never die
            self.in_touch_since = None
            logger.warning("worker monitor: %s: %s", type(exc).__name__, exc)
            connection.close()
