"""The site's one date formatter: story dates, the date line, and the seconds until midnight."""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.dateformat import format as date_format


def local(moment: datetime) -> datetime:
    return timezone.localtime(moment)


def story_date(moment: datetime | None) -> str:
    """Format a story timestamp in the site format, in the site time zone ("Feb 07,2018")."""
    if moment is None:
        return ""
    return date_format(local(moment), settings.MASTHEAD_DATE_FORMAT)


def date_line(now: datetime | None = None) -> str:
    """Today's date for the site header, in the site time zone ("Thursday 21 February 2019")."""
    return date_format(local(now or timezone.now()), settings.MASTHEAD_DATE_LINE_FORMAT)


def seconds_to_midnight(now: datetime | None = None) -> int:
    """Seconds until the date line changes in the site time zone."""
    current = local(now or timezone.now())
    tomorrow = (current + timedelta(days=1)).date()
    midnight = datetime(tomorrow.year, tomorrow.month, tomorrow.day, tzinfo=current.tzinfo)
    # Re-localise: a DST jump can make the naive midnight ambiguous.
    return max(1, int((midnight - current).total_seconds()))
