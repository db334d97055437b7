"""What the desk shows: the day's stories, the review queue, the wire, comments, the digest.

Each function answers one question the dashboard asks. Comments and the newsletter are
read through their apps when those apps have their models, and show nothing otherwise.
"""

import zoneinfo
from datetime import datetime, timedelta

from django.apps import apps
from django.conf import settings
from django.utils import timezone

PANEL_ROWS = 10


def day_start(now: datetime | None = None) -> datetime:
    """Midnight today in the site's time zone, the newsroom's "today"."""
    local = (now or timezone.now()).astimezone(zoneinfo.ZoneInfo(settings.TIME_ZONE))
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def _rows(stories, limit: int) -> list:
    """Fetch desk rows with what each shows (status, section) in a fixed number of queries."""
    from wagtail.models import Page

    rows = list(stories.annotate_approved_schedule().specific().prefetch_workflow_states()[:limit])
    parents = {row.path[: -row.steplen] for row in rows}
    titles = dict(Page.objects.filter(path__in=parents).values_list("path", "title"))
    for row in rows:
        row.section_title = titles.get(row.path[: -row.steplen], "")
    return rows


def published_today(*, now: datetime | None = None, limit: int = PANEL_ROWS):
    """Stories first published since midnight, newest first."""
    from masthead.stories.models import Story

    stories = Story.objects.live().filter(first_published_at__gte=day_start(now))
    return _rows(stories.order_by("-first_published_at", "-pk"), limit)


def scheduled(*, limit: int = PANEL_ROWS):
    """Stories waiting to go live at a set time, soonest first."""
    from masthead.stories.models import Story

    stories = Story.objects.scheduled().with_schedule().order_by("approved_go_live_at", "pk")
    return _rows(stories, limit)


def unpublishing(*, now: datetime | None = None, limit: int = PANEL_ROWS):
    """Live stories set to unpublish at a time, soonest first."""
    from masthead.stories.models import Story

    stories = Story.objects.live().filter(expire_at__gt=now or timezone.now())
    return _rows(stories.order_by("expire_at", "pk"), limit)


def awaiting_review(*, limit: int = PANEL_ROWS):
    """Stories submitted for review, oldest submission first, with their workflow state."""
    from masthead.stories.models import Story

    stories = Story.objects.awaiting_review().order_by("latest_revision_created_at", "pk")
    return _rows(stories, limit)


def comments_awaiting_moderation(*, limit: int = PANEL_ROWS) -> tuple[int, list]:
    """How many comments wait for a moderator, and the oldest of them."""
    try:
        comment_model = apps.get_model("comments", "Comment")
    except LookupError:
        return 0, []
    queue = comment_model.objects.awaiting_moderation()
    return queue.count(), list(queue.select_related("story")[:limit])


def digest_preview(*, now: datetime | None = None) -> dict:
    """The next issue of the digest as it stands: ranked stories and blog posts of its day,
    with the editors' pins and drops applied, as the sender will build it."""
    from masthead.newsletter.digest import digest_contents, next_issue_date, window_end

    now = now or timezone.now()
    date = next_issue_date(now=now)
    until = window_end(date, now=now)
    contents = digest_contents(since=until - timedelta(hours=24), until=until, date=date)
    return {"date": date, "stories": contents["stories"], "posts": contents["posts"]}
