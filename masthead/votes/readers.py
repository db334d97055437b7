"""Who is voting: a signed-in user, or an anonymous reader known by a signed cookie."""

import ipaddress
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

from masthead.core import ratelimit
from masthead.core.network import client_address

COOKIE_NAME = "masthead_reader"
COOKIE_SALT = "masthead.votes.reader"
COOKIE_MAX_AGE = 365 * 24 * 3600
NEW_READER_WINDOW = 3600


class ForgedReaderCookie(Exception):
    """The reader cookie was not signed by this site (altered, or signed with an old key)."""


class TooManyNewReaders(Exception):
    """The client's address has brought its hour's share of new anonymous readers."""


@dataclass(frozen=True)
class Reader:
    user_id: int | None = None
    anonymous_id: str | None = None
    # True when the anonymous id was minted for this request and must be sent as a cookie.
    is_new: bool = False

    def lookup(self) -> dict:
        """The Vote fields that name this reader."""
        if self.user_id is not None:
            return {"user_id": self.user_id, "anonymous_id": None}
        return {"user_id": None, "anonymous_id": self.anonymous_id}


def reader_for(request) -> Reader | None:
    """Return the request's reader, or None for an anonymous reader not yet known.

    Raises ForgedReaderCookie when the cookie is there but its signature does not hold.
    """
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return Reader(user_id=user.pk)
    if COOKIE_NAME not in request.COOKIES:
        return None
    try:
        anonymous_id = request.get_signed_cookie(COOKIE_NAME, salt=COOKIE_SALT)
    except signing.BadSignature:
        raise ForgedReaderCookie from None
    return Reader(anonymous_id=anonymous_id)


def admit_new_reader(request) -> Reader:
    """Mint an anonymous reader, within the client address's hourly share of new readers.

    Raises TooManyNewReaders, or ratelimit.RateLimitUnavailable when the cache that keeps
    the counts does not answer (new readers are then refused: the limit fails closed).
    """
    if not ratelimit.hit(
        "votes:new-reader",
        address_key(client_address(request)),
        limit=settings.MASTHEAD_VOTES_NEW_READERS_PER_HOUR,
        window=NEW_READER_WINDOW,
    ):
        raise TooManyNewReaders
    return Reader(anonymous_id=secrets.token_urlsafe(16), is_new=True)


def address_key(address: str) -> str:
    """What one client's share is counted on: its IPv4 address, or its IPv6 /64."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 4:
        return address
    if ip.ipv4_mapped:  # an IPv4 reader seen through a dual-stack socket
        return str(ip.ipv4_mapped)
    # One IPv6 host usually holds a whole /64: counting single addresses there limits nothing.
    return ratelimit.network_of(address)


def remember(response, reader: Reader) -> None:
    """Give a new anonymous reader their signed, HttpOnly, first-party cookie."""
    response.set_signed_cookie(
        COOKIE_NAME,
        reader.anonymous_id,
        salt=COOKIE_SALT,
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def forget(response) -> None:
    response.delete_cookie(COOKIE_NAME, samesite="Lax")
