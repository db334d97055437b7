"""Writes of the wire app: import one item, ingest a source, poll a feed."""

import logging
from collections import Counter

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, ReferenceIndex, Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from masthead.core import fetch
from masthead.news.models import ArticlePage, SectionPage
from masthead.photos.models import Photo
from masthead.wire import batch, mapping, pictures
from masthead.wire.models import WireFeed, WireItem
from masthead.wire.packages import LatePackage, package_refs, tie_packages
from masthead.wire.parsers import AUTO, ParseError, read_items
from masthead.wire.parsers.base import ARTICLE, FAIL, PACKAGE, PICTURE, SKIP, USABLE, WireEntry
from masthead.wire.results import (  # noqa: F401 - the actions are part of this API
    CREATED,
    FAILED,
    KILLED,
    SKIPPED,
    UNCHANGED,
    UPDATED,
    ImportResult,
)
from masthead.wire.sources import in_drop_root, is_url, read_source

logger = logging.getLogger(__name__)


class WireError(Exception):
    """A wire ingest cannot start (no such section); the message says why."""


def section_for(slug: str | None = None) -> SectionPage:
    slug = slug or settings.MASTHEAD_WIRE_SECTION
    section = SectionPage.objects.filter(slug=slug).first()
    if section is None:
        raise WireError(f"no section with the slug {slug!r}: name one with --section")
    return section


def _page_url(page) -> str:
    return page.get_url() or f"(page {page.pk}, not live)"


def _kept_photos(held: WireItem | None) -> dict[str, Photo]:
    """The photos a held item's story already has, by the agency's picture address."""
    if not held or not held.page_id:
        return {}
    hrefs = dict(held.picture_photos or {})
    if held.picture_href and held.page.lead_image_id and held.picture_href not in hrefs:
        hrefs[held.picture_href] = held.page.lead_image_id
    photos = Photo.objects.in_bulk(hrefs.values())
    return {href: photos[pk] for href, pk in hrefs.items() if pk in photos}


def wire_item_import(
    *,
    entry: WireEntry,
    section: SectionPage,
    publish: bool = True,
    feed: WireFeed | None = None,
    fetcher=fetch.fetch_picture,
) -> ImportResult:
    """Create, update, kill or leave alone the article for one agency item."""
    if entry.kind in {SKIP, PACKAGE}:
        return ImportResult(SKIPPED, entry.guid, entry.reason)
    if entry.kind == FAIL:
        return ImportResult(FAILED, entry.guid, entry.reason)
    digest = mapping.entry_hash(entry)
    held = WireItem.objects.select_related("page").filter(guid=entry.guid).first()
    if held and (
        held.content_hash == digest
        or not mapping.is_newer(entry, version=held.version, version_created=held.version_created)
    ):
        where = _page_url(held.page) if held.page_id else f"({held.state})"
        return ImportResult(UNCHANGED, entry.guid, where)
    if entry.status != USABLE:
        return _kill(entry, held, digest, feed)
    found, warnings = pictures.pictures_fetch(
        entry.pictures, base=entry.base, kept=_kept_photos(held), fetcher=fetcher
    )
    # The page is saved three times on the way to publication; index its references once.
    with transaction.atomic(), disable_reference_index_auto_update():
        photos = pictures.photos_save(found, fallback_title=entry.headline)
        agency = (feed.agency if feed else None) or mapping.agency_for(entry.agency)
        if held and held.page_id:
            result = _update(
                entry, held, agency=agency, photos=list(photos.values()), publish=publish
            )
        else:
            result = _create(
                entry, section, agency=agency, photos=list(photos.values()), publish=publish
            )
        page, revision, state, action, note = result
        item = held or WireItem(guid=entry.guid)
        item.feed = feed or item.feed
        item.agency = agency
        item.page = page
        item.format = entry.format[:40]
        item.version = entry.version[:50]
        item.version_created = entry.version_created
        item.content_hash = digest
        if photos:
            item.picture_href = next(iter(photos))[:1000]
            item.picture_photos = {href: photo.pk for href, photo in photos.items()}
        item.headline = entry.headline[:255]
        item.received_at = timezone.now()
        item.state = state
        if note:
            item.needs_review, item.review_note = True, note[:300]
        else:
            item.wire_revision = revision
        item.save()
        for indexed in (page, *photos.values()):
            ReferenceIndex.create_or_update_for_object(indexed)
    return ImportResult(action, entry.guid, note or _page_url(page), warnings)


