"""The desk's view of agency copy, read through the wire app's WireItem when it is installed.

The wire app is optional here: every function returns nothing when its model is missing,
so the desk and the editor work with or without it. Each agency version a story receives
is written to the story's history (Wagtail's audit log) as a "Wire version" entry.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.apps import apps
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils import timezone

WIRE_VERSION = "masthead.wire_version"
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


def wire_version_log(*, item) -> None:
    """Write the agency version `item` holds into the history of the story made from it."""
    from wagtail.log_actions import log

    model = type(item)
    story_field = _story_field(model)
    story_id = getattr(item, story_field.attname) if story_field else None
    if story_id is None:
        return
    from wagtail.models import PageLogEntry

    version = _version(item, model)
    data = {
        "headline": version.title,
        "agency": version.source,
        "version": version.version,
        "state": version.state,
        "received_at": version.received_at.isoformat() if version.received_at else "",
    }
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
