"""A news site's pages written the way Wagtail's docs and bakerydemo write them."""

import json

from django.db import models
from django.http import HttpResponseRedirect
from django.utils.safestring import mark_safe
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet


@register_snippet
class Author(models.Model):
    name = models.CharField(max_length=100)
    role = models.CharField(max_length=100, blank=True)

    panels = [FieldPanel("name"), FieldPanel("role")]

    def __str__(self):
        return self.name


class HomePage(Page):
    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["news.SectionPage"]
    max_count = 1


class SectionPage(Page):
    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["news.HomePage"]
    subpage_types = ["news.ArticlePage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The docs' listing pattern, with the image and its renditions fetched up front
        # ("Prefetching image renditions") and the bylines with the list.
        context["articles"] = (
            ArticlePage.objects.child_of(self)
            .live()
            .order_by("-first_published_at")
            .select_related("lead_image")
            .prefetch_related("lead_image__renditions", "authors__author")[:30]
        )
        return context


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False)

    class Meta:
        icon = "openquote"
        template = "news/blocks/quote.html"


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ArticlePage(Page):
    standfirst = models.TextField(blank=True)
    dateline = models.CharField(max_length=100, blank=True)
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_image_caption = models.CharField(max_length=250, blank=True)
    lead_image_credit = models.CharField(max_length=100, blank=True)
    body = StreamField(
        [
            ("paragraph", blocks.RichTextBlock(features=["bold", "italic", "link"])),
            ("image", ImageBlock(template="news/blocks/image.html")),
            ("quote", QuoteBlock()),
        ],
        blank=True,
    )
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("standfirst"),
        FieldPanel("dateline"),
        MultiFieldPanel(
            [
                FieldPanel("lead_image"),
                FieldPanel("lead_image_caption"),
                FieldPanel("lead_image_credit"),
            ],
            heading="Lead image",
        ),
        InlinePanel("authors", label="Authors"),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("standfirst"),
        index.SearchField("body"),
    ]
    parent_page_types = ["news.SectionPage"]
    subpage_types = []

    def related_articles(self):
        """The four newest live articles sharing a tag with this one."""
        return (
            ArticlePage.objects.live()
            .filter(tags__in=self.tags.all())
            .exclude(pk=self.pk)
            .distinct()
            .order_by("-first_published_at")
            .select_related("lead_image")
            .prefetch_related("lead_image__renditions")[:4]
        )

    def json_ld(self, request):
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title,
            "description": self.standfirst,
            "url": self.get_full_url(request),
            "datePublished": self.first_published_at.isoformat(),
            "dateModified": self.last_published_at.isoformat(),
        }
        text = json.dumps(data).replace("<", "\\u003c").replace(">", "\\u003e")
        return mark_safe(text.replace("&", "\\u0026"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["authors"] = [item.author for item in self.authors.select_related("author")]
        context["tags"] = list(self.tags.all())
        context["related"] = self.related_articles()
        context["comments"] = self.comments.filter(approved=True).order_by("created_at")
        context["votes"] = VoteTally.objects.filter(page=self).first()
        context["json_ld"] = self.json_ld(request)
        return context

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            if request.POST.get("vote") in ("up", "down"):
                field = request.POST["vote"]
                tally, _ = VoteTally.objects.get_or_create(page=self)
                VoteTally.objects.filter(pk=tally.pk).update(**{field: models.F(field) + 1})
                return HttpResponseRedirect(self.url + "#votes")
            name = request.POST.get("name", "").strip()[:60]
            body = request.POST.get("body", "").strip()[:5000]
            if name and body:
                Comment.objects.create(page=self, name=name, body=body)
            return HttpResponseRedirect(self.url + "#comments")
        return super().serve(request, *args, **kwargs)


class ArticlePageAuthor(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="authors")
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("author")]


class Comment(models.Model):
    page = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="comments")
    name = models.CharField(max_length=60)
    body = models.TextField()
    approved = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.name} on {self.page_id}"


class VoteTally(models.Model):
    page = models.OneToOneField(ArticlePage, on_delete=models.CASCADE, related_name="votes")
    up = models.PositiveIntegerField(default=0)
    down = models.PositiveIntegerField(default=0)
