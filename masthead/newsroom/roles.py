"""The newsroom's roles as Wagtail groups, and the review workflow, ensured on every migrate.

Reporter: writes drafts in their sections and submits them for review (the sections are
page permissions an editor assigns, in sections.py). Editor: reviews, publishes, schedules,
unpublishes, edits wire copy, assigns reporters to sections. Moderator: comments only.
Newsletter editor: the digest and its subscribers. Administrator: everything, users included.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

REPORTER = "Reporter"
EDITOR = "Editor"
MODERATOR = "Moderator"
NEWSLETTER_EDITOR = "Newsletter editor"
ADMINISTRATOR = "Administrator"

# Page permissions on the whole tree, by role. A reporter's come from their sections.
EDITING = ["add_page", "change_page"]
PUBLISHING = [*EDITING, "publish_page", "lock_page", "unlock_page"]
PAGE_PERMISSIONS = {
    REPORTER: [],
    EDITOR: PUBLISHING,
    MODERATOR: [],
    NEWSLETTER_EDITOR: [],
    ADMINISTRATOR: [*PUBLISHING, "bulk_delete_page"],
}
# Model permissions "app_label.codename", by role; every role can open the admin.
MODEL_PERMISSIONS = {
    REPORTER: ["wagtailadmin.access_admin"],
    EDITOR: [
        "wagtailadmin.access_admin",
        "bylines.add_author",
        "bylines.change_author",
        "bylines.add_agency",
        "bylines.change_agency",
        # Pinning a story to the top or keeping one out of the top stories.
        "votes.add_topstoryoverride",
        "votes.change_topstoryoverride",
        "votes.delete_topstoryoverride",
        "votes.view_topstoryoverride",
    ],
    MODERATOR: ["wagtailadmin.access_admin"],
    NEWSLETTER_EDITOR: ["wagtailadmin.access_admin"],
    ADMINISTRATOR: [],  # every permission, below
}
# Apps whose every model permission a role holds, once the app has models: apps built
# after this module (comments, wire, the newsletter) are picked up on the next migrate.
APP_PERMISSIONS = {
    REPORTER: [],
    EDITOR: ["wire", "newsroom"],
    MODERATOR: ["comments"],
    NEWSLETTER_EDITOR: ["newsletter", "digest", "subscribers"],
    ADMINISTRATOR: [],
}
# Permissions on the root collection of photos and documents.
COLLECTION_PERMISSIONS = {
    REPORTER: ["photos.add_photo", "photos.choose_image", "wagtaildocs.choose_document"],
    EDITOR: [
        "photos.add_photo",
        "photos.change_photo",
        "photos.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ],
    MODERATOR: [],
    NEWSLETTER_EDITOR: ["photos.choose_image"],
    ADMINISTRATOR: [
        "photos.add_photo",
        "photos.change_photo",
        "photos.delete_photo",
        "photos.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.delete_document",
        "wagtaildocs.choose_document",
    ],
}
# Whole-tree rights a role held in an earlier release and no longer does.
RETIRED_PAGE_PERMISSIONS = {REPORTER: EDITING}
REVIEW_WORKFLOW = "Review"
REVIEW_TASK = "Editor review"
# What Wagtail's own migrations install; its group is one roles_ensure removes.
STOCK_WORKFLOW = "Moderators approval"


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _model_permissions(role: str):
    if role == ADMINISTRATOR:
        return list(Permission.objects.all())
    by_app = Permission.objects.filter(content_type__app_label__in=APP_PERMISSIONS[role])
    return [_permission(p) for p in MODEL_PERMISSIONS[role]] + list(by_app)


@transaction.atomic
def roles_ensure() -> list[Group]:
    """Create or complete the five newsroom groups and the review workflow."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    # Wagtail's stock "Editors" and "Moderators" would read as our roles but mean others.
    Group.objects.filter(name__in=["Editors", "Moderators"], user__isnull=True).delete()
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    groups = {}
    for name in PAGE_PERMISSIONS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*_model_permissions(name))
        if root_page is not None:
            GroupPagePermission.objects.filter(
                group=group,
                page=root_page,
                permission__codename__in=RETIRED_PAGE_PERMISSIONS.get(name, []),
            ).delete()
            for codename in PAGE_PERMISSIONS[name]:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=_permission(f"wagtailcore.{codename}")
                )
        if root_collection is not None:
            for dotted in COLLECTION_PERMISSIONS[name]:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=_permission(dotted)
                )
        groups[name] = group
    if root_page is not None:
        review_workflow_ensure(reviewers=[groups[EDITOR], groups[ADMINISTRATOR]], root=root_page)
    return list(groups.values())


def review_workflow_ensure(*, reviewers: list[Group], root):
    """Make "Review" (one task: an editor approves) the workflow of the whole page tree.

    The tree keeps any workflow an administrator chose; only the stock one is replaced.
    """
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

    task, _ = GroupApprovalTask.objects.get_or_create(name=REVIEW_TASK)
    task.groups.add(*reviewers)
    workflow, _ = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    assigned = WorkflowPage.objects.filter(page=root).select_related("workflow").first()
    if assigned is None or assigned.workflow.name == STOCK_WORKFLOW:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    for stock in Workflow.objects.filter(name=STOCK_WORKFLOW, active=True):
        if not stock.workflow_pages.exists() and not stock.workflow_states.active().exists():
            stock.active = False
            stock.save(update_fields=["active"])
    return workflow
