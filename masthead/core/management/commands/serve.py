import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from masthead.ops.accesslog import TEXT_FORMAT


class Command(BaseCommand):
    help = (
        "Serve Masthead with the production WSGI server (gunicorn, threaded workers); DEBUG "
        "stays off. One access-log line per request on stdout (JSON with LOG_FORMAT=json), "
        "with its request id. Reload gracefully with SIGHUP (`systemctl reload`): new "
        "workers start on the new code while the old ones finish their requests. SIGTERM "
        "stops after the requests in flight."
    )

    def add_arguments(self, parser):
        parser.add_argument("--bind", default="127.0.0.1:8000", help="HOST:PORT to listen on")
        parser.add_argument(
            "--workers",
            type=int,
            default=os.cpu_count() or 2,
            help="worker processes (default: one per core)",
        )
        parser.add_argument("--threads", type=int, default=4, help="threads per worker")
        parser.add_argument(
            "--timeout", type=int, default=30, help="seconds before a stuck worker is restarted"
        )
        parser.add_argument(
            "--max-requests",
            type=int,
            default=0,
            help="recycle a worker after this many requests, against slow leaks (default 0: "
            "never; a recycled threaded worker can drop the connections it had accepted)",
        )

    def handle(self, *args, bind, workers, threads, timeout, max_requests, **options):
        if workers < 1 or threads < 1 or timeout < 1 or max_requests < 0:
            raise CommandError("--workers, --threads and --timeout must be at least 1")
        if ":" not in bind and not bind.startswith("unix:"):
            raise CommandError(f"--bind expects HOST:PORT or unix:PATH, got {bind!r}")
        if settings.DEBUG:
            raise CommandError(
                "DEBUG is on: `masthead serve` is the production server; unset DEBUG"
            )
        if settings.PRODUCTION and not (settings.STATIC_ROOT / "staticfiles.json").exists():
            # Hashed, compressed files for WhiteNoise; a deploy normally runs this itself.
            call_command("collectstatic", interactive=False, verbosity=0)
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "masthead.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread",
            "--timeout",
            str(timeout),
            "--keep-alive",
            "5",
            "--graceful-timeout",
            "20",
            "--max-requests",
            str(max_requests),
            "--max-requests-jitter",
            str(max_requests // 10),
            "--access-logfile",
            "-",
            "--access-logformat",
            TEXT_FORMAT,
            "--error-logfile",
            "-",
            "--logger-class",
            "masthead.ops.accesslog.MastheadLogger",
            # Its default socket sits in $HOME, shared by every gunicorn of the user.
            "--no-control-socket",
        ]
        if settings.LOG_FORMAT != "json":  # there, every line is JSON: gunicorn says it
            self.stdout.write(
                f"Serving Masthead on http://{bind}/ ({workers} workers x {threads} threads)"
            )
            self.stdout.flush()
        os.execv(sys.executable, argv)
