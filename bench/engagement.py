"""Votes through the full stack and the top-stories query, on the benchmark site."""

import random
import statistics
import time
from concurrent.futures import ThreadPoolExecutor

from bench import server

CLIENTS = 8
VOTES = 1600


def top_stories_time() -> float:
    from masthead.stories.ranking import top_stories

    top_stories(limit=10)
    timings = []
    for _ in range(20):
        started = time.perf_counter()
        top_stories(limit=10)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def _vote(base: str, story_id: int, address: str) -> int:
    value = random.choice(["up", "down"])
    return server.post_form(f"{base}/votes/{story_id}/", {"value": value}, address)


def votes_per_second(story_ids: list[int]) -> tuple[float, int]:
    rng = random.Random(5)
    jobs = [(rng.choice(story_ids), f"198.18.{n // 250}.{n % 250 + 1}") for n in range(VOTES)]
    # Every vote comes from a new reader at its own address, as the trusted proxy says.
    with server.masthead(MASTHEAD_TRUSTED_PROXIES="127.0.0.1") as base:
        _vote(base, story_ids[0], "198.19.0.1")
        started = time.perf_counter()
        with ThreadPoolExecutor(CLIENTS) as pool:
            statuses = list(pool.map(lambda job: _vote(base, *job), jobs))
        elapsed = time.perf_counter() - started
    failed = sum(1 for status in statuses if status >= 400)
    return VOTES / elapsed, failed


def figures() -> list[tuple[str, str, str, bool]]:
    from masthead.news.models import ArticlePage

    ids = list(
        ArticlePage.objects.live()
        .order_by("-first_published_at")
        .values_list("pk", flat=True)[:200]
    )
    rate, failed = votes_per_second(ids)
    top = top_stories_time()
    return [
        (
            f"votes through the full stack, {CLIENTS} clients",
            f"{rate:,.0f} votes/s ({failed} refused)",
            "-",
            failed == 0,
        ),
        (
            "top stories query on the 10,000-article site, median",
            f"{top:.1f} ms",
            "1-2 SQL queries",
            True,
        ),
    ]
