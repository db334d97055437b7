"""Answer the human check as a person's browser would: for tests and the bench, never the site."""

import re

from altcha import Challenge as PowChallenge
from altcha import Payload, solve_challenge

from masthead.humancheck import verdict
from masthead.humancheck.challenge import Challenge

QUESTION = re.compile(r"^(\d+) \+ (\d+) =$")


def answer_for(challenge: Challenge) -> str:
    first, second = QUESTION.match(challenge.question).groups()
    return str(int(first) + int(second))


def proof_for(challenge: Challenge) -> str:
    """Compute the proof of work as humancheck.js does, and encode it the same way."""
    pow_challenge = PowChallenge.from_dict(challenge.proof_of_work)
    solution = solve_challenge(pow_challenge, timeout=60)
    return Payload(pow_challenge, solution).to_base64()


def fields_for(
    challenge: Challenge, *, answer: str | None = None, proof: bool = True, honeypot: str = ""
) -> dict:
    """The human check's form fields, filled in for `challenge`."""
    return {
        verdict.TOKEN_FIELD: challenge.token,
        verdict.ANSWER_FIELD: answer if answer is not None else answer_for(challenge),
        verdict.POW_FIELD: proof_for(challenge) if proof else "",
        verdict.HONEYPOT_FIELD: honeypot,
    }
