"""Map a parsed wire entry onto an article page: credits, tags, body, dates."""

import dataclasses
import hashlib
import json

from django.utils.text import slugify

from masthead.bylines.models import Agency, Author
from masthead.news.models import ArticlePage
from masthead.stories.models import StoryAuthor
from masthead.wire.body import body_blocks
from masthead.wire.parsers.base import WireEntry


def entry_hash(entry: WireEntry) -> str:
    """A fingerprint of what the agency sent: the same item twice hashes the same."""
    fields = dataclasses.asdict(entry)
    fields.pop("base", None)
    text = json.dumps(fields, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


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


def agency_for(name: str) -> Agency | None:
    """The agency called `name`, created on first sight."""
    name = " ".join(name.split())[:200]
    if not name:
        return None
    found = Agency.objects.filter(name__iexact=name).first()
    if found:
        return found
    slug = slugify(name)[:90] or "agency-" + hashlib.sha1(name.encode()).hexdigest()[:8]
    found = Agency.objects.filter(slug=slug).first()
    if found:
        return found
    return Agency.objects.create(name=name, slug=slug, short_name=name[:50])


def authors_for(names: list[str]) -> list[Author]:
    """The authors called `names`, each created on first sight (matched by slug)."""
    authors = []
    for name in names:
        slug = slugify(name)[:90] or "author-" + hashlib.sha1(name.encode()).hexdigest()[:8]
        author = Author.objects.filter(slug=slug).first() or Author.objects.create(
            name=name, slug=slug, role="Agency correspondent"
        )
        if author not in authors:
            authors.append(author)
    return authors


def unique_slug(section, headline: str, guid: str, exclude_pk=None) -> str:
    base = slugify(headline)[:70].strip("-") or "wire"
    siblings = section.get_children().filter(slug__startswith=base)
    if exclude_pk:
        siblings = siblings.exclude(pk=exclude_pk)
    taken = set(siblings.values_list("slug", flat=True))
    if base not in taken:
        return base
    return f"{base}-{hashlib.sha1(guid.encode()).hexdigest()[:8]}"


def apply_entry(page: ArticlePage, entry: WireEntry, *, agency, photo) -> None:
    """Copy the agency's fields onto `page` (in memory: saved with the next revision)."""
    page.title = entry.headline
    page.draft_title = entry.headline
    page.standfirst = entry.standfirst
    page.agency = agency
    page.dateline = entry.dateline
    page.updated_at = entry.version_created
    page.body = body_blocks(entry.body_html, headline=entry.headline)
    if photo is not None:
        page.lead_image = photo
    page.story_authors = [
        StoryAuthor(author=author, sort_order=i)
        for i, author in enumerate(authors_for(entry.authors))
    ]
    page.tags.set(entry.subjects)
