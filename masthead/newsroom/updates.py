"""When a story counts as updated: "Last updated at" moves on publication, not on every save."""

from wagtail.signals import page_published


def story_publication_record(*, story, revision=None) -> None:
    """Move a just-published story's "Last updated at" where this publication puts it.

    The first publication leaves it alone (the story reads "Last updated at" its first
    publication); any later one moves it to now unless the version is a minor edit; a
    correction or an editor's note moves it to its own date, even in a minor edit.
    """
    from masthead.stories.models import Story

    moments = [story.updated_at]
    republished = story.first_published_at != story.last_published_at
    if republished and not story.minor_edit:
        moments.append(story.last_published_at)
    moments.extend(note.noted_at for note in story.corrections.all())
    latest = max((moment for moment in moments if moment), default=None)
    if latest != story.updated_at:
        Story.objects.filter(pk=story.pk).update(updated_at=latest)
        story.updated_at = latest


def _on_page_published(sender, instance, revision=None, **kwargs):
    """Receive Wagtail's page_published(sender=page class, instance=page, revision)."""
    from masthead.stories.models import Story

    if isinstance(instance, Story):
        story_publication_record(story=instance, revision=revision)


def connect() -> None:
    page_published.connect(_on_page_published, dispatch_uid="masthead-story-published")
