"""Wire ingest rates, each measured in a separate, empty site (a subprocess of its own).

Always on SQLite; also on PostgreSQL when BENCH_WIRE_DATABASE_URL, or else DATABASE_URL,
names one: a throwaway database beside it (`<name>_wirebench`) is created and dropped.
"""

import json
import os
import subprocess
import sys
import tempfile
import urllib.parse

ITEMS = int(os.environ.get("BENCH_WIRE_ITEMS", "10000"))

SCRIPT = """
import json, os, django
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from django.db import connection
from masthead.stories import factories
from masthead.wire.bench import ingest_rates
section = factories.section("World")
rates = ingest_rates(section=section, count=int(os.environ["ITEMS"]))
print(json.dumps({"vendor": connection.display_name, **rates}))
"""


def _postgres_url() -> str | None:
    url = os.environ.get("BENCH_WIRE_DATABASE_URL") or os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def _admin(url: str, sql: str) -> None:
    import psycopg

    parts = urllib.parse.urlsplit(url)
    admin = parts._replace(path="/postgres", scheme="postgresql").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql)


def _rates(database_url: str | None) -> dict:
    with tempfile.TemporaryDirectory() as home:
        env = {
            **os.environ,
            "MASTHEAD_HOME": home,
            "ITEMS": str(ITEMS),
            "DJANGO_SETTINGS_MODULE": "masthead.settings",
        }
        env.pop("DATABASE_URL", None)
        if database_url:
            env["DATABASE_URL"] = database_url
        output = subprocess.run(
            [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True
        ).stdout
    return json.loads(output.strip().splitlines()[-1])


def _rows(rates: dict) -> list[tuple[str, str, str, bool]]:
    new, unchanged, vendor = rates["new_per_second"], rates["unchanged_per_second"], rates["vendor"]
    return [
        (
            f"wire ingest, {ITEMS:,} new ninjs items into an empty site ({vendor})",
            f"{new:,.0f} items/s",
            ">= 100/s",
            new >= 100,
        ),
        (
            f"wire ingest, the same {ITEMS:,} again, unchanged ({vendor})",
            f"{unchanged:,.0f} items/s",
            ">= 2,000/s",
            unchanged >= 2000,
        ),
    ]


def figures() -> list[tuple[str, str, str, bool]]:
    rows = _rows(_rates(None))
    url = _postgres_url()
    if url:
        parts = urllib.parse.urlsplit(url)
        name = f"{parts.path.lstrip('/') or 'masthead'}_wirebench"
        _admin(url, f'DROP DATABASE IF EXISTS "{name}"')
        _admin(url, f'CREATE DATABASE "{name}"')
        try:
            rows += _rows(_rates(parts._replace(path=f"/{name}").geturl()))
        finally:
            _admin(url, f'DROP DATABASE IF EXISTS "{name}"')
    return rows


if __name__ == "__main__":
    for row in figures():
        print(" | ".join(str(cell) for cell in row))
