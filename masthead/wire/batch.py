"""Create the stories of many new wire items at once: the fast path of an ingest.

New items are written a batch at a time, in one transaction: pages, revisions, bylines,
tags, history, reference index and wire items in a few statements per table, the pages
placed in the tree after the section's last child. What Wagtail's publication would do
one page at a time follows once per batch: the search index and the cache purge.
"page_published" is not sent: its receivers (the purge, "Last updated at", the wire's
review flag) have nothing else to do for a new wire story. A batch that fails is rolled
back whole and its items are imported one by one, where a bad item fails alone.
"""

import logging
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision, Site
from wagtail.search.backends import get_search_backends

from masthead.news.models import ArticlePage, SectionPage
from masthead.newsroom import wire_items as history
from masthead.pagecache.purge import paths_for_pages, purge
from masthead.stories.bulk import child_paths, insert_own_rows
from masthead.stories.models import Story, StoryAuthor, StoryTag
from masthead.wire import mapping, pictures
from masthead.wire.models import WireFeed, WireItem
from masthead.wire.parsers.base import WireEntry
from masthead.wire.results import CREATED, ImportResult

logger = logging.getLogger(__name__)
BATCH_SIZE = 250


@dataclass
class NewItem:
    """A new item on its way in: the entry and its pictures, fetched before the batch."""

    entry: WireEntry
    found: list = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def new_items_prepare(entries: list[WireEntry], *, fetcher) -> list[NewItem]:
    """Fetch and check the pictures of new items, outside any transaction."""
    items = []
    for entry in entries:
        found, warnings = pictures.pictures_fetch(entry.pictures, base=entry.base, fetcher=fetcher)
        items.append(NewItem(entry, found, warnings))
    return items


def _insert_pages(pages: list[ArticlePage]) -> None:
    """INSERT the pages, a few hundred rows per statement for each table of the hierarchy."""
    base_fields = [f for f in Page._meta.local_concrete_fields if not f.primary_key]
    ops = connection.ops
    size = max(1, ops.bulk_batch_size(base_fields, pages) or len(pages))
    for start in range(0, len(pages), size):
        chunk = pages[start : start + size]
        rows = Page._base_manager._insert(
            chunk, fields=base_fields, returning_fields=[Page._meta.pk], using=connection.alias
        )
        for page, (pk,) in zip(chunk, rows, strict=True):
            page.id = page.page_ptr_id = page.story_ptr_id = pk
            page._state.adding = False
    for model in (Story, ArticlePage):
        insert_own_rows(model, pages)


def _page_for(item: NewItem, *, parent, slug, path, agency, photos, authors, tags, publish, now):
    entry = item.entry
    embargoed = bool(publish and entry.embargo and entry.embargo > now)
    live = publish and not embargoed
    page = ArticlePage(
        slug=slug,
        path=path,
        depth=parent.depth + 1,
        numchild=0,
        locale_id=parent.locale_id,
        url_path=f"{parent.url_path}{slug}/",
        live=live,
        has_unpublished_changes=not live,
        first_published_at=entry.first_created,
        latest_revision_created_at=now,
        go_live_at=entry.embargo if embargoed else None,
    )
    # A new page has no corrections or comments: known in memory, never asked of the database.
    for relation in get_all_child_relations(page):
        setattr(page, relation.get_accessor_name(), [])
    mapping.apply_entry(page, entry, agency=agency, photos=photos, authors=authors, tags=tags)
    if live:
        page.first_published_at = page.first_published_at or now
        page.last_published_at = now
        # As a later publication would: the agency's version time, else now.
        page.updated_at = entry.version_created or now
    return page, embargoed


def _revisions(pages, embargoes, now) -> list[Revision]:
    page_type = ContentType.objects.get_for_model(ArticlePage)
    base_type = ContentType.objects.get_for_model(Page)
    revisions = Revision.objects.bulk_create(
        Revision(
            content_type=page_type,
            base_content_type=base_type,
            object_id=str(page.pk),
            created_at=now,
            content=page.serializable_data(),
            object_str=str(page),
            approved_go_live_at=page.go_live_at if embargoed else None,
        )
        for page, embargoed in zip(pages, embargoes, strict=True)
    )
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision = revision
        page.live_revision = revision if page.live else None
    # One statement run for many rows: bulk_update's CASE over hundreds of rows is slower.
    quote, meta = connection.ops.quote_name, Page._meta
    columns = [meta.get_field(name).column for name in ("latest_revision", "live_revision")]
    sql = "UPDATE {} SET {} = %s, {} = %s WHERE {} = %s".format(
        quote(meta.db_table), *map(quote, columns), quote(meta.pk.column)
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(p.latest_revision_id, p.live_revision_id, p.pk) for p in pages])
    return revisions


def _history(pages, revisions, embargoes, now) -> None:
    """The log entries Wagtail writes on creating and publishing or scheduling a page."""
    page_type = ContentType.objects.get_for_model(ArticlePage)
    entries = []
    for page, revision, embargoed in zip(pages, revisions, embargoes, strict=True):
        common = {"content_type": page_type, "label": page.title, "page_id": page.pk}
        entries.append(
            PageLogEntry(action="wagtail.create", timestamp=now, content_changed=True, **common)
        )
        if page.live:
            entries.append(
                PageLogEntry(
                    action="wagtail.publish",
                    timestamp=now,
                    revision=revision,
                    content_changed=True,
                    **common,
                )
            )
        elif embargoed:
            data = {
                "revision": {
                    "id": revision.pk,
                    "created": now.isoformat(),
                    "go_live_at": page.go_live_at.isoformat(),
                    "has_live_version": False,
                }
            }
            entries.append(
                PageLogEntry(
                    action="wagtail.publish.schedule",
                    timestamp=now,
                    revision=revision,
                    data=data,
                    **common,
                )
            )
    PageLogEntry.objects.bulk_create(entries)


