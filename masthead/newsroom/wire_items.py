"""The desk's view of agency copy, read through the wire app's WireItem when it is installed.

The wire app is optional here: every function returns nothing when its model is missing,
so the desk and the editor work with or without it. Each agency version a story receives
is written to the story's history (Wagtail's audit log) as a "Wire version" entry.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils import timezone

WIRE_VERSION = "masthead.wire_version"
KILLED = "killed"  # the wire item's state once the agency withdrew the story
# Field names tried in order: the wire app's model names them, the desk only reads them.
TIME_FIELDS = ("received_at", "arrived_at", "imported_at", "created_at", "version_created")
TITLE_FIELDS = ("headline", "title")


@dataclass(frozen=True)
class WireVersion:
    title: str
    received_at: datetime | None
    source: str = ""
    version: str = ""
    state: str = ""
    story_id: int | None = None
    item_id: int | None = None

    @property
    def can_open(self) -> bool:
        """Say whether the desk may open the item as a draft: its story exists, not killed."""
        return self.item_id is not None and self.story_id is not None and self.state != KILLED

    @property
    def open_url(self) -> str:
        """Where one click opens the item: the story made from it, in the page editor."""
        if self.story_id is None:
            return ""
        return reverse("wagtailadmin_pages:edit", args=[self.story_id])

    @property
    def open_label(self) -> str:
        if self.story_id is None:
            return ""
        return "Open the draft" if self.state == "draft" else "Open in the editor"


def wire_item_model():
    try:
        return apps.get_model("wire", "WireItem")
    except LookupError:
        return None


def _field(model, names):
    present = {field.name for field in model._meta.get_fields()}
    return next((name for name in names if name in present), None)


def _story_field(model):
    """The wire item's link to the page made from it, if it has one."""
    from wagtail.models import Page

    for field in model._meta.get_fields():
        related = getattr(field, "related_model", None)
        if field.many_to_one and related is not None and issubclass(related, Page):
            return field
    return None


def _version(item, model) -> WireVersion:
    time_field, title_field = _field(model, TIME_FIELDS), _field(model, TITLE_FIELDS)
    story_field = _story_field(model)
    agency = getattr(item, "agency", None) if _field(model, ["agency"]) else None
    return WireVersion(
        title=str(getattr(item, title_field) if title_field else item),
        received_at=getattr(item, time_field) if time_field else None,
        source=str(agency) if agency else "",
        version=str(getattr(item, "version", "") or ""),
        state=str(getattr(item, "state", "") or ""),
        story_id=getattr(item, story_field.attname) if story_field else None,
        item_id=item.pk,
    )


def recent(*, hours: int = 6, limit: int = 10) -> list[WireVersion]:
    """The wire items that arrived in the last `hours`, newest first."""
    model = wire_item_model()
    if model is None:
        return []
    time_field = _field(model, TIME_FIELDS)
    items = model._default_manager.all()
    if time_field:
        since = timezone.now() - timedelta(hours=hours)
        items = items.filter(**{f"{time_field}__gte": since}).order_by(f"-{time_field}", "-pk")
    if _field(model, ["agency"]):
        items = items.select_related("agency")
    return [_version(item, model) for item in items[:limit]]


def versions_of(story) -> list[WireVersion]:
    """The agency versions a story received, newest first, from its history."""
    from wagtail.models import PageLogEntry

    entries = PageLogEntry.objects.filter(page_id=story.pk, action=WIRE_VERSION).order_by(
        "-timestamp", "-pk"
    )
    return [
        WireVersion(
            title=entry.data.get("headline", ""),
            received_at=entry.timestamp,
            source=entry.data.get("agency", ""),
            version=entry.data.get("version", ""),
            state=entry.data.get("state", ""),
            story_id=story.pk,
        )
        for entry in entries
    ]


def _log_data(item, model) -> dict:
    version = _version(item, model)
    return {
        "headline": version.title,
        "agency": version.source,
        "version": version.version,
        "state": version.state,
        "received_at": version.received_at.isoformat() if version.received_at else "",
    }


