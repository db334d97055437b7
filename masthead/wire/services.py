"""Writes of the wire app: import one item, ingest a source, poll a feed."""

import logging
from collections import Counter

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from masthead.core import fetch
from masthead.news.models import ArticlePage, SectionPage
from masthead.wire import mapping, pictures
from masthead.wire.models import WireFeed, WireItem
from masthead.wire.packages import tie_packages
from masthead.wire.parsers import AUTO, ParseError, parse_document
from masthead.wire.parsers.base import FAIL, PACKAGE, SKIP, USABLE, WireEntry
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


def _fetch_photo(entry: WireEntry, held: WireItem | None, fetcher):
    """The lead picture: kept if the agency sends the same one, else fetched and checked."""
    picture = entry.pictures[0] if entry.pictures else None
    if picture is None:
        return None, "", []
    if held and held.page_id and held.picture_href == picture.href and held.page.lead_image_id:
        return held.page.lead_image, picture.href, []
    try:
        data = pictures.picture_bytes(picture, base=entry.base, fetcher=fetcher)
        pictures.picture_check(data)
    except pictures.PictureError as exc:
        return None, "", [f"picture not imported: {exc}"]
    return (data, picture), picture.href, []


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
    photo, picture_href, warnings = _fetch_photo(entry, held, fetcher)
    # The page is saved three times on the way to publication; index its references once.
    with transaction.atomic(), disable_reference_index_auto_update():
        if isinstance(photo, tuple):
            data, picture = photo
            photo = pictures.photo_create(data=data, picture=picture, fallback_title=entry.headline)
        agency = (feed.agency if feed else None) or mapping.agency_for(entry.agency)
        if held and held.page_id:
            result = _update(entry, held, agency=agency, photo=photo, publish=publish)
        else:
            result = _create(entry, section, agency=agency, photo=photo, publish=publish)
        page, revision, state, action, note = result
        item = held or WireItem(guid=entry.guid)
        item.feed = feed or item.feed
        item.agency = agency
        item.page = page
        item.format = entry.format[:40]
        item.version = entry.version[:50]
        item.version_created = entry.version_created
        item.content_hash = digest
        item.picture_href = (picture_href or item.picture_href)[:1000]
        item.headline = entry.headline[:255]
        item.received_at = timezone.now()
        item.state = state
        if note:
            item.needs_review, item.review_note = True, note[:300]
        else:
            item.wire_revision = revision
        item.save()
        for indexed in (page, photo):
            if indexed is not None:
                ReferenceIndex.create_or_update_for_object(indexed)
    return ImportResult(action, entry.guid, note or _page_url(page), warnings)


def _create(entry, section, *, agency, photo, publish):
    page = ArticlePage(
        title=entry.headline,
        slug=mapping.unique_slug(section, entry.headline, entry.guid),
        live=False,
        first_published_at=entry.first_created,
    )
    mapping.apply_entry(page, entry, agency=agency, photo=photo)
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


def _update(entry, held, *, agency, photo, publish):
    page = held.page.specific
    page.refresh_from_db()
    if _edited_locally(page, held):
        draft = page.get_latest_revision_as_object()
        mapping.apply_entry(draft, entry, agency=agency, photo=photo)
        draft.save_revision(log_action=True)
        version = entry.version or entry.version_created
        note = f"edited locally: agency version {version} saved as a draft for review"
        return page, None, held.state, UPDATED, note
    mapping.apply_entry(page, entry, agency=agency, photo=photo)
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
    """Ingest every item of a file, drop folder or URL; one bad item never stops the rest."""
    results, entries = [], []
    for document in read_source(source, since=since):
        if document.error:
            results.append(ImportResult(FAILED, document.name, document.error))
            continue
        try:
            entries += parse_document(
                document.data, name=document.name, base=document.base, fmt=fmt
            )
        except ParseError as exc:
            results.append(ImportResult(FAILED, document.name, str(exc)))
    entries, package_results = tie_packages(entries)
    results += package_results
    for entry in entries:
        try:
            results.append(
                wire_item_import(
                    entry=entry, section=section, publish=publish, feed=feed, fetcher=fetcher
                )
            )
        except Exception as exc:  # one item's surprise must not stop the delivery
            logger.exception("wire item %s failed", entry.guid)
            results.append(ImportResult(FAILED, entry.guid, f"{type(exc).__name__}: {exc}"))
    return results


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
