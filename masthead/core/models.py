from wagtail.models import Page

from masthead.core.caching import (
    apply_private_headers,
    apply_public_cache_headers,
    is_anonymous_request,
)
from masthead.core.fragments import PageParts
from masthead.core.structured_data import breadcrumb_list, ld_json_script


class BasePage(Page):
    """Every public page: cache headers for anonymous readers, trail, canonical URL."""

    is_creatable = False
    # masthead.core.routing keeps the page as loaded to serve it, checked by its version
    # (a child added below it changes only its numchild, which serving never reads).
    kept_for_serving = True

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if getattr(request, "is_preview", False) or not is_anonymous_request(request):
            return apply_private_headers(response)
        if response.status_code == 200:
            apply_public_cache_headers(response)
        return response

    def get_view_restrictions(self):
        from wagtail.models import PageViewRestriction

        from masthead.core.routing import view_restrictions_exist

        if not view_restrictions_exist():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    @classmethod
    def serving_queryset(cls):
        """The query that loads this page type to serve it; types add what they show."""
        return cls.objects.all()

    def save(self, *args, **kwargs):
        from masthead.core.routing import forget_site_roots

        result = super().save(*args, **kwargs)
        forget_site_roots(self)
        return result

    def trail(self) -> list[Page]:
        """Return the pages from the home page down to this one: the pages above it are
        kept in the cache until the tree changes, else read in one query."""
        from masthead.core.routing import ancestors_of

        if self.depth <= 1:
            return []
        return [*ancestors_of(self), self]

    def get_meta_description(self) -> str:
        return self.search_description or ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        trail = self.trail()
        context["trail"] = trail[:-1]
        context["canonical_url"] = self.get_full_url(request)
        from masthead.core.routing import tree_version

        # Kept rendered until the tree changes (base.html): built only when rendered.
        context["tree_version"] = tree_version()
        context["breadcrumb_ld"] = lambda: ld_json_script(
            breadcrumb_list([(page.title, page.get_full_url(request)) for page in trail])
        )
        PageParts.of(request).want(**self.frame_parts(request, context["tree_version"]))
        return context

    def frame_parts(self, request, tree: str | None) -> dict[str, tuple]:
        """The versions of the parts base.html keeps, as its `{% part %}` tags name them,
        so they are fetched with the page's own parts in one read."""
        from masthead.core.context_processors import site

        shared = site(request)
        return {
            "assets": (),
            "feeds": (self.url_path, ""),  # pages add no feeds of their own
            "trail-ld": (self.path, tree, request.get_host()),
            "header": (shared["today_iso"], shared["menu_version"](), self.path),
            "trail": (self.path, tree),
            "signup": (),
        }

    def cache_keys_ahead(self) -> list[str]:
        """What rendering this page reads from the cache, read ahead in one round trip
        (masthead.core.routing.serve)."""
        from masthead.core.routing import ancestors_name, tree_key

        key = tree_key(ancestors_name(self)) if self.depth > 1 else None
        return [key] if key else []
