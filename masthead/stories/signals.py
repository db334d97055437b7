"""Start a new generation of rendered parts when what they show changes outside their keys.

Teasers and story texts are keyed by their story's live version (masthead.core.fragments);
a byline's name, a photo's crop or a linked page's address are not in those keys.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Site
from wagtail.signals import post_page_move

from masthead.bylines.models import Agency, Author
from masthead.core import fragments
from masthead.photos.models import Photo


@receiver(post_save, sender=Author)
@receiver(post_delete, sender=Author)
@receiver(post_save, sender=Agency)
@receiver(post_delete, sender=Agency)
@receiver(post_save, sender=Photo)
@receiver(post_delete, sender=Photo)
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def _shown_elsewhere_changed(sender, created=False, update_fields=None, **kwargs):
    # Nothing rendered shows a new row yet; Wagtail fills in a photo's size and hash by
    # itself when it first reads them.
    if created or (update_fields and set(update_fields) <= {"file_size", "file_hash"}):
        return
    fragments.new_generation()


@receiver(post_page_move)
def _page_moved(sender, **kwargs):
    # Other stories' texts may link to the page at its old address.
    fragments.new_generation()