def _create(entry, section, *, agency, photos, publish):
    page = ArticlePage(
        title=entry.headline,
        slug=mapping.unique_slug(section, entry.headline, entry.guid),
        live=False,
        first_published_at=entry.first_created,
    )
    mapping.apply_entry(page, entry, agency=agency, photos=photos)
    embargoed = bool(entry.embargo and entry.embargo > timezone.now())
    if publish and embargoed:
        page.go_live_at = entry.embargo
    section.add_child(instance=page)
    revision = page.save_revision(log_action=True)
    state = WireItem.State.DRAFT
    if publish:
        revision.publish()
        state = WireItem.State.SCHEDULED if embargoed else WireItem.State.PUBLISHED
        _keep_agency_update_time(page, entry)
    page.refresh_from_db()
    return page, revision, state, CREATED, ""


def _keep_agency_update_time(page, entry):
    """ "Last updated at" of wire copy is the agency's version time, not our publication's.

    The newsroom moves updated_at to "now" on a publication after the first one, and a
    wire story's first publication looks like a later one: its first_published_at is the
    agency's first-created time.
    """
    if entry.version_created:
        ArticlePage.objects.filter(pk=page.pk).update(updated_at=entry.version_created)


def _edited_locally(page, held: WireItem) -> bool:
    latest = page.latest_revision
    if held.needs_review:
        return True
    return bool(latest and latest.pk != held.wire_revision_id and latest.user_id is not None)


def _update(entry, held, *, agency, photos, publish):
    page = held.page.specific
    page.refresh_from_db()
    if _edited_locally(page, held):
        draft = page.get_latest_revision_as_object()
        mapping.apply_entry(draft, entry, agency=agency, photos=photos)
        draft.save_revision(log_action=True)
        version = entry.version or entry.version_created
        note = f"edited locally: agency version {version} saved as a draft for review"
        return page, None, held.state, UPDATED, note
    mapping.apply_entry(page, entry, agency=agency, photos=photos)
    embargoed = bool(entry.embargo and entry.embargo > timezone.now())
    if embargoed and not page.live:
        page.go_live_at = entry.embargo
    revision = page.save_revision(log_action=True)
    state = held.state
    if page.live or (publish and held.state != WireItem.State.DRAFT):
        revision.publish()
        _keep_agency_update_time(page, entry)
        page.refresh_from_db()
        state = WireItem.State.PUBLISHED if page.live else WireItem.State.SCHEDULED
    return page, revision, state, UPDATED, ""


def _kill(entry, held, digest, feed) -> ImportResult:
    """Unpublish the story the agency withdrew; remember the kill if it never ran."""
    with transaction.atomic():
        item = held or WireItem(guid=entry.guid, feed=feed)
        if item.page_id:
            page = item.page.specific
            # An embargoed story waits as a scheduled revision: it must not go out later.
            page.revisions.filter(approved_go_live_at__isnull=False).update(
                approved_go_live_at=None
            )
            ArticlePage.objects.filter(pk=page.pk).update(go_live_at=None)
            if page.live:
                page.unpublish(user=None)
        item.version = entry.version[:50]
        item.version_created = entry.version_created
        item.content_hash = digest
        item.state = WireItem.State.KILLED
        item.save()
    where = f"unpublished page {item.page_id}" if item.page_id else "withdrawn before it ran"
    return ImportResult(KILLED, entry.guid, where)


