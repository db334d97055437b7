"""Clear the review flag of a wire story once it is published again."""

from django.dispatch import receiver
from wagtail.signals import page_published


@receiver(page_published)
def clear_review_flag(sender, instance, revision, **kwargs):
    """Receive `page_published` (sender: page class, instance: page, revision: published).

    The wire never publishes a flagged story (its updates wait as drafts), so a publication
    of one is an editor's, after seeing the waiting update: the flag goes, and the story
    stays under editors' care (further agency updates still wait as drafts).
    """
    from masthead.wire.models import WireItem

    WireItem.objects.filter(page_id=instance.pk, needs_review=True).update(
        needs_review=False, review_note=""
    )
