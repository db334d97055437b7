"""The wire in the admin: feeds to configure, and items with their state and review flag."""

from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from masthead.wire.models import WireFeed, WireItem


class WireFeedViewSet(ModelViewSet):
    model = WireFeed
    icon = "site"
    menu_label = "Feeds"
    url_prefix = "wire/feeds"
    list_display = [
        "name",
        "source",
        "format",
        "section",
        DateColumn("last_polled_at", label="Last poll"),
        Column("counts_summary", label="Last counts"),
        Column("last_errors", label="Last errors"),
    ]
    list_filter = ["active", "format"]
    search_fields = ["name", "source"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "name",
        "source",
        "format",
        "agency",
        "section",
        "publish",
        "poll_minutes",
        "active",
        "last_polled_at",
        "last_counts",
        "last_errors",
    ]
    copy_view_enabled = False


class ItemsArriveFromFeeds(ModelPermissionPolicy):
    """Wire items are made by the wire, never by hand: no "add" for anyone."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(WireItem, ItemsArriveFromFeeds(WireItem))


class WireItemViewSet(ModelViewSet):
    model = WireItem
    icon = "doc-full"
    menu_label = "Items"
    url_prefix = "wire/items"
    list_display = [
        "headline",
        "guid",
        "version",
        "state",
        BooleanColumn("needs_review", label="Awaits review"),
        DateColumn("received_at", label="Arrived"),
    ]
    list_filter = ["needs_review", "state", "feed"]
    search_fields = ["headline", "guid"]
    inspect_view_enabled = True
    copy_view_enabled = False


class WireViewSetGroup(ModelViewSetGroup):
    items = (WireFeedViewSet, WireItemViewSet)
    menu_label = "Wire"
    menu_icon = "site"
    menu_name = "wire"


@hooks.register("register_admin_viewset")
def register_wire_viewsets():
    return WireViewSetGroup()
