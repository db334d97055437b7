import time

import pytest
from django.core import signing

from masthead.humancheck.challenge import (
    SIGNING_SALT,
    TokenRefused,
    answer_is_right,
    challenge_issue,
    token_read,
    token_spend,
)
from masthead.humancheck.testing import answer_for


def test_question_is_a_sum_of_two_small_numbers_as_on_the_reference_page():
    challenge = challenge_issue()
    first, plus, second, equals = challenge.question.split()
    assert (plus, equals) == ("+", "=")
    assert 1 <= int(first) <= 9 and 1 <= int(second) <= 9


def test_token_does_not_carry_the_answer():
    challenge = challenge_issue()
    claims = signing.loads(challenge.token, salt=SIGNING_SALT)
    assert set(claims) == {"n", "t", "h"}
    assert answer_for(challenge) not in {str(value) for value in claims.values()}


def test_right_answer_matches_and_wrong_answers_do_not():
    challenge = challenge_issue()
    claims = token_read(challenge.token)
    right = answer_for(challenge)
    assert answer_is_right(claims, right)
    assert answer_is_right(claims, f" {right} ")
    for wrong in [str(int(right) + 1), "", "abc", "1e3", "٣", "9999", f"{right}.0"]:
        assert not answer_is_right(claims, wrong), wrong


def test_tampered_token_is_refused():
    token = challenge_issue().token
    forged = signing.dumps({"n": "x", "t": int(time.time()), "h": "0"}, salt="another salt")
    for bad in [token[:-2] + "xx", forged, "not a token", token + ":extra", "x" * 1000]:
        with pytest.raises(TokenRefused) as refused:
            token_read(bad)
        assert refused.value.reason == "bad-token"


def test_missing_token_is_refused_as_such():
    with pytest.raises(TokenRefused) as refused:
        token_read("")
    assert refused.value.reason == "no-token"


def test_token_expires_after_thirty_minutes(settings):
    assert settings.MASTHEAD_HUMANCHECK_MAX_AGE == 1800
    issued = time.time() - 1801
    token = challenge_issue(now=issued).token
    with pytest.raises(TokenRefused) as refused:
        token_read(token)
    assert refused.value.reason == "expired"
    assert token_read(challenge_issue(now=time.time() - 1790).token)


def test_token_can_be_spent_only_once():
    claims = token_read(challenge_issue().token)
    assert token_spend(claims) is True
    assert token_spend(claims) is False
    assert token_spend(token_read(challenge_issue().token)) is True
