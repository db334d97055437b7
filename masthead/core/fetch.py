"""The one guarded URL client: every fetch of an outside URL (feeds, pictures) goes here.

Why our own code on http.client rather than requests or urllib3 as they come: those
resolve the host name themselves when they connect, after any check we could make
(a DNS answer can change in between: "rebinding"), and they follow redirects to wherever
they point. Here each hop is resolved once, every address it resolves to is checked, and
the socket is opened to the checked address while the Host header, TLS server name and
certificate check still use the name. Redirects are followed by hand, each one checked
the same way. Sizes and time are capped, and no compression is asked for, so what is
read is what is counted.
"""

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from django.conf import settings

DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
PICTURE_MAX_BYTES = 25 * 1024 * 1024
MAX_REDIRECTS = 5
SOCKET_TIMEOUT = 10.0
TOTAL_TIMEOUT = 60.0
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class FetchError(Exception):
    """A URL could not be fetched; the message says why in one line."""


class BlockedAddress(FetchError):
    """The URL's host resolves to an address the site must not reach."""


@dataclass(frozen=True)
class Response:
    url: str
    status: int
    content_type: str
    content: bytes
    headers: dict = field(default_factory=dict)


def fetch(
    url: str,
    *,
    max_bytes: int = DOCUMENT_MAX_BYTES,
    timeout: float = SOCKET_TIMEOUT,
    accept: str = "*/*",
) -> Response:
    """GET `url`, following up to five redirects, each hop checked; raise FetchError."""
    deadline = time.monotonic() + TOTAL_TIMEOUT
    for _hop in range(MAX_REDIRECTS + 1):
        status, headers, body = _get_once(url, max_bytes, timeout, accept, deadline)
        if status in REDIRECT_STATUSES and headers.get("location"):
            url = urljoin(url, headers["location"].strip())
            continue
        if not 200 <= status < 300:
            raise FetchError(f"{url}: the server answered HTTP {status}")
        content_type = headers.get("content-type", "").split(";")[0].strip().lower()
        return Response(url, status, content_type, body, headers)
    raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")


def fetch_picture(url: str) -> Response:
    return fetch(url, max_bytes=PICTURE_MAX_BYTES, accept="image/*")


def allowed_hosts() -> set[str]:
    return {host.lower() for host in getattr(settings, "MASTHEAD_FETCH_ALLOWED_HOSTS", [])}


def refusal_reason(address: str) -> str | None:
    """Why the site must not connect to `address`, or None when it may."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 6:
        # An IPv6 address can carry an IPv4 one; judge the one it leads to.
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is None and ip.teredo:
            embedded = ip.teredo[1]
        if embedded is not None:
            return refusal_reason(str(embedded))
    checks = (
        ("loopback", ip.is_loopback),
        ("unspecified", ip.is_unspecified),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("unique-local", ip.version == 6 and ip in ipaddress.ip_network("fc00::/7")),
        ("private", ip.is_private),
        ("reserved", ip.is_reserved),
        ("non-public", not ip.is_global),
    )
    for name, matched in checks:
        if matched:
            return f"{name} address"
    return None


def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to, in the resolver's order."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"{host}: cannot resolve the host name ({exc})") from None
    addresses = []
    for info in infos:
        address = info[4][0]
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise FetchError(f"{host}: the host name has no address")
    return addresses


def checked_addresses(host: str, port: int) -> list[str]:
    """Resolve `host` and refuse it if any of its addresses is not a public one."""
    addresses = resolve(host, port)
    if host.lower() in allowed_hosts():
        return addresses
    for address in addresses:
        reason = refusal_reason(address)
        if reason:
            raise BlockedAddress(f"{host} resolves to {address}, a {reason}: refused")
    return addresses


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connect to an address checked beforehand, never to a fresh DNS answer."""

    def __init__(self, host, port, *, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self.pinned_address = address

    def connect(self):
        self.sock = socket.create_connection((self.pinned_address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, port, *, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.pinned_address = address

    def connect(self):
        sock = socket.create_connection((self.pinned_address, self.port), self.timeout)
        # The certificate is checked against the name, as if we had connected by name.
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _get_once(url, max_bytes, timeout, accept, deadline):
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        raise FetchError(f"{url}: only http and https URLs are fetched")
    if not parts.hostname:
        raise FetchError(f"{url}: the URL has no host")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FetchError(f"{url}: the port is not a number") from None
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    connection_class = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
    last_error = None
    for address in checked_addresses(parts.hostname, port):
        connection = connection_class(parts.hostname, port, address=address, timeout=timeout)
        try:
            connection.request(
                "GET",
                path,
                headers={
                    "Accept": accept,
                    "Accept-Encoding": "identity",
                    "User-Agent": f"Masthead wire ingest (+{settings.MASTHEAD_BASE_URL})",
                },
            )
            response = connection.getresponse()
            headers = {key.lower(): value for key, value in response.getheaders()}
            if response.status in REDIRECT_STATUSES:
                return response.status, headers, b""
            return response.status, headers, _read_capped(url, response, max_bytes, deadline)
        except (OSError, http.client.HTTPException) as exc:
            last_error = exc
            if isinstance(exc, ssl.SSLError | socket.timeout | http.client.HTTPException):
                break
        finally:
            connection.close()
    raise FetchError(f"{url}: {last_error or 'no connection'}")


def _read_capped(url, response, max_bytes, deadline) -> bytes:
    declared = response.getheader("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"{url}: {int(declared)} bytes is more than the {max_bytes} allowed")
    chunks, total = [], 0
    while True:
        if time.monotonic() > deadline:
            raise FetchError(f"{url}: took longer than {TOTAL_TIMEOUT:.0f} seconds")
        chunk = response.read(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > max_bytes:
            raise FetchError(f"{url}: more than the {max_bytes} bytes allowed")
        chunks.append(chunk)
