"""The proof of work a browser computes before sending a form (ALTCHA protocol, version 2).

The server picks a secret counter below MASTHEAD_HUMANCHECK_POW_MAX_NUMBER and publishes
the start of SHA-256(salt + nonce + counter); the browser counts up until it finds it.
A person does not notice the second or so; a bot that posts thousands of forms pays for
each one. The challenge carries the question's nonce, so a solution is good only with
the token it was issued with, and the token's single use covers both.
"""

import secrets

from altcha import Payload, create_challenge, verify_solution
from django.conf import settings
from django.utils.crypto import salted_hmac

ALGORITHM = "SHA-256"
MAX_PAYLOAD_LENGTH = 4000


def _secret(purpose: str) -> str:
    return salted_hmac(f"masthead.humancheck.pow.{purpose}", "altcha").hexdigest()


def pow_issue(*, nonce: str, expires_at: int) -> dict:
    """Return a signed ALTCHA challenge, as JSON-ready data, bound to the question's nonce."""
    challenge = create_challenge(
        ALGORITHM,
        1,
        counter=secrets.randbelow(settings.MASTHEAD_HUMANCHECK_POW_MAX_NUMBER),
        expires_at=expires_at,
        data={"n": nonce},
        hmac_secret=_secret("challenge"),
        hmac_key_secret=_secret("key"),
    )
    return challenge.to_dict()


def pow_verify(payload: str, *, nonce: str) -> bool:
    """Check a solution from the browser, and that it belongs to this question."""
    if not payload or len(payload) > MAX_PAYLOAD_LENGTH:
        return False
    try:
        parsed = Payload.from_base64(payload)
        data = parsed.challenge.parameters.data
        if not isinstance(data, dict) or data.get("n") != nonce:
            return False
        result = verify_solution(parsed, _secret("challenge"), hmac_key_secret=_secret("key"))
    except Exception:  # any malformed payload (base64, JSON, types) is simply not a proof
        return False
    return bool(result.verified)
