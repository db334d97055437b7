import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Serve Masthead with the production WSGI server (gunicorn); DEBUG stays off."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default="127.0.0.1:8000", help="HOST:PORT to listen on")
        parser.add_argument(
            "--workers", type=int, default=os.cpu_count() or 2, help="worker processes"
        )
        parser.add_argument("--threads", type=int, default=4, help="threads per worker")

    def handle(self, *args, bind, workers, threads, **options):
        if workers < 1 or threads < 1:
            raise CommandError("--workers and --threads must be at least 1")
        if ":" not in bind:
            raise CommandError(f"--bind expects HOST:PORT, got {bind!r}")
        if settings.DEBUG:
            raise CommandError(
                "DEBUG is on: `masthead serve` is the production server; unset DEBUG"
            )
        if settings.PRODUCTION and not (settings.STATIC_ROOT / "staticfiles.json").exists():
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
            "--keep-alive",
            "5",
            "--access-logfile",
            "-",
            "--graceful-timeout",
            "20",
        ]
        self.stdout.write(f"Serving Masthead on http://{bind}/ with {workers} workers")
        self.stdout.flush()
        os.execv(sys.executable, argv)
