import logging

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.compat import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db.management.commands.db_worker import Worker

from masthead.ops.workers import Monitor, heartbeat_beat, heartbeat_remove, process_id_new


class Command(BaseCommand):
    help = (
        "Run background tasks (digest, wire polls, indexing, purges) from the database queue. "
        "Needs MASTHEAD_TASKS=database here and on the web servers. SIGTERM finishes the "
        "current task, then stops; a task whose worker died is run again by another."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue-name", default="default", help="queues to serve, comma-separated, or *"
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="seconds between polls when idle"
        )
        parser.add_argument("--batch", action="store_true", help="run what is queued, then stop")
        parser.add_argument("--max-tasks", type=int, default=None, help="stop after N tasks")
        parser.add_argument(
            "--heartbeat", type=float, default=10.0, help="seconds between heartbeats"
        )
        parser.add_argument(
            "--stale-after",
            type=float,
            default=60.0,
            help="seconds without a heartbeat after which a worker is taken for dead",
        )

    def handle(self, *, queue_name, interval, batch, max_tasks, heartbeat, stale_after, **opts):
        if not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
            raise CommandError(
                "`masthead worker` needs the database task queue: set MASTHEAD_TASKS=database "
                "for the worker and for every `masthead serve` and `masthead scheduler`."
            )
        if heartbeat <= 0 or stale_after < 2 * heartbeat:
            raise CommandError("--stale-after must be at least twice --heartbeat (both > 0)")
        if max_tasks is not None and max_tasks < 1:
            raise CommandError("--max-tasks must be at least 1")
        level = logging.INFO if opts["verbosity"] >= 1 else logging.WARNING
        for name in ("masthead", "django_tasks_db", "django_tasks"):
            logging.getLogger(name).setLevel(level)

        worker_id = process_id_new()
        # Beat once before taking any task, so no task of ours ever looks orphaned.
        heartbeat_beat(worker_id=worker_id)
        monitor = Monitor(worker_id=worker_id, beat=heartbeat, stale_after=stale_after)
        monitor.start()
        worker = Worker(
            queue_names=queue_name.split(","),
            interval=interval,
            batch=batch,
            backend_name=DEFAULT_TASK_BACKEND_ALIAS,
            startup_delay=not batch,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        self.stdout.write(f"Worker {worker_id} serving queue(s) {queue_name}")
        self.stdout.flush()
        worker.configure_signals()
        try:
            worker.run()
        finally:
            monitor.stop()
            try:
                heartbeat_remove(worker_id=worker_id)
            except DatabaseError:
                pass  # it goes stale by itself
