"""What the votes app tells the rest of the site, and the cache purge that listens."""

from django.dispatch import Signal

# Sent after the transaction that changed a story's votes commits.
# Arguments: sender (the Vote model), story (the Story whose count changed).
vote_changed = Signal()


def purge_story_page(sender, story, **kwargs) -> None:
    """Drop the story's own page from the page cache and front caches: its count changed.

    Only the story's path: the fronts show no counts, and their ranking may lag until the
    next publication purges them.
    """
    try:
        from masthead.pagecache.purge import purge
    except ImportError:
        return
    parts = story.get_url_parts()
    if parts:
        purge([parts[2]])


def purge_front_page(sender, **kwargs) -> None:
    """An editor's pin or keep-out changes the front page's top stories at once."""
    try:
        from masthead.pagecache.purge import purge
    except ImportError:
        return
    purge(["/"])
