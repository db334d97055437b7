"""Masthead's own configuration checks, run by `masthead check`."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.compatibility, deploy=True)
def production_configuration(app_configs, **kwargs):
    """Check that a production site does not run on the embedded defaults."""
    messages = []
    if not settings.PRODUCTION:
        return messages
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine.endswith("sqlite3"):
        messages.append(
            Warning(
                "The database is SQLite.",
                hint="Set DATABASE_URL=postgres://... for a site with more than one server.",
                id="masthead.W001",
            )
        )
    if settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
        messages.append(
            Warning(
                "The cache is in process memory: rate limits and purges are not shared.",
                hint="Set CACHE_URL=redis://host:6379/0.",
                id="masthead.W002",
            )
        )
    if not settings.MASTHEAD_BASE_URL.startswith("https://"):
        messages.append(
            Error(
                "MASTHEAD_BASE_URL is not https.",
                hint="Links in e-mails and feeds must use https in production.",
                id="masthead.E001",
            )
        )
    return messages


LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1", "testserver"}
PLACEHOLDER_WORDS = ("change", "example", "insecure", "secret", "password", "xxxx")


def weak_secret_key(key: str) -> bool:
    """Short, repetitive or placeholder keys can be guessed; Django asks for 50 characters."""
    lowered = key.lower()
    return len(key) < 50 or len(set(key)) < 5 or any(word in lowered for word in PLACEHOLDER_WORDS)


@register(Tags.security, deploy=True)
def deploy_safety(app_configs, **kwargs):
    """Fail `masthead check --deploy` on each setting that makes a public site unsafe."""
    errors = []
    if not settings.PRODUCTION:
        errors.append(
            Error(
                "MASTHEAD_ENV is not 'production'.",
                hint="Set MASTHEAD_ENV=production: secure cookies, HSTS, the HTTPS redirect "
                "and hashed static files follow from it.",
                id="masthead.E010",
            )
        )
    if settings.DEBUG:
        errors.append(
            Error(
                "DEBUG is on.",
                hint="Unset DEBUG: it shows tracebacks and settings to every reader.",
                id="masthead.E011",
            )
        )
    if weak_secret_key(settings.SECRET_KEY):
        errors.append(
            Error(
                "SECRET_KEY is weak (short, repetitive or a placeholder).",
                hint="Set SECRET_KEY to 50 or more random characters: "
                "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'",
                id="masthead.E012",
            )
        )
    hosts = [host for host in settings.ALLOWED_HOSTS if host not in LOCAL_HOSTS]
    if not hosts or "*" in hosts:
        errors.append(
            Error(
                "ALLOWED_HOSTS is missing (only local names, or '*').",
                hint="Set ALLOWED_HOSTS to the site's host names: news.example,www.news.example.",
                id="masthead.E013",
            )
        )
    insecure = [
        name
        for name in (
            "SECURE_SSL_REDIRECT",
            "SECURE_HSTS_SECONDS",
            "SESSION_COOKIE_SECURE",
            "CSRF_COOKIE_SECURE",
            "SECURE_PROXY_SSL_HEADER",
        )
        if not getattr(settings, name, None)
    ]
    if insecure:
        errors.append(
            Error(
                f"HTTPS is not enforced: {', '.join(insecure)} not set.",
                hint="MASTHEAD_ENV=production sets them all; keep SECURE_SSL_REDIRECT and "
                "SECURE_HSTS_SECONDS above 0, and terminate TLS in front (deploy/nginx/).",
                id="masthead.E014",
            )
        )
    return errors
