import functools

from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

MAX_DEPTH = 2  # replies nest three levels deep: 0, 1 and 2
THREAD_SEGMENT = 10  # digits of a comment id in its thread path


class CommentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Comment.Status.PUBLISHED)

    def awaiting_moderation(self):
        """Comments no moderator has looked at yet, oldest first."""
        return self.filter(status=Comment.Status.PENDING).order_by("created_at", "pk")

    def held_as_spam(self):
        return self.filter(status=Comment.Status.SPAM)

    def on(self, story):
        return self.filter(story=story)

    def threaded(self):
        """Replies under their parents, threads oldest first, as a classic CMS shows them."""
        return self.order_by("thread")

    def for_display(self):
        """Only what the public list shows: never the e-mail or the address hash."""
        return self.only("pk", "story_id", "parent_id", "depth", "name", "body", "created_at")

    def by_email(self, email: str):
        return self.filter(email__iexact=email.strip())

    def published_count_per_story(self):
        """A subquery counting each outer story's published comments, for listings."""
        if not self.query.where:  # called on the manager: built once, copied by each query
            return _published_count_per_story()
        return self._published_count_per_story()

    def _published_count_per_story(self):
        counts = (
            self.published()
            .filter(story=OuterRef("pk"))
            .order_by()
            .values("story")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return Coalesce(Subquery(counts, output_field=models.IntegerField()), 0)


class Comment(models.Model):
    """A reader's comment on a story, threaded, kept until a moderator decides on it."""

    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting moderation"
        PUBLISHED = "published", "Published"
        SPAM = "spam", "Spam"
        REJECTED = "rejected", "Rejected"

    story = models.ForeignKey("stories.Story", on_delete=models.CASCADE, related_name="comments")
    # Deleting or erasing a comment keeps other readers' replies to it.
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies"
    )
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    # Zero-padded ids from the thread's root down to this comment: sorting by it lists
    # each reply under its parent.
    thread = models.CharField(max_length=40, blank=True, editable=False)
    name = models.CharField(max_length=60)
    email = models.EmailField(blank=True, help_text="Never shown to readers.")
    body = models.TextField(max_length=5000)
    body_digest = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    spam_score = models.PositiveSmallIntegerField(default=0, editable=False)
    spam_reasons = models.CharField(max_length=255, blank=True, editable=False)
    proof_of_work = models.BooleanField(
        default=False, editable=False, help_text="Sent with the browser's proof of work."
    )
    client_hash = models.CharField(
        max_length=64, blank=True, editable=False, help_text="Salted hash of the address."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    moderated_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["story", "status", "thread"], name="comment_story_thread"),
            models.Index(fields=["status", "created_at"], name="comment_status_created"),
            models.Index(fields=["client_hash", "created_at"], name="comment_client_created"),
        ]

    def __str__(self) -> str:
        excerpt = " ".join(self.body.split())[:60]
        return f"{self.name}: {excerpt}"

    def log_title(self) -> str:
        return f"Comment #{self.pk} by {self.name}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def get_absolute_url(self) -> str:
        return f"{self.story.url}#comment-{self.pk}"


@functools.cache
def _published_count_per_story():
    # Django copies an expression each time a query takes it: one can serve every query.
    return Comment.objects.all()._published_count_per_story()
