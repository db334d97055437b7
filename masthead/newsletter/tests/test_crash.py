"""The sender killed with SIGKILL at random points, then run to completion.

The sender runs as a separate `masthead` process on its own database, so the kill hits it
wherever it is: a SQLite file in the embedded run, a database of its own on the suite's
PostgreSQL server in the PostgreSQL run. The test's own SMTP server counts what arrived.
"""

import collections
import os
import random
import signal
import subprocess
import sys
import time

import pytest

SUBSCRIBERS = 2000
KILLS = 5
CONNECTIONS = 3  # copies in flight at once: at most this many re-sent per kill

SEED = f"""
from django.utils import timezone
from masthead.newsletter.models import DigestIssue, Subscriber
Subscriber.objects.bulk_create(
    Subscriber(email=f"reader{{n}}@example.com", state="confirmed", confirmed_at=timezone.now())
    for n in range({SUBSCRIBERS})
)
DigestIssue.objects.create(date="2026-11-27", subject="Test issue", html="<p>x</p>", text="x")
"""


def masthead(env, *args, **kwargs):
    command = [sys.executable, "-m", "masthead", *args]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, **kwargs)


def wait_for(condition, *, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.01)


FIGURES = """
from masthead.newsletter.models import DigestIssue
issue = DigestIssue.objects.get()
print(issue.resends, issue.sent, issue.recipients)
"""


@pytest.fixture
def database_url(tmp_path):
    """A database for the sender alone, of the kind the suite runs on."""
    from django.conf import settings

    suite = settings.DATABASES["default"]
    if suite["ENGINE"] != "django.db.backends.postgresql":
        yield f"sqlite:///{tmp_path / 'crash.sqlite3'}"
        return
    import psycopg

    server = {
        "host": suite["HOST"] or "127.0.0.1",
        "port": suite["PORT"] or 5432,
        "user": suite["USER"] or "postgres",
        "password": suite["PASSWORD"] or None,
    }
    name = f"masthead_crash_{os.getpid()}"
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.execute(f"CREATE DATABASE {name}")
    auth = server["user"] + (f":{server['password']}" if server["password"] else "")
    yield f"postgres://{auth}@{server['host']}:{server['port']}/{name}"
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_killed_sender_run_again_delivers_every_copy_once(smtp, tmp_path, database_url):
    env = {
        **os.environ,
        "MASTHEAD_HOME": str(tmp_path),
        "DATABASE_URL": database_url,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port(smtp)}",
        "MASTHEAD_BASE_URL": "https://news.example.com",
        "MASTHEAD_DIGEST_CONNECTIONS": str(CONNECTIONS),
    }
    env.pop("CACHE_URL", None)
    assert masthead(env, "migrate", "-v0").wait(timeout=300) == 0
    assert masthead(env, "shell", "-c", SEED).wait(timeout=120) == 0

    rng = random.Random()
    for _ in range(KILLS):
        before = len(smtp.messages)
        target = before + rng.randint(20, 250)
        sender = masthead(env, "digest", "send", "--date", "2026-11-27")
        wait_for(
            lambda t=target, p=sender: len(smtp.messages) >= t or p.poll() is not None,
            timeout=120,
            what="the sender to get going",
        )
        sender.send_signal(signal.SIGKILL)
        sender.wait(timeout=30)
    assert masthead(env, "digest", "send", "--date", "2026-11-27").wait(timeout=300) == 0

    copies = collections.Counter(str(message["Message-ID"]) for _, message in smtp.messages)
    receivers = {rcpt for rcpts, _ in smtp.messages for rcpt in rcpts}
    figures = subprocess.run(
        [sys.executable, "-m", "masthead", "shell", "-c", FIGURES],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    resends, sent, recipients = (int(n) for n in figures.stdout.split()[-3:])
    twice = [mid for mid, count in copies.items() if count > 1]
    assert len(receivers) == SUBSCRIBERS
    assert len(copies) == SUBSCRIBERS
    assert max(copies.values()) <= 2
    assert len(twice) <= resends <= KILLS * CONNECTIONS
    assert recipients == SUBSCRIBERS
    # Every copy counted once as sent, the re-sent ones included.
    assert sent == SUBSCRIBERS


def smtp_port(inbox) -> int:
    from django.conf import settings

    return settings.EMAIL_PORT
