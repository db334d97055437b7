"""The arithmetic question: a signed, expiring, single-use token that needs no session.

The token carries a random nonce, the time it was issued and a keyed digest of the
answer, never the answer itself. Any server with the secret key can check it, so a page
served from a cache can get one from the JSON endpoint; the cache remembers spent nonces
for as long as a token lives, which makes each one good for a single submission.
"""

import secrets
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.crypto import constant_time_compare, salted_hmac

from masthead.humancheck.pow import pow_issue

SIGNING_SALT = "masthead.humancheck.challenge"
ANSWER_SALT = "masthead.humancheck.answer"
SPENT_PREFIX = "masthead:hc:spent:"
MAX_TOKEN_LENGTH = 400


class TokenRefused(Exception):
    """A token that cannot be used; `reason` is a short code for the spam log."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class SpentStoreUnavailable(Exception):
    """The cache that remembers spent tokens did not answer: refuse rather than allow replays."""


@dataclass(frozen=True)
class Challenge:
    """One question for one form: what the page shows and what the form sends back."""

    token: str
    question: str
    proof_of_work: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        return {"token": self.token, "question": self.question, "pow": self.proof_of_work}


@dataclass(frozen=True)
class TokenClaims:
    nonce: str
    issued_at: int
    answer_digest: str


def _answer_digest(nonce: str, answer: int) -> str:
    return salted_hmac(ANSWER_SALT, f"{nonce}:{answer}").hexdigest()


def challenge_issue(*, now: float | None = None) -> Challenge:
    """Make a fresh question with its signed token and its proof-of-work challenge."""
    issued_at = int(now if now is not None else time.time())
    nonce = secrets.token_hex(12)
    # Operands 1 to 9, as on the reference page ("6 + 9 =").
    first, second = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    token = signing.dumps(
        {"n": nonce, "t": issued_at, "h": _answer_digest(nonce, first + second)},
        salt=SIGNING_SALT,
    )
    expires_at = issued_at + settings.MASTHEAD_HUMANCHECK_MAX_AGE
    return Challenge(
        token=token,
        question=f"{first} + {second} =",
        proof_of_work=pow_issue(nonce=nonce, expires_at=expires_at),
    )


def token_read(token: str, *, now: float | None = None) -> TokenClaims:
    """Check the token's signature and age, and return what it says."""
    if not token:
        raise TokenRefused("no-token")
    if len(token) > MAX_TOKEN_LENGTH:
        raise TokenRefused("bad-token")
    try:
        claims = signing.loads(token, salt=SIGNING_SALT)
        nonce, issued_at, digest = str(claims["n"]), int(claims["t"]), str(claims["h"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise TokenRefused("bad-token") from None
    age = (now if now is not None else time.time()) - issued_at
    if age > settings.MASTHEAD_HUMANCHECK_MAX_AGE or age < -60:
        raise TokenRefused("expired")
    return TokenClaims(nonce=nonce, issued_at=issued_at, answer_digest=digest)


def answer_is_right(claims: TokenClaims, answer: str) -> bool:
    """Compare the reader's answer with the digest in the token."""
    answer = (answer or "").strip()
    if not answer.isascii() or not answer.isdigit() or len(answer) > 3:
        return False
    return constant_time_compare(_answer_digest(claims.nonce, int(answer)), claims.answer_digest)


def token_spend(claims: TokenClaims) -> bool:
    """Mark the token used; return False when it had been used before (a replay)."""
    key = f"{SPENT_PREFIX}{claims.nonce}"
    try:
        return bool(cache.add(key, 1, timeout=settings.MASTHEAD_HUMANCHECK_MAX_AGE + 120))
    except Exception as exc:  # the cache client's own errors (Redis down) vary
        raise SpentStoreUnavailable(str(exc)) from exc
