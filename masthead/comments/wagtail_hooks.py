from django.urls import path
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from masthead.comments import admin_views
from masthead.comments.models import Comment
from masthead.comments.signals import story_changed

register_permission_policy(Comment, admin_views.CommentPermissionPolicy(Comment), exact_class=True)
register_snippet(admin_views.CommentViewSet)

for action in admin_views.BULK_ACTIONS:
    # "delete" comes later than Wagtail's own snippet delete, which it replaces for comments.
    order = 100 if action.action_type == "delete" else 0
    hooks.register("register_bulk_action", action, order=order)


@hooks.register("construct_homepage_summary_items")
def add_pending_comments_count(request, items):
    items.append(admin_views.PendingCommentsSummaryItem(request))


@hooks.register("register_admin_urls")
def reader_data_urls():
    return [path("comments/reader/", admin_views.reader_data, name="comments_reader_data")]


@hooks.register("register_log_actions")
def comment_log_actions(actions):
    actions.register_action("masthead.comment.approve", "Approve comment", "Approved")
    actions.register_action("masthead.comment.reject", "Reject comment", "Rejected")
    actions.register_action("masthead.comment.spam", "Mark comment as spam", "Marked as spam")
    actions.register_action(
        "masthead.comment.erase", "Erase comment", "Erased at the reader's request"
    )


def _published_text_changed(request, instance):
    # An edit in the admin may change what the public page shows.
    if isinstance(instance, Comment) and instance.is_published:
        story_changed(instance.story)


@hooks.register("after_edit_snippet")
def comment_edited(request, instance):
    _published_text_changed(request, instance)


@hooks.register("after_delete_snippet")
def comments_deleted(request, instances):
    for instance in instances:
        _published_text_changed(request, instance)
