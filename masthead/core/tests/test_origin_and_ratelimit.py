import pytest
from django.test import RequestFactory

from masthead.core import ratelimit
from masthead.core.origin import is_same_origin


@pytest.mark.parametrize(
    ("headers", "allowed"),
    [
        ({"HTTP_SEC_FETCH_SITE": "same-origin"}, True),
        ({"HTTP_SEC_FETCH_SITE": "cross-site"}, False),
        ({"HTTP_SEC_FETCH_SITE": "same-site"}, False),
        ({"HTTP_ORIGIN": "http://testserver"}, True),
        ({"HTTP_ORIGIN": "https://evil.example"}, False),
        ({"HTTP_ORIGIN": "null"}, False),
        ({}, True),
    ],
)
def test_cross_site_posts_are_refused(headers, allowed):
    request = RequestFactory().post("/", **headers)
    assert is_same_origin(request) is allowed


def test_rate_limit_allows_up_to_the_limit_then_refuses():
    results = [ratelimit.hit("test", "203.0.113.9", limit=3, window=60) for _ in range(5)]
    assert results == [True, True, True, False, False]


def test_rate_limits_are_kept_apart_per_key_and_scope():
    assert ratelimit.hit("a", "203.0.113.9", limit=1, window=60)
    assert ratelimit.hit("b", "203.0.113.9", limit=1, window=60)
    assert ratelimit.hit("a", "203.0.113.10", limit=1, window=60)
    assert not ratelimit.hit("a", "203.0.113.9", limit=1, window=60)


def test_neighbours_share_a_network():
    assert ratelimit.network_of("203.0.113.9") == "203.0.113.0/24"
    assert ratelimit.network_of("2001:db8:1:2:3::4") == "2001:db8:1:2::/64"
