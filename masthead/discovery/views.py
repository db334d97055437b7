from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_safe
from taggit.models import Tag

from masthead.core.caching import (
    apply_private_headers,
    apply_public_cache_headers,
    is_anonymous_request,
)
from masthead.core.pagination import paginate, paginate_uncounted
from masthead.core.routing import find_page, site_for_request
from masthead.core.routing import serve as serve_page
from masthead.discovery import archives
from masthead.discovery.forms import SearchForm
from masthead.discovery.search import highlight, query_terms, search_stories, was_shortened


def cacheable(request, response):
    """Let shared caches keep what every anonymous reader gets alike; nothing else."""
    if is_anonymous_request(request) and response.status_code == 200:
        return apply_public_cache_headers(response)
    return apply_private_headers(response)


def feed_links(kind: str, *args, title: str) -> list[dict]:
    """The RSS and Atom addresses of one feed, for <link rel="alternate"> and visible links."""
    return [
        {
            "title": title,
            "format": fmt,
            "type": f"application/{fmt}+xml",
            "url": reverse(f"discovery:{kind}_feed", args=[fmt, *args]),
        }
        for fmt in ("rss", "atom")
    ]


@require_safe
def search_page(request):
    """Search stories, with filters; any input gets a page, never an error."""
    form = SearchForm(request.GET)
    context = {"form": form, "canonical_url": request.build_absolute_uri(request.path)}
    if not form.is_valid():
        response = TemplateResponse(request, "discovery/search.html", context, status=400)
        return cacheable(request, response)
    raw = form.cleaned_data["q"]
    terms = query_terms(raw)
    filters = form.filters()
    context.update(query=raw, terms=terms, shortened=bool(terms) and was_shortened(raw, terms))
    if terms or filters:
        results = search_stories(terms=terms, filters=filters, newest_first=form.newest_first)
        page = paginate(request, results, settings.MASTHEAD_PAGE_SIZE)
        context["searched"] = True
        context["results"] = page
        context["hits"] = [
            (story, highlight(story.title, terms), highlight(story.standfirst, terms))
            for story in page
        ]
    return cacheable(request, TemplateResponse(request, "discovery/search.html", context))


def _listing(request, *, heading, intro, stories, feeds=(), calendar=(), empty_is_404=False):
    page = paginate_uncounted(request, stories.for_teasers().latest(), settings.MASTHEAD_PAGE_SIZE)
    if empty_is_404 and not page:
        raise Http404("Nothing is filed here.")
    context = {
        "heading": heading,
        "intro": intro,
        "stories": page,
        "feeds": list(feeds),
        "calendar": calendar,
        "canonical_url": request.build_absolute_uri(request.path),
    }
    return cacheable(request, TemplateResponse(request, "discovery/listing.html", context))


@require_safe
def topic_page(request, slug):
    """List the live stories on one topic (tag), newest first."""
    from masthead.stories.models import Story

    tag = get_object_or_404(Tag, slug=slug)
    return _listing(
        request,
        heading=tag.name,
        intro="Stories on this topic, newest first.",
        stories=Story.objects.live().filter(tagged_items__tag=tag),
        feeds=feed_links("topic", tag.slug, title=f"{tag.name} | {settings.WAGTAIL_SITE_NAME}"),
        empty_is_404=True,
    )


@require_safe
def archive_page(request, year, month=None, day=None):
    """List the stories first published in a year, month or day of the site's calendar."""
    site = site_for_request(request)
    # A page whose URL happens to look like a date wins over the archive.
    if site is not None and find_page(site, request.path) is not None:
        return serve_page(request, request.path.lstrip("/"))
    span = archives.archive_span(
        int(year), int(month) if month else None, int(day) if day else None
    )
    return _listing(
        request,
        heading=f"Stories from {span.title}",
        intro="",
        stories=archives.stories_in(span),
        calendar=archives.calendar(span),
    )


@require_safe
def robots_txt(request):
    """Point crawlers at the sitemaps; keep them out of the admin and search results."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Disallow: {reverse('discovery:search')}",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('discovery:sitemap'))}",
        f"Sitemap: {request.build_absolute_uri(reverse('discovery:news_sitemap'))}",
        "",
    ]
    response = HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
    return cacheable(request, response)
