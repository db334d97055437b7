"""The process `masthead serve` becomes: granian, with worker swaps that lose no reader.

Sockets. Granian on Linux gives each worker a listening socket of its own
(SO_REUSEPORT), and the kernel spreads new connections over them. When a worker stops,
the connections waiting in its socket's queue are reset, unless the kernel hands them to
the other workers' sockets: it does when `net.ipv4.tcp_migrate_req` is 1 (Linux 5.14 and
later). So with that setting each worker has its own socket; without it (or with
MASTHEAD_SHARED_SOCKET=1) this process holds one socket that every worker accepts from,
as gunicorn does, and a burst of new connections can all land on one worker while the
other idles (docs/deploy.md).

Swaps. Granian replaces a worker (SIGHUP, a crash) by starting the new one, sleeping
--respawn-interval, then stopping the old one. When loading Masthead takes longer than
the sleep (3 s on a small idle server, over 10 s on a busy one) the new worker is not yet
listening. Here the old worker stops only once its successor has loaded Masthead. Run as
`python -m masthead.ops.webserver` with granian's options.
"""

import os
import socket
import tempfile
import time
from pathlib import Path

import granian.cli
from granian.net import SocketSpec
from granian.server.mp import MPServer

READY = "MASTHEAD_SERVE_READY"  # the folder where each loaded worker leaves its pid
LOAD_TIMEOUT = 120  # seconds a new worker may take to load Masthead
MIGRATE_REQ = Path("/proc/sys/net/ipv4/tcp_migrate_req")


def socket_per_worker(environ=os.environ, migrate_req: Path = MIGRATE_REQ) -> bool:
    """Whether each worker may listen on a socket of its own without losing the
    connections queued on it when it stops."""
    if environ.get("MASTHEAD_SHARED_SOCKET", "") not in ("", "0"):
        return False
    try:
        return migrate_req.read_text().strip() == "1"
    except OSError:  # not Linux, or a kernel before 5.14
        return False


class Server(MPServer):
    replacing = False

    def _init_shared_socket(self):
        if self.bind_uds or socket_per_worker():
            # Granian shares a Unix socket; a TCP one it gives each worker (SO_REUSEPORT),
            # bound once the worker has loaded the application.
            return super()._init_shared_socket()
        self._ssp = None
        self._shd = SocketSpec(self.bind_addr, self.bind_port, self.backlog).build()
        self._sfd = self._shd.get_fd()
        self._sso = socket.socket(fileno=self._sfd)
        self._sso.set_inheritable(True)

    def signal_handler_interrupt(self, *args, **kwargs):
        # A worker inherits this handler and keeps it while it loads Masthead, so a
        # SIGTERM then would be lost and the worker would outlive the server. It has no
        # requests yet: it just leaves.
        if os.getpid() != self.pid:
            os._exit(0)
        super().signal_handler_interrupt(*args, **kwargs)

    def _respawn_workers(self, *args, **kwargs):
        self.replacing = True
        try:
            return super()._respawn_workers(*args, **kwargs)
        finally:
            self.replacing = False

    def _spawn_worker(self, idx, target, callback_loader):
        worker = super()._spawn_worker(idx, target, callback_loader)
        if self.replacing:  # the first workers load side by side, nobody is waiting
            start = worker.start

            def start_and_wait():
                start()
                wait_until_loaded(worker.inner)

            worker.start = start_and_wait
        return worker


# What a WSGI environ holds from the request and the server, as PEP 3333 names it.
REQUEST_KEYS = frozenset(
    "REQUEST_METHOD SCRIPT_NAME PATH_INFO QUERY_STRING CONTENT_TYPE CONTENT_LENGTH "
    "SERVER_NAME SERVER_PORT SERVER_PROTOCOL REMOTE_ADDR REMOTE_PORT REMOTE_HOST "
    "REMOTE_USER AUTH_TYPE GATEWAY_INTERFACE HTTPS RAW_URI".split()
)


class RequestEnvironOnly:
    """Remove the server process's environment from each request's environ.

    Granian starts every environ from a copy of os.environ, as CGI did, so DATABASE_URL,
    EMAIL_URL and the other secrets would sit in request.META, where an error report or a
    debugging aid could print them.
    """

    def __init__(self, application, process_keys=None):
        self.application = application
        keys = os.environ.keys() if process_keys is None else process_keys
        self.process_keys = frozenset(
            key
            for key in keys
            if key not in REQUEST_KEYS and not key.startswith(("HTTP_", "wsgi.", "granian."))
        )

    def __call__(self, environ, start_response):
        for key in self.process_keys:
            environ.pop(key, None)
        return self.application(environ, start_response)


def loaded() -> None:
    """Tell `masthead serve` that this worker has loaded the application."""
    if folder := os.environ.get(READY):
        Path(folder, str(os.getpid())).touch()


def wait_until_loaded(process, timeout: float = LOAD_TIMEOUT) -> bool:
    """Wait for `process` (a multiprocessing.Process) to call `loaded`; False if it died
    or took too long."""
    marker = Path(os.environ[READY], str(process.pid))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.is_alive():
        if marker.exists():
            marker.unlink()
            return True
        time.sleep(0.05)
    return False


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="masthead-serve-") as folder:
        os.environ[READY] = folder
        granian.cli.Server = Server  # the command line's server, with the swaps above
        granian.cli.entrypoint()


if __name__ == "__main__":
    main()
