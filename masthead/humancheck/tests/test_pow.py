import base64
import json
import time

from masthead.humancheck.challenge import challenge_issue, token_read
from masthead.humancheck.pow import pow_issue, pow_verify
from masthead.humancheck.testing import proof_for


def nonce_of(challenge) -> str:
    return token_read(challenge.token).nonce


def test_solved_proof_of_work_is_accepted():
    challenge = challenge_issue()
    assert pow_verify(proof_for(challenge), nonce=nonce_of(challenge))


def test_challenge_follows_altcha_v2_with_a_signed_key():
    data = pow_issue(nonce="abc", expires_at=int(time.time()) + 60)
    parameters = data["parameters"]
    assert parameters["algorithm"] == "SHA-256"
    assert parameters["data"] == {"n": "abc"}
    assert parameters["keySignature"] and data["signature"]


def test_proof_is_good_only_with_the_question_it_was_issued_with():
    first, second = challenge_issue(), challenge_issue()
    assert not pow_verify(proof_for(first), nonce=nonce_of(second))


def test_forged_solution_is_refused():
    challenge = challenge_issue()
    payload = json.loads(base64.b64decode(proof_for(challenge)))
    payload["solution"]["derivedKey"] = "00" * 32
    forged = base64.b64encode(json.dumps(payload).encode()).decode()
    assert not pow_verify(forged, nonce=nonce_of(challenge))


def test_challenge_with_changed_parameters_is_refused():
    challenge = challenge_issue()
    payload = json.loads(base64.b64decode(proof_for(challenge)))
    payload["challenge"]["parameters"]["expiresAt"] += 3600
    forged = base64.b64encode(json.dumps(payload).encode()).decode()
    assert not pow_verify(forged, nonce=nonce_of(challenge))


def test_expired_proof_of_work_is_refused():
    challenge = challenge_issue(now=time.time() - 4000)
    assert not pow_verify(proof_for(challenge), nonce=nonce_of_unchecked(challenge))


def nonce_of_unchecked(challenge) -> str:
    return challenge.proof_of_work["parameters"]["data"]["n"]


def test_garbage_is_not_a_proof():
    nonce = nonce_of(challenge_issue())
    for garbage in ["", "%%%", "bm90IGpzb24=", base64.b64encode(b"[1,2]").decode(), "A" * 5000]:
        assert not pow_verify(garbage, nonce=nonce)
    odd = base64.b64encode(json.dumps({"challenge": {"parameters": 3}}).encode()).decode()
    assert not pow_verify(odd, nonce=nonce)
