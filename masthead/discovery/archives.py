"""Date archives: the span of a year, month or day in the site's time zone, and its calendar."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count
from django.db.models.functions import TruncDay, TruncMonth
from django.http import Http404
from django.urls import reverse
from django.utils.dateformat import format as date_format

from masthead.discovery.search import local_midnight


@dataclass(frozen=True)
class Span:
    """A stretch of the calendar an archive page covers: [start, end) in site time."""

    first_day: date
    next_day: date
    level: str  # "year", "month" or "day"

    @property
    def start(self) -> datetime:
        return local_midnight(self.first_day)

    @property
    def end(self) -> datetime:
        return local_midnight(self.next_day)

    @property
    def title(self) -> str:
        formats = {"year": "Y", "month": "F Y", "day": "l j F Y"}
        return date_format(self.first_day, formats[self.level])


def archive_span(year: int, month: int | None = None, day: int | None = None) -> Span:
    """The span named by an archive URL; an impossible date is a 404."""
    try:
        if day is not None:
            first = date(year, month, day)
            return Span(first, first + timedelta(days=1), "day")
        if month is not None:
            first = date(year, month, 1)
            following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
            return Span(first, following, "month")
        return Span(date(year, 1, 1), date(year + 1, 1, 1), "year")
    except (ValueError, OverflowError):
        raise Http404("There is no such date.") from None


def stories_in(span: Span):
    from masthead.stories.models import Story

    return Story.objects.live().filter(
        first_published_at__gte=span.start, first_published_at__lt=span.end
    )


def archive_url(day: date, level: str) -> str:
    if level == "month":
        return reverse("discovery:archive_month", args=[f"{day:%Y}", f"{day:%m}"])
    if level == "day":
        return reverse("discovery:archive_day", args=[f"{day:%Y}", f"{day:%m}", f"{day:%d}"])
    return reverse("discovery:archive_year", args=[f"{day:%Y}"])


def calendar(span: Span) -> list[tuple[str, str, int]]:
    """The months of a year, or the days of a month, that have stories: (label, URL, count)."""
    if span.level == "day":
        return []
    trunc, level, label = (
        (TruncMonth, "month", "F") if span.level == "year" else (TruncDay, "day", "j F")
    )
    # Truncation happens in the current (site) time zone, as the archive URLs do.
    rows = (
        stories_in(span)
        .annotate(period=trunc("first_published_at"))
        .values("period")
        .annotate(count=Count("id"))
        .order_by("period")
    )
    return [
        (date_format(row["period"], label), archive_url(row["period"], level), row["count"])
        for row in rows
    ]
