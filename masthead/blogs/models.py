from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel

from masthead.core.models import BasePage
from masthead.core.pagination import paginate_uncounted
from masthead.stories.listing import NewestUnder
from masthead.stories.models import Story, StoryManager


class BlogIndexPage(BasePage):
    """A named blog: its front lists its posts, newest first."""

    intro = models.TextField(blank=True, max_length=500)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["news.HomePage", "news.SectionPage"]
    subpage_types = ["blogs.BlogPostPage"]
    is_creatable = True

    template = "blogs/blog_index_page.html"

    class Meta:
        verbose_name = "blog"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        posts = NewestUnder(BlogPostPage, [self.path])
        context["posts"] = paginate_uncounted(request, posts, settings.MASTHEAD_PAGE_SIZE)
        return context


class BlogPostPage(Story):
    """A post in one of the paper's blogs."""

    objects = StoryManager()

    parent_page_types = ["blogs.BlogIndexPage"]
    subpage_types = []
    is_creatable = True

    template = "blogs/blog_post_page.html"
    schema_type = "BlogPosting"

    class Meta:
        verbose_name = "blog post"

    @property
    def blog(self):
        return self.get_parent()
