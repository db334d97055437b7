"""`{% teasers stories level=2 %}`: a list of teasers, each rendered once per version.

A front page lists thirty stories, and rendering a teaser (byline, picture sources,
links) costs far more than fetching it from the cache. Each teaser is kept under a
key naming what it shows (masthead.core.fragments); only the teasers missing from the
cache are rendered, after their bylines and photos are fetched in one go.
"""

from django import template
from django.db.models import Model, prefetch_related_objects
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from masthead.core import fragments
from masthead.stories.listing import instant

register = template.Library()

TEMPLATE = "stories/_teaser.html"


def teaser_versions(story) -> tuple:
    """What a teaser shows that can change without a new generation."""
    return (
        story.pk,
        story.live_revision_id,
        instant(story.last_published_at),
        story.url_path,
        getattr(story, "comment_count", ""),
    )


def _whole_stories(stories) -> dict:
    """The stories to render, by key: listings read rows of their versions (for_teasers),
    whose comment counts are those the teasers' keys name."""
    from masthead.stories.models import Story, teaser_prefetches

    whole = {story.pk: story for story in stories if isinstance(story, Model)}
    rows = {story.pk: story for story in stories if story.pk not in whole}
    if rows:
        fetched = (
            Story.objects.live()
            .filter(pk__in=list(rows))
            .select_related("agency", "lead_image")
            .defer_streamfields()
            .in_bulk()
        )
        for pk, story in fetched.items():
            story.comment_count = rows[pk].comment_count
        whole.update(fetched)
    prefetch_related_objects(list(whole.values()), *teaser_prefetches())
    return whole


def render_teasers(stories, *, level: int, lead_first: bool, request=None) -> SafeString:
    stories = list(stories)
    if not stories:
        return SafeString("")
    parts = fragments.PageParts.of(request)
    names = [
        f"teaser{level}{'L' if lead_first and index == 0 else ''}:{story.pk}"
        for index, story in enumerate(stories)
    ]
    parts.want(**{name: teaser_versions(story) for name, story in zip(names, stories, strict=True)})
    missing = [s for s, name in zip(stories, names, strict=True) if parts.get(name) is None]
    full = _whole_stories(missing)
    compiled = get_template(TEMPLATE).template if missing else None
    rendered, fresh = [], {}
    for index, (story, name) in enumerate(zip(stories, names, strict=True)):
        html = parts.get(name)
        if html is None:
            story = full.get(story.pk)
            if story is None:  # unpublished since the listing was read
                continue
            context = template.Context(
                {
                    "story": story,
                    "url": story.get_url(request),  # what {% pageurl %} gives, once
                    "level": level,
                    "lead": lead_first and index == 0,
                },
                autoescape=True,
            )
            context["request"] = request
            html = fresh[name] = compiled.render(context)
        rendered.append(html)
    parts.keep_many(fresh)
    return mark_safe("".join(rendered))  # each part was rendered by an autoescaping template


@register.simple_tag(takes_context=True)
def teasers(context, stories, level=3, lead_first=False):
    return render_teasers(
        stories, level=level, lead_first=lead_first, request=context.get("request")
    )
