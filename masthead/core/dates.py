"""The site's one date formatter: story dates, the date line, and the seconds until midnight."""

from datetime import date, datetime, timedelta
from typing import NamedTuple

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
    now = now or timezone.now()
    return max(1, int(_local_day(now).end - now.timestamp()))


def today(now: datetime | None = None) -> date:
    """The date in the site time zone: timezone.localdate(), kept until local midnight."""
    return _local_day(now or timezone.now()).date


class _Day(NamedTuple):
    zone: str
    start: float  # POSIX times
    end: float
    date: date


# The local day last asked about. Every page-cache hit asks (its key holds the date, its
# Cache-Control the seconds to midnight); working it out again each time cost as much
# as the rest of the hit.
_day: _Day | None = None


def _local_day(now: datetime) -> _Day:
    global _day
    stamp, zone, day = now.timestamp(), settings.TIME_ZONE, _day
    if day is not None and day.zone == zone and day.start <= stamp < day.end:
        return day
    current = local(now)
    tomorrow = current.date() + timedelta(days=1)
    # As POSIX times, the day's length is its real one on a daylight-saving change, and
    # a midnight the clocks skip is the moment they jump.
    start = datetime(current.year, current.month, current.day, tzinfo=current.tzinfo)
    end = datetime(tomorrow.year, tomorrow.month, tomorrow.day, tzinfo=current.tzinfo)
    _day = _Day(zone, start.timestamp(), end.timestamp(), current.date())
    return _day
