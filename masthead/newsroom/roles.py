"""The newsroom's roles as Wagtail groups, created or brought up to date on every migrate."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

# Page permissions on the whole tree, by role.
PAGE_PERMISSIONS = {
    "Reporter": ["add_page", "change_page"],
    "Editor": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    "Moderator": [],
}
# Model permissions "app_label.codename", by role; every role can open the admin.
MODEL_PERMISSIONS = {
    "Reporter": ["wagtailadmin.access_admin"],
    "Editor": [
        "wagtailadmin.access_admin",
        "bylines.add_author",
        "bylines.change_author",
        "bylines.add_agency",
        "bylines.change_agency",
    ],
    "Moderator": ["wagtailadmin.access_admin"],
}
PHOTO_PERMISSIONS = {
    "Reporter": ["add_photo", "choose_image"],
    "Editor": ["add_photo", "change_photo", "choose_image"],
    "Moderator": [],
}


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def roles_ensure() -> list[Group]:
    """Create the Reporter, Editor and Moderator groups with their permissions."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    # Wagtail's stock "Editors" and "Moderators" would read as our roles but mean others.
    Group.objects.filter(name__in=["Editors", "Moderators"], user__isnull=True).delete()
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    groups = []
    for name in PAGE_PERMISSIONS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*[_permission(p) for p in MODEL_PERMISSIONS[name]])
        if root_page is not None:
            for codename in PAGE_PERMISSIONS[name]:
                GroupPagePermission.objects.get_or_create(
                    group=group,
                    page=root_page,
                    permission=_permission(f"wagtailcore.{codename}"),
                )
        if root_collection is not None:
            for codename in PHOTO_PERMISSIONS[name]:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=_permission(f"photos.{codename}"),
                )
        groups.append(group)
    return groups
