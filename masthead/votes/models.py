"""Reader votes on stories, each story's tally, and editors' top-story overrides."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class VoteValue(models.IntegerChoices):
    UP = 1, "up"
    DOWN = -1, "down"

    @classmethod
    def parse(cls, text: str) -> "VoteValue | None":
        """Return the value a form or script names ("up" or "down"), or None."""
        return {"up": cls.UP, "down": cls.DOWN}.get(text)


def voters_sentence(count: int) -> str:
    """Say how many readers have voted, as the page shows it."""
    if count <= 0:
        return "No one has voted yet: be the first."
    if count == 1:
        return "1 user has voted."
    return f"{count:,} users have voted."


class Vote(models.Model):
    """One reader's thumbs up or down on one story: a signed-in user or an anonymous reader."""

    story = models.ForeignKey("stories.Story", on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="votes",
    )
    # The random id in an anonymous reader's signed cookie; NULL for signed-in users, so the
    # unique constraint below leaves their rows alone.
    anonymous_id = models.CharField(max_length=64, null=True, blank=True)
    value = models.SmallIntegerField(choices=VoteValue.choices)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["story", "user"], name="one_vote_per_user_per_story"),
            models.UniqueConstraint(
                fields=["story", "anonymous_id"], name="one_vote_per_anonymous_reader_per_story"
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False, anonymous_id__isnull=True)
                | Q(user__isnull=True, anonymous_id__isnull=False),
                name="vote_has_exactly_one_reader",
            ),
            models.CheckConstraint(condition=Q(value__in=[1, -1]), name="vote_is_up_or_down"),
        ]

    def __str__(self) -> str:
        return f"{self.get_value_display()} on story {self.story_id}"


class VoteTally(models.Model):
    """A story's counts, moved atomically with each vote; `masthead recount_votes` rebuilds it."""

    story = models.OneToOneField(
        "stories.Story", primary_key=True, on_delete=models.CASCADE, related_name="vote_tally"
    )
    up = models.IntegerField(default=0)
    down = models.IntegerField(default=0)

    class Meta:
        verbose_name_plural = "vote tallies"

    def __str__(self) -> str:
        return f"story {self.story_id}: {self.up} up, {self.down} down"

    @property
    def voters(self) -> int:
        return self.up + self.down


class TopStoryOverrideQuerySet(models.QuerySet):
    def in_force(self, now=None):
        """Overrides that still apply: no end set, or an end still ahead."""
        now = now or timezone.now()
        return self.filter(Q(until__isnull=True) | Q(until__gt=now))


class TopStoryOverride(models.Model):
    """An editor's say over the ranking: pin an article to the top, or keep it out."""

    class Placement(models.TextChoices):
        PIN = "pin", "Pin to the top"
        KEEP_OUT = "out", "Keep out of top stories"

    story = models.OneToOneField(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="top_story_override"
    )
    placement = models.CharField(max_length=3, choices=Placement.choices)
    until = models.DateTimeField(
        null=True, blank=True, help_text="Leave empty to keep the override until it is removed."
    )
    note = models.CharField(max_length=255, blank=True, help_text="Why, for other editors.")
    updated_at = models.DateTimeField(auto_now=True)

    objects = TopStoryOverrideQuerySet.as_manager()

    class Meta:
        verbose_name = "top-story override"

    def __str__(self) -> str:
        return f"{self.get_placement_display()}: {self.story.title}"
