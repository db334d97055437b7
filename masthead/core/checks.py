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
