"""The signup form's invisible human check, built from the humancheck app's layers.

With JavaScript the footer form carries a fresh token and its proof of work, and no
question is shown: the rate limits, the token's signature, age and single use, the
honeypot, the time taken and the proof decide. Without a proof (no JavaScript, or a
script), the reader gets the arithmetic question on an uncached page and the full
`submission_check` applies there.
"""

import time
from dataclasses import dataclass

from masthead.core import ratelimit
from masthead.core.network import client_address
from masthead.humancheck.challenge import (
    SpentStoreUnavailable,
    TokenRefused,
    token_read,
    token_spend,
)
from masthead.humancheck.pow import pow_verify
from masthead.humancheck.verdict import (
    ANSWER_FIELD,
    POW_FIELD,
    TOKEN_FIELD,
    RateLimits,
    check_honeypot,
    check_rate,
    check_timing,
    submission_check,
)

SCOPE = "newsletter"


@dataclass(frozen=True)
class Outcome:
    """`ask` when the reader must answer the question; `bot` when the post is dropped quietly."""

    ask: bool = False
    bot: bool = False
    status_code: int = 200
    message: str = ""


def _invisible(request, data, *, now: float) -> Outcome:
    limits = RateLimits.from_settings()
    if not check_rate(client_address(request), limits, scope=SCOPE):
        return Outcome(status_code=429, message="Too many signups from your network.")
    try:
        claims = token_read(str(data.get(TOKEN_FIELD, "")), now=now)
    except TokenRefused:
        return Outcome(ask=True)
    if not pow_verify(str(data.get(POW_FIELD, "")), nonce=claims.nonce):
        return Outcome(ask=True)
    if not token_spend(claims):
        return Outcome(ask=True)
    return Outcome(bot=check_honeypot(data) or check_timing(claims, now=now))


def signup_check(request, data, *, now: float | None = None) -> Outcome:
    """Judge one signup post; a post that answers the question gets every layer."""
    now = now if now is not None else time.time()
    try:
        if ANSWER_FIELD in data:
            verdict = submission_check(request, data, scope=SCOPE, now=now)
            if verdict.rejected:
                ask = verdict.status_code == 400
                return Outcome(ask=ask, status_code=verdict.status_code, message=verdict.message)
            return Outcome(bot=verdict.score >= 50)
        return _invisible(request, data, now=now)
    except (ratelimit.RateLimitUnavailable, SpentStoreUnavailable):
        return Outcome(status_code=503, message="Please try again in a minute.")
