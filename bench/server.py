"""Start `masthead serve` on the benchmark site for load figures, and stop it after."""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

from bench import site


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port}")


def stop(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, 15)
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 9)
    except ProcessLookupError:
        pass


@contextlib.contextmanager
def masthead(workers: int = 2, **env):
    """Serve the benchmark site; yield its base URL."""
    port = free_port()
    environment = {
        **os.environ,
        "MASTHEAD_HOME": str(site.HOME),
        "TIME_ZONE": "Asia/Amman",
        "LOG_LEVEL": "ERROR",
        **env,
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "masthead",
            "serve",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
        ],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_for(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)


def post_form(url: str, data: dict, address: str) -> int:
    """POST a form as a reader at `address` (through the trusted proxy); return the status."""
    request = urllib.request.Request(
        url,
        data=urllib.parse.urlencode(data).encode(),
        headers={
            "X-Forwarded-For": address,
            "Accept": "application/json",
            "Sec-Fetch-Site": "same-origin",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
