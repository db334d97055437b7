"""Map a parsed wire entry onto an article page: credits, tags, body, dates, pictures."""

import hashlib
from collections.abc import Iterable

from django.utils.text import slugify
from taggit.models import Tag

from masthead.bylines.models import Agency, Author
from masthead.news.models import ArticlePage
from masthead.stories.models import StoryAuthor, StoryTag
from masthead.wire.body import body_blocks
from masthead.wire.parsers.base import WireEntry, entry_fingerprint


def entry_hash(entry: WireEntry) -> str:
    """A fingerprint of what the agency sent: the hash of the item as read, if known."""
    return entry.fingerprint or entry_fingerprint(entry)


def _version_number(version: str) -> int | None:
    return int(version) if version and version.isdigit() else None


def is_newer(entry: WireEntry, *, version: str, version_created) -> bool:
    """Whether `entry` supersedes what is held: by version number, else by version time."""
    new, old = _version_number(entry.version), _version_number(version)
    if new is not None and old is not None and new != old:
        return new > old
    if entry.version_created and version_created:
        return entry.version_created > version_created
    # Nothing to compare by, and the content differs (same content stops earlier): take it.
    return new is None or old is None


def _slug_for(name: str, prefix: str) -> str:
    return slugify(name)[:90] or f"{prefix}-" + hashlib.sha1(name.encode()).hexdigest()[:8]


def agency_for(name: str) -> Agency | None:
    """The agency called `name`, created on first sight."""
    name = " ".join(name.split())[:200]
    if not name:
        return None
    found = Agency.objects.filter(name__iexact=name).first()
    if found:
        return found
    slug = _slug_for(name, "agency")
    found = Agency.objects.filter(slug=slug).first()
    if found:
        return found
    return Agency.objects.create(name=name, slug=slug, short_name=name[:50])


def agencies_for(names: Iterable[str]) -> dict[str, Agency | None]:
    """The agencies called `names`, by name as given; a delivery names few, so one each."""
    return {name: agency_for(name) for name in set(names)}


def authors_by_name(names: Iterable[str]) -> dict[str, Author]:
    """The authors called `names` (matched by slug), in one query; each created on first sight."""
    slugs = {name: _slug_for(name, "author") for name in set(names)}
    found = {a.slug: a for a in Author.objects.filter(slug__in=set(slugs.values()))}
    for name, slug in slugs.items():
        if slug not in found:
            found[slug] = Author.objects.create(name=name, slug=slug, role="Agency correspondent")
    return {name: found[slug] for name, slug in slugs.items()}


def authors_for(names: list[str]) -> list[Author]:
    """The authors called `names`, in order, without repeats."""
    by_name = authors_by_name(names)
    return list(dict.fromkeys(by_name[name] for name in names))


def tags_by_name(names: Iterable[str]) -> dict[str, Tag]:
    """The tags called `names`, in one query; each created on first sight."""
    names = set(names)
    found = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    for name in names - found.keys():
        found[name] = Tag.objects.create(name=name)
    return found


def unique_slug(section, headline: str, guid: str, exclude_pk=None) -> str:
    base = slugify(headline)[:70].strip("-") or "wire"
    siblings = section.get_children().filter(slug__startswith=base)
    if exclude_pk:
        siblings = siblings.exclude(pk=exclude_pk)
    taken = set(siblings.values_list("slug", flat=True))
    if base not in taken:
        return base
    return f"{base}-{hashlib.sha1(guid.encode()).hexdigest()[:8]}"


def unique_slugs(section, items: list[tuple[str, str]]) -> list[str]:
    """Slugs for new pages under `section`, one per (headline, guid), in one query."""
    bases = [slugify(headline)[:70].strip("-") or "wire" for headline, _guid in items]
    hashed = [
        f"{base}-{hashlib.sha1(guid.encode()).hexdigest()[:8]}"
        for base, (_headline, guid) in zip(bases, items, strict=True)
    ]
    taken = set(
        section.get_children()
        .filter(slug__in=set(bases) | set(hashed))
        .values_list("slug", flat=True)
    )
    slugs = []
    for base, other in zip(bases, hashed, strict=True):
        slug, number = (base if base not in taken else other), 2
        while slug in taken:
            slug, number = f"{other}-{number}", number + 1
        taken.add(slug)
        slugs.append(slug)
    return slugs


def apply_entry(
    page: ArticlePage,
    entry: WireEntry,
    *,
    agency,
    photos: list | tuple = (),
    authors: list[Author] | None = None,
    tags: list[Tag] | None = None,
) -> None:
    """Copy the agency's fields onto `page` (in memory: saved with the next revision).

    The first of `photos` leads the story; the others follow the text as photo blocks,
    each showing its own caption and credit. Without photos the lead photo stays.
    """
    page.title = entry.headline
    page.draft_title = entry.headline
    page.standfirst = entry.standfirst
    page.agency = agency
    page.dateline = entry.dateline
    page.updated_at = entry.version_created
    blocks = body_blocks(entry.body_html, headline=entry.headline)
    if photos:
        page.lead_image = photos[0]
        blocks += [("photo", {"photo": p, "caption": "", "credit": ""}) for p in photos[1:]]
    page.body = blocks
    authors = authors_for(entry.authors) if authors is None else authors
    page.story_authors = [
        StoryAuthor(author=author, sort_order=i) for i, author in enumerate(authors)
    ]
    if tags is None:
        page.tags.set(entry.subjects)
    else:
        page.tagged_items = [StoryTag(tag=tag) for tag in tags]
