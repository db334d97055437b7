"""The desk on the admin dashboard, and the "Stories" listing in the admin menu."""

from django.conf import settings
from django.middleware.csrf import get_token
from django.urls import path
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.log_actions import LogFormatter

from masthead.newsroom import desk, roles, views, wire_items
from masthead.newsroom.listing import StoryListingViewSet
from masthead.newsroom.sections import SectionDeskViewSet, section_label

NEWSLETTER_APPS = ("newsletter", "digest")


def can_work_on_stories(user) -> bool:
    from wagtail.models import Page
    from wagtail.permissions import policy_registry

    policy = policy_registry.get_by_type(Page)
    return policy.user_has_any_permission(user, {"add", "change", "publish"})


def works_on_the_newsletter(user) -> bool:
    # Until the newsletter app has models (and permissions), the role is the group.
    return user.groups.filter(name=roles.NEWSLETTER_EDITOR).exists() or any(
        user.has_module_perms(label) for label in NEWSLETTER_APPS
    )


class DeskPanel(Component):
    """One panel of the desk: a heading, and what `rows` returns for the template."""

    name = ""
    heading = ""
    order = 50

    def rows(self, request) -> dict:
        raise NotImplementedError

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        return {"panel": self, "request": request, **self.rows(request)}


class TodayPanel(DeskPanel):
    name = "desk_today"
    heading = "Today"
    template_name = "newsroom/desk/today.html"
    order = 10

    def rows(self, request):
        return {
            "published": desk.published_today(),
            "scheduled": desk.scheduled(),
            "unpublishing": desk.unpublishing(),
        }


class ReviewPanel(DeskPanel):
    name = "desk_review"
    heading = "Drafts awaiting review"
    template_name = "newsroom/desk/review.html"
    order = 20

    def rows(self, request):
        return {"stories": desk.awaiting_review()}


class WirePanel(DeskPanel):
    name = "desk_wire"
    template_name = "newsroom/desk/wire.html"
    order = 30

    @property
    def heading(self):
        return f"Wire: the last {settings.MASTHEAD_DESK_WIRE_HOURS} hours"

    def rows(self, request):
        items = wire_items.recent(hours=settings.MASTHEAD_DESK_WIRE_HOURS)
        # Opening wire copy is an editor's job ("edits wire copy"); reporters see the list.
        openable = request.user.has_perm("wire.change_wireitem") and any(
            item.can_open for item in items
        )
        return {
            "items": items,
            "sections": [
                (section.pk, section_label(section))
                for section in (wire_items.sections_to_open_in(request.user) if openable else [])
            ],
            # Panels render without the request's context: the form needs its token.
            "csrf_token": get_token(request),
        }


class CommentsPanel(DeskPanel):
    name = "desk_comments"
    heading = "Comments awaiting moderation"
    template_name = "newsroom/desk/comments.html"
    order = 40

    def rows(self, request):
        count, comments = desk.comments_awaiting_moderation()
        return {"count": count, "comments": comments}


class DigestPreviewPanel(DeskPanel):
    name = "desk_digest"
    heading = "Next digest (preview)"
    template_name = "newsroom/desk/digest.html"
    order = 60

    def rows(self, request):
        return desk.digest_preview()


@hooks.register("construct_homepage_panels")
def add_desk_panels(request, panels):
    user = request.user
    on_stories = can_work_on_stories(user)
    if on_stories:
        panels.extend([TodayPanel(), ReviewPanel()])
        if wire_items.wire_item_model() is not None:
            panels.append(WirePanel())
    if user.has_perm("comments.change_comment"):
        panels.append(CommentsPanel())
    if on_stories or works_on_the_newsletter(user):
        panels.append(DigestPreviewPanel())


@hooks.register("register_admin_urls")
def register_wire_open_url():
    if wire_items.wire_item_model() is None:
        return []
    return [
        path(
            "newsroom/wire/<int:item_id>/open/",
            views.wire_item_open,
            name="newsroom_wire_open",
        )
    ]


@hooks.register("register_admin_viewset")
def register_story_listing():
    return StoryListingViewSet()


@hooks.register("register_admin_viewset")
def register_section_desks():
    return SectionDeskViewSet()


@hooks.register("register_log_actions")
def register_wire_version_action(actions):
    @actions.register_action(wire_items.WIRE_VERSION)
    class WireVersionReceived(LogFormatter):
        label = "Wire version received"

        def format_message(self, log_entry):
            data = log_entry.data
            source = f" from {data['agency']}" if data.get("agency") else ""
            version = f" (version {data['version']})" if data.get("version") else ""
            return f"Agency copy received{source}{version}: “{data.get('headline', '')}”"
