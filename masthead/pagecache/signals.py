"""Purge what a change makes stale: publishing, unpublishing, moving, deleting, comments."""

from django.db.models.signals import pre_delete
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from masthead.pagecache.purge import paths_for_page, purge


@receiver(page_published)
@receiver(page_unpublished)
def _page_changed(sender, instance, **kwargs):
    purge(paths_for_page(instance))


@receiver(post_page_move)
def _page_moved(sender, instance, url_path_before, url_path_after, **kwargs):
    # The old address must stop showing the page, and its old sections must drop it.
    site_root = instance.get_site().root_page.url_path if instance.get_site() else "/"
    old = "/" + url_path_before[len(site_root) :] if url_path_before.startswith(site_root) else ""
    purge(paths_for_page(instance) | ({old} if old else set()))


@receiver(pre_delete)
def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.live:
        purge(paths_for_page(instance))


def _connect_comments() -> None:
    """Comments purge their story: connect if the comments app sends its signal."""
    try:
        from masthead.comments.signals import comment_changed
    except ImportError:
        return

    def _comment_changed(sender, story, **kwargs):
        purge(paths_for_page(story))

    comment_changed.connect(_comment_changed, weak=False, dispatch_uid="pagecache-comments")


_connect_comments()
