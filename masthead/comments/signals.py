"""Signals the comments app sends, so other apps can react without comments knowing them.

comment_changed
    Sent after a change to a story's public comments is committed: a comment was
    published, or a published one was rejected, marked as spam, edited or deleted
    (any comment's deletion sends it too, to be safe). The cached article page and
    its comment count are stale from that moment: the page cache purges on it.
    Arguments: ``sender`` (the Comment class) and ``story`` (the stories.Story whose
    page changed).
"""

import logging

from django.conf import settings
from django.dispatch import Signal

log = logging.getLogger(__name__)

comment_changed = Signal()


def story_changed(story) -> None:
    """Announce that a story's comments changed, and purge a front-end cache if there is one."""
    # Sent after the commit: a receiver that fails (a cache that does not answer) must not
    # turn a saved comment or a moderator's decision into an error page.
    for receiver, result in comment_changed.send_robust(sender=_comment_class(), story=story):
        if isinstance(result, Exception):
            name = getattr(receiver, "__qualname__", repr(receiver))
            log.error("%s failed for story %s: %r", name, story.pk, result)
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        from wagtail.contrib.frontend_cache.utils import purge_page_from_cache

        try:
            purge_page_from_cache(story.specific)
        except Exception:  # a cache that does not answer must not undo the moderation
            log.exception("Could not purge the page of story %s", story.pk)


def _comment_class():
    from masthead.comments.models import Comment

    return Comment
