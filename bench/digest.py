"""The daily digest to 100,000 confirmed subscribers through a local SMTP server.

Measured in a site of its own (BENCH_DIGEST_HOME, else a temporary folder): one process
seeds the subscribers and builds the issue, then `masthead digest send` runs as a process
of its own, so its peak memory is the sender's alone. The SMTP server (aiosmtpd) runs in
this process and only counts what arrives.
"""

import datetime
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SUBSCRIBERS = int(os.environ.get("BENCH_DIGEST_SUBSCRIBERS", "100000"))
# Tomorrow's issue covers the last 24 hours, whatever the time of day.
DATE = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()

SEED = """
import os, django
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from django.utils import timezone
from masthead.newsletter.models import DigestIssue, Subscriber
from masthead.stories import factories

count = int(os.environ["SUBSCRIBERS"])
if not Subscriber.objects.exists():
    now = timezone.now()
    step = 5000
    for start in range(0, count, step):
        Subscriber.objects.bulk_create(
            Subscriber(email=f"reader{n}@example.com", state="confirmed", confirmed_at=now)
            for n in range(start, min(start + step, count))
        )
DigestIssue.objects.filter(date=os.environ["DATE"]).delete()
from masthead.news.models import ArticlePage
if not ArticlePage.objects.filter(slug="bench-story-0").exists():
    section = factories.section("Bench Desk", slug="bench-desk")
    for n in range(8):
        factories.article(section, title=f"Bench story number {n}", slug=f"bench-story-{n}")
"""

BUILD = """
import os, time, datetime, django
django.setup()
from django.utils import timezone
from masthead.newsletter.digest import digest_build
started = time.perf_counter()
issue = digest_build(date=datetime.date.fromisoformat(os.environ["DATE"]), now=timezone.now())
print(time.perf_counter() - started, len(issue.html.encode()))
"""


def _run(script: str, env: dict) -> str:
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr else "failed")
    return done.stdout


def measure(home: Path) -> dict:
    from masthead.newsletter.testing import Inbox, smtp_server

    with smtp_server(Inbox(keep=False)) as (inbox, port):
        env = {
            **os.environ,
            "MASTHEAD_HOME": str(home),
            "DATABASE_URL": f"sqlite:///{home / 'digest.sqlite3'}",
            "EMAIL_URL": f"smtp://127.0.0.1:{port}",
            "MASTHEAD_BASE_URL": "https://news.example.com",
            "SUBSCRIBERS": str(SUBSCRIBERS),
            "DATE": DATE,
            "DJANGO_SETTINGS_MODULE": "masthead.settings",
        }
        env.pop("CACHE_URL", None)
        _run(SEED, env)
        build_seconds, html_bytes = (float(v) for v in _run(BUILD, env).split()[-2:])
        started = time.perf_counter()
        sender = subprocess.Popen(
            [sys.executable, "-m", "masthead", "digest", "send", "--date", DATE],
            env=env,
            stdout=subprocess.DEVNULL,
        )
        _, status, usage = os.wait4(sender.pid, 0)
        send_seconds = time.perf_counter() - started
        sender.returncode = os.waitstatus_to_exitcode(status)
        if sender.returncode != 0:
            raise RuntimeError(f"masthead digest send exited with {sender.returncode}")
        # Wait for the server to have counted the last message.
        deadline = time.monotonic() + 10
        while inbox.received < SUBSCRIBERS and time.monotonic() < deadline:
            time.sleep(0.05)
    return {
        "build": build_seconds,
        "send": send_seconds,
        "received": inbox.received,
        "peak_mb": usage.ru_maxrss / 1024,  # kilobytes on Linux
        # What the sender itself spent, whatever else the machine was doing meanwhile.
        "cpu": usage.ru_utime + usage.ru_stime,
        "html_kb": html_bytes / 1024,
    }


def figures() -> list[tuple[str, str, str, bool]]:
    folder = os.environ.get("BENCH_DIGEST_HOME")
    if folder:
        home = Path(folder)
        home.mkdir(parents=True, exist_ok=True)
        result = measure(home)
    else:
        with tempfile.TemporaryDirectory(prefix="masthead-digest-") as temporary:
            result = measure(Path(temporary))
    total = result["build"] + result["send"]
    rate = result["received"] / result["send"]
    cpu_ms = 1000 * result["cpu"] / max(result["received"], 1)
    return [
        (
            f"digest: build and send one issue to {SUBSCRIBERS:,} subscribers (SQLite, SMTP)",
            f"{total:,.0f} s ({result['received']:,} received)",
            f"{SUBSCRIBERS:,} received",
            result["received"] == SUBSCRIBERS,
        ),
        ("digest: messages per second", f"{rate:,.0f}/s", ">= 300/s", rate >= 300),
        (
            "digest: sender CPU per message (user + system)",
            f"{cpu_ms:.2f} ms",
            "< 3.3 ms (300/s)",
            cpu_ms < 3.3,
        ),
        (
            "digest: peak memory of the sender",
            f"{result['peak_mb']:,.0f} MB",
            "< 300 MB",
            result["peak_mb"] < 300,
        ),
        (
            "digest: size of the issue's HTML",
            f"{result['html_kb']:,.1f} KB",
            "< 100 KB",
            result["html_kb"] < 100,
        ),
    ]


if __name__ == "__main__":
    for name, value, target, ok in figures():
        print(f"{name}: {value} (target {target}) {'ok' if ok else 'MISSED'}")
