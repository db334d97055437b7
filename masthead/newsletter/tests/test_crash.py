"""The sender killed with SIGKILL at random points, then run to completion.

The sender runs as a separate `masthead` process on its own SQLite file, so the kill
hits it wherever it is; the test's own SMTP server counts what arrived.
"""

import collections
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

SUBSCRIBERS = 2000
KILLS = 5

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


def test_killed_sender_run_again_delivers_every_copy_once(smtp, tmp_path):
    database = tmp_path / "crash.sqlite3"
    env = {
        **os.environ,
        "MASTHEAD_HOME": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{database}",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port(smtp)}",
        "MASTHEAD_BASE_URL": "https://news.example.com",
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
    with sqlite3.connect(database) as db:
        resends, sent, recipients = db.execute(
            "SELECT resends, sent, recipients FROM newsletter_digestissue"
        ).fetchone()
    twice = [mid for mid, count in copies.items() if count > 1]
    assert len(receivers) == SUBSCRIBERS
    assert len(copies) == SUBSCRIBERS
    assert max(copies.values()) <= 2
    assert len(twice) <= resends <= KILLS
    assert recipients == SUBSCRIBERS
    # Every copy counted once as sent, the re-sent ones included.
    assert sent == SUBSCRIBERS


def smtp_port(inbox) -> int:
    from django.conf import settings

    return settings.EMAIL_PORT
