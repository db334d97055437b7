"""The newsletter in the admin: subscribers (searchable, exportable as CSV) and past issues."""

from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.views.snippets import SnippetViewSet

from masthead.newsletter.models import DigestIssue, Subscriber


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
    items = (SubscriberViewSet, DigestIssueViewSet)
