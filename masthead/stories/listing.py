"""The newest stories under a section or a blog, read in plain SQL.

A section front, a blog and the home page's section blocks read their listing on every
page-cache miss. The rows are only what names each teaser's version: the `teasers` tag
renders what is not kept (masthead/stories/templatetags/teaser_tags.py). Django took
longer to compose this query for a four-level page model than the database took to
answer it, so it is written here once, in SQL both SQLite and PostgreSQL run.
"""

from collections import namedtuple
from datetime import UTC, datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

# A page's parent's tree path, as the index masthead_page_parent_published holds it
# (news migration 0004): queries must spell it the same way to be served by it.
PARENT_PATH_SQL = "substr(path, 1, length(path) - 4)"
NEWEST_BRANCH = (
    "SELECT id FROM (SELECT id FROM wagtailcore_page WHERE "
    f"{PARENT_PATH_SQL} = %s AND live AND content_type_id = %s "
    "ORDER BY first_published_at DESC, id DESC LIMIT %s) AS branch{number}"
)

TeaserRow = namedtuple(
    "TeaserRow", ["pk", "live_revision_id", "last_published_at", "url_path", "comment_count"]
)


def newest_branches(parent_paths: list[str], content_type_id: int, count: int):
    """SQL choosing the ids of the newest `count` live pages of a type under each parent,
    read newest first from the parent index: a front costs the same with ten years of
    archive as with a week's. Returns (sql, params), or None without parents."""
    branches, params = [], []
    for number, path in enumerate(parent_paths):
        branches.append(NEWEST_BRANCH.format(number=number))
        params += [path, content_type_id, count]
    if not branches:
        return None
    return " UNION ALL ".join(branches), params


def aware(value) -> datetime | None:
    """A datetime read by plain SQL, as the ORM returns it: SQLite's rows hold naive UTC."""
    if value is None:
        return None
    if isinstance(value, str):
        value = parse_datetime(value)
    if settings.USE_TZ and timezone.is_naive(value):
        value = value.replace(tzinfo=UTC)
    return value


def instant(moment) -> float | str:
    """A publication time as it names a version in a cache key: the same whether it was
    read by the ORM or by plain SQL (`aware`)."""
    return moment.timestamp() if moment else ""


class NewestUnder:
    """The newest live stories of `model` filed directly under any of `parent_paths`, as
    TeaserRows, newest first; sliced like a queryset (`listing[20:41]`), one query a slice.

    A slice ending at N reads at most N stories from each parent: the newest N overall
    are among them.
    """

    def __init__(self, model, parent_paths: list[str]):
        self.model = model
        self.parent_paths = list(parent_paths)

    def __getitem__(self, window: slice) -> list[TeaserRow]:
        if not isinstance(window, slice) or window.step is not None or window.stop is None:
            raise TypeError("NewestUnder takes a slice with an end and no step")
        start, stop = window.start or 0, window.stop
        if stop <= start:
            return []
        content_type = ContentType.objects.get_for_model(self.model).pk
        chosen = newest_branches(self.parent_paths, content_type, stop)
        if chosen is None:
            return []
        branches, params = chosen
        from masthead.comments.models import Comment

        comments = Comment._meta.db_table
        sql = (
            "SELECT p.id, p.live_revision_id, p.last_published_at, p.url_path, "
            f"(SELECT COUNT(*) FROM {comments} c WHERE c.story_id = p.id AND c.status = %s) "
            f"FROM wagtailcore_page p WHERE p.id IN ({branches}) "
            "ORDER BY p.first_published_at DESC, p.id DESC LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [Comment.Status.PUBLISHED, *params, stop - start, start])
            rows = cursor.fetchall()
        return [
            TeaserRow(pk, revision, aware(published), url_path, count)
            for pk, revision, published, url_path, count in rows
        ]
