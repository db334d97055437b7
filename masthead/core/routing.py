"""Find the page for a request in two queries, whatever its depth in the tree.

Wagtail walks the tree a level at a time (two queries per level) and looks the site up
on every request; a news site's pages sit three or four levels down and are read far
more often than sites or view restrictions change, so those two answers are cached.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import Http404
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.url_routing import RouteResult
from wagtail.views import serve as wagtail_serve

SITES_KEY = "masthead:sites"
RESTRICTIONS_KEY = "masthead:view-restrictions-exist"
CACHE_SECONDS = 300


def _all_sites() -> list[Site]:
    sites = cache.get(SITES_KEY)
    if sites is None:
        sites = list(Site.objects.select_related("root_page"))
        cache.set(SITES_KEY, sites, CACHE_SECONDS)
    return sites


def site_for_request(request) -> Site | None:
    """Return the request's site, matched as Wagtail does, from one cached list."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    host = request._get_raw_host().rsplit(":", 1)[0].lower() if request.META else ""
    port = request.get_port()
    sites = _all_sites()
    by_host = [site for site in sites if site.hostname == host]
    exact = [site for site in by_host if str(site.port) == str(port)]
    if exact:
        site = exact[0]
    elif len(by_host) == 1:
        site = by_host[0]
    else:
        site = next((s for s in by_host if s.is_default_site), None) or next(
            (s for s in sites if s.is_default_site), None
        )
    request._wagtail_site = site
    return site


def view_restrictions_exist() -> bool:
    exist = cache.get(RESTRICTIONS_KEY)
    if exist is None:
        exist = PageViewRestriction.objects.exists()
        cache.set(RESTRICTIONS_KEY, exist, CACHE_SECONDS)
    return exist


def find_page(site: Site, path: str):
    """Return the live, specific page at `path` under the site's root, or None."""
    components = [part for part in path.split("/") if part]
    url_path = site.root_page.url_path + "".join(f"{part}/" for part in components)
    row = Page.objects.filter(url_path=url_path).values_list("pk", "content_type_id").first()
    if row is None:
        return None
    from django.contrib.contenttypes.models import ContentType

    model = ContentType.objects.get_for_id(row[1]).model_class()
    if model is None:
        return None
    queryset = model.serving_queryset() if hasattr(model, "serving_queryset") else model.objects
    return queryset.filter(pk=row[0]).first()


def serve(request, path):
    """Serve a page through Wagtail's hooks, found by one URL-path look-up."""
    site = site_for_request(request)
    if site is not None and not hasattr(request, "_wagtail_route_for_request"):
        page = find_page(site, path)
        if page is not None:
            if not page.live:
                raise Http404
            request._wagtail_route_for_request = RouteResult(page)
    # Anything that is not a page at its own URL (routable sub-paths) takes Wagtail's walk.
    return wagtail_serve(request, path)


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def _forget_sites(sender, **kwargs):
    cache.delete(SITES_KEY)


def forget_site_roots(page) -> None:
    """Drop cached sites when a page that may be a site's root changes."""
    if page.depth is not None and page.depth <= 2:
        cache.delete(SITES_KEY)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def _forget_restrictions(sender, **kwargs):
    cache.delete(RESTRICTIONS_KEY)
