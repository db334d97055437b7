import hashlib

from django.conf import settings
from django.utils import timezone

from masthead.core.dates import date_line


def site(request):
    """Add the site name and today's date line, in the site's time zone, to every template.

    Made once per request: a page names its header's versions (today, the menu) before
    its template renders (BasePage.frame_parts), and both must see the same day."""
    made = getattr(request, "_masthead_site_context", None)
    if made is None:
        made = _site()
        if request is not None:
            request._masthead_site_context = made
    return made


def _site():
    now = timezone.localtime()
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "date_line": date_line(now),
        "today_iso": now.date().isoformat(),
        "time_zone": settings.TIME_ZONE,
        # What the header's section menu is made of, to key the rendered header by.
        "menu_version": _menu_version,
    }


def _menu_version() -> str:
    from masthead.core.templatetags.masthead_tags import menu_sections

    return hashlib.blake2b(repr(menu_sections()).encode(), digest_size=8).hexdigest()
