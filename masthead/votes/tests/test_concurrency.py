"""Many readers voting at the same moment, through the full Django stack, on real threads.

Each thread has its own database connection, as each worker of a server would; all are
released at once, and as many as WORKERS vote at the same moment. SQLite's
in-memory test database cannot be shared by connections, so on SQLite the threads vote in
a file copy of it, opened with the site's own settings (WAL, IMMEDIATE transactions).
"""

import sqlite3
import threading
from contextlib import contextmanager

import pytest
from django.db import connection, connections
from django.test import Client

from masthead.stories import factories as f
from masthead.votes.models import Vote
from masthead.votes.readers import COOKIE_NAME
from masthead.votes.services import tally_of

pytestmark = pytest.mark.django_db(transaction=True)

READERS = 200
WORKERS = 24


@contextmanager
def database_shared_by_threads(folder):
    """On SQLite in memory, point every new connection at a file copy for the duration."""
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    path = folder / "threads.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    connection.connection.backup(copy)
    copy.close()
    memory, name = connection.connection, connection.settings_dict["NAME"]
    # The in-memory database lives as long as this connection: keep it aside, not closed.
    connection.connection = None
    connection.settings_dict["NAME"] = str(path)
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = name
        connection.connection = memory


def run_at_once(count: int, work, workers: int = WORKERS) -> list:
    """Run work(i) on `count` threads released together; return results or exceptions.

    At most `workers` threads hold a database connection at a time, as a server's workers
    would (PostgreSQL here allows a hundred connections, shared with other test runs).
    """
    barrier = threading.Barrier(count)
    slots = threading.BoundedSemaphore(workers)
    results: list = [None] * count

    def run(i):
        try:
            barrier.wait(timeout=60)
            with slots:
                try:
                    results[i] = work(i)
                finally:
                    connections.close_all()
        except Exception as exc:  # reported by the test, which names the failure
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def post_vote(url, value="up", **client_options):
    client = Client(**client_options)
    return client.post(url, {"value": value}, HTTP_ACCEPT="application/json")


def test_two_hundred_readers_voting_at_once_count_exactly_two_hundred(tmp_path):
    story = f.article(f.section("World"), title="Council approves new water plan")
    url = f"/votes/{story.pk}/"
    with database_shared_by_threads(tmp_path):
        responses = run_at_once(
            READERS,
            lambda i: post_vote(
                url, "up" if i % 4 else "down", REMOTE_ADDR=f"10.0.{i // 200}.{i % 200 + 1}"
            ),
        )
        statuses = [getattr(r, "status_code", r) for r in responses]
        assert statuses == [200] * READERS
        assert len({r.cookies[COOKIE_NAME].value for r in responses}) == READERS
        assert Vote.objects.filter(story=story).count() == READERS
        tally = tally_of(story_id=story.pk)
        assert (tally.voters, tally.up, tally.down) == (READERS, 150, 50)


def test_one_reader_sending_the_same_vote_many_times_at_once_counts_once(tmp_path):
    world = f.section("World")
    story = f.article(world, title="Council approves new water plan")
    first = post_vote(f"/votes/{f.article(world, title='Port reopens').pk}/")
    cookie = first.cookies[COOKIE_NAME].value
    url = f"/votes/{story.pk}/"

    def vote(i):
        client = Client()
        client.cookies[COOKIE_NAME] = cookie
        return client.post(url, {"value": "down"}, HTTP_ACCEPT="application/json")

    with database_shared_by_threads(tmp_path):
        responses = run_at_once(20, vote)
        assert [getattr(r, "status_code", r) for r in responses] == [200] * 20
        assert Vote.objects.filter(story=story).count() == 1
        assert tally_of(story_id=story.pk).down == 1
