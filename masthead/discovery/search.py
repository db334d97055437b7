"""Full-text search over stories: clean the reader's words, filter, rank and highlight."""

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from masthead.discovery import search_index

# Longer queries are cut, not refused: a pasted paragraph still finds its story.
MAX_QUERY_CHARS = 200
MAX_TERMS = 12


def _words(text: str) -> list[str]:
    """Split on everything but letters, digits and combining marks (Arabic shadda, accents)."""
    cleaned = "".join(
        ch if ch.isalnum() or unicodedata.category(ch).startswith("M") else " " for ch in text
    )
    return cleaned.split()


def query_terms(raw: str) -> list[str]:
    """Return the words worth searching for in `raw`, each once, at most MAX_TERMS."""
    seen = {}
    for word in _words(raw[:MAX_QUERY_CHARS]):
        seen.setdefault(word.casefold(), word)
    return list(seen.values())[:MAX_TERMS]


def was_shortened(raw: str, terms: list[str]) -> bool:
    """Whether `raw` had more to it than the terms searched for."""
    return len(raw) > MAX_QUERY_CHARS or len({w.casefold() for w in _words(raw)}) > len(terms)


@dataclass(frozen=True)
class StoryFilters:
    """What a search can be narrowed to; None or "" means no narrowing."""

    section: object = None
    kind: str = ""
    author: object = None
    agency: object = None
    since: date | None = None
    until: date | None = None

    def __bool__(self):
        return any(
            value not in (None, "")
            for value in (self.section, self.kind, self.author, self.agency, self.since, self.until)
        )


def local_midnight(day: date) -> datetime:
    """The start of `day` in the site's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


def filtered_stories(filters: StoryFilters):
    """Live stories narrowed by `filters`."""
    from masthead.blogs.models import BlogPostPage
    from masthead.news.models import ArticlePage
    from masthead.stories.models import Story

    model = {"article": ArticlePage, "blog": BlogPostPage}.get(filters.kind, Story)
    stories = model.objects.live()
    if filters.section is not None:
        stories = stories.in_section(filters.section)
    if filters.author is not None:
        stories = stories.filter(story_authors__author=filters.author)
    if filters.agency is not None:
        stories = stories.filter(agency=filters.agency)
    if filters.since is not None:
        stories = stories.filter(first_published_at__gte=local_midnight(filters.since))
    if filters.until is not None:
        stories = stories.filter(
            first_published_at__lt=local_midnight(filters.until + timedelta(days=1))
        )
    return stories


def for_results(stories):
    """Fetch what a search result shows: headline, standfirst, byline and date; no picture."""
    from masthead.stories.models import StoryAuthor

    bylines = StoryAuthor.objects.select_related("author").order_by("sort_order")
    return (
        stories.select_related("agency")
        .prefetch_related(Prefetch("story_authors", queryset=bylines))
        .defer_streamfields()
    )


class StoryHits(Sequence):
    """Stories in the order of `ids`, fetched as results show them one page at a time."""

    def __init__(self, ids: list[int], stories):
        self.ids = ids
        self.stories = stories

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        wanted = self.ids[index] if isinstance(index, slice) else [self.ids[index]]
        found = {story.pk: story for story in for_results(self.stories.filter(pk__in=wanted))}
        page = [found[pk] for pk in wanted if pk in found]
        return page if isinstance(index, slice) else page[0]


def search_stories(*, terms: list[str], filters: StoryFilters, newest_first: bool = False):
    """Return the live stories matching every term, best match or newest first.

    Without terms, the filtered stories come newest first: browsing by filter alone.
    """
    stories = filtered_stories(filters)
    if not terms:
        return for_results(stories).latest()
    if search_index.answers_search():
        ids = search_index.matching_story_ids(
            terms=terms, among=stories if filters else None, newest_first=newest_first
        )
        return StoryHits(ids, stories)
    stories = for_results(stories)
    if newest_first:
        stories = stories.order_by("-first_published_at")
    return stories.search(" ".join(terms), operator="and", order_by_relevance=not newest_first)


def highlight(text: str, terms: list[str]) -> SafeString:
    """Return `text` escaped, with words starting with a search term wrapped in <mark>.

    Matching runs on the raw text and each piece is escaped on its own, so a term can
    never land inside an entity or a tag.
    """
    if not terms:
        return escape(text)
    pattern = re.compile(
        r"(?<![^\W_])(?:" + "|".join(re.escape(term) for term in terms) + r")[^\W_]*",
        re.IGNORECASE,
    )
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[last : match.start()]))
        pieces.append(format_html("<mark>{}</mark>", match.group(0)))
        last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))