def _write(items, *, section, publish, feed, now):
    """Write one batch; return the pages and their wire items."""
    parent = SectionPage.objects.select_for_update().get(pk=section.pk)
    entries = [item.entry for item in items]
    agencies = {} if feed and feed.agency else mapping.agencies_for(e.agency for e in entries)
    authors = mapping.authors_by_name(name for e in entries for name in e.authors)
    tags = mapping.tags_by_name(name for e in entries for name in e.subjects)
    slugs = mapping.unique_slugs(parent, [(e.headline, e.guid) for e in entries])
    paths = child_paths(parent, len(items))
    pages, embargoes, photo_hrefs = [], [], []
    for item, slug, path in zip(items, slugs, paths, strict=True):
        entry = item.entry
        photos = pictures.photos_save(item.found, fallback_title=entry.headline)
        page, embargoed = _page_for(
            item,
            parent=parent,
            slug=slug,
            path=path,
            agency=feed.agency if feed and feed.agency else agencies.get(entry.agency),
            photos=list(photos.values()),
            authors=list(dict.fromkeys(authors[name] for name in entry.authors)),
            tags=[tags[name] for name in entry.subjects],
            publish=publish,
            now=now,
        )
        pages.append(page)
        embargoes.append(embargoed)
        photo_hrefs.append({href: photo.pk for href, photo in photos.items()})
    _insert_pages(pages)
    children = [c for page in pages for c in page.story_authors.all()]
    StoryAuthor.objects.bulk_create(children)
    StoryTag.objects.bulk_create([c for page in pages for c in page.tagged_items.all()])
    revisions = _revisions(pages, embargoes, now)
    _history(pages, revisions, embargoes, now)
    wire_items = WireItem.objects.bulk_create(
        WireItem(
            guid=item.entry.guid,
            feed=feed,
            agency=page.agency,
            page=page,
            format=item.entry.format[:40],
            version=item.entry.version[:50],
            version_created=item.entry.version_created,
            content_hash=mapping.entry_hash(item.entry),
            picture_href=next(iter(hrefs), "")[:1000],
            picture_photos=hrefs,
            headline=item.entry.headline[:255],
            received_at=now,
            state=(
                WireItem.State.PUBLISHED
                if page.live
                else WireItem.State.SCHEDULED
                if embargoed
                else WireItem.State.DRAFT
            ),
            wire_revision=revision,
        )
        for item, page, revision, embargoed, hrefs in zip(
            items, pages, revisions, embargoes, photo_hrefs, strict=True
        )
    )
    history.wire_versions_log(items=wire_items)
    _reference_index(pages)
    return pages


def _reference_index(pages: list[ArticlePage]) -> None:
    """What create_or_update_for_object records for each page, for new pages in one INSERT."""
    page_type = ContentType.objects.get_for_model(ArticlePage, for_concrete_model=False)
    base_type = ContentType.objects.get_for_model(Page)
    rows = [
        ReferenceIndex(
            content_type=page_type,
            base_content_type=base_type,
            object_id=page.pk,
            to_content_type_id=to_type,
            to_object_id=to_id,
            model_path=model_path,
            content_path=content_path,
            content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
        )
        for page in pages
        for to_type, to_id, model_path, content_path in set(
            ReferenceIndex._extract_references_from_object(page)
        )
    ]
    ignore = connection.features.supports_ignore_conflicts
    ReferenceIndex.objects.bulk_create(rows, ignore_conflicts=ignore)


def _after(pages: list[ArticlePage]) -> None:
    """Index the new pages for search and purge what their publication makes stale."""
    for backend in get_search_backends(with_auto_update=True):
        try:
            backend.add_bulk(ArticlePage, pages)
        except Exception:  # the stories are in; `update_index` can catch the index up
            logger.exception("search index not updated for %d wire stories", len(pages))
    paths = paths_for_pages([page for page in pages if page.live])
    if paths:
        purge(paths)


def wire_items_create(
    items: list[NewItem], *, section: SectionPage, publish: bool, feed: WireFeed | None
) -> tuple[list[ImportResult], list[NewItem]]:
    """Create the stories of new items a batch at a time; return the results and the rest.

    A batch that fails leaves nothing written; it and the batches after it come back
    for the caller to import one by one.
    """
    results = []
    roots = Site.get_site_root_paths()
    for start in range(0, len(items), BATCH_SIZE):
        batch = items[start : start + BATCH_SIZE]
        try:
            with transaction.atomic():
                pages = _write(
                    batch, section=section, publish=publish, feed=feed, now=timezone.now()
                )
        except Exception:
            logger.exception("a batch of %d new wire items failed; one by one instead", len(batch))
            return results, items[start:]
        for page in pages:
            page._wagtail_cached_site_root_paths = roots
        try:
            _after(pages)
        except Exception:  # the stories are in; a stale cache expires, an index is rebuilt
            logger.exception("after a batch of %d wire stories: purge or index failed", len(pages))
        results += [
            ImportResult(
                CREATED, item.entry.guid, page.get_url() or f"(page {page.pk})", item.warnings
            )
            for item, page in zip(batch, pages, strict=True)
        ]
    return results, []
