import time

import pytest
from django.test import RequestFactory

from masthead.humancheck.challenge import challenge_issue
from masthead.humancheck.testing import fields_for
from masthead.humancheck.verdict import RateLimits, submission_check

# Limits count in fixed windows: a day-long one keeps each test inside a single window.
LIMITS = RateLimits(address=3, network=5, nojs_address=2, nojs_network=3, window=86_400)


def request_from(address="203.0.113.7"):
    return RequestFactory().post("/", REMOTE_ADDR=address)


def check(data, address="203.0.113.7", **kwargs):
    return submission_check(request_from(address), data, scope="test", limits=LIMITS, **kwargs)


def calm_challenge():
    """A question shown ten seconds ago: a person's pace."""
    return challenge_issue(now=time.time() - 10)


def test_person_with_javascript_passes_with_a_zero_score():
    verdict = check(fields_for(calm_challenge()))
    assert not verdict.rejected
    assert verdict.score == 0 and verdict.reasons == ()
    assert verdict.proof_of_work is True
    assert verdict.address == "203.0.113.7"


def test_person_without_javascript_passes_less_trusted():
    verdict = check(fields_for(calm_challenge(), proof=False))
    assert not verdict.rejected
    assert verdict.proof_of_work is False
    assert verdict.reasons == ("no-proof-of-work",)
    assert 0 < verdict.score < 50


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ({}, "no-token"),
        ({"hc_token": "forged", "hc_answer": "4"}, "bad-token"),
    ],
)
def test_submission_without_a_valid_token_is_rejected(data, reason):
    verdict = check(data)
    assert verdict.rejected and verdict.reasons == (reason,)
    assert verdict.status_code == 400 and verdict.message


def test_wrong_answer_is_rejected():
    challenge = calm_challenge()
    verdict = check(fields_for(challenge, answer="99"))
    assert verdict.rejected and verdict.reasons == ("wrong-answer",)


def test_expired_token_is_rejected():
    verdict = check(fields_for(challenge_issue(now=time.time() - 3600)))
    assert verdict.rejected and verdict.reasons == ("expired",)


def test_replayed_token_is_rejected_even_with_the_right_answer():
    data = fields_for(calm_challenge())
    assert not check(data).rejected
    replay = check(data, address="198.51.100.20")
    assert replay.rejected and replay.reasons == ("replayed",)


def test_token_is_spent_by_a_wrong_answer_so_sums_cannot_be_tried_one_by_one():
    challenge = calm_challenge()
    assert check(fields_for(challenge, answer="0")).reasons == ("wrong-answer",)
    assert check(fields_for(challenge)).reasons == ("replayed",)


def test_filled_honeypot_scores_as_spam():
    verdict = check(fields_for(calm_challenge(), honeypot="https://spam.example"))
    assert not verdict.rejected
    assert "honeypot" in verdict.reasons and verdict.score >= 50


def test_form_sent_faster_than_a_person_can_scores_as_spam(settings):
    settings.MASTHEAD_HUMANCHECK_MIN_SECONDS = 3
    challenge = challenge_issue()
    verdict = check(fields_for(challenge), now=time.time())
    assert "too-fast" in verdict.reasons and verdict.score >= 50
    later = calm_challenge()
    assert "too-fast" not in check(fields_for(later), address="198.51.100.3").reasons


def test_invalid_proof_of_work_scores_as_spam():
    data = {**fields_for(calm_challenge(), proof=False), "altcha": "bm90IGEgcHJvb2Y="}
    verdict = check(data)
    assert "bad-proof-of-work" in verdict.reasons and verdict.score >= 50
    assert verdict.proof_of_work is False


def test_proof_of_work_from_another_question_does_not_count():
    other = fields_for(calm_challenge())
    data = {**fields_for(calm_challenge(), proof=False), "altcha": other["altcha"]}
    assert "bad-proof-of-work" in check(data).reasons


def test_one_address_is_refused_past_its_limit():
    verdicts = [check(fields_for(calm_challenge())) for _ in range(5)]
    assert [v.rejected for v in verdicts] == [False, False, False, True, True]
    assert verdicts[-1].status_code == 429 and verdicts[-1].reasons == ("rate-limited",)
    assert not check(fields_for(calm_challenge()), address="198.51.100.9").rejected


def test_neighbours_in_one_slash_24_share_a_limit():
    results = [check(fields_for(calm_challenge()), address=f"192.0.2.{n}") for n in range(1, 8)]
    assert [v.rejected for v in results] == [False] * 5 + [True] * 2


def test_neighbours_in_one_slash_64_share_a_limit():
    results = [
        check(fields_for(calm_challenge()), address=f"2001:db8:5:6::{n:x}") for n in range(1, 8)
    ]
    assert [v.rejected for v in results] == [False] * 5 + [True] * 2


def test_readers_without_javascript_get_stricter_limits():
    results = [check(fields_for(calm_challenge(), proof=False)) for _ in range(3)]
    assert [v.rejected for v in results] == [False, False, True]
    assert results[-1].status_code == 429


def test_rejected_submissions_count_towards_the_limit_too():
    for _ in range(3):
        assert check({}).reasons == ("no-token",)
    assert check(fields_for(calm_challenge())).reasons == ("rate-limited",)


def test_checks_fail_closed_when_the_cache_is_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    verdict = check(fields_for(calm_challenge()))
    assert verdict.rejected and verdict.status_code == 503
    assert verdict.reasons == ("unavailable",)
