"""Search, feed and sitemap figures on the benchmark site, rendered in process, uncached."""

import random
import statistics
import time

from django.test import Client


def _timed(client: Client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return elapsed


def search_queries(count: int = 100, seed: int = 11) -> list[str]:
    """Varied queries: one to three words taken from live headlines and standfirsts."""
    from masthead.stories.models import Story

    words = set()
    for title, standfirst in Story.objects.live().values_list("title", "standfirst")[:3000]:
        words.update(w.strip(".,:;'\"()").lower() for w in f"{title} {standfirst}".split())
    words = sorted(w for w in words if len(w) > 3 and w.isalpha())
    rng = random.Random(seed)
    return [" ".join(rng.sample(words, rng.randint(1, 3))) for _ in range(count)]


def figures() -> list[tuple[str, str, str, bool]]:
    from django.conf import settings
    from django.db import connection

    settings.MASTHEAD_PAGE_CACHE = False  # uncached renders: the page cache would answer
    client = Client()
    queries = search_queries()
    client.get("/search/?q=warm+up")
    timings = [_timed(client, f"/search/?q={q.replace(' ', '+')}") for q in queries]
    median = statistics.median(timings)
    p95 = statistics.quantiles(timings, n=20)[18]
    on = connection.vendor  # sqlite or postgresql: the figures differ by database
    rows = [
        (f"search page, 100 varied queries, median ({on})", f"{median:.1f} ms", "-", True),
        (f"search page, 100 varied queries, p95 ({on})", f"{p95:.1f} ms", "< 100 ms", p95 < 100),
    ]
    for label, url in (
        ("news sitemap (48 h)", "/news-sitemap.xml"),
        ("sitemap index", "/sitemap.xml"),
        ("stories sitemap, a page of 1,000 URLs", "/sitemap-stories.xml"),
        ("site RSS feed", "/feeds/rss/"),
        ("site Atom feed", "/feeds/atom/"),
    ):
        _timed(client, url)
        spent = statistics.median(_timed(client, url) for _ in range(20))
        rows.append(
            (
                f"{label}, uncached render, median of 20 ({on})",
                f"{spent:.1f} ms",
                "< 50 ms",
                spent < 50,
            )
        )
    return rows
