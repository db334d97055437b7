"""RSS 2.0 and Atom 1.0 feeds of stories: the site, a section, topic, author, agency or blog.

Each request builds its own Feed object, so a feed may keep the request on itself.
"""

import io
import re
from collections import defaultdict
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.exceptions import ObjectDoesNotExist
from django.utils import feedgenerator
from django.utils.text import get_text_list
from taggit.models import Tag
from wagtail.images.models import Filter

from masthead.core.routing import site_for_request
from masthead.discovery.views import cacheable
from masthead.stories.blocks import SHARE_IMAGE_FILTER

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"


class WrittenAtOnce:
    """Write the feed into memory, then to the response in one piece: written straight
    to it, each of the feed's hundreds of small pieces was encoded and stored apart."""

    def write(self, outfile, encoding):
        buffer = io.StringIO()
        super().write(buffer, encoding)
        outfile.write(buffer.getvalue())


class RssFeed(WrittenAtOnce, feedgenerator.Rss201rev2Feed):
    """RSS 2.0 with the full text, when given, in <content:encoded>."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:content": CONTENT_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content:encoded", item["content"])


class AtomFeed(WrittenAtOnce, feedgenerator.Atom1Feed):
    """Atom 1.0 with the full text, when given, in <content type="html">."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


_RELATIVE_URL = re.compile(r'(\s(?:src|href)=")/(?!/)')
_SRCSET = re.compile(r'(\ssrcset=")([^"]*)(")')


def absolute_urls(html: str, base: str) -> str:
    """Make the site-relative links and images of `html` absolute: feed readers need them."""
    html = _RELATIVE_URL.sub(lambda m: f"{m.group(1)}{base}/", html)

    def fix_srcset(match):
        candidates = [c.strip() for c in match.group(2).split(",")]
        fixed = [
            f"{base}{c}" if c.startswith("/") and not c.startswith("//") else c for c in candidates
        ]
        return match.group(1) + ", ".join(fixed) + match.group(3)

    return _SRCSET.sub(fix_srcset, html)


def story_guid(story) -> str:
    """A tag: URI (RFC 4151) from the site's host, first publication date and page id.

    Neither changes when the story is edited, re-published or moved.
    """
    host = urlsplit(settings.MASTHEAD_BASE_URL).hostname
    return f"tag:{host},{story.first_published_at:%Y-%m-%d}:story/{story.pk}"


class StoryFeed(Feed):
    """The newest live stories of the site; subclasses narrow them to their subject."""

    def __init__(self, fmt: str):
        self.feed_type = AtomFeed if fmt == "atom" else RssFeed
        self.full_text = settings.MASTHEAD_FEED_FULL_TEXT
        # One filter for every enclosure: Wagtail parses a spec given as text on each call.
        self.share_filter = Filter(spec=SHARE_IMAGE_FILTER)

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def subject_stories(self, obj):
        from masthead.stories.models import Story

        return Story.objects.all()

    def items(self, obj):
        stories = self.subject_stories(obj).live().select_related("agency", "lead_image").latest()
        if not self.full_text:
            stories = stories.defer_streamfields()
        stories = list(stories[: settings.MASTHEAD_FEED_ITEMS])
        add_feed_details(stories, self.share_filter)
        return stories

    def title(self, obj):
        return settings.WAGTAIL_SITE_NAME

    def description(self, obj):
        return f"The latest stories from {settings.WAGTAIL_SITE_NAME}."

    def link(self, obj):
        return "/"

    def author_name(self, obj):
        # Atom wants an author for every entry; the publication stands in for bylineless ones.
        return settings.WAGTAIL_SITE_NAME

    def feed_copyright(self, obj):
        return f"© {settings.WAGTAIL_SITE_NAME}"

    def item_title(self, story):
        return story.title

    def item_link(self, story):
        return story.get_url(request=self.request)

    def item_description(self, story):
        return story.standfirst

    def item_extra_kwargs(self, story):
        if not self.full_text:
            return {}
        base = self.request.build_absolute_uri("/").rstrip("/")
        return {"content": absolute_urls(str(story.body), base)}

    def item_guid(self, story):
        return story_guid(story)

    item_guid_is_permalink = False

    def item_pubdate(self, story):
        return story.first_published_at

    def item_updateddate(self, story):
        return story.last_updated

    def item_author_name(self, story):
        return get_text_list(story.feed_bylines, "and") or None

    def item_categories(self, story):
        return story.feed_topics

    def share_rendition(self, image):
        """The image at share size, from the renditions fetched with the stories if there."""
        # get_rendition() would also write it to the cache again, for every item.
        try:
            return image.find_existing_rendition(self.share_filter)
        except image.get_rendition_model().DoesNotExist:
            return image.get_rendition(self.share_filter)

    def item_enclosures(self, story):
        if story.lead_image is None:
            return []
        rendition = self.share_rendition(story.lead_image)
        try:
            length = rendition.file.size
        except OSError:
            # A missing file still gets its enclosure: RSS allows 0 for an unknown length.
            length = 0
        url = self.request.build_absolute_uri(rendition.url)
        return [feedgenerator.Enclosure(url, str(length), "image/jpeg")]


