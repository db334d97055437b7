"""Which paths a change makes stale, and purging them here and in the front caches.

Apps whose pages list stories (feeds, archives) add their paths with `paths_provider`.
"""

from collections.abc import Callable, Iterable

from django.conf import settings
from wagtail.models import Page

from masthead.pagecache import store

_providers: list[Callable[[Page], Iterable[str]]] = []


def paths_provider(function: Callable[[Page], Iterable[str]]):
    """Register `function(page) -> paths` that also go stale when `page` changes."""
    _providers.append(function)
    return function


def _page_path(page) -> str | None:
    parts = page.get_url_parts()
    return parts[2] if parts else None


def paths_for_page(page) -> set[str]:
    """The page, every page above it in the tree, and its byline and topic pages."""
    return _ancestor_paths(page) | _own_paths(page)


def paths_for_pages(pages) -> set[str]:
    """`paths_for_page` of many pages, the pages above each parent looked up once."""
    above, paths = {}, set()
    for page in pages:
        parent = page.path[: -page.steplen]
        if parent not in above:
            above[parent] = _ancestor_paths(page)
        paths |= above[parent] | _own_paths(page)
    return paths


def _ancestor_paths(page) -> set[str]:
    paths = {"/"}
    for ancestor in Page.objects.ancestor_of(page).filter(depth__gt=1):
        path = _page_path(ancestor)
        if path:
            paths.add(path)
    return paths


def _own_paths(page) -> set[str]:
    from masthead.stories.models import Story

    paths = set()
    own = _page_path(page)
    if own:
        paths.add(own)
    specific = page.specific_deferred
    if isinstance(specific, Story):
        paths.update(f"/authors/{link.author.slug}/" for link in specific.story_authors.all())
        if specific.agency_id:
            paths.add(f"/agencies/{specific.agency.slug}/")
        paths.update(f"/topics/{tag.slug}/" for tag in specific.tags.all())
    for provider in _providers:
        paths.update(provider(specific))
    return paths


def purge(paths: Iterable[str]) -> None:
    """Drop `paths` from the page cache and, when configured, from Varnish or a CDN."""
    from django.core.cache import cache

    from masthead.core.routing import TREE_KEY
    from masthead.core.templatetags.masthead_tags import SECTION_NAV_KEY

    paths = sorted(set(paths))
    store.purge_paths(paths, hosts=_hosts())
    try:
        # A section may have come, gone or been renamed: the menu and every page's
        # trail above it are read again.
        cache.delete_many([SECTION_NAV_KEY, TREE_KEY])
    except Exception:
        pass
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

        purge_urls_from_cache([root + path.lstrip("/") for root in _root_urls() for path in paths])


def _hosts() -> list[str]:
    from masthead.core.routing import _all_sites

    return [site.hostname for site in _all_sites()] or [""]


def _root_urls() -> list[str]:
    from masthead.core.routing import _all_sites

    return [site.root_url.rstrip("/") + "/" for site in _all_sites()]
