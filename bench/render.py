"""In-process render figures: time and queries for an uncached article page."""

import random
import statistics
import time

from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext


def article_urls(count: int, seed: int = 7) -> list[str]:
    from masthead.news.models import ArticlePage

    ids = list(ArticlePage.objects.live().values_list("pk", flat=True))
    chosen = random.Random(seed).sample(ids, min(count, len(ids)))
    return [page.url for page in ArticlePage.objects.filter(pk__in=chosen)]


def render_times(urls: list[str]) -> list[float]:
    client = Client()
    for url in urls:  # renditions are made on the first view: that is not rendering
        client.get(url)
    timings = []
    for url in urls:
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        reset_queries()
    return timings


def queries_per_page(urls: list[str]) -> int:
    client = Client()
    counts = []
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts.append(len(queries))
    return max(counts)


def figures() -> list[tuple[str, str, str, bool]]:
    """Return (figure, measured, target, met) rows."""
    urls = article_urls(200)
    timings = render_times(urls)
    median = statistics.median(timings)
    p95 = statistics.quantiles(timings, n=20)[18]
    queries = queries_per_page(urls[:20])
    return [
        (
            "article page, uncached render in process, median of 200",
            f"{median:.1f} ms",
            "<= 6 ms",
            median <= 6,
        ),
        ("article page, uncached render in process, p95", f"{p95:.1f} ms", "-", True),
        ("article page, SQL queries", str(queries), "<= 8 (issue 2: <= 12)", queries <= 8),
    ]
