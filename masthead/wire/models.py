from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from masthead.wire.parsers import AUTO, FORMAT_CHOICES
from masthead.wire.sources import in_drop_root


def validate_source(value: str) -> None:
    """Accept an http(s) URL or an absolute folder path on the server."""
    parts = urlsplit(value)
    if parts.scheme in {"http", "https"} and parts.netloc:
        return
    if value.startswith("/") and not parts.scheme:
        if in_drop_root(value):
            return
        raise ValidationError(
            f"A drop folder must be inside {settings.MASTHEAD_WIRE_DROP_ROOT} "
            "(the MASTHEAD_WIRE_DROP_ROOT setting)."
        )
    raise ValidationError("Give an http:// or https:// URL, or an absolute folder path.")


class WireFeedQuerySet(models.QuerySet):
    def due(self, now=None):
        """Active feeds whose poll interval has passed since their last poll."""
        now = now or timezone.now()
        # Feeds are few; interval arithmetic in Python works the same on every database.
        due = [
            pk
            for pk, polled, minutes in self.filter(active=True).values_list(
                "pk", "last_polled_at", "poll_minutes"
            )
            if polled is None or polled + timedelta(minutes=minutes) <= now
        ]
        return self.filter(pk__in=due)


class WireFeed(models.Model):
    """An agency's feed or drop folder, polled by the background worker."""

    name = models.CharField(max_length=200)
    source = models.CharField(
        max_length=1000,
        validators=[validate_source],
        help_text="The feed's URL, or the folder on the server where the agency drops files.",
    )
    format = models.CharField(max_length=20, choices=FORMAT_CHOICES, default=AUTO)
    agency = models.ForeignKey(
        "bylines.Agency",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Credit this agency on every item; leave empty to take it from each item.",
    )
    section = models.ForeignKey(
        "news.SectionPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Where the feed's stories go; leave empty for the default wire section.",
    )
    publish = models.BooleanField(
        default=True, help_text="Publish stories directly; untick to leave drafts for an editor."
    )
    poll_minutes = models.PositiveIntegerField(
        "poll interval (minutes)", default=15, validators=[MinValueValidator(1)]
    )
    active = models.BooleanField(default=True)
    last_polled_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_counts = models.JSONField(default=dict, blank=True, editable=False)
    last_errors = models.TextField(blank=True, editable=False)

    objects = WireFeedQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("source"),
        FieldPanel("format"),
        MultiFieldPanel(
            [FieldPanel("agency"), FieldPanel("section"), FieldPanel("publish")],
            heading="Where stories go",
        ),
        FieldPanel("poll_minutes"),
        FieldPanel("active"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def counts_summary(self) -> str:
        return ", ".join(f"{n} {action}" for action, n in sorted(self.last_counts.items()))


class WireItemQuerySet(models.QuerySet):
    def awaiting_review(self):
        """Items whose agency update waits as a draft because an editor changed the story."""
        return self.filter(needs_review=True)


class WireItem(models.Model):
    """One story from an agency, the version the site holds and the page it became."""

    class State(models.TextChoices):
        PUBLISHED = "published"
        DRAFT = "draft"
        SCHEDULED = "scheduled", "scheduled (embargoed)"
        KILLED = "killed", "killed (withdrawn by the agency)"

    guid = models.CharField("agency identifier", max_length=500, unique=True)
    feed = models.ForeignKey(
        WireFeed, null=True, blank=True, on_delete=models.SET_NULL, related_name="items"
    )
    agency = models.ForeignKey(
        "bylines.Agency", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    page = models.ForeignKey(
        "news.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="wire_items",
    )
    headline = models.CharField(max_length=255, blank=True)
    format = models.CharField(max_length=40, blank=True)
    version = models.CharField(max_length=50, blank=True)
    version_created = models.DateTimeField(null=True, blank=True)
    content_hash = models.CharField(max_length=64)
    # The lead picture's address, and every picture's: {href: photo id}, to keep them on updates.
    picture_href = models.CharField(max_length=1000, blank=True)
    picture_photos = models.JSONField(default=dict, blank=True)
    state = models.CharField(max_length=20, choices=State.choices)
    # The last revision the wire saved: any later one with a user is an editor's change.
    wire_revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    needs_review = models.BooleanField(
        "agency update awaits review",
        default=False,
        help_text="An editor changed the story; the agency's update waits as a draft revision.",
    )
    review_note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # When the version held arrived: the desk lists the wire by it.
    received_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = WireItemQuerySet.as_manager()

    panels = [FieldPanel("needs_review"), FieldPanel("review_note")]

    class Meta:
        ordering = ["-received_at"]

    def __str__(self):
        return self.headline or self.guid
