"""Redis stops while the site serves: pages render, rate-limited posts fail closed, it heals."""

import json

import pytest
import redis
from django.core.cache import caches

from masthead.core import ratelimit
from masthead.ops.tests.services import wait_for
from masthead.stories import factories

pytestmark = [pytest.mark.fault, pytest.mark.django_db]


@pytest.fixture
def redis_cache(settings, redis_server):
    cache = {
        "BACKEND": "masthead.ops.cache.FaultTolerantRedisCache",
        "LOCATION": redis_server.url,
        "KEY_PREFIX": "fault",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1, "down_seconds": 0.2},
    }
    settings.CACHES = {"default": cache, "renditions": cache}
    return redis_server


@pytest.fixture
def story():
    section = factories.section("Fault Desk", slug="fault-desk")
    return factories.article(section, title="Fault test story", slug="fault-test-story")


def login_attempt(client):
    return client.post("/admin/login/", {"username": "someone", "password": "not-the-password"})


def test_pages_render_while_redis_is_down_and_forms_fail_closed_until_it_returns(
    client, redis_cache, story, page_cache
):
    assert client.get(story.url).status_code == 200
    assert redis.Redis.from_url(redis_cache.url).dbsize() > 0, "the site did not use Redis"

    redis_cache.stop()

    for url in ("/", story.url, story.get_parent().url):
        response = client.get(url)
        assert response.status_code == 200, url
    assert b"Fault test story" in client.get(story.url).content
    with pytest.raises(ratelimit.RateLimitUnavailable):
        ratelimit.hit("test", "203.0.113.9", limit=5, window=60)
    refused = login_attempt(client)
    assert refused.status_code == 503
    assert b"try again shortly" in refused.content
    assert refused["Cache-Control"] == "no-store"
    ready = client.get("/readyz")
    assert ready.status_code == 503
    assert json.loads(ready.content) == {
        "status": "unavailable",
        "database": "ok",
        "cache": "unavailable (CacheUnavailable)",
    }

    redis_cache.start()

    wait_for(lambda: client.get("/readyz").status_code == 200, timeout=10, what="/readyz")
    caches["default"].set("fault:probe", "back", 60)
    assert caches["default"].get("fault:probe") == "back"
    assert ratelimit.hit("test", "203.0.113.9", limit=5, window=60)
    answered = login_attempt(client)
    assert answered.status_code == 200  # the sign-in form again, with its error
    assert b"try again shortly" not in answered.content


def test_signed_in_editors_keep_their_cached_db_sessions_while_redis_is_down(
    client, settings, redis_cache, django_user_model
):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    editor = django_user_model.objects.create_superuser("editor", "e@example.com", "pw")
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200

    redis_cache.stop()

    assert client.get("/admin/").status_code == 200


def test_one_redis_client_serves_every_call_and_thread(redis_cache):
    """Django makes a redis.Redis per call; Masthead keeps one per pool, shared."""
    from concurrent.futures import ThreadPoolExecutor

    cache = caches["default"]
    first = cache._cache.get_client(write=True)
    assert cache._cache.get_client(write=False) is first
    assert cache._cache.get_client("some-key", write=True) is first

    def round_trip(worker: int) -> bool:
        for n in range(50):
            cache.set(f"shared:{worker}:{n}", (worker, n), 30)
        found = cache.get_many([f"shared:{worker}:{n}" for n in range(50)])
        return found == {f"shared:{worker}:{n}": (worker, n) for n in range(50)}

    with ThreadPoolExecutor(8) as pool:
        assert all(pool.map(round_trip, range(8)))
