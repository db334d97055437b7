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
from masthead.newsletter.mail import UNSUBSCRIBE_MARK
from masthead.newsletter.models import DigestIssue, DigestPick

TOP_STORIES = 8
BLOG_POSTS = 8
IMAGE_SPEC = "fill-560x315"
IMAGE_SIZE = (560, 315)


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
        "page_id": story.pk,
        "title": story.title,
        "standfirst": story.standfirst,
        "url": _url(story),
        "image": _image(story) if with_image else None,
    }


def _picked(date: datetime.date | None) -> tuple[list, set[int]]:
    """The pages editors pinned to the issue of `date` (in pin order), and the dropped ids."""
    from masthead.blogs.models import BlogPostPage
    from masthead.news.models import ArticlePage

    if date is None:
        return [], set()
    picks = list(DigestPick.objects.filter(date=date))
    dropped = {p.page_id for p in picks if p.choice == DigestPick.Choice.DROP}
    pin_ids = [p.page_id for p in picks if p.choice == DigestPick.Choice.PIN]
    pages = {}
    for model in (ArticlePage, BlogPostPage):
        for page in model.objects.live().filter(pk__in=pin_ids).select_related("lead_image"):
            pages[page.pk] = page
    return [pages[pk] for pk in pin_ids if pk in pages], dropped


def digest_contents(
    *, since: datetime.datetime, until: datetime.datetime, date: datetime.date | None = None
) -> dict:
    """The stories of the window, with the editors' pins first and drops left out."""
    from masthead.blogs.models import BlogPostPage
    from masthead.stories.ranking import top_stories

    pinned, dropped = _picked(date)
    pinned_posts = [p for p in pinned if isinstance(p, BlogPostPage)]
    pinned_stories = [p for p in pinned if not isinstance(p, BlogPostPage)]
    left_out = dropped | {p.pk for p in pinned}
    ranked = top_stories(limit=TOP_STORIES + len(left_out), since=since)
    stories = pinned_stories + [
        s for s in ranked if s.first_published_at <= until and s.pk not in left_out
    ]
    posts = (
        BlogPostPage.objects.live()
        .filter(first_published_at__gte=since, first_published_at__lte=until)
        .exclude(pk__in=left_out)
        .select_related("lead_image")
        .order_by("-first_published_at")[:BLOG_POSTS]
    )
    posts = pinned_posts + list(posts)
    return {
        "stories": [_teaser(s, with_image=i == 0) for i, s in enumerate(stories[:TOP_STORIES])],
        "posts": [_teaser(p, with_image=False) for p in posts[:BLOG_POSTS]],
    }


def digest_render(*, date: datetime.date, now: datetime.datetime) -> dict | None:
    """The subject, HTML and text of the issue of `date` as it stands; None if it is empty."""
    until = window_end(date, now=now)
    contents = digest_contents(since=until - timedelta(hours=24), until=until, date=date)
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
    return {
        "subject": lead["title"][:255],
        "html": render_to_string("newsletter/email/digest.html", context),
        "text": render_to_string("newsletter/email/digest.txt", context),
        "stories": contents["stories"],
        "posts": contents["posts"],
    }


def digest_build(
    *, date: datetime.date, now: datetime.datetime | None = None
) -> DigestIssue | None:
    """Create the issue of `date` once; None when nothing new was published."""
    existing = DigestIssue.objects.filter(date=date).first()
    if existing is not None:
        return existing
    rendered = digest_render(date=date, now=now or timezone.now())
    if rendered is None:
        return None
    try:
        with transaction.atomic():
            return DigestIssue.objects.create(
                date=date,
                subject=rendered["subject"],
                html=rendered["html"],
                text=rendered["text"],
            )
    except IntegrityError:  # built at the same moment by another process
        return DigestIssue.objects.get(date=date)


def next_issue_date(*, now: datetime.datetime) -> datetime.date:
    """The day of the next issue not yet built: today's, or tomorrow's once today's exists."""
    today = timezone.localdate(now)
    if DigestIssue.objects.filter(date=today).exists():
        return today + timedelta(days=1)
    return today
