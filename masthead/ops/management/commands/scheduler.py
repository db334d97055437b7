import importlib
import logging
import signal
import threading
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, close_old_connections

from masthead.ops import schedule
from masthead.ops.workers import process_id_new

logger = logging.getLogger("masthead.scheduler")


class Command(BaseCommand):
    help = (
        "Run the periodic jobs (digest, feed polls, clean-ups) once for the whole cluster. "
        "Start one on every server if you like: only the holder of the database lease acts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--tick", type=float, default=5.0, help="seconds between looks")
        parser.add_argument(
            "--lease", type=float, default=30.0, help="seconds the lead lasts unless renewed"
        )
        parser.add_argument("--once", action="store_true", help="look once, then stop")
        parser.add_argument(
            "--jobs-module",
            action="append",
            default=[],
            help="also import this module's @periodic jobs (repeatable)",
        )
        parser.add_argument(
            "--list", action="store_true", dest="list_jobs", help="list the jobs and stop"
        )

    def handle(self, *, tick, lease, once, jobs_module, list_jobs, **options):
        if tick <= 0 or lease < 2 * tick:
            raise CommandError("--lease must be at least twice --tick (both > 0)")
        for module in jobs_module:
            try:
                importlib.import_module(module)
            except ImportError as exc:
                raise CommandError(f"--jobs-module {module}: {exc}") from exc
        if list_jobs:
            for job in schedule.jobs():
                self.stdout.write(f"{job.name}\tevery {job.every}")
            return
        if options["verbosity"] >= 1:
            logging.getLogger("masthead").setLevel(logging.INFO)

        stopping = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stopping.set())
        holder = process_id_new()
        ttl = timedelta(seconds=lease)
        leading = False
        self.stdout.write(f"Scheduler {holder}: {len(schedule.jobs())} periodic job(s)")
        self.stdout.flush()
        while not stopping.is_set():
            close_old_connections()
            try:
                now_leading = schedule.lease_acquire(
                    name=schedule.SCHEDULER_LEASE, holder=holder, ttl=ttl
                )
                if now_leading != leading:
                    logger.info("scheduler %s %s", holder, "leads" if now_leading else "follows")
                leading = now_leading
                if leading:
                    schedule.due_jobs_enqueue()
            except DatabaseError as exc:
                logger.warning("scheduler: database unavailable: %s", exc)
                leading = False
            if once:
                break
            stopping.wait(tick)
        if leading:
            try:
                schedule.lease_release(name=schedule.SCHEDULER_LEASE, holder=holder)
            except DatabaseError:
                pass  # the lease runs out by itself
