from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from masthead.core import dates, fragments

register = template.Library()


@register.filter
def story_date(moment) -> str:
    """Format a timestamp in the site's story date format and time zone."""
    return dates.story_date(moment)


@register.simple_tag
def story_time(moment) -> SafeString:
    """A <time> element: machine-readable ISO 8601 inside, the site format shown."""
    if moment is None:
        return SafeString("")
    local = dates.local(moment)
    # HTML's datetime takes at most three digits of a second: whole seconds are enough.
    machine = local.isoformat(timespec="seconds")
    return format_html('<time datetime="{}">{}</time>', machine, dates.story_date(moment))


@register.inclusion_tag("core/section_nav.html", takes_context=True)
def section_nav(context):
    """The top-level sections, for the site header."""
    current = context.get("page")
    current_path = getattr(current, "path", "")
    return {
        "sections": [
            (title, url, bool(current_path) and current_path.startswith(path))
            for title, url, path in menu_sections()
        ],
    }


SECTION_NAV_KEY = "masthead:section-nav"


def menu_sections() -> list[tuple[str, str, str]]:
    """(title, URL, tree path) of the sections in the header, kept in the cache.

    Every publish, unpublish, move or deletion forgets it (masthead.pagecache.purge).
    """
    from masthead.news.models import SectionPage

    def read():
        # Sections directly under the home page sit at depth 3 of the tree.
        return [
            (section.title, section.url, section.path)
            for section in SectionPage.objects.live()
            .in_menu()
            .filter(depth=3)
            .only("id", "title", "url_path", "path")
            .order_by("path")
        ]

    return fragments.kept(SECTION_NAV_KEY, read, 600)


@register.simple_tag
def byline(story) -> SafeString:
    """ "By A, B and Agency", each linked to its page."""
    links = [(a.get_absolute_url(), a.name) for a in story.authors]
    if story.agency:
        links.append((story.agency.get_absolute_url(), story.agency.name))
    if not links:
        return SafeString("")
    parts = [format_html('<a href="{}">{}</a>', url, name) for url, name in links]
    if len(parts) == 1:
        joined = parts[0]
    else:
        joined = (
            format_html_join(", ", "{}", ((p,) for p in parts[:-1]))
            + SafeString(" and ")
            + parts[-1]
        )
    return format_html('<span class="byline">By {}</span>', joined)


class PartNode(template.Node):
    def __init__(self, name: str, versions: list, nodelist):
        self.name = name
        self.versions = versions
        self.nodelist = nodelist

    def render(self, context):
        from masthead.core.fragments import PageParts

        request = context.get("request")
        parts = context.get("parts") or (PageParts.of(request) if request is not None else None)
        if parts is None:
            return self.nodelist.render(context)
        cached = parts.get(self.name)
        if cached is None and self.name not in parts.keys:
            cached = parts.fetch(self.name, *(v.resolve(context) for v in self.versions))
        if cached is not None:
            return cached
        html = self.nodelist.render(context)
        parts.keep(self.name, html)
        return html


@register.tag
def part(parser, token):
    """`{% part "name" %}...{% endpart %}`: a part of the page kept in the cache by the
    versions its page named beforehand (masthead.core.fragments.PageParts, as `parts` in
    the context); or `{% part "name" version ... %}`, kept by the versions given."""
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError('{% part "name" [version ...] %} takes a quoted name')
    versions = [parser.compile_filter(bit) for bit in bits[2:]]
    nodelist = parser.parse(("endpart",))
    parser.delete_first_token()
    return PartNode(bits[1][1:-1], versions, nodelist)
