from django import template
from django.conf import settings

from masthead.discovery.views import feed_links as links_of

register = template.Library()


def _path_below_site(page, request) -> str:
    """A page's URL path below its site root, without slashes: "region/middle-east"."""
    parts = page.get_url_parts(request)
    return parts[2].strip("/") if parts else ""


@register.inclusion_tag("discovery/feed_links.html", takes_context=True)
def feed_links(context):
    """<link rel="alternate"> for the site's feeds and for the section, blog or listing shown."""
    from masthead.blogs.models import BlogIndexPage
    from masthead.news.models import SectionPage

    request = context.get("request")
    links = links_of("site", title=settings.WAGTAIL_SITE_NAME)
    page = context.get("page")
    kind = (
        "section"
        if isinstance(page, SectionPage)
        else "blog"
        if isinstance(page, BlogIndexPage)
        else None
    )
    # A section or blog that is its site's root (or is not routable) has no path of its
    # own: the site's feed is its feed.
    path = _path_below_site(page, request) if kind else ""
    if path:
        links += links_of(kind, path, title=page.title)
    return {"links": links + list(context.get("feeds") or [])}
