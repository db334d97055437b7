"""Judge one anonymous submission: every layer of the human check, in one call.

A form's view calls `submission_check(request, request.POST)` and gets a Verdict:
rejected (with the message and HTTP status to answer with), or accepted with a spam
score and the reasons behind it, which the form's own policy turns into a decision.
Layers, cheapest first: rate limits per address and per /24 (/64), the signed question
(signature, age, single use, answer), the honeypot, the time taken, the proof of work.
"""

import time
from dataclasses import dataclass

from django.conf import settings

from masthead.core import ratelimit
from masthead.core.network import client_address
from masthead.humancheck.challenge import (
    SpentStoreUnavailable,
    TokenClaims,
    TokenRefused,
    answer_is_right,
    token_read,
    token_spend,
)
from masthead.humancheck.pow import pow_verify

TOKEN_FIELD = "hc_token"
ANSWER_FIELD = "hc_answer"
POW_FIELD = "altcha"
HONEYPOT_FIELD = "homepage"

# What each soft signal adds to the spam score (a policy treats 50 and up as spam).
HONEYPOT_SCORE = 100
TOO_FAST_SCORE = 60
BAD_PROOF_SCORE = 60
NO_PROOF_SCORE = 10

MESSAGES = {
    "no-token": "Please answer the question below to show you are a human visitor.",
    "bad-token": "The question could not be checked. Please answer the new one below.",
    "expired": "The question had expired. Please answer the new one below.",
    "replayed": "That question has already been answered once. Please answer the new one.",
    "wrong-answer": "The answer to the question was wrong. Please try again.",
    "rate-limited": "Too many submissions from your network. Please wait a few minutes.",
    "unavailable": "The check cannot be made just now. Please try again in a minute.",
}


@dataclass(frozen=True)
class RateLimits:
    """Submissions allowed every `window` seconds, per address and per /24 or /64."""

    address: int
    network: int
    nojs_address: int
    nojs_network: int
    window: int

    @classmethod
    def from_settings(cls) -> "RateLimits":
        return cls(
            address=settings.MASTHEAD_HUMANCHECK_ADDRESS_LIMIT,
            network=settings.MASTHEAD_HUMANCHECK_NETWORK_LIMIT,
            nojs_address=settings.MASTHEAD_HUMANCHECK_NOJS_ADDRESS_LIMIT,
            nojs_network=settings.MASTHEAD_HUMANCHECK_NOJS_NETWORK_LIMIT,
            window=settings.MASTHEAD_HUMANCHECK_WINDOW,
        )


@dataclass(frozen=True)
class Verdict:
    """What the human check concluded about one submission."""

    rejected: bool
    score: int = 0
    reasons: tuple[str, ...] = ()
    proof_of_work: bool = False
    address: str = ""
    status_code: int = 200
    message: str = ""

    @classmethod
    def refuse(cls, reason: str, *, status_code: int = 400, address: str = "") -> "Verdict":
        return cls(
            rejected=True,
            reasons=(reason,),
            address=address,
            status_code=status_code,
            message=MESSAGES[reason],
        )


def _text(data, name: str) -> str:
    value = data.get(name, "")
    return value if isinstance(value, str) else ""


def check_rate(address: str, limits: RateLimits, *, scope: str, nojs: bool = False) -> bool:
    """Count the submission against the address and its network; False when over a limit."""
    suffix = ":nojs" if nojs else ""
    per_address = limits.nojs_address if nojs else limits.address
    per_network = limits.nojs_network if nojs else limits.network
    network = ratelimit.network_of(address)
    address_ok = ratelimit.hit(
        f"{scope}:address{suffix}", address, limit=per_address, window=limits.window
    )
    network_ok = ratelimit.hit(
        f"{scope}:network{suffix}", network, limit=per_network, window=limits.window
    )
    return address_ok and network_ok


def check_token(data, *, now: float) -> TokenClaims:
    """Read, spend and check the question; raise TokenRefused with the reason."""
    claims = token_read(_text(data, TOKEN_FIELD), now=now)
    # Spent before the answer is compared: a token cannot be replayed to try every sum.
    if not token_spend(claims):
        raise TokenRefused("replayed")
    if not answer_is_right(claims, _text(data, ANSWER_FIELD)):
        raise TokenRefused("wrong-answer")
    return claims


def check_honeypot(data) -> bool:
    """True when the field hidden from people was filled in."""
    return bool(_text(data, HONEYPOT_FIELD).strip())


def check_timing(claims: TokenClaims, *, now: float) -> bool:
    """True when the form came back faster than a person can read and answer it."""
    return now - claims.issued_at < settings.MASTHEAD_HUMANCHECK_MIN_SECONDS


def submission_check(
    request,
    data,
    *,
    scope: str = "form",
    limits: RateLimits | None = None,
    now: float | None = None,
) -> Verdict:
    """Run every layer of the human check on one submission and return the Verdict."""
    now = now if now is not None else time.time()
    limits = limits or RateLimits.from_settings()
    address = client_address(request)
    try:
        if not check_rate(address, limits, scope=scope):
            return Verdict.refuse("rate-limited", status_code=429, address=address)
        claims = check_token(data, now=now)
    except TokenRefused as refused:
        return Verdict.refuse(refused.reason, address=address)
    except (ratelimit.RateLimitUnavailable, SpentStoreUnavailable):
        return Verdict.refuse("unavailable", status_code=503, address=address)

    signals: dict[str, int] = {}
    if check_honeypot(data):
        signals["honeypot"] = HONEYPOT_SCORE
    if check_timing(claims, now=now):
        signals["too-fast"] = TOO_FAST_SCORE
    proof = _text(data, POW_FIELD)
    proven = bool(proof) and pow_verify(proof, nonce=claims.nonce)
    if proof and not proven:
        signals["bad-proof-of-work"] = BAD_PROOF_SCORE
    elif not proof:
        signals["no-proof-of-work"] = NO_PROOF_SCORE
    if not proven:
        # Without the proof of work (no JavaScript, or a script) the stricter limits apply.
        try:
            if not check_rate(address, limits, scope=scope, nojs=True):
                return Verdict.refuse("rate-limited", status_code=429, address=address)
        except ratelimit.RateLimitUnavailable:
            return Verdict.refuse("unavailable", status_code=503, address=address)
    return Verdict(
        rejected=False,
        score=sum(signals.values()),
        reasons=tuple(signals),
        proof_of_work=proven,
        address=address,
    )
