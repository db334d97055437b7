"""PostgreSQL restarts under load: 503 pages meanwhile, recovery by itself, no write lost."""

import json
import threading
import uuid
from collections import Counter

import pytest

from masthead.ops.tests.services import http, port_answers, serve, wait_for

STORY = "/fault-desk/fault-test-story/"


class Load:
    """Readers and writers in threads: each loop reads the story and writes one session."""

    def __init__(self, base: str, threads: int = 3):
        self.base = base
        self.statuses = Counter()
        self.acknowledged: list[str] = []
        self.unavailable_pages: list[bytes] = []
        self.other: list[str] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.run, daemon=True) for _ in range(threads)]

    def start(self):
        for thread in self.threads:
            thread.start()

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=30)

    def count(self, status: int) -> int:
        with self.lock:
            return self.statuses[status]

    def run(self):
        while not self.stopping.wait(0.02):  # readers at a steady pace, not a flood
            self.record(lambda: http(self.base + STORY))
            data = {"token": uuid.uuid4().hex}
            answer = self.record(lambda data=data: http(f"{self.base}/_probe/write", data=data))
            if answer is not None and answer.status == 201:
                with self.lock:
                    self.acknowledged.append(answer.body.decode())

    def record(self, request):
        try:
            answer = request()
        except OSError as exc:  # the server itself never goes away in this test
            with self.lock:
                self.other.append(f"{type(exc).__name__}: {exc}")
            return None
        with self.lock:
            self.statuses[answer.status] += 1
            if answer.status == 503:
                self.unavailable_pages.append(answer.body)
            elif answer.status not in (200, 201):
                self.other.append(f"{answer.status}: {answer.body[:300]!r}")
        return answer


@pytest.mark.fault
@pytest.mark.django_db  # the private copy is made from the test database
def test_postgres_restart_under_load_serves_503_pages_then_recovers_with_every_write_kept(
    pg_site_database, processes, tmp_path
):
    cluster = pg_site_database.cluster
    env = pg_site_database.env(
        tmp_path / "home",
        DJANGO_SETTINGS_MODULE="masthead.ops.tests.probe_settings",
        MASTHEAD_PAGE_CACHE="0",
    )
    base = serve(processes, env, tmp_path / "serve.log")
    load = Load(base)
    load.start()
    try:
        wait_for(lambda: load.count(201) >= 10, timeout=60, what="writes before the restart")

        cluster.stop(mode="immediate")
        wait_for(lambda: load.count(503) >= 6, timeout=60, what="503 pages while it is down")
        during = http(base + STORY)
        ready = http(base + "/readyz")
        cluster.start()
        written_before = load.count(201)
        wait_for(
            lambda: load.count(201) >= written_before + 10,
            timeout=60,
            what="writes to succeed again after the restart",
        )
    finally:
        load.stop()
        if not port_answers(cluster.port):  # the next tests share the cluster
            cluster.start()

    assert during.status == 503
    assert b"Please try again shortly." in during.body
    assert during.headers["Cache-Control"] == "no-store"
    assert ready.status == 503 and b'"database": "unavailable' in ready.body
    assert load.other == []
    assert all(b"try again shortly" in page for page in load.unavailable_pages)
    assert all(b"Traceback" not in page for page in load.unavailable_pages)
    keys = [json.loads(body)["key"] for body in load.acknowledged]
    listed = ",".join(f"'{key}'" for key in keys)
    [(stored,)] = pg_site_database.query(
        f"SELECT count(*) FROM django_session WHERE session_key IN ({listed})"
    )
    assert stored == len(keys)
