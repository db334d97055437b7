"""The one ranking of top stories, used by the front page and the daily digest.

Each live article among the CANDIDATES most recent (published since `since`, if given)
gets a score that weighs readers' engagement against the story's age:

    engagement = votes + COMMENT_WEIGHT * published comments
    score      = (engagement + 1) / (hours since first publication + AGE_OFFSET) ** GRAVITY

A vote counts whichever way it goes: both are a reader's attention. A comment weighs more,
as it takes more of a reader's time. Page views are not counted. With no engagement the
newest article leads; a day-old article needs 46 votes to stay level with a new one
that has none. Editors have the last word (votes.TopStoryOverride): a pinned article
leads whatever its score (the latest pin first), an article kept out is never ranked;
either lasts until its `until`, if one is set. Both apply among the candidates only.

The ranking is one SQL query (the candidates are a sub-query; votes, comments and overrides
are joined, not fetched per article); `top_stories` adds the teaser's prefetches.
"""

from datetime import datetime

from django.apps import apps
from django.db import NotSupportedError
from django.db.models import (
    Case,
    DateTimeField,
    F,
    FloatField,
    Func,
    IntegerField,
    Q,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, Power
from django.utils import timezone

CANDIDATES = 10_000
COMMENT_WEIGHT = 3
AGE_OFFSET = 2.0
GRAVITY = 1.5


class HoursSince(Func):
    """Hours from a datetime column to `now`, as a float, on PostgreSQL and SQLite."""

    output_field = FloatField()

    def __init__(self, expression, now: datetime):
        super().__init__(expression, Value(now, output_field=DateTimeField()))

    def as_sql(self, compiler, connection, **extra_context):
        column_sql, column_params = compiler.compile(self.source_expressions[0])
        now_sql, now_params = compiler.compile(self.source_expressions[1])
        if connection.vendor == "postgresql":
            sql = f"CAST(EXTRACT(EPOCH FROM ({now_sql} - {column_sql})) AS double precision) / 3600"
        elif connection.vendor == "sqlite":
            sql = f"((julianday({now_sql}) - julianday({column_sql})) * 24.0)"
        else:
            raise NotSupportedError(f"HoursSince has no SQL for {connection.vendor}")
        return sql, (*now_params, *column_params)


def ranked(*, since: datetime | None = None, now: datetime | None = None, candidates=CANDIDATES):
    """Return the ranked articles, best first, as a queryset (one query when evaluated).

    Each row carries its `score` and `pinned` (1 or 0); the bench times this query.
    """
    from masthead.news.models import ArticlePage

    now = now or timezone.now()
    recent = ArticlePage.objects.live().filter(first_published_at__isnull=False)
    if since is not None:
        recent = recent.filter(first_published_at__gte=since)
    recent_ids = recent.order_by("-first_published_at", "-pk").values("pk")[:candidates]

    in_force = Q(top_story_override__until__isnull=True) | Q(top_story_override__until__gt=now)
    votes = Coalesce(F("vote_tally__up") + F("vote_tally__down"), 0)
    engagement = votes + COMMENT_WEIGHT * _published_comments()
    age = Greatest(HoursSince("first_published_at", now), Value(0.0))
    return (
        ArticlePage.objects.filter(pk__in=recent_ids)
        # Aliases, not annotations: each is computed once per row, inside what uses it.
        .alias(
            engagement=engagement,
            kept_out=Case(
                When(in_force & Q(top_story_override__placement="out"), then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        .filter(kept_out=0)
        .annotate(
            score=(F("engagement") + Value(1.0)) / Power(age + Value(AGE_OFFSET), Value(GRAVITY)),
            pinned=Case(
                When(in_force & Q(top_story_override__placement="pin"), then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        .order_by(
            "-pinned",
            Case(When(pinned=1, then=F("top_story_override__updated_at"))).desc(nulls_last=True),
            "-score",
            "-first_published_at",
            "-pk",
        )
    )


def top_stories(*, limit: int = 5, since: datetime | None = None):
    """Return the top `limit` articles, best first, ready for teasers (see the module doc)."""
    return list(ranked(since=since).for_listing()[:limit])


def _published_comments():
    """Each article's published comments, once the comments app has its Comment model."""
    try:
        comment = apps.get_model("comments", "Comment")
    except LookupError:
        return Value(0)
    counter = getattr(comment.objects, "published_count_per_story", None)
    return counter() if counter is not None else Value(0)
