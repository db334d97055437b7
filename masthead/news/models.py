from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel

from masthead.core.models import BasePage
from masthead.core.pagination import paginate_uncounted
from masthead.stories.listing import NewestUnder
from masthead.stories.models import Story, StoryManager, subtree_range
from masthead.stories.ranking import top_stories


class HomePage(BasePage):
    """The front page: top stories, the latest of each section, the latest blog posts."""

    strapline = models.CharField(max_length=255, blank=True, help_text="A line under the title.")

    content_panels = BasePage.content_panels + [FieldPanel("strapline")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["news.SectionPage", "blogs.BlogIndexPage"]
    max_count = 1
    is_creatable = True

    template = "news/home_page.html"

    def get_context(self, request, *args, **kwargs):
        from masthead.blogs.models import BlogPostPage

        context = super().get_context(request, *args, **kwargs)
        top = top_stories(limit=5)
        shown = {story.pk for story in top}
        # Every section at once, by path range; the front shows the top-level ones.
        everything = list(SectionPage.objects.filter(**subtree_range(self.path)).order_by("path"))
        sections = [
            section
            for section in everything
            if section.depth == self.depth + 1 and section.live and section.show_in_menus
        ]
        context["top_stories"] = top
        context["section_blocks"] = []
        for section in sections:
            below = [s for s in everything if s.path.startswith(section.path) and s != section]
            latest = section.latest_stories(5, sections=below)
            context["section_blocks"].append(
                (section, [story for story in latest if story.pk not in shown][:4])
            )
        context["blog_posts"] = BlogPostPage.objects.live().for_teasers().latest()[:5]
        return context


class SectionPage(BasePage):
    """A section front, nestable: Region > Middle East."""

    intro = models.TextField(blank=True, max_length=500)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["news.HomePage", "news.SectionPage"]
    subpage_types = ["news.SectionPage", "news.ArticlePage", "blogs.BlogIndexPage"]
    is_creatable = True

    template = "news/section_page.html"

    def latest_stories(self, count: int, sections=None):
        """The newest `count` articles filed here or in a sub-section.

        `sections`, every section below this one, saves looking them up.
        """
        if sections is None:
            sections = self.sections_below()
        paths = [self.path, *(section.path for section in sections)]
        return NewestUnder(ArticlePage, paths)[:count]

    def sections_below(self) -> list["SectionPage"]:
        """Every section under this one, at any depth, in tree order; kept in the cache
        until the tree next changes."""
        from masthead.core.routing import kept_for_tree

        return kept_for_tree(
            self._below_name(),
            # A path range, which the tree index serves; descendant_of() is a LIKE.
            lambda: list(SectionPage.objects.filter(**subtree_range(self.path)).order_by("path")),
        )

    def cache_keys_ahead(self) -> list[str]:
        from masthead.core.routing import tree_key

        below = tree_key(self._below_name())
        return [*super().cache_keys_ahead(), *([below] if below else [])]

    def _below_name(self) -> str:
        return f"sections-below:{self.path}"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        below = self.sections_below()
        paths = [self.path, *(section.path for section in below)]
        per_page = settings.MASTHEAD_PAGE_SIZE
        context["stories"] = paginate_uncounted(request, NewestUnder(ArticlePage, paths), per_page)
        context["subsections"] = [
            section
            for section in below
            if section.depth == self.depth + 1 and section.live and section.show_in_menus
        ]
        return context


class ArticlePage(Story):
    """A news story: own reporting or agency copy."""

    objects = StoryManager()

    parent_page_types = ["news.SectionPage"]
    subpage_types = []
    is_creatable = True

    template = "news/article_page.html"

    class Meta:
        verbose_name = "article"
