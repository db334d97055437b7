"""Real services for the fault tests, each private to the test run so it can be stopped.

A Redis server and a PostgreSQL cluster of the tests' own, on free loopback ports (the
machine's shared ones are never touched), Masthead processes run against a private copy
of the migrated test database, and a small HTTP client.
"""

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest

PYTHON = sys.executable
REQUIRED = os.environ.get("MASTHEAD_REQUIRE_TOOLS") == "1"
PG_BIN = sorted(Path("/usr/lib/postgresql").glob("*/bin"))


def require(present: bool, what: str) -> None:
    """Skip when a tool is missing, or fail when the run says every tool must be there."""
    if present:
        return
    if REQUIRED:
        pytest.fail(f"{what} (MASTHEAD_REQUIRE_TOOLS=1 requires it)", pytrace=False)
    pytest.skip(what)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(predicate, *, timeout: float, what: str, interval: float = 0.1):
    """Poll `predicate` until it returns something true; fail naming `what` otherwise."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


def port_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


class RedisServer:
    def __init__(self, folder: Path):
        self.folder = folder
        self.port = free_port()
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no", "--daemonize", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(lambda: port_answers(self.port), timeout=10, what="redis-server to start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


class PostgresCluster:
    """A throw-away cluster; initdb refuses root, so as root it runs as the postgres user."""

    def __init__(self, folder: Path):
        self.bin = PG_BIN[-1]
        self.folder = folder
        self.data = folder / "data"
        self.port = free_port()
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def _run(self, *command: str) -> None:
        subprocess.run([*self.as_owner, *command], check=True, capture_output=True, timeout=120)

    def init(self) -> None:
        if self.as_owner:
            shutil.chown(self.folder, "postgres")
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres")
        self.start()

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        log = str(self.folder / "server.log")
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", log, "-w", "start"
        )
        wait_for(lambda: port_answers(self.port), timeout=30, what="PostgreSQL to start")

    def stop(self, mode: str = "fast") -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def execute(self, sql: str, name: str = "postgres") -> list:
        import psycopg

        with psycopg.connect(self.url(name), autocommit=True) as conn:
            cursor = conn.execute(sql)
            return cursor.fetchall() if cursor.description else []


def site_env(database_url: str, home: Path, **extra: str) -> dict:
    """The environment of a Masthead process run against a private database."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("MASTHEAD_", "DATABASE_", "CACHE_", "EMAIL_", "DEBUG", "LOG_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="masthead.settings",
        DATABASE_URL=database_url,
        MASTHEAD_HOME=str(home),
        CACHE_URL="locmem://",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def masthead(*args: str, env: dict, timeout: float = 120) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [PYTHON, "-m", "masthead", *args], env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, f"masthead {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result


SEED = "from masthead.ops.tests.site import build; build()"


@dataclass
class SiteDatabase:
    """A private, migrated database with a home page and one article."""

    vendor: str
    url: str
    path: Path | None = None
    cluster: PostgresCluster | None = None
    name: str = ""

    def query(self, sql: str) -> list:
        if self.vendor == "sqlite":
            with sqlite3.connect(self.path) as conn:
                return conn.execute(sql).fetchall()
        return self.cluster.execute(sql, self.name)

    def env(self, home: Path, **extra: str) -> dict:
        return site_env(self.url, home, **extra)


class Processes:
    """Masthead processes started by a test, stopped (then killed) when it ends."""

    def __init__(self):
        self.running: list[subprocess.Popen] = []

    def start(self, *args: str, env: dict, log: Path) -> subprocess.Popen:
        handle = log.open("ab")
        process = subprocess.Popen(
            [PYTHON, "-m", "masthead", *args], env=env, stdout=handle, stderr=subprocess.STDOUT
        )
        handle.close()
        self.running.append(process)
        return process

    def stop_all(self) -> None:
        for process in self.running:
            if process.poll() is None:
                process.terminate()
        for process in self.running:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@dataclass
class Answer:
    status: int
    headers: Message  # names in any case: granian (hyper) sends them in lower case
    body: bytes


def http(url: str, *, data: dict | None = None, headers: dict | None = None, timeout=10) -> Answer:
    """One request with the standard library; any HTTP status is an answer, not an error."""
    import urllib.error
    import urllib.parse
    import urllib.request

    class Stay(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None  # a redirect is an answer to look at

    encoded = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=encoded, headers=headers or {})
    try:
        with urllib.request.build_opener(Stay).open(request, timeout=timeout) as response:
            return Answer(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.headers, error.read())


def serve(processes, env: dict, log: Path, *extra: str) -> str:
    """Start `masthead serve` on a free port; return its base URL once /healthz answers."""
    port = free_port()
    processes.start(
        "serve",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "1",
        "--threads",
        "4",
        *extra,
        env=env,
        log=log,
    )
    base = f"http://127.0.0.1:{port}"

    def healthy():
        try:
            return http(f"{base}/healthz", timeout=2).status == 200
        except OSError:
            return False

    wait_for(healthy, timeout=90, what=f"masthead serve to answer (log: {log})")
    return base