def _held_items(guids) -> dict[str, tuple]:
    """(fingerprint, state, page id, url path) of each held item, a few hundred per query."""
    guids = list(dict.fromkeys(guids))
    held = {}
    for start in range(0, len(guids), 500):
        rows = WireItem.objects.filter(guid__in=guids[start : start + 500]).values_list(
            "guid", "content_hash", "state", "page_id", "page__url_path"
        )
        held.update((guid, rest) for guid, *rest in rows)
    return held


def _held_where(state, page_id, url_path, stand_in: Page) -> str:
    """The held story's address; `stand_in` is one Page reused for every item (costly to make)."""
    if not page_id:
        return f"({state})"
    stand_in.id, stand_in.url_path = page_id, url_path
    return _page_url(stand_in)


def wire_source_ingest(
    *,
    source: str,
    section: SectionPage,
    publish: bool = True,
    fmt: str = AUTO,
    feed: WireFeed | None = None,
    since=None,
    fetcher=fetch.fetch_picture,
) -> list[ImportResult]:
    """Ingest every item of a file, drop folder or URL; one bad item never stops the rest.

    Items held exactly as sent are passed over before they are mapped; new stories are
    created in batches; updates, kills and late packages are handled one item at a time.
    """
    slots: list[list[ImportResult]] = []
    raws = []
    for document in read_source(source, since=since):
        if document.error:
            slots.append([ImportResult(FAILED, document.name, document.error)])
            continue
        try:
            items = read_items(document.data, name=document.name, base=document.base, fmt=fmt)
        except ParseError as exc:
            slots.append([ImportResult(FAILED, document.name, str(exc))])
            continue
        for raw in items:
            raws.append((len(slots), raw))
            slots.append([])
    held = _held_items(raw.guid for _slot, raw in raws)
    stand_in = Page()
    stand_in._wagtail_cached_site_root_paths = Site.get_site_root_paths()
    slot_of, entries = {}, []
    for slot, raw in raws:
        known = held.get(raw.guid)
        if known and known[0] == raw.fingerprint:
            slots[slot].append(ImportResult(UNCHANGED, raw.guid, _held_where(*known[1:], stand_in)))
            continue
        try:
            entry = raw.read()
        except Exception as exc:  # a parser's surprise is this item's failure alone
            logger.exception("wire item %s cannot be read", raw.guid)
            slots[slot].append(ImportResult(FAILED, raw.guid, f"{type(exc).__name__}: {exc}"))
            continue
        entry.fingerprint = raw.fingerprint
        slot_of[id(entry)] = slot
        entries.append(entry)
    stories = set(
        WireItem.objects.filter(guid__in=package_refs(entries), page__isnull=False).values_list(
            "guid", flat=True
        )
    )
    entries, package_results, late = tie_packages(entries, held_stories=stories)
    for entry, result in package_results:
        slots[slot_of[id(entry)]].append(result)
    for entry, result in _import_all(entries, held, section, publish, feed, fetcher):
        slots[slot_of[id(entry)]].append(result)
    for package in late:
        slots[slot_of[id(package.package)]].append(
            _guarded(package.package, wire_package_attach, package=package, fetcher=fetcher)
        )
    return [result for slot in slots for result in slot]


def _guarded(subject: WireEntry, service, /, **kwargs) -> ImportResult:
    """Run one item's import; its surprise becomes its failure, never the delivery's."""
    try:
        return service(**kwargs)
    except Exception as exc:  # one item's surprise must not stop the delivery
        logger.exception("wire item %s failed", subject.guid)
        return ImportResult(FAILED, subject.guid, f"{type(exc).__name__}: {exc}")


def _is_new_story(entry: WireEntry, held: dict, seen: set) -> bool:
    return (
        entry.kind in {ARTICLE, PICTURE}
        and entry.status == USABLE
        and entry.guid not in held
        and entry.guid not in seen
    )


