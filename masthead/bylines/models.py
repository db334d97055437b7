from django.db import models
from django.urls import reverse
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Agency(index.Indexed, models.Model):
    """A wire service or photo agency credited on stories and pictures."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=50, blank=True, help_text='As in "By LWS".')
    slug = models.SlugField(max_length=100, unique=True)
    website = models.URLField(blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("slug"),
        FieldPanel("website"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self):
        return self.name

    @property
    def credit_name(self) -> str:
        return self.name

    def get_absolute_url(self):
        return reverse("bylines:agency", args=[self.slug])


class Author(index.Indexed, models.Model):
    """A reporter, columnist or contributor with a public page listing their work."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    role = models.CharField(max_length=200, blank=True, help_text="e.g. Political correspondent")
    bio = models.TextField(blank=True)
    photo = models.ForeignKey(
        "photos.Photo", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user = models.OneToOneField(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
        help_text="The newsroom account of this author, if any.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("bio"),
        FieldPanel("photo"),
        FieldPanel("user"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("bylines:author", args=[self.slug])
