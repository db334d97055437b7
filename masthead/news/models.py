from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel

from masthead.core.models import BasePage
from masthead.core.pagination import paginate
from masthead.stories.models import Story, StoryManager
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
        sections = list(SectionPage.objects.live().child_of(self).in_menu())
        context["top_stories"] = top
        context["section_blocks"] = [
            (section, [s for s in section.latest_stories(5) if s.pk not in shown][:4])
            for section in sections
        ]
        context["blog_posts"] = BlogPostPage.objects.live().for_listing().latest()[:5]
        return context


class SectionPage(BasePage):
    """A section front, nestable: Region > Middle East."""

    intro = models.TextField(blank=True, max_length=500)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["news.HomePage", "news.SectionPage"]
    subpage_types = ["news.SectionPage", "news.ArticlePage", "blogs.BlogIndexPage"]
    is_creatable = True

    template = "news/section_page.html"

    def latest_stories(self, count: int):
        return list(ArticlePage.objects.live().in_section(self).for_listing().latest()[:count])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        stories = ArticlePage.objects.live().in_section(self).for_listing().latest()
        context["stories"] = paginate(request, stories, settings.MASTHEAD_PAGE_SIZE)
        context["subsections"] = SectionPage.objects.live().child_of(self).in_menu()
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
