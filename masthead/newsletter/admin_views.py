"""The newsletter in the admin: the next issue, subscribers (searchable, CSV) and past issues."""

import datetime
import smtplib
from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.snippets.views.snippets import SnippetViewSet

from masthead.newsletter.digest import digest_render, next_issue_date
from masthead.newsletter.editorial import digest_pick, digest_test_send, digest_unpick
from masthead.newsletter.mail import UNSUBSCRIBE_MARK
from masthead.newsletter.models import DigestIssue, DigestPick, Subscriber

# Whoever may pin and drop stories may see and test the next issue (the Newsletter editor).
EDIT_PERMISSION = "newsletter.add_digestpick"
# How far back the list of stories an editor may pin goes.
PIN_CANDIDATE_HOURS = 72
PIN_CANDIDATES = 50


def _editor_only(request) -> None:
    if not request.user.has_perm(EDIT_PERMISSION):
        raise PermissionDenied


def _issue_date(request) -> datetime.date:
    """The issue a request is about: the one named in the form, else the next one."""
    try:
        return datetime.date.fromisoformat(request.POST.get("date", ""))
    except ValueError:
        return next_issue_date(now=timezone.now())


@require_GET
def next_issue(request):
    """The next issue as it stands, the editors' pins and drops, and the test button."""
    _editor_only(request)
    from masthead.stories.models import Story

    now = timezone.now()
    date = next_issue_date(now=now)
    rendered = digest_render(date=date, now=now)
    picks = list(DigestPick.objects.for_date(date))
    teasers = _teasers(rendered, picks)
    candidates = (
        Story.objects.live()
        .filter(first_published_at__gte=now - timedelta(hours=PIN_CANDIDATE_HOURS))
        .exclude(pk__in=[t["page_id"] for t in teasers])
        .order_by("-first_published_at")
        .only("pk", "title", "first_published_at")[:PIN_CANDIDATES]
    )
    context = {
        "date": date,
        "rendered": rendered,
        "dropped": [p for p in picks if p.choice == DigestPick.Choice.DROP],
        "candidates": candidates,
        "teasers": teasers,
        "editor_email": request.user.email,
    }
    return TemplateResponse(request, "newsletter/admin/next_issue.html", context)


def _teasers(rendered, picks) -> list[dict]:
    """The issue's stories and posts, each marked if an editor pinned it."""
    if rendered is None:
        return []
    pinned = {p.page_id for p in picks if p.choice == DigestPick.Choice.PIN}
    return [
        {**t, "pinned": t["page_id"] in pinned} for t in rendered["stories"] + rendered["posts"]
    ]


@require_GET
@xframe_options_sameorigin
def next_issue_preview(request):
    """The next issue's HTML as subscribers will get it, for the preview frame."""
    _editor_only(request)
    now = timezone.now()
    rendered = digest_render(date=next_issue_date(now=now), now=now)
    if rendered is None:
        return HttpResponse("<p>Nothing was published for the next issue yet.</p>")
    return HttpResponse(rendered["html"].replace(UNSUBSCRIBE_MARK, "#"))


@require_POST
def next_issue_pick(request):
    """Pin, drop or restore one story of the next issue."""
    _editor_only(request)
    date = _issue_date(request)
    action = request.POST.get("choice", "")
    try:
        page_id = int(request.POST.get("page", ""))
    except ValueError:
        messages.error(request, "Choose a story first.")
        return redirect("newsletter-next:index")
    try:
        if action == "restore":
            digest_unpick(date=date, page_id=page_id)
        else:
            digest_pick(date=date, page_id=page_id, choice=action)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The next issue is updated.")
    return redirect("newsletter-next:index")


@require_POST
def next_issue_test(request):
    """Send the next issue as it stands to the signed-in editor's own address."""
    _editor_only(request)
    email = request.user.email
    try:
        digest_test_send(date=_issue_date(request), email=email)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except (smtplib.SMTPException, OSError) as error:
        messages.error(request, f"The mail server did not take the test copy: {error}")
    else:
        messages.success(request, f"A test copy is on its way to {email}.")
    return redirect("newsletter-next:index")


class EditorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(EDIT_PERMISSION)


class NextIssueViewSet(ViewSet):
    name = "newsletter-next"
    icon = "view"
    menu_label = "Next issue"

    @cached_property
    def menu_item_class(self):
        return EditorMenuItem

    @cached_property
    def menu_url(self):
        return reverse("newsletter-next:index")

    def get_urlpatterns(self):
        return [
            path("", next_issue, name="index"),
            path("preview/", next_issue_preview, name="preview"),
            path("pick/", next_issue_pick, name="pick"),
            path("test/", next_issue_test, name="test"),
        ]


class SubscriberViewSet(SnippetViewSet):
    model = Subscriber
    icon = "mail"
    menu_label = "Subscribers"
    search_fields = ["email"]
    # Plain SQL search: the address list is not in the site's search index.
    search_backend_name = None
    list_filter = ["state"]
    ordering = ["-created_at"]
    copy_view_enabled = False
    inspect_view_enabled = True
    list_per_page = 50
    list_display = ["email", "state", "created_at", "confirmed_at", "bounce_count"]
    list_export = [
        "email",
        "state",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
        "bounce_count",
    ]
    export_filename = "subscribers"
    panels = [FieldPanel("state")]


class DigestIssueViewSet(SnippetViewSet):
    model = DigestIssue
    icon = "doc-full"
    menu_label = "Issues"
    search_fields = ["subject"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "date",
        "subject",
        "recipients",
        "sent",
        "failed",
        "unsubscribes",
        "resends",
    ]
    panels = [FieldPanel("subject")]


class NewsletterViewSetGroup(ViewSetGroup):
    menu_label = "Newsletter"
    menu_icon = "mail"
    menu_order = 260
    items = (NextIssueViewSet, SubscriberViewSet, DigestIssueViewSet)
