"""The menu and breadcrumb tags, as bakerydemo writes them."""

from django import template
from wagtail.models import Page, Site

register = template.Library()


@register.simple_tag(takes_context=True)
def get_site_root(context):
    return Site.find_for_request(context["request"]).root_page


@register.inclusion_tag("news/tags/section_menu.html", takes_context=True)
def section_menu(context, parent, calling_page=None):
    menuitems = parent.get_children().live().in_menu()
    for menuitem in menuitems:
        menuitem.active = (
            calling_page.url_path.startswith(menuitem.url_path) if calling_page else False
        )
    return {"menuitems": menuitems, "request": context["request"]}


@register.inclusion_tag("news/tags/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    self = context.get("self")
    if self is None or self.depth <= 2:
        ancestors = ()
    else:
        ancestors = Page.objects.ancestor_of(self, inclusive=False).filter(depth__gt=1)
    return {"ancestors": ancestors, "request": context["request"]}
