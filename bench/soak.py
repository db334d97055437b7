"""The soak: a fixed rate of reads and writes against PostgreSQL and Redis, for minutes.

`soak()` prepares a site on PostgreSQL and Redis (SOAK_DATABASE_URL, SOAK_CACHE_URL;
by default the machine's own servers, database masthead_soak, Redis db 15), serves it
with `masthead serve`, and sends article reads, comment posts, votes and newsletter
signups at a fixed rate from many reader addresses (through X-Forwarded-For, as behind
the HTTP cache). It reports requests, errors, and for each kind of write the rows that
appeared in the database against the writes the site acknowledged: they must be equal.

`make bench` runs it for ten minutes when BENCH_SOAK=1; alone, for a short proof:
    python -m bench.soak --seconds 20

Signups are sent once the newsletter app's masthead/newsletter/testing.py offers
`signup_form_data(email=...)`, `SIGNUP_PATH` and `SIGNUP_MODEL` ("app_label.Model"), as
the comments app's testing module does for comments; until then they are reported as
not available.
"""

import argparse
import json
import os
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

from bench.soak_traffic import Kinds, Tally, run_at_rate, send

ROOT = Path(__file__).resolve().parent.parent
HOME = Path(os.environ.get("SOAK_HOME", ROOT / "bench" / "out" / "soak"))
DATABASE_URL = os.environ.get(
    "SOAK_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/masthead_soak"
)
CACHE_URL = os.environ.get("SOAK_CACHE_URL", "redis://127.0.0.1:6379/15")
ARTICLES = 20


def soak(*, seconds: int = 600, rate: float = 20.0) -> dict:
    """Run the soak in a process of its own (its own settings) and return its report."""
    HOME.mkdir(parents=True, exist_ok=True)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("MASTHEAD_", "DJANGO_"))},
        "MASTHEAD_HOME": str(HOME),
        "DATABASE_URL": DATABASE_URL,
        "CACHE_URL": CACHE_URL,
        "MASTHEAD_TRUSTED_PROXIES": "127.0.0.1/32",
        "TIME_ZONE": "Asia/Amman",
        "DEBUG": "0",
    }
    result = subprocess.run(
        [sys.executable, "-m", "bench.soak", "--seconds", str(seconds), "--rate", str(rate)]
        + ["--driver"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def figures(report: dict) -> list[tuple[str, str, str, bool]]:
    """Rows for the bench table: requests, errors, rows against acknowledged writes."""
    seconds = report["seconds"]
    duration = f"{seconds / 60:g} min" if seconds >= 60 else f"{seconds} s"
    rows = [
        (
            f"soak {duration} at {report['rate']:g} req/s (PostgreSQL + Redis): requests",
            str(report["requests"]),
            "-",
            True,
        ),
        ("soak: errors", str(report["errors"]), "0", report["errors"] == 0),
    ]
    for kind, counts in report["writes"].items():
        if counts.get("unavailable"):
            rows.append((f"soak: {kind}", "not available in this build", "-", True))
            continue
        rows.append(
            (
                f"soak: {kind} rows / acknowledged",
                f"{counts['rows']} / {counts['accepted']}",
                "equal",
                counts["rows"] == counts["accepted"],
            )
        )
    return rows


# The driver, run in the soak's own process with the site's settings.


MODELS = {"comment": "comments.Comment", "vote": "votes.Vote"}


def last_pks() -> dict:
    from django.apps import apps

    if Kinds._has("masthead.newsletter.testing", "SIGNUP_MODEL"):
        from masthead.newsletter.testing import SIGNUP_MODEL

        MODELS["signup"] = SIGNUP_MODEL
    marks = {}
    for kind, label in MODELS.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        marks[kind] = model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    return marks


def rows_since(marks: dict) -> dict:
    from django.apps import apps

    return {
        kind: apps.get_model(MODELS[kind]).objects.filter(pk__gt=pk).count()
        for kind, pk in marks.items()
    }


def prepare_site() -> list:
    """Migrate the soak database and give it a section of articles; return them."""
    from django.core.management import call_command

    from masthead.news.models import ArticlePage
    from masthead.stories import factories

    call_command("migrate", interactive=False, verbosity=0)
    stories = list(ArticlePage.objects.live().filter(slug__startswith="soak-")[:ARTICLES])
    if len(stories) < ARTICLES:
        section = factories.section("Soak Desk", slug="soak-desk")
        stories = [
            factories.article(section, title=f"Soak story {n}", slug=f"soak-{n}")
            for n in range(ARTICLES)
        ]
    return stories


def ensure_database() -> None:
    import psycopg

    parts = urllib.parse.urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl().replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def drive(*, seconds: int, rate: float) -> dict:
    ensure_database()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings")
    import django

    django.setup()
    stories = prepare_site()
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "masthead", "serve", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", "2", "--threads", "4"],
        stdout=subprocess.DEVNULL,
        stderr=(HOME / "serve.log").open("wb"),
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    tally = Tally()
    try:
        _wait_until_up(base)
        kinds = Kinds(base, stories)
        marks = last_pks()
        run_at_rate(kinds, tally, seconds=seconds, rate=rate)
        time.sleep(1)
        rows = rows_since(marks)
    finally:
        server.terminate()
        server.wait(timeout=30)
    writes = {}
    for kind in ("comment", "vote", "signup"):
        if not kinds.available[kind] or kind not in rows:
            writes[kind] = {"unavailable": True}
        else:
            writes[kind] = {
                "sent": tally.sent[kind],
                "accepted": tally.accepted[kind],
                "rows": rows[kind],
            }
    return {
        "seconds": seconds,
        "rate": rate,
        "requests": sum(tally.sent.values()),
        "errors": len(tally.errors),
        "statuses": {str(status): count for status, count in tally.statuses.items()},
        "reads": tally.sent["read"],
        "writes": writes,
        "first_errors": tally.errors[:10],
    }


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(base: str) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if send(base + "/readyz", headers={})[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"the soak's server did not become ready (see {HOME / 'serve.log'})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=600)
    parser.add_argument("--rate", type=float, default=20.0, help="requests started per second")
    # soak() runs this module again with --driver, in the environment it prepared.
    parser.add_argument("--driver", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.driver:
        print(json.dumps(drive(seconds=args.seconds, rate=args.rate)))
    else:
        print(json.dumps(soak(seconds=args.seconds, rate=args.rate), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
