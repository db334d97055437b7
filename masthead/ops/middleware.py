"""Request ids, security headers, outage pages and the admin sign-in limit."""

from functools import cached_property
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from masthead.core import ratelimit
from masthead.core.network import client_address
from masthead.ops.logs import request_id_from, request_id_var
from masthead.ops.pages import outage_response, plain_page


class RequestIdMiddleware:
    """Tag the request, its log lines and its response with one id (a proxy's, or a new one)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_from(request.headers.get("X-Request-ID"))
        token = request_id_var.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request.request_id
        return response


def content_security_policy(*, admin: bool, image_sources=()) -> str:
    """The site's policy: scripts and styles from its own files only.

    Wagtail's admin still writes inline scripts (inline panels, date pickers) and style
    attributes, so under the admin's path inline code is allowed, and its preview may be
    framed by the admin itself; nothing else is loosened.
    """
    inline = " 'unsafe-inline'" if admin else ""
    framing = "'self'" if admin else "'none'"
    images = " ".join(["'self'", "data:", *(["blob:"] if admin else []), *image_sources])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self'{inline}",
            f"style-src 'self'{inline}",
            f"img-src {images}",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            f"frame-ancestors {framing}",
        ]
    )


def media_origins() -> list[str]:
    """The origins media are served from when not the site's own: S3, its CDN, MEDIA_URL."""
    options = settings.STORAGES["default"].get("OPTIONS", {})
    origins = []
    if domain := options.get("custom_domain"):
        origins.append(f"https://{domain}")
    elif bucket := options.get("bucket_name"):
        if endpoint := options.get("endpoint_url"):
            parts = urlsplit(endpoint)
            origins += [
                f"{parts.scheme}://{parts.netloc}",
                f"{parts.scheme}://{bucket}.{parts.netloc}",
            ]
        else:
            origins.append(f"https://{bucket}.s3.amazonaws.com")
            if region := options.get("region_name"):
                origins.append(f"https://{bucket}.s3.{region}.amazonaws.com")
    parts = urlsplit(str(settings.MEDIA_URL))
    if parts.scheme and parts.netloc:
        origins.append(f"{parts.scheme}://{parts.netloc}")
    return origins


class SecurityHeadersMiddleware:
    """Add the Content-Security-Policy and Permissions-Policy to every response.

    HSTS, X-Content-Type-Options and Referrer-Policy come from Django's SecurityMiddleware.
    """

    PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

    def __init__(self, get_response):
        self.get_response = get_response
        sources = [*settings.MASTHEAD_CSP_IMG_SRC, *media_origins()]
        self.policy = content_security_policy(admin=False, image_sources=sources)
        self.admin_policy = content_security_policy(admin=True, image_sources=sources)

    @cached_property
    def admin_prefix(self) -> str:
        try:
            return reverse("wagtailadmin_home")
        except NoReverseMatch:
            return "/admin/"

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            admin = request.path.startswith(self.admin_prefix)
            response["Content-Security-Policy"] = self.admin_policy if admin else self.policy
        response.setdefault("Permissions-Policy", self.PERMISSIONS_POLICY)
        return response


class OutageMiddleware:
    """Answer a lost database or a full disk with a plain 503/507 page, not a traceback.

    Errors raised outside views (in other middleware) reach masthead.ops.views.server_error,
    which gives the same pages.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        return outage_response(request, exception)


class LoginRateLimitMiddleware:
    """Limit failed sign-ins, and password-reset posts, per address and per user name.

    The counts live in the shared cache; when it does not answer, the form is refused
    with "try again shortly" rather than left open to guessing. A successful sign-in
    (a redirect) is not counted, so a newsroom behind one address is not locked out.
    """

    LOGIN = "wagtailadmin_login"
    URL_NAMES = (LOGIN, "wagtailadmin_password_reset")

    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def paths(self) -> dict[str, str]:
        paths = {}
        for name in self.URL_NAMES:
            try:
                paths[reverse(name)] = name
            except NoReverseMatch:
                continue
        return paths

    def __call__(self, request):
        scope = self.paths.get(request.path) if request.method == "POST" else None
        if scope is None:
            return self.get_response(request)
        counters = self.counters(request, scope)
        window = settings.MASTHEAD_LOGIN_WINDOW
        try:
            if scope == self.LOGIN:
                refused = any(
                    ratelimit.peek(name, key, window=window) >= limit
                    for name, key, limit in counters
                )
            else:
                counted = [self.hit(counter) for counter in counters]  # every one, always
                refused = not all(counted)
        except ratelimit.RateLimitUnavailable:
            return plain_page(
                status=503,
                title="Please try again shortly",
                message="Signing in is briefly unavailable. Please try again shortly.",
                retry_after=30,
            )
        if refused:
            return plain_page(
                status=429,
                title="Too many attempts",
                message="There have been too many attempts to sign in from here. "
                "Please wait a few minutes, then try again.",
                retry_after=window,
            )
        response = self.get_response(request)
        if scope == self.LOGIN and response.status_code == 200:  # the form again: it failed
            try:
                for counter in counters:
                    self.hit(counter)
            except ratelimit.RateLimitUnavailable:
                pass  # counted nowhere; the next attempt is refused while the cache is away
        return response

    @staticmethod
    def counters(request, scope: str) -> list[tuple[str, str, int]]:
        """(scope, key, limit): the address, and the user name more widely, so one address
        cannot lock an editor out alone."""
        limit = settings.MASTHEAD_LOGIN_ATTEMPTS
        counters = [(scope, client_address(request), limit)]
        name = (request.POST.get("username") or request.POST.get("email") or "").strip().lower()
        if name:
            counters.append((f"{scope}:name", name, limit * 3))
        return counters

    @staticmethod
    def hit(counter: tuple[str, str, int]) -> bool:
        scope, key, limit = counter
        return ratelimit.hit(scope, key, limit=limit, window=settings.MASTHEAD_LOGIN_WINDOW)
