"""Cross-site checks for the anonymous forms that carry no CSRF token (cached pages)."""

from urllib.parse import urlsplit


def is_same_origin(request) -> bool:
    """Refuse a POST that a browser says came from another site.

    Modern browsers send Sec-Fetch-Site; older ones send Origin (or at least Referer).
    A request with none of them (curl, a script) is not a browser's cross-site request.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site in {"same-origin", "none"}
    origin = request.headers.get("Origin") or request.headers.get("Referer")
    if not origin or origin == "null":
        return origin != "null"
    parts = urlsplit(origin)
    return parts.netloc.lower() == request.get_host().lower() and parts.scheme in {
        "http",
        "https",
    }
