"""Reporters' sections: where each reporter may write, assigned by an editor in the admin.

The Reporter role carries no page rights of its own. Each section (or blog) a reporter is
assigned to has a group, "Reporters: World", holding Wagtail's "add" and "change" page
permissions on that section, so its members write and submit stories there and in the
sections below it, and nowhere else. Editors assign reporters under "Reporters' sections"
in the admin menu; administrators see the same groups under Settings > Groups.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.signals import page_published

from masthead.newsroom import roles
from masthead.newsroom.models import SectionDesk

SECTION_RIGHTS = ["add_page", "change_page"]
GROUP_PREFIX = "Reporters: "
# Group names are at most 150 characters; a long section title is cut to fit.
TITLE_ROOM = 120


def desk_page_types() -> tuple:
    """The page types stories are filed under: sections and blogs."""
    from masthead.blogs.models import BlogIndexPage
    from masthead.news.models import SectionPage

    return (SectionPage, BlogIndexPage)


def desk_sections():
    """The pages a reporters' desk can be for: sections and blogs, in tree order."""
    from wagtail.models import Page

    return Page.objects.type(*desk_page_types()).order_by("path")


def section_label(page) -> str:
    """A section's title, indented under its parent: sections sit below the home page."""
    return "— " * max(page.depth - 3, 0) + page.title


def person_label(user) -> str:
    name = user.get_full_name()
    return f"{name} ({user.get_username()})" if name else user.get_username()


def reporters():
    """The active members of the Reporter role, the people a desk can hold."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=roles.REPORTER)
        .distinct()
        .order_by("username")
    )


def _group_name(section) -> str:
    name = f"{GROUP_PREFIX}{section.title[:TITLE_ROOM]}"
    taken = Group.objects.filter(name=name).exclude(section_desk__section=section).exists()
    return f"{name} ({section.pk})" if taken else name


@transaction.atomic
def section_desk_save(*, section, reporters) -> SectionDesk:
    """Let exactly `reporters` write in `section` and below it; return the section's desk."""
    from wagtail.models import GroupPagePermission

    desk = SectionDesk.objects.select_related("group").filter(section=section).first()
    if desk is None:
        group = Group.objects.create(name=_group_name(section))
        desk = SectionDesk.objects.create(section=section, group=group)
    else:
        _group_follow(desk, section)
    rights = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=SECTION_RIGHTS
    )
    for permission in rights:
        GroupPagePermission.objects.get_or_create(
            group=desk.group, page=section, permission=permission
        )
    desk.group.user_set.set(reporters)
    return desk


def _group_follow(desk: SectionDesk, section) -> None:
    """Rename the desk's group after its section, if the section was renamed since."""
    name = _group_name(section)
    if desk.group.name != name:
        desk.group.name = name
        desk.group.save(update_fields=["name"])


def _on_page_published(sender, instance, **kwargs):
    """Receive page_published(sender=page class, instance=page): a section may be renamed."""
    if sender in desk_page_types():
        desk = SectionDesk.objects.select_related("group").filter(section_id=instance.pk).first()
        if desk is not None:
            _group_follow(desk, instance)


def _on_desk_deleted(sender, instance, **kwargs):
    """Receive post_delete(sender=SectionDesk, instance): its group and rights go with it."""
    Group.objects.filter(pk=instance.group_id).delete()


def connect() -> None:
    post_delete.connect(_on_desk_deleted, sender=SectionDesk, dispatch_uid="masthead-desk-gone")
    page_published.connect(_on_page_published, dispatch_uid="masthead-desk-section-renamed")


class SectionDeskForm(WagtailAdminModelForm):
    """Pick a section and tick its reporters; the section stays fixed once it has a desk."""

    reporters = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Members of the Reporter role. Untick a reporter to take the section away.",
    )

    class Meta:
        model = SectionDesk
        fields = ["section"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reporters"].queryset = reporters()
        section = self.fields["section"]
        section.queryset = desk_sections()
        section.label_from_instance = section_label
        self.fields["reporters"].label_from_instance = person_label
        if self.instance.pk:
            section.disabled = True
            self.initial["reporters"] = list(self.instance.group.user_set.all())
        else:
            section.queryset = section.queryset.filter(section_desk__isnull=True)

    def save(self, commit=True):
        self.instance = section_desk_save(
            section=self.cleaned_data["section"], reporters=self.cleaned_data["reporters"]
        )
        return self.instance


class SectionDeskIndexView(IndexView):
    def get_base_queryset(self):
        desks = super().get_base_queryset().select_related("section")
        return desks.prefetch_related("group__user_set")


class SectionDeskViewSet(ModelViewSet):
    """ "Reporters' sections" in the admin menu: which reporters write in which section."""

    model = SectionDesk
    icon = "group"
    menu_label = "Reporters' sections"
    menu_order = 160
    add_to_admin_menu = True
    url_prefix = "newsroom/sections"
    index_view_class = SectionDeskIndexView
    list_display = ["section", Column("reporters", label="Reporters", accessor="reporter_names")]
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_form_class(self, for_update=False):
        return SectionDeskForm
