"""Wire ingest rates, measured in a separate, empty site (a subprocess of its own)."""

import json
import os
import subprocess
import sys
import tempfile

ITEMS = int(os.environ.get("BENCH_WIRE_ITEMS", "1000"))

SCRIPT = """
import json, os, django
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from masthead.stories import factories
from masthead.wire.bench import ingest_rates
section = factories.section("World")
print(json.dumps(ingest_rates(section=section, count=int(os.environ["ITEMS"]))))
"""


def figures() -> list[tuple[str, str, str, bool]]:
    with tempfile.TemporaryDirectory() as home:
        env = {
            **os.environ,
            "MASTHEAD_HOME": home,
            "ITEMS": str(ITEMS),
            "DJANGO_SETTINGS_MODULE": "masthead.settings",
        }
        env.pop("DATABASE_URL", None)
        output = subprocess.run(
            [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True
        ).stdout
    rates = json.loads(output.strip().splitlines()[-1])
    new, unchanged = rates["new_per_second"], rates["unchanged_per_second"]
    return [
        (
            f"wire ingest, {ITEMS} new ninjs items into an empty site (SQLite)",
            f"{new:,.0f} items/s",
            ">= 100/s",
            new >= 100,
        ),
        (
            f"wire ingest, the same {ITEMS} again (unchanged)",
            f"{unchanged:,.0f} items/s",
            ">= 2,000/s",
            unchanged >= 2000,
        ),
    ]
