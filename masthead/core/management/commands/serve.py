import json
import os
import socket
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

# Granian's own lines (start, workers, reloads) as JSON, like every other line with
# LOG_FORMAT=json. Its main process loads masthead.ops.logs for that, and the workers fork
# from it: keep that module to the standard library.
JSON_LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "masthead.ops.logs.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stdout",
        }
    },
    "loggers": {"_granian": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}


class Command(BaseCommand):
    help = (
        "Serve Masthead with the production WSGI server (granian: HTTP in Rust, Masthead in "
        "threads); DEBUG stays off. One access-log line per request on stdout (JSON with "
        "LOG_FORMAT=json), with its request id. Reload gracefully with SIGHUP (`systemctl "
        "reload`): new workers start on the new code while the old ones finish their "
        "requests. SIGTERM stops after the requests in flight. Granian rather than gunicorn: "
        "with 2 workers it answers page-cache hits about twice as fast (bench/load.py, "
        "docs/deploy.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--bind", default="127.0.0.1:8000", help="HOST:PORT or unix:PATH to listen on"
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=os.cpu_count() or 2,
            help="worker processes (default: one per core)",
        )
        parser.add_argument(
            "--threads", type=int, default=4, help="threads per worker running Masthead"
        )
        parser.add_argument(
            "--max-memory",
            type=int,
            default=0,
            help="replace a worker, gracefully, once it uses this many MiB, against slow "
            "leaks (default 0: never)",
        )

    def handle(self, *args, bind, workers, threads, max_memory, **options):
        if workers < 1 or threads < 1 or max_memory < 0:
            raise CommandError("--workers and --threads must be at least 1, --max-memory 0 or more")
        listen = _listen_arguments(bind)
        if not bind.startswith("unix:"):
            _refuse_if_taken(listen[1], listen[3])  # --host HOST --port PORT
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
            "masthead.ops.webserver",  # granian, whose worker swaps wait for the new one
            "--interface",
            "wsgi",
            *listen,
            "--workers",
            str(workers),
            "--blocking-threads",
            str(threads),
            "--http",
            "1",  # nginx or Varnish speaks HTTP/1.1 to it
            "--http1-keep-alive",
            # A worker that dies is replaced; SIGHUP replaces them all, one by one: the old
            # one stops a second after its successor has loaded Masthead, and finishes its
            # requests, for 20 s at most.
            "--respawn-failed-workers",
            "--respawn-interval",
            "1",
            "--workers-kill-timeout",
            "20",
            "--no-ws",
            "--log-level",
            "info",
        ]
        if max_memory:
            argv += ["--workers-max-rss", str(max_memory)]
        if settings.LOG_FORMAT == "json":
            log_config = settings.HOME / "serve-logging.json"
            log_config.write_text(json.dumps(JSON_LOGGING, indent=2))
            argv += ["--log-config", str(log_config)]
        # The access log is written by the application (masthead.ops.accesslog), which
        # knows each response's request id; granian's own is left off.
        argv += ["--factory", "masthead.ops.accesslog:application"]
        if settings.LOG_FORMAT != "json":  # there, every line is JSON: granian says it
            self.stdout.write(f"Serving Masthead on {bind} ({workers} workers x {threads} threads)")
            self.stdout.flush()
        os.execv(sys.executable, argv)


def _listen_arguments(bind: str) -> list[str]:
    if bind.startswith("unix:"):
        return ["--uds", bind.removeprefix("unix:")]
    host, _, port = bind.rpartition(":")
    if not host or not port.isdigit():
        raise CommandError(f"--bind expects HOST:PORT or unix:PATH, got {bind!r}")
    return ["--host", host.strip("[]"), "--port", port]


WILDCARDS = {"0.0.0.0": "127.0.0.1", "::": "::1"}  # where a wildcard listener answers


def _refuse_if_taken(host: str, port: str) -> None:
    """Stop if a server already listens on the address.

    Granian binds with SO_REUSEPORT, so a second server started on a taken address (an
    old one left running, another site's) would not fail: the kernel would quietly share
    the readers between the two. A connection is tried rather than a bind, which the
    connections of a server just stopped (waiting out TIME_WAIT) would refuse.
    """
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            WILDCARDS.get(host, host), int(port), type=socket.SOCK_STREAM
        )[0]
    except (OSError, ValueError) as error:
        raise CommandError(f"--bind {host}:{port}: {error}") from None
    with socket.socket(family, kind, proto) as probe:
        probe.settimeout(1)
        if probe.connect_ex(address) == 0:
            raise CommandError(
                f"cannot listen on {host}:{port}: another server already listens there"
            )
