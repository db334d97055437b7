"""Render figures of the stock Wagtail site: `python -m bench.stock.measure`.

With DJANGO_SETTINGS_MODULE=bench.stock.settings: builds the site if needed, renders 200
articles and the section fronts with Django's test client after a warm-up pass (renditions
made, Wagtail's caches warm, like a running site) and prints one line of JSON.
"""

import json
import os
import random
import statistics
import sys
import time

ARTICLE_COUNT = 200
QUERY_SAMPLE = 20
SECTION_REPEATS = 3


def timed_get(client, url: str) -> tuple[float, int]:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return elapsed, len(response.content)


def max_queries(client, urls: list[str]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts.append(len(queries))
    return max(counts)


def main() -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.stock.settings")
    import django

    django.setup()
    import wagtail
    from django.test import Client

    from bench.stock.build import build
    from bench.stock.news.models import ArticlePage, SectionPage

    took = build()
    if took is not None:
        print(f"stock site built in {took:.1f} s", file=sys.stderr)

    ids = sorted(ArticlePage.objects.live().values_list("pk", flat=True))
    chosen = random.Random(7).sample(ids, min(ARTICLE_COUNT, len(ids)))
    articles = [page.url for page in ArticlePage.objects.filter(pk__in=chosen)]
    sections = [page.url for page in SectionPage.objects.live()]

    client = Client()
    for url in articles + sections:  # warm-up: renditions exist, caches are filled
        client.get(url)

    article_runs = [timed_get(client, url) for url in articles]
    section_runs = [timed_get(client, url) for _ in range(SECTION_REPEATS) for url in sections]
    return {
        "article_ms": round(statistics.median(ms for ms, _ in article_runs), 2),
        "article_queries": max_queries(client, articles[:QUERY_SAMPLE]),
        "section_ms": round(statistics.median(ms for ms, _ in section_runs), 2),
        "section_queries": max_queries(client, sections),
        "article_bytes": round(statistics.median(size for _, size in article_runs)),
        "wagtail": wagtail.__version__,
    }


if __name__ == "__main__":
    print(json.dumps(main()))
