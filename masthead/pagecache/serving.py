"""Answer from the page cache: full body, gzip body, or 304, with headers made fresh."""

from email.utils import formatdate

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.http.request import split_domain_port, validate_host

from masthead.core.caching import public_cache_control
from masthead.pagecache import store


def host_is_allowed(host: str) -> bool:
    domain, _port = split_domain_port(host)
    return bool(domain) and validate_host(domain, settings.ALLOWED_HOSTS)


def accepts_gzip(accept_encoding: str) -> bool:
    return "gzip" in accept_encoding.lower()


def cacheable_request(method: str, path: str, cookie_header: str) -> bool:
    if not settings.MASTHEAD_PAGE_CACHE or method not in ("GET", "HEAD") or store.bypasses(path):
        return False
    return f"{store.session_cookie_name()}=" not in cookie_header


def build_response(
    entry: store.Entry, *, if_none_match: str, accept_encoding: str, head: bool, hit: bool = True
):
    """The Django response for the middleware: the WSGI layer's answer, as an HttpResponse."""
    status, headers, body = hit_headers(
        entry, if_none_match=if_none_match, accept_encoding=accept_encoding, head=head, hit=hit
    )
    if status.startswith("304"):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, status=entry.status)
    for name, value in headers:
        response[name] = value
    return response


def hit_headers(
    entry: store.Entry, *, if_none_match: str, accept_encoding: str, head: bool, hit: bool = True
) -> tuple[str, list[tuple[str, str]], bytes]:
    """Status, headers and body of a cached page, without making a Django response: the
    WSGI layer answers hits with a few dictionary reads."""
    common = [
        ("ETag", entry.etag),
        ("Last-Modified", formatdate(entry.stored_at, usegmt=True)),
        ("Vary", "Accept-Encoding"),
        ("X-Cache", "HIT" if hit else "MISS"),
        ("Cache-Control", public_cache_control()),
    ]
    if if_none_match and entry.etag in [tag.strip() for tag in if_none_match.split(",")]:
        return "304 Not Modified", common, b""
    use_gzip = accepts_gzip(accept_encoding)
    body = entry.gzipped if use_gzip else entry.body
    headers = list(entry.headers)
    if use_gzip:
        headers.append(("Content-Encoding", "gzip"))
    headers.append(("Content-Length", str(len(body))))
    return f"{entry.status} OK", headers + common, b"" if head else body
