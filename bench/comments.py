"""Comments through the full stack, and the article page with 500 comments against none.

The group makes four articles of its own on the benchmark site, in a section kept out of
the menus, and deletes them after, so the other groups' figures never see them: one to
post to, and three alike but for their published comments: none, one and 500.
"""

import random
import statistics
import time
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench import server

CLIENTS = 8
POSTS = 400
COMMENTS = 500
RENDERS = 30
SECTION = "bench-comments"
SLUGS = ("bench-comments-posts", "bench-comments-none", "bench-comments-one", "bench-comments-500")


def remove_section() -> None:
    """Delete the group's section, its articles and their comments."""
    from masthead.news.models import SectionPage

    for section in SectionPage.objects.filter(slug=SECTION):
        section.delete()


def require_migrated() -> None:
    """Refuse to write to a site whose schema is behind the code: the clean-up would fail."""
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise RuntimeError("the benchmark site has unapplied migrations: run masthead migrate")


def articles() -> dict:
    """The group's articles by slug, made afresh with the same fields."""
    from masthead.news.models import SectionPage
    from masthead.stories import factories

    remove_section()  # what a run that was stopped half-way left
    section = factories.section("Bench Comments", slug=SECTION)
    SectionPage.objects.filter(pk=section.pk).update(show_in_menus=False)
    return {
        slug: factories.article(section, title="Readers discuss the plan", slug=slug)
        for slug in SLUGS
    }


def add_comments(story, count: int) -> None:
    """Give the story `count` published comments, a fifth of them replies, as readers do."""
    from masthead.comments.models import THREAD_SEGMENT, Comment

    rng = random.Random(500)
    replies_count = count // 5
    text = "I read the plan twice. The reservoir figures do not add up, see www.example.org. "
    roots = Comment.objects.bulk_create(
        Comment(story=story, name=f"Reader {n}", body=text * rng.randint(1, 4), status="published")
        for n in range(count - replies_count)
    )
    for root in roots:
        root.thread = f"{root.pk:0{THREAD_SEGMENT}d}"
    Comment.objects.bulk_update(roots, ["thread"])
    replies = Comment.objects.bulk_create(
        Comment(
            story=story,
            parent=parent,
            depth=1,
            name=f"Replier {n}",
            body=text,
            status="published",
        )
        for n, parent in enumerate(rng.sample(roots, replies_count))
    )
    for reply in replies:
        reply.thread = reply.parent.thread + f"{reply.pk:0{THREAD_SEGMENT}d}"
    Comment.objects.bulk_update(replies, ["thread"])


def render_time(url: str) -> float:
    client = Client()
    started = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (url, response.status_code)
    reset_queries()
    return elapsed


def queries(url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        Client().get(url)
    return len(captured)


def render_figures(none_url: str, one_url: str, many_url: str) -> dict:
    settings.MASTHEAD_PAGE_CACHE = False
    # Every part rendered, as after a comment is approved, when the kept comments are
    # stale: what the comments cost at most (masthead.core.fragments keeps them otherwise).
    settings.MASTHEAD_FRAGMENT_CACHE = False
    for url in (none_url, one_url, many_url):
        render_time(url)
    timings = {none_url: [], many_url: []}
    for _ in range(RENDERS):  # interleaved, so the machine's load falls on both alike
        for url in (none_url, many_url):
            timings[url].append(render_time(url))
    return {
        "none_ms": statistics.median(timings[none_url]),
        "many_ms": statistics.median(timings[many_url]),
        "none_queries": queries(none_url),
        "one_queries": queries(one_url),
        "many_queries": queries(many_url),
    }


def _post(base: str, data: dict, address: str) -> int:
    return server.post_form(f"{base}/comments/post/", data, address)


def posts_per_second(story) -> tuple[float, int]:
    """Comments a second at CLIENTS concurrent readers, each from a network of its own."""
    from masthead.comments.testing import comment_form_data

    run = random.Random().getrandbits(32)
    # The reader's browser does the proof of work before sending: not the server's time.
    jobs = [
        (
            comment_form_data(story, body=f"Bench comment {run:x}-{n}: the plan looks sound."),
            f"198.{18 + n // 256 % 2}.{n % 256}.{run % 250 + 1}",
        )
        for n in range(POSTS)
    ]
    with server.masthead(MASTHEAD_TRUSTED_PROXIES="127.0.0.1") as base:
        _post(base, *jobs.pop())  # the workers' first request loads what they need
        started = time.perf_counter()
        with ThreadPoolExecutor(CLIENTS) as pool:
            statuses = list(pool.map(lambda job: _post(base, *job), jobs))
        elapsed = time.perf_counter() - started
    return len(jobs) / elapsed, sum(1 for status in statuses if status != 201)


def figures() -> list[tuple[str, str, str, bool]]:
    require_migrated()
    try:
        found = articles()
        add_comments(found["bench-comments-one"], 1)
        add_comments(found["bench-comments-500"], COMMENTS)
        rate, refused = posts_per_second(found["bench-comments-posts"])
        render = render_figures(
            *(found[f"bench-comments-{name}"].url for name in ("none", "one", "500"))
        )
    finally:
        remove_section()
    ratio = render["many_ms"] / render["none_ms"]
    # With none, the list's query is skipped; from one comment on it is one query, whatever
    # the count.
    same_queries = render["many_queries"] == render["one_queries"]
    return [
        (
            f"comment posts through the full stack, {CLIENTS} clients",
            f"{rate:,.0f} posts/s ({refused} refused)",
            "-",
            refused == 0,
        ),
        (
            f"article with no comments, every part rendered, median of {RENDERS}",
            f"{render['none_ms']:.1f} ms, {render['none_queries']} queries",
            "-",
            True,
        ),
        (
            f"article with {COMMENTS} comments (50 shown), every part rendered, "
            f"median of {RENDERS}",
            f"{render['many_ms']:.1f} ms, {render['many_queries']} queries"
            f" (with 1 comment: {render['one_queries']})",
            "queries as with 1",
            same_queries,
        ),
        (
            f"render time, {COMMENTS} comments against none",
            f"{ratio:.2f}x",
            "<= 1.5x",
            ratio <= 1.5,
        ),
    ]
