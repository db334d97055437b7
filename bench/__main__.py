"""Run every benchmark, print a table of figures against targets, write bench/RESULTS.md."""

import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

from bench import site


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, {platform.system()} {platform.release()}"


def versions() -> str:
    import django
    import wagtail

    python = platform.python_version()
    return f"Python {python}, Django {django.get_version()}, Wagtail {wagtail.__version__}"


def main() -> int:
    built = site.build()
    site.setup_django()
    from django.db import connection

    from bench import render

    rows = []
    if built is not None:
        rows.append(
            (
                f"build the demo site with {site.ARTICLES} articles",
                f"{built:.0f} s",
                "< 300 s",
                built < 300,
            )
        )
    rows += render.figures()
    header = f"Masthead benchmarks, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC\n\n"
    header += f"- Machine: {machine()}\n- Versions: {versions()}\n"
    header += f"- Database: {connection.vendor}; site: {site.ARTICLES} articles in {site.HOME}\n\n"
    table = "| figure | measured | target | met |\n|---|---:|---:|:---:|\n"
    table += "".join(
        f"| {name} | {value} | {target} | {'yes' if ok else 'NO'} |\n"
        for name, value, target, ok in rows
    )
    text = header + table
    print(text)
    Path(__file__).with_name("RESULTS.md").write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