def add_feed_details(stories, share_filter: Filter) -> None:
    """Give each story its byline names, its topics and its photo's share-size rendition,
    in three queries for them all.

    Plain rows, not the teasers' prefetches: a feed shows names only, and Django's
    prefetching (modelcluster's for the topics) took more time than the rest of the feed.
    """
    from masthead.stories.models import StoryAuthor, StoryTag

    ids = [story.pk for story in stories]
    bylines, topics = defaultdict(list), defaultdict(list)
    authors = StoryAuthor.objects.filter(story_id__in=ids).order_by("sort_order")
    for story_id, name in authors.values_list("story_id", "author__name"):
        bylines[story_id].append(name)
    tags = StoryTag.objects.filter(content_object_id__in=ids).order_by("tag__name")
    for story_id, name in tags.values_list("content_object_id", "tag__name"):
        topics[story_id].append(name)
    images = [story.lead_image for story in stories if story.lead_image is not None]
    renditions = defaultdict(list)
    if images:
        model = images[0].get_rendition_model()
        found = model.objects.filter(
            image_id__in={image.pk for image in images}, filter_spec=share_filter.spec
        )
        for rendition in found:
            renditions[rendition.image_id].append(rendition)
    for image in images:
        # Wagtail's name for renditions fetched ahead: find_existing_rendition looks
        # here, and only here, for this image's.
        image.prefetched_renditions = renditions[image.pk]
    for story in stories:
        story.feed_bylines = bylines[story.pk] + ([story.agency.name] if story.agency else [])
        story.feed_topics = topics[story.pk]


def _page_at(request, model, path: str):
    """The live page of `model` at `path` below the request's site root, else a 404."""
    site = site_for_request(request)
    if site is None:
        raise ObjectDoesNotExist
    url_path = site.root_page.url_path + "".join(f"{part}/" for part in path.split("/") if part)
    return model.objects.live().get(url_path=url_path)


class SectionFeed(StoryFeed):
    def get_object(self, request, path):
        from masthead.news.models import SectionPage

        return _page_at(request, SectionPage, path)

    def subject_stories(self, section):
        from masthead.news.models import ArticlePage

        return ArticlePage.objects.in_section(section)

    def title(self, section):
        return f"{section.title} | {settings.WAGTAIL_SITE_NAME}"

    def description(self, section):
        return section.intro or f"The latest stories in {section.title}."

    def link(self, section):
        return section.get_url(request=self.request)


class BlogFeed(StoryFeed):
    def get_object(self, request, path=""):
        from masthead.blogs.models import BlogIndexPage

        return _page_at(request, BlogIndexPage, path) if path else None

    def subject_stories(self, blog):
        from masthead.blogs.models import BlogPostPage

        posts = BlogPostPage.objects.all()
        return posts.child_of(blog) if blog is not None else posts

    def title(self, blog):
        return f"{blog.title if blog else 'Blogs'} | {settings.WAGTAIL_SITE_NAME}"

    def description(self, blog):
        if blog is None:
            return f"The latest blog posts from {settings.WAGTAIL_SITE_NAME}."
        return blog.intro or f"The latest posts in {blog.title}."

    def link(self, blog):
        return blog.get_url(request=self.request) if blog else "/"


class TopicFeed(StoryFeed):
    def get_object(self, request, slug):
        return Tag.objects.get(slug=slug)

    def subject_stories(self, tag):
        from masthead.stories.models import Story

        return Story.objects.filter(tagged_items__tag=tag)

    def title(self, tag):
        return f"{tag.name} | {settings.WAGTAIL_SITE_NAME}"

    def description(self, tag):
        return f"The latest stories on {tag.name}."

    def link(self, tag):
        from django.urls import reverse

        return reverse("discovery:topic", args=[tag.slug])


class AuthorFeed(StoryFeed):
    def get_object(self, request, slug):
        from masthead.bylines.models import Author

        return Author.objects.get(slug=slug)

    def subject_stories(self, author):
        from masthead.stories.models import Story

        return Story.objects.filter(story_authors__author=author)

    def title(self, author):
        return f"{author.name} | {settings.WAGTAIL_SITE_NAME}"

    def description(self, author):
        return f"The latest stories by {author.name}."

    def link(self, author):
        return author.get_absolute_url()


class AgencyFeed(AuthorFeed):
    def get_object(self, request, slug):
        from masthead.bylines.models import Agency

        return Agency.objects.get(slug=slug)

    def subject_stories(self, agency):
        from masthead.stories.models import Story

        return Story.objects.filter(agency=agency)


def feed_view(feed_class):
    """A view that serves `feed_class` as RSS or Atom, as the URL says, cacheable."""

    def view(request, fmt, **kwargs):
        return cacheable(request, feed_class(fmt)(request, **kwargs))

    view.__name__ = f"{feed_class.__name__.lower()}_view"
    return view
