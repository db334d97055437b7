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
    if isinstance(page, SectionPage):
        links += links_of("section", _path_below_site(page, request), title=page.title)
    elif isinstance(page, BlogIndexPage):
        links += links_of("blog", _path_below_site(page, request), title=page.title)
    return {"links": links + list(context.get("feeds") or [])}
