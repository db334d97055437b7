"""A stock Wagtail 8 site measured in the same run as Masthead: the render baseline.

`figures()` runs `python -m bench.stock.measure` in its own process (its own settings,
database and caches) and returns the figures it prints.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def figures() -> dict:
    """Return {"article_ms", "article_queries", "section_ms", "section_queries",
    "article_bytes", "wagtail"} measured on the stock site (built first if needed)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.stock.settings"}
    done = subprocess.run(
        [sys.executable, "-m", "bench.stock.measure"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])
