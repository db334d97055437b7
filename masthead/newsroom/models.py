"""A reporter's sections: each section desk is a Wagtail group with page rights on one section.

The roles themselves live in roles.py; Django sends post_migrate here because this module
exists.
"""

from django.contrib.auth.models import Group
from django.db import models


class SectionDesk(models.Model):
    """The reporters who write in one section (or blog) and the sections below it.

    Its group holds Wagtail's "add" and "change" page permissions on the section; the
    reporters are the group's members. `section_desk_save` keeps the two in step.
    """

    section = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="section_desk",
        help_text="Reporters may write in this section and in the sections below it.",
    )
    group = models.OneToOneField(
        Group, on_delete=models.CASCADE, related_name="section_desk", editable=False
    )

    class Meta:
        ordering = ["section__path"]
        verbose_name = "reporters' section"
        verbose_name_plural = "reporters' sections"

    def __str__(self) -> str:
        return self.section.title

    @property
    def reporter_names(self) -> str:
        return ", ".join(user.get_full_name() or user.get_username() for user in self.reporters)

    @property
    def reporters(self) -> list:
        return sorted(self.group.user_set.all(), key=lambda user: user.get_username())