def wire_versions_log(*, items) -> None:
    """Write the first agency version of each new story into its history, in one statement.

    For wire items created in bulk (no post_save), each with its new story as `item.page`.
    """
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import PageLogEntry

    entries = []
    for item in items:
        model = type(item)
        story_field = _story_field(model)
        story = getattr(item, story_field.name) if story_field else None
        if story is None:
            continue
        entries.append(
            PageLogEntry(
                content_type=ContentType.objects.get_for_model(story, for_concrete_model=False),
                label=story.get_admin_display_title(),
                action=WIRE_VERSION,
                timestamp=timezone.now(),
                data=_log_data(item, model),
                page_id=story.pk,
            )
        )
    PageLogEntry.objects.bulk_create(entries)


def wire_version_log(*, item) -> None:
    """Write the agency version `item` holds into the history of the story made from it."""
    from wagtail.log_actions import log

    model = type(item)
    story_field = _story_field(model)
    story_id = getattr(item, story_field.attname) if story_field else None
    if story_id is None:
        return
    from wagtail.models import PageLogEntry

    data = _log_data(item, model)
    # Saving an item without a new version (a desk note, a review flag) logs nothing.
    last = (
        PageLogEntry.objects.filter(page_id=story_id, action=WIRE_VERSION)
        .order_by("-timestamp", "-pk")
        .values_list("data", flat=True)
        .first()
    )
    if last == data:
        return
    story = story_field.related_model.objects.get(pk=story_id)
    log(instance=story, action=WIRE_VERSION, user=None, data=data)


def _on_wire_item_saved(sender, instance, raw=False, **kwargs):
    """Receive post_save(sender=WireItem, instance): a new agency version was stored."""
    if not raw:
        wire_version_log(item=instance)


def connect() -> None:
    model = wire_item_model()
    if model is not None:
        post_save.connect(_on_wire_item_saved, sender=model, dispatch_uid="masthead-wire-log")


class WireOpenError(Exception):
    """The wire item cannot be opened as a draft; the message says why."""


def _can_open_in(user, page, section) -> bool:
    return (
        page.permissions_for_user(user).can_edit()
        and section.permissions_for_user(user).can_add_subpage()
        and page.specific_class.can_create_at(section)
    )


def sections_to_open_in(user) -> list:
    """The sections where `user` may add an article, in tree order."""
    from masthead.news.models import ArticlePage, SectionPage

    sections = SectionPage.objects.order_by("path")
    return [
        section
        for section in sections
        if ArticlePage.can_create_at(section)
        and section.permissions_for_user(user).can_add_subpage()
    ]


@transaction.atomic
def wire_item_open(*, item, section, user):
    """Give the story made from wire `item` to `section` as a draft; return that draft.

    A story not yet live moves there and keeps receiving the agency's updates; a live one
    stays where readers know it, and the section gets a copy of it as a new draft.
    """
    from wagtail.actions.copy_page import CopyPageAction
    from wagtail.actions.move_page import MovePageAction
    from wagtail.coreutils import find_available_slug
    from wagtail.models import Page

    if item.state == KILLED:
        raise WireOpenError("The agency withdrew this story: it cannot be opened as a draft.")
    page = item.page.specific if item.page_id else None
    if page is None:
        raise WireOpenError("This wire item has no story any more: it was deleted.")
    if not _can_open_in(user, page, section):
        raise PermissionDenied
    if page.get_parent().pk == section.pk and not page.live:
        return page
    slug = find_available_slug(section, page.slug, ignore_page_id=page.pk)
    if page.live:
        return CopyPageAction(
            page,
            to=section,
            update_attrs={"slug": slug, "updated_at": None},
            copy_revisions=False,
            keep_live=False,
            user=user,
        ).execute()
    if slug != page.slug:
        draft = page.get_latest_revision_as_object()
        draft.slug = slug
        draft.save_revision(user=user, clean=False)
        Page.objects.filter(pk=page.pk).update(slug=slug)
    MovePageAction(Page.objects.get(pk=page.pk), section, pos="last-child", user=user).execute(
        skip_permission_checks=True
    )
    return page.specific_class.objects.get(pk=page.pk)
