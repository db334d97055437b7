"""The one ranking of top stories, used by the front page and the daily digest."""

from datetime import datetime


def top_stories(*, limit: int = 5, since: datetime | None = None):
    """Return the top articles, best first.

    Until readers' engagement is counted, the newest live articles lead.
    """
    from masthead.news.models import ArticlePage

    stories = ArticlePage.objects.live().for_listing()
    if since is not None:
        stories = stories.filter(first_published_at__gte=since)
    return list(stories.latest()[:limit])
