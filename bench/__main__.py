"""Run every benchmark, print a table of figures against targets, write bench/RESULTS.md.

BENCH_ONLY=render,discovery,engagement,load,wire,comments,digest picks groups; BENCH_SOAK=1 adds
the ten-minute soak (BENCH_SOAK_SECONDS to change it). BENCH_RESULTS names another file
to write than bench/RESULTS.md.
"""

import os
import platform
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path

from bench import site

GROUPS = ["render", "discovery", "engagement", "load", "wire", "comments", "digest"]


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} cores, {cpu}, {platform.system()} {platform.release()}; "
        f"pure-Python speed: {python_speed():.2f} s for 10 million additions (lower is faster)"
    )


def python_speed() -> float:
    """Seconds for a fixed pure-Python loop, best of three: machines of one model name
    differ, and the in-process render figures scale with this."""
    import time

    best = float("inf")
    for _ in range(3):
        started, total = time.perf_counter(), 0
        for number in range(10_000_000):
            total += number
        best = min(best, time.perf_counter() - started)
    return best


def command() -> str:
    """How this run was started: the groups chosen, and the engines by scheme only (a
    URL may hold a password)."""
    chosen = [
        f"{name}={os.environ[name]}" for name in ("BENCH_ONLY", "BENCH_SOAK") if name in os.environ
    ]
    line = f"`{' '.join([*chosen, 'make bench'])}`"
    engines = [
        f"{name}={os.environ[name].split(':', 1)[0]}://..."
        for name in ("DATABASE_URL", "CACHE_URL")
        if os.environ.get(name)
    ]
    return line + (f" with {', '.join(engines)}" if engines else "")


def versions() -> str:
    import django
    import wagtail

    python = platform.python_version()
    return f"Python {python}, Django {django.get_version()}, Wagtail {wagtail.__version__}"


def run_group(name: str) -> list[tuple[str, str, str, bool]]:
    if name == "render":
        from bench import render

        return render.figures()
    if name == "discovery":
        from bench import discovery

        return discovery.figures()
    if name == "engagement":
        from bench import engagement

        return engagement.figures()
    if name == "load":
        from bench import load, render

        return load.figures(render.article_urls(1)[0])
    if name == "wire":
        from bench import wire

        return wire.figures()
    if name == "comments":
        from bench import comments

        return comments.figures()
    if name == "digest":
        from bench import digest

        return digest.figures()
    if name == "soak":
        from bench import soak

        return soak.figures(soak.soak(seconds=int(os.environ.get("BENCH_SOAK_SECONDS", "600"))))
    raise ValueError(name)


def main() -> int:
    built = site.build()
    site.setup_django()
    from django.db import connection

    chosen = [g for g in os.environ.get("BENCH_ONLY", ",".join(GROUPS)).split(",") if g]
    if os.environ.get("BENCH_SOAK") == "1":
        chosen.append("soak")
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
    for group in chosen:
        print(f"bench: {group} ...", file=sys.stderr, flush=True)
        try:
            rows += run_group(group)
        except Exception as exc:  # one broken group must not hide the others' figures
            traceback.print_exc()
            rows.append((f"{group}: could not be measured", str(exc)[:80], "-", False))
    header = f"Masthead benchmarks, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC\n\n"
    header += f"- Machine: {machine()}\n- Versions: {versions()}\n"
    header += f"- Database: {connection.vendor}; site: {site.ARTICLES} articles\n"
    header += f"- Command: {command()}\n\n"
    table = "| figure | measured | target | met |\n|---|---:|---:|:---:|\n"
    table += "".join(
        f"| {name} | {value} | {target} | {'yes' if ok else 'NO'} |\n"
        for name, value, target, ok in rows
    )
    text = header + table
    print(text)
    Path(os.environ.get("BENCH_RESULTS", Path(__file__).with_name("RESULTS.md"))).write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
