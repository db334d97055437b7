"""Plan each demo story: its beat, words, byline, photos and dates, from its number alone."""

import random
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from masthead.bylines.models import Agency, Author
from masthead.demo.beats import BLOG_BEATS, NEWS_BEATS, Beat
from masthead.demo.content import BEAT_WRITERS, GULF_NEWSWIRE, LWS, MPA
from masthead.demo.images import CRESCENT_CREDIT
from masthead.demo.prose import block_id, story_text
from masthead.photos.models import Photo

# The hand-made part of the paper; stories past this number are the bulk ones.
CURATED_ARTICLES = 60
BULK_DAYS = 60


@dataclass
class Desk:
    """What the newsroom has to hand when it files a story."""

    now: datetime
    agencies: dict[str, Agency]
    authors: dict[str, Author]
    themes: dict[str, list[Photo]]


@dataclass(frozen=True)
class StoryPlan:
    number: int
    parent_key: str
    title: str
    slug: str
    standfirst: str
    dateline: str
    body: list[dict]
    tags: tuple[str, ...]
    agency: Agency | None
    authors: tuple[Author, ...]
    lead_image: Photo
    lead_credit: str
    first_published_at: datetime
    updated_at: datetime | None
    comments_open: bool

    @property
    def last_published_at(self) -> datetime:
        return self.updated_at or self.first_published_at


def article_age(number: int) -> timedelta:
    """How long ago story `number` was published.

    The first sixty fill ten days: eight in the last 24 hours and eight more in the
    24 before, so the front page, the news sitemap and the digest always have stories.
    Bulk stories spread over sixty days.
    """
    jitter = timedelta(minutes=(number * 37) % 50)
    if number < 8:
        return timedelta(hours=0.6 + number * 2.6) + jitter
    if number < 16:
        return timedelta(hours=25 + (number - 8) * 2.7) + jitter
    if number < CURATED_ARTICLES:
        return timedelta(hours=50 + (number - 16) * 190 / 44) + jitter
    return timedelta(hours=random.Random(f"age:{number}").uniform(1, BULK_DAYS * 24))


def update_delay(number: int, age: timedelta) -> timedelta | None:
    """Every fourth story was updated after publication, never later than now."""
    if number % 4 != 1:
        return None
    return min(age / 2, timedelta(hours=1 + number % 5))


def _byline(beat: Beat, number: int, desk: Desk, rng: random.Random):
    if rng.random() < beat.agency_share:
        choices = (GULF_NEWSWIRE, LWS) if beat.key == "gulf" else (LWS, MPA)
        return desk.agencies[choices[number % 2].slug], ()
    writers = BEAT_WRITERS[beat.key]
    if len(writers) > 1 and number % 7 == 0:
        return None, tuple(desk.authors[slug] for slug in writers)
    return None, (desk.authors[writers[0]],)


def _with_body_photo(body: list[dict], photo: Photo, rng: random.Random) -> list[dict]:
    value = {"photo": photo.pk, "caption": "", "credit": ""}
    at = min(5, len(body) - 1)
    return [*body[:at], {"type": "photo", "value": value, "id": block_id(rng)}, *body[at:]]


def _plan(*, beat: Beat, number: int, nth: int, desk: Desk, age: timedelta, numbered: bool):
    rng = random.Random(f"desk:{beat.key}:{number}")
    agency, authors = _byline(beat, number, desk, rng)
    text = story_text(
        beat=beat,
        number=number,
        nth=nth,
        agency_short=agency.short_name if agency else "",
        numbered_slug=numbered,
    )
    themes = [photo for theme in beat.themes for photo in desk.themes[theme]]
    lead = themes[nth % len(themes)]
    body = text.body
    if number % 3 == 2:
        others = [photo for photo in themes if photo != lead] or themes
        body = _with_body_photo(body, others[number % len(others)], rng)
    if agency is None:
        credit = ""  # staff stories use the photo's own credit
    else:
        # Wire copy often comes with another agency's picture, as on the reference page.
        credit = f"{agency.name} photo" if number % 3 == 0 else CRESCENT_CREDIT
    published = desk.now - age
    delay = update_delay(number, age)
    return StoryPlan(
        number=number,
        parent_key=beat.section,
        title=text.title,
        slug=text.slug,
        standfirst=text.standfirst,
        dateline=text.dateline,
        body=body,
        tags=text.tags,
        agency=agency,
        authors=authors,
        lead_image=lead,
        lead_credit=credit,
        first_published_at=published,
        updated_at=published + delay if delay else None,
        comments_open=number % 10 != 9,
    )


def article_plan(number: int, desk: Desk) -> StoryPlan:
    """Plan news story `number`; stories past the curated ones get numbered slugs."""
    beat = NEWS_BEATS[number % len(NEWS_BEATS)]
    return _plan(
        beat=beat,
        number=number,
        nth=number // len(NEWS_BEATS),
        desk=desk,
        age=article_age(number),
        numbered=number >= CURATED_ARTICLES,
    )


def blog_post_plan(blog_key: str, number: int, desk: Desk) -> StoryPlan:
    """Plan post `number` of a blog: one in the last day, then one every day or two."""
    beat = next(beat for beat in BLOG_BEATS if beat.key == blog_key)
    offset = 0 if blog_key == BLOG_BEATS[0].key else 7
    age = timedelta(hours=3 + offset + number * 37)
    return _plan(beat=beat, number=number, nth=number, desk=desk, age=age, numbered=False)


def unique_slugs(plans: list[StoryPlan]) -> list[StoryPlan]:
    """Number a slug that repeats under the same parent; the same plans give the same slugs."""
    seen: set[tuple[str, str]] = set()
    unique = []
    for plan in plans:
        if (plan.parent_key, plan.slug) in seen:
            plan = replace(plan, slug=f"{plan.slug}-{plan.number}")
        seen.add((plan.parent_key, plan.slug))
        unique.append(plan)
    return unique
