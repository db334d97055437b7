from django.conf import settings
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from masthead.bylines.models import Agency, Author
from masthead.core.caching import apply_public_cache_headers
from masthead.core.pagination import paginate_uncounted
from masthead.discovery.views import feed_links
from masthead.stories.models import Story


def _byline_page(request, *, heading, subheading, intro, stories, feeds):
    page = paginate_uncounted(
        request, stories.live().for_teasers().latest(), settings.MASTHEAD_PAGE_SIZE
    )
    response = TemplateResponse(
        request,
        "bylines/byline_page.html",
        {
            "heading": heading,
            "subheading": subheading,
            "intro": intro,
            "stories": page,
            "feeds": feeds,
            "canonical_url": request.build_absolute_uri(request.path),
        },
    )
    return apply_public_cache_headers(response)


@require_safe
def author_page(request, slug):
    """List an author's stories, newest first."""
    author = get_object_or_404(Author, slug=slug)
    stories = Story.objects.filter(story_authors__author=author)
    return _byline_page(
        request,
        heading=author.name,
        subheading=author.role,
        intro=author.bio,
        stories=stories,
        feeds=feed_links("author", author.slug, title=f"Stories by {author.name}"),
    )


@require_safe
def agency_page(request, slug):
    """List the stories credited to an agency, newest first."""
    agency = get_object_or_404(Agency, slug=slug)
    return _byline_page(
        request,
        heading=agency.name,
        subheading="Agency copy",
        intro="",
        stories=Story.objects.filter(agency=agency),
        feeds=feed_links("agency", agency.slug, title=f"Stories from {agency.name}"),
    )
