"""In-process render figures: time and queries for uncached article and section pages."""

import random
import re
import statistics
import time

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext


def article_urls(count: int, seed: int = 7) -> list[str]:
    from masthead.news.models import ArticlePage

    ids = list(ArticlePage.objects.live().values_list("pk", flat=True))
    chosen = random.Random(seed).sample(ids, min(count, len(ids)))
    return [page.url for page in ArticlePage.objects.filter(pk__in=chosen)]


def section_urls() -> list[str]:
    from masthead.news.models import SectionPage

    return [page.url for page in SectionPage.objects.live()]


def render_times(urls: list[str], *, cold: bool = False) -> list[float]:
    """Milliseconds per render with the page cache off: the parts kept by a first view
    (masthead.core.fragments) in use, or with `cold`, every cache emptied before each."""
    from django.core.cache import cache

    client = Client()
    for url in urls:  # renditions are made on a first view: that is not rendering
        client.get(url)
    timings = []
    for url in urls:
        if cold:
            cache.clear()
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        reset_queries()
    return timings


def queries_per_page(urls: list[str], *, cold: bool = False) -> int:
    from django.core.cache import cache

    client = Client()
    counts = []
    for url in urls:
        client.get(url)
        if cold:
            cache.clear()
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts.append(len(queries))
    return max(counts)


def page_weight(url: str) -> int:
    """Bytes of the page's HTML plus the CSS and JS files it links, uncompressed."""
    html = Client().get(url).content
    total = len(html)
    for asset in set(re.findall(rb'(?:href|src)="/static/([^"]+\.(?:css|js))"', html)):
        path = finders.find(asset.decode())
        if path:
            with open(path, "rb") as handle:
                total += len(handle.read())
    return total


def figures() -> list[tuple[str, str, str, bool]]:
    """Return (figure, measured, target, met) rows."""
    settings.MASTHEAD_PAGE_CACHE = False
    urls = article_urls(200)
    timings = render_times(urls)
    median = statistics.median(timings)
    p95 = statistics.quantiles(timings, n=20)[18]
    queries = queries_per_page(urls[:20])
    cold = statistics.median(render_times(urls[:50], cold=True))
    cold_queries = queries_per_page(urls[:20], cold=True)
    sections = section_urls()
    section_median = statistics.median(render_times(sections * 3))
    section_queries = queries_per_page(sections)
    section_cold = statistics.median(render_times(sections, cold=True))
    section_cold_queries = queries_per_page(sections, cold=True)
    weight = page_weight(urls[0]) / 1024
    miss = "page-cache miss, rendered parts kept"
    return [
        (f"article page, {miss}, median of 200", f"{median:.1f} ms", "<= 6 ms", median <= 6),
        (f"article page, {miss}, p95", f"{p95:.1f} ms", "-", True),
        ("article page, SQL queries (parts kept)", str(queries), "<= 8", queries <= 8),
        (
            "article page, cold: every cache emptied first, median of 50",
            f"{cold:.1f} ms, {cold_queries} queries",
            "-",
            True,
        ),
        (
            f"section front (30 teasers), {miss}, median of {len(sections) * 3}",
            f"{section_median:.1f} ms",
            "<= 6 ms",
            section_median <= 6,
        ),
        (
            "section front, SQL queries (parts kept)",
            str(section_queries),
            "<= 8",
            section_queries <= 8,
        ),
        (
            f"section front, cold: every cache emptied first, median of {len(sections)}",
            f"{section_cold:.1f} ms, {section_cold_queries} queries",
            "-",
            True,
        ),
        (
            "article page weight: HTML + CSS + JS, uncompressed",
            f"{weight:.1f} KB",
            "<= 60 KB",
            weight <= 60,
        ),
    ]
