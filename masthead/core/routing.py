"""Find the page for a request in two queries, whatever its depth in the tree.

Wagtail walks the tree a level at a time (two queries per level) and looks the site up
on every request; a news site's pages sit three or four levels down and are read far
more often than sites or view restrictions change, so those two answers are cached.
"""

from django.core.cache import cache
from django.db import connection
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import Http404
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.url_routing import RouteResult
from wagtail.views import serve as wagtail_serve

SITES_KEY = "masthead:sites"
SITE_COUNT_KEY = "masthead:site-count"
RESTRICTIONS_KEY = "masthead:view-restrictions-exist"
CACHE_SECONDS = 300


def _all_sites() -> list[Site]:
    from masthead.core.fragments import kept

    return kept(SITES_KEY, lambda: list(Site.objects.select_related("root_page")), CACHE_SECONDS)


def site_count() -> int:
    """How many sites there are: kept apart from the sites themselves, whose pages a
    page-cache hit would otherwise unpickle just to count them."""
    from masthead.core.fragments import kept

    return kept(SITE_COUNT_KEY, lambda: len(_all_sites()), CACHE_SECONDS)


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
    from masthead.core.fragments import kept

    return kept(RESTRICTIONS_KEY, PageViewRestriction.objects.exists, CACHE_SECONDS)


# The page at a URL path, with what says whether a copy kept of it is still current.
# Plain SQL: this runs on every page-cache miss, and the ORM took longer to write the
# query than the database took to answer it.
ROUTE_SQL = (
    "SELECT id, content_type_id, live, last_published_at, latest_revision_id, expired "
    "FROM wagtailcore_page WHERE url_path = %s ORDER BY path LIMIT 1"
)


def find_page(site: Site, path: str):
    """Return the live, specific page at `path` under the site's root, or None."""
    components = [part for part in path.split("/") if part]
    url_path = site.root_page.url_path + "".join(f"{part}/" for part in components)
    with connection.cursor() as cursor:
        cursor.execute(ROUTE_SQL, [url_path])
        row = cursor.fetchone()
    if row is None:
        return None
    pk, content_type_id, *version = row
    from django.contrib.contenttypes.models import ContentType

    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return None
    if getattr(model, "kept_for_serving", False):
        return _kept_page(model, pk, (url_path, *version))
    queryset = model.serving_queryset() if hasattr(model, "serving_queryset") else model.objects
    return queryset.filter(pk=pk).first()


def _kept_page(model, pk: int, version: tuple):
    """The page as its serving query loads it, kept in the cache under its version.

    A page is published, unpublished, moved or edited only through changes to the row
    read by ROUTE_SQL, and what the page shows from other rows (bylines, photos) starts a
    new generation of kept parts (masthead.core.fragments): a copy kept under both is
    current. Loading a story with its photo and agency cost more than the rest of a
    page-cache miss.
    """
    from masthead.core import fragments

    def read():
        return model.serving_queryset().filter(pk=pk).first()

    generation = fragments.generation() if fragments.enabled() else None
    if generation is None:
        return read()
    return fragments.kept(fragments.key(generation, "page", pk, *version), read)


def serve(request, path):
    """Serve a page through Wagtail's hooks, found by one URL-path look-up.

    What the render reads from the cache is read ahead in a few round trips: first what
    every page reads, then what this page reads (`cache_keys_ahead`).
    """
    from masthead.core import fragments
    from masthead.core.templatetags.masthead_tags import SECTION_NAV_KEY

    with fragments.reading_ahead():
        fragments.read_ahead(
            [fragments.GENERATION_KEY, TREE_KEY, SITES_KEY, RESTRICTIONS_KEY, SECTION_NAV_KEY]
        )
        site = site_for_request(request)
        if site is not None and not hasattr(request, "_wagtail_route_for_request"):
            page = find_page(site, path)
            if page is not None:
                if not page.live:
                    raise Http404
                request._wagtail_route_for_request = RouteResult(page)
                if hasattr(page, "cache_keys_ahead"):
                    fragments.read_ahead(page.cache_keys_ahead())
        try:
            # Anything not a page at its own URL (routable sub-paths) takes Wagtail's walk.
            response = wagtail_serve(request, path)
            if hasattr(response, "render"):  # rendered here, while what was read ahead holds
                response.render()
        except Exception:
            # The error page renders for this request too: it must not take the parts this
            # page named (and keep its own under their keys).
            request.__dict__.pop("_masthead_parts", None)
            raise
        return response


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def _forget_sites(sender, **kwargs):
    cache.delete_many([SITES_KEY, SITE_COUNT_KEY])


TREE_KEY = "masthead:tree-version"


def tree_version() -> str | None:
    """A token that changes whenever a page is published, unpublished, moved or deleted
    (masthead.pagecache.purge): what is kept of the tree is kept under it."""
    from masthead.core.fragments import token

    return token(TREE_KEY)


def kept_for_tree(name: str, read):
    """What `read()` returns, kept in the cache under `name` until the tree next changes."""
    from masthead.core.fragments import kept

    key = tree_key(name)
    return read() if key is None else kept(key, read, CACHE_SECONDS)


def tree_key(name: str) -> str | None:
    """The cache key of what is kept as `name` until the tree next changes."""
    version = tree_version()
    return None if version is None else f"masthead:tree:{version}:{name}"


def ancestors_name(page) -> str:
    return f"ancestors:{page.path[: -page.steplen]}"


def ancestors_of(page) -> list[Page]:
    """The pages above `page` below the tree's root, top down: titles and addresses only,
    kept until the tree next changes."""
    return kept_for_tree(
        ancestors_name(page),
        lambda: list(
            Page.objects.ancestor_of(page)
            .filter(depth__gt=1)
            .only("id", "title", "slug", "url_path", "path", "depth", "content_type_id")
            .order_by("depth")
        ),
    )


def forget_site_roots(page) -> None:
    """Drop cached sites when a page that may be a site's root changes."""
    if page.depth is not None and page.depth <= 2:
        cache.delete(SITES_KEY)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def _forget_restrictions(sender, **kwargs):
    cache.delete(RESTRICTIONS_KEY)
