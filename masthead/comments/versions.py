"""A version for each story's public comments, so their rendered list can be kept.

An article's comments are rendered again only when they change: the version is
forgotten whenever comment_changed is sent (masthead.comments.signals), and the page
keeps its rendered comments under the version (masthead.core.fragments). A version lives
at most an hour, so a change whose signal was lost is seen within the hour.
"""

from django.core.cache import cache

from masthead.comments.signals import comment_changed

LIFETIME = 3600


def comments_version_key(story_id: int) -> str:
    return f"masthead:comments-version:{story_id}"


def comments_version(story_id: int) -> str | None:
    """The story's current comments version, or None when the cache does not answer."""
    from masthead.core.fragments import token

    return token(comments_version_key(story_id), LIFETIME)


def _forget(sender, story, **kwargs) -> None:
    try:
        cache.delete(comments_version_key(story.pk))
    except Exception:  # nothing can be kept while the cache does not answer
        pass


comment_changed.connect(_forget, weak=False, dispatch_uid="comments-version")


def comments_part_version(story, request) -> tuple | None:
    """What an article's rendered comments section is kept by: the comments' version,
    whether they are open, the page of comments and the status line asked for."""
    from masthead.comments.policy import get_policy
    from masthead.comments.views import STATUS_MESSAGES

    version = comments_version(story.pk)
    if version is None:
        return None
    status = request.GET.get("comment", "")
    return (
        story.pk,
        version,
        get_policy().comments_open(story),
        request.GET.get("page", "1")[:9],
        status if status in STATUS_MESSAGES else "",
    )
