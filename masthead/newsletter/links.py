"""Signed, personal links: confirmation (expires after 7 days) and unsubscription."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse

CONFIRM_SALT = "masthead.newsletter.confirm"
UNSUBSCRIBE_SALT = "masthead.newsletter.unsubscribe"
CONFIRM_MAX_AGE = timedelta(days=7)
MAX_TOKEN_LENGTH = 200


class LinkRefused(Exception):
    """A link that is forged, expired or out of date."""


def absolute(path: str) -> str:
    return settings.MASTHEAD_BASE_URL.rstrip("/") + path


def confirm_token(subscriber) -> str:
    # The nonce changes when the reader unsubscribes: an old link cannot re-subscribe them.
    return signing.dumps({"s": subscriber.pk, "n": subscriber.nonce}, salt=CONFIRM_SALT)


def unsubscribe_token(subscriber, issue=None) -> str:
    # No expiry and no nonce: a link in a year-old e-mail must still unsubscribe.
    claims = {"s": subscriber.pk} if issue is None else {"s": subscriber.pk, "i": issue.pk}
    return signing.dumps(claims, salt=UNSUBSCRIBE_SALT)


def confirm_url(subscriber) -> str:
    return absolute(reverse("newsletter:confirm", args=[confirm_token(subscriber)]))


def unsubscribe_url(subscriber, issue=None) -> str:
    token = unsubscribe_token(subscriber, issue)
    return absolute(reverse("newsletter:unsubscribe", args=[token]))


def unsubscribe_url_around_token() -> tuple[str, str]:
    """The unsubscribe URL before and after its token, to fill in for many subscribers."""
    mark = "masthead-token-mark"
    before, after = absolute(reverse("newsletter:unsubscribe", args=[mark])).rsplit(mark, 1)
    return before, after


def read_token(token: str, *, salt: str, max_age: timedelta | None = None) -> dict:
    """Return the claims of a signed link, or raise LinkRefused."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise LinkRefused("bad")
    try:
        claims = signing.loads(token, salt=salt, max_age=max_age)
        int(claims["s"])
    except signing.SignatureExpired:
        raise LinkRefused("expired") from None
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise LinkRefused("bad") from None
    return claims
