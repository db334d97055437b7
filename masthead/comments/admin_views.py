"""The moderation queue in the Wagtail admin: listing, bulk actions, dashboard, reader data."""

import json
from dataclasses import dataclass

import django_filters
from django import forms
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from masthead.comments.models import Comment
from masthead.comments.services import (
    comments_delete,
    comments_erase,
    comments_export,
    comments_moderate,
)


class CommentPermissionPolicy(ModelPermissionPolicy):
    """Comments come only from readers: nobody adds or copies one in the admin."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class CommentFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(choices=Comment.Status.choices, label="Status")
    article = django_filters.CharFilter(
        field_name="story__title", lookup_expr="icontains", label="Article title contains"
    )
    story = django_filters.NumberFilter(field_name="story_id", label="Article ID")
    proof_of_work = django_filters.BooleanFilter(label="Sent with the proof of work")

    class Meta:
        model = Comment
        fields = ["status", "article", "story", "proof_of_work"]


class StoryColumn(Column):
    """The article, linked to the queue filtered to it."""

    def get_value(self, instance):
        url = reverse("wagtailsnippets_comments_comment:list") + f"?story={instance.story_id}"
        return format_html('<a href="{}">{}</a>', url, instance.story.title)


class StatusColumn(Column):
    def get_value(self, instance):
        reasons = (
            f" ({instance.spam_score}: {instance.spam_reasons})" if instance.spam_reasons else ""
        )
        return f"{instance.get_status_display()}{reasons}"


class CommentIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("story", "moderated_by")

    @property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            Button("A reader's comments", url=reverse("comments_reader_data"), icon_name="user"),
        ]


class CommentViewSet(SnippetViewSet):
    model = Comment
    icon = "comment"
    menu_label = "Comments"
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = CommentIndexView
    filterset_class = CommentFilterSet
    search_fields = ["body", "name", "email"]
    ordering = ["-created_at"]
    copy_view_enabled = False
    inspect_view_enabled = True
    list_per_page = 50
    list_display = [
        "__str__",
        StoryColumn("story", label="Article"),
        StatusColumn("status", label="Status"),
        DateColumn("created_at", label="Sent"),
        Column("moderated_by", label="Moderated by"),
    ]
    panels = [FieldPanel("name"), FieldPanel("email"), FieldPanel("body")]


@dataclass(frozen=True, kw_only=True)
class ModerationAction:
    """One button of the queue's bulk actions: set a status, or delete when it has none."""

    action_type: str
    display_name: str
    aria_label: str
    priority: int
    status: str = ""
    permission: str = "change"
    serious: bool = False


MODERATION_ACTIONS = (
    ModerationAction(
        action_type="approve",
        display_name="Approve",
        aria_label="Approve the selected comments",
        priority=10,
        status=Comment.Status.PUBLISHED,
    ),
    ModerationAction(
        action_type="reject",
        display_name="Reject",
        aria_label="Reject the selected comments",
        priority=20,
        status=Comment.Status.REJECTED,
    ),
    ModerationAction(
        action_type="spam",
        display_name="Mark as spam",
        aria_label="Mark the selected comments as spam",
        priority=25,
        status=Comment.Status.SPAM,
    ),
    ModerationAction(
        action_type="delete",
        display_name="Delete",
        aria_label="Delete the selected comments",
        priority=30,
        permission="delete",
        serious=True,
    ),
)


class CommentBulkAction(BulkAction):
    """The confirmation page and the change for one moderation action, as `moderation` says.

    Wagtail registers one class per action type, so `for_action` names one per button.
    """

    models = [Comment]
    template_name = "comments/admin/confirm_bulk_action.html"
    moderation: ModerationAction

    @classmethod
    def for_action(cls, moderation: ModerationAction) -> type["CommentBulkAction"]:
        return type(
            f"{moderation.action_type.title()}CommentsBulkAction",
            (cls,),
            {
                "moderation": moderation,
                "action_type": moderation.action_type,
                "display_name": moderation.display_name,
                "aria_label": moderation.aria_label,
                "action_priority": moderation.priority,
                "classes": {"serious"} if moderation.serious else set(),
            },
        )

    @classmethod
    def get_queryset(cls, model, object_ids):
        return list(model.objects.filter(pk__in=object_ids).select_related("story"))

    def check_perm(self, obj):
        return self.request.user.has_perm(f"comments.{self.moderation.permission}_comment")

    def object_context(self, obj):
        return {"item": obj, "edit_url": None}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action": self}

    def get_execution_context(self):
        return {"user": self.request.user, "moderation": self.moderation}

    @classmethod
    def execute_action(cls, objects, user=None, moderation=None, **kwargs):
        if moderation.status:
            return comments_moderate(comments=objects, status=moderation.status, user=user), 0
        return comments_delete(comments=objects, user=user), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return f"{num_parent_objects} comment(s): {self.display_name.lower()} done."


BULK_ACTIONS = [CommentBulkAction.for_action(action) for action in MODERATION_ACTIONS]


class PendingCommentsSummaryItem(SummaryItem):
    """The dashboard summary's count of comments waiting for a moderator, linked to them.

    (The newsroom desk lists the oldest of them in a panel of its own.)
    """

    order = 150
    template_name = "comments/admin/summary_item.html"

    def get_context_data(self, parent_context):
        listing = reverse("wagtailsnippets_comments_comment:list")
        return {
            "pending": Comment.objects.awaiting_moderation().count(),
            "spam": Comment.objects.held_as_spam().count(),
            "pending_url": f"{listing}?status=pending",
            "spam_url": f"{listing}?status=spam",
        }

    def is_shown(self):
        return self.request.user.has_perm("comments.change_comment")


class ReaderForm(forms.Form):
    email = forms.EmailField(label="The reader's e-mail address")
    confirm = forms.BooleanField(
        required=False, label="Yes, erase every comment sent with this address"
    )


@permission_required("comments.delete_comment", raise_exception=True)
def reader_data(request):
    """Export or erase every comment sent with one e-mail address."""
    form = ReaderForm(request.POST or None)
    found = None
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if "export" in request.POST:
            data = json.dumps(comments_export(email=email), indent=2, ensure_ascii=False)
            response = HttpResponse(data, content_type="application/json; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="comments-export.json"'
            return response
        if "erase" in request.POST:
            if form.cleaned_data["confirm"]:
                erased = comments_erase(email=email, user=request.user)
                messages.success(request, f"{erased} comment(s) erased.")
                form = ReaderForm()
            else:
                messages.error(request, "Tick the box to confirm the erasure.")
        found = Comment.objects.by_email(email).count()
    return render(request, "comments/admin/reader_data.html", {"form": form, "found": found})
