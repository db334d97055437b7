"""A story's publishing schedule in words an editor reads at a glance.

Stock Wagtail applies a go-live or unpublish time only once the version carrying it is
published; until then the time sits in the draft and does nothing. These notices say which
times are in effect and which are not yet.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.dateformat import format as date_format

WHEN_FORMAT = "D j M Y, H:i T"


@dataclass(frozen=True)
class Notice:
    level: str  # "info": in effect; "warning": set in the draft but not in effect yet
    text: str


def when(moment: datetime) -> str:
    """Format a schedule time in the admin's time zone, with the zone shown."""
    return date_format(timezone.localtime(moment), WHEN_FORMAT)


def same_time(one: datetime | None, other: datetime | None) -> bool:
    """Compare schedule times as the editor sets them: revisions keep milliseconds at most."""
    if one is None or other is None:
        return one is other
    return abs(one - other) < timedelta(seconds=1)


def schedule_notices(
    *,
    live: bool,
    approved_go_live_at: datetime | None,
    live_expire_at: datetime | None,
    draft_go_live_at: datetime | None = None,
    draft_expire_at: datetime | None = None,
    now: datetime | None = None,
) -> list[Notice]:
    """Describe what will happen to a story, and what is set but waits for publication."""
    now = now or timezone.now()
    notices = []
    if approved_go_live_at:
        text = f"Scheduled: this version goes live at {when(approved_go_live_at)}."
        if live:
            text += " The live version stays until then."
        notices.append(Notice("info", text))
    if (
        draft_go_live_at
        and draft_go_live_at > now
        and not same_time(draft_go_live_at, approved_go_live_at)
    ):
        notices.append(
            Notice(
                "warning",
                f"Go-live at {when(draft_go_live_at)} is set but not scheduled: it takes effect "
                "only when this version is published (Publish, or an editor's approval).",
            )
        )
    if live and live_expire_at and live_expire_at > now:
        notices.append(Notice("info", f"Scheduled: unpublishes at {when(live_expire_at)}."))
    if draft_expire_at and draft_expire_at > now and not same_time(draft_expire_at, live_expire_at):
        notices.append(
            Notice(
                "warning",
                f"Unpublish at {when(draft_expire_at)} is set but not scheduled: it takes "
                "effect only when this version is published.",
            )
        )
    return notices


def listing_notices(page) -> list[Notice]:
    """Notices for a listing row; `page` carries the `approved_go_live_at` annotation.

    A live page's row holds the live version's times; a draft's row holds the draft's.
    """
    return schedule_notices(
        live=page.live,
        approved_go_live_at=getattr(page, "approved_go_live_at", None),
        live_expire_at=page.expire_at if page.live else None,
        draft_go_live_at=None if page.live else page.go_live_at,
        draft_expire_at=None if page.live else page.expire_at,
    )


def editor_notices(page) -> list[Notice]:
    """Notices for the page editor, where `page` is the latest version, perhaps a draft."""
    from wagtail.models import Page, Revision

    if not page.pk:
        return schedule_notices(
            live=False,
            approved_go_live_at=None,
            live_expire_at=None,
            draft_go_live_at=page.go_live_at,
            draft_expire_at=page.expire_at,
        )
    approved = (
        Revision.page_revisions.filter(object_id=str(page.pk), approved_go_live_at__isnull=False)
        .values_list("approved_go_live_at", flat=True)
        .first()
    )
    live_expire_at = (
        Page.objects.filter(pk=page.pk).values_list("expire_at", flat=True).first()
        if page.live
        else None
    )
    return schedule_notices(
        live=page.live,
        approved_go_live_at=approved,
        live_expire_at=live_expire_at,
        draft_go_live_at=page.go_live_at,
        draft_expire_at=page.expire_at,
    )
