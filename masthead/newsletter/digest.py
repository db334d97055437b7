"""Build the day's digest: the top stories of the last 24 hours, then the new blog posts."""

import datetime
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from masthead.newsletter.links import absolute
from masthead.newsletter.models import DigestIssue

TOP_STORIES = 8
BLOG_POSTS = 8
IMAGE_SPEC = "fill-560x315"
IMAGE_SIZE = (560, 315)
# Where the personal unsubscribe link goes in each copy (the archive gets none).
UNSUBSCRIBE_MARK = "{{unsubscribe_url}}"


def digest_time() -> datetime.time:
    """The site time of day the digest goes out (MASTHEAD_DIGEST_TIME, HH:MM)."""
    try:
        return datetime.time.fromisoformat(settings.MASTHEAD_DIGEST_TIME)
    except ValueError:
        raise ImproperlyConfigured("MASTHEAD_DIGEST_TIME must be HH:MM, e.g. 06:00") from None


def window_end(date: datetime.date, *, now: datetime.datetime) -> datetime.datetime:
    """The issue covers the 24 hours before the digest time of its day (or before now)."""
    due = timezone.make_aware(datetime.datetime.combine(date, digest_time()))
    return min(due, now)


def _url(page) -> str:
    url = page.get_url() or "/"
    return absolute(url) if url.startswith("/") else url


def _image(story) -> dict | None:
    if story.lead_image is None:
        return None
    try:
        rendition = story.lead_image.get_rendition(IMAGE_SPEC)
    except Exception:  # a missing or broken file: the teaser goes without its picture
        return None
    url = rendition.url if "://" in rendition.url else absolute(rendition.url)
    alt = getattr(story.lead_image, "caption", "") or story.lead_image.title
    return {"url": url, "alt": alt, "width": IMAGE_SIZE[0], "height": IMAGE_SIZE[1]}


def _teaser(story, *, with_image: bool) -> dict:
    return {
        "title": story.title,
        "standfirst": story.standfirst,
        "url": _url(story),
        "image": _image(story) if with_image else None,
    }


def digest_contents(*, since: datetime.datetime, until: datetime.datetime) -> dict:
    """The stories of the window, as the templates show them."""
    from masthead.blogs.models import BlogPostPage
    from masthead.stories.ranking import top_stories

    stories = [
        s for s in top_stories(limit=TOP_STORIES, since=since) if s.first_published_at <= until
    ]
    posts = (
        BlogPostPage.objects.live()
        .filter(first_published_at__gte=since, first_published_at__lte=until)
        .select_related("lead_image")
        .order_by("-first_published_at")[:BLOG_POSTS]
    )
    return {
        "stories": [_teaser(s, with_image=i == 0) for i, s in enumerate(stories)],
        "posts": [_teaser(p, with_image=False) for p in posts],
    }


def digest_build(
    *, date: datetime.date, now: datetime.datetime | None = None
) -> DigestIssue | None:
    """Create the issue of `date` once; None when nothing new was published."""
    existing = DigestIssue.objects.filter(date=date).first()
    if existing is not None:
        return existing
    until = window_end(date, now=now or timezone.now())
    contents = digest_contents(since=until - timedelta(hours=24), until=until)
    if not contents["stories"] and not contents["posts"]:
        return None
    lead = (contents["stories"] or contents["posts"])[0]
    context = {
        **contents,
        "subject": lead["title"],
        "date": date,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "site_url": absolute("/"),
        "archive_url": absolute(reverse("newsletter:archive", args=[date.isoformat()])),
        "unsubscribe_url": UNSUBSCRIBE_MARK,
    }
    try:
        with transaction.atomic():
            return DigestIssue.objects.create(
                date=date,
                subject=lead["title"][:255],
                html=render_to_string("newsletter/email/digest.html", context),
                text=render_to_string("newsletter/email/digest.txt", context),
            )
    except IntegrityError:  # built at the same moment by another process
        return DigestIssue.objects.get(date=date)