def _import_all(entries, held, section, publish, feed, fetcher):
    """Yield (entry, result): new stories in batches first, then the others one by one."""
    seen, new, others = set(), [], []
    for entry in entries:
        if _is_new_story(entry, held, seen):
            seen.add(entry.guid)
            new.append(entry)
        else:
            others.append(entry)
    items = batch.new_items_prepare(new, fetcher=fetcher)
    created, rest = batch.wire_items_create(items, section=section, publish=publish, feed=feed)
    yield from zip(new, created, strict=False)
    for entry in [item.entry for item in rest] + others:
        yield (
            entry,
            _guarded(
                entry,
                wire_item_import,
                entry=entry,
                section=section,
                publish=publish,
                feed=feed,
                fetcher=fetcher,
            ),
        )


def wire_package_attach(*, package: LatePackage, fetcher=fetch.fetch_picture) -> ImportResult:
    """Add the pictures of a package that came after its story to the story held."""
    held = WireItem.objects.select_related("page").get(guid=package.story_guid)
    kept = _kept_photos(held)
    wanted = [p for photo in package.photos for p in photo.pictures if p.href not in kept]
    about = f"package of {held.guid}"
    if not package.photos:
        return ImportResult(SKIPPED, package.package.guid, f"{about}: no picture of it delivered")
    if not wanted:
        return ImportResult(UNCHANGED, package.package.guid, f"{about}: its pictures are in")
    found, warnings = pictures.pictures_fetch(wanted, base=package.package.base, fetcher=fetcher)
    if not found:
        return ImportResult(SKIPPED, package.package.guid, about, warnings)
    with transaction.atomic():
        photos = pictures.photos_save(found, fallback_title=held.headline)
        page = held.page.specific
        edited = _edited_locally(page, held)
        story = page.get_latest_revision_as_object() if edited else page
        added = list(photos.values())
        if not story.lead_image_id:
            story.lead_image = added.pop(0)
            held.picture_href = next(iter(photos))[:1000]
        story.body.extend(("photo", {"photo": p, "caption": "", "credit": ""}) for p in added)
        revision = story.save_revision(log_action=True)
        if edited:
            held.needs_review = True
            held.review_note = f"{about}: pictures added to a draft for review"[:300]
        elif page.live:
            updated_at = page.updated_at
            revision.publish()
            # Pictures added to the story are not news: "Last updated at" stays.
            ArticlePage.objects.filter(pk=page.pk).update(updated_at=updated_at)
        if not edited:
            held.wire_revision = revision
        held.picture_photos = {**held.picture_photos, **{h: p.pk for h, p in photos.items()}}
        held.save()
    where = held.review_note if edited else _page_url(page)
    return ImportResult(UPDATED, held.guid, f"{where} (pictures from {about})", warnings)


def wire_feed_poll(*, feed: WireFeed, fetcher=fetch.fetch_picture) -> list[ImportResult]:
    """Poll one configured feed and record when, how many of each, and what failed."""
    started = timezone.now()
    try:
        if not is_url(feed.source) and not in_drop_root(feed.source):
            raise WireError(f"{feed.source}: not under MASTHEAD_WIRE_DROP_ROOT, not read")
        section = feed.section or section_for()
        results = wire_source_ingest(
            source=feed.source,
            section=section,
            publish=feed.publish,
            fmt=feed.format,
            feed=feed,
            since=feed.last_polled_at,
            fetcher=fetcher,
        )
    except WireError as exc:
        results = [ImportResult(FAILED, feed.source, str(exc))]
    feed.last_polled_at = started
    feed.last_counts = dict(Counter(result.action for result in results))
    feed.last_errors = "\n".join(r.line() for r in results if r.action == FAILED or r.warnings)[
        :10000
    ]
    feed.save(update_fields=["last_polled_at", "last_counts", "last_errors"])
    return results
