from django.conf import settings
from django.db import models
from django.db.models import Prefetch
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from masthead.core.models import BasePage
from masthead.core.structured_data import ld_json_script, news_article
from masthead.stories.blocks import SHARE_IMAGE_FILTER, StoryBodyBlock


class StoryQuerySet(PageQuerySet):
    def in_section(self, section):
        """Stories filed under `section` or any of its sub-sections."""
        return self.descendant_of(section)

    def latest(self):
        return self.order_by("-first_published_at", "-pk")

    def for_listing(self):
        """Fetch what a teaser shows: byline, agency and photo, in a fixed number of queries."""
        return (
            self.select_related("agency", "lead_image")
            .prefetch_related(
                Prefetch(
                    "story_authors",
                    queryset=StoryAuthor.objects.select_related("author").order_by("sort_order"),
                ),
                "lead_image__renditions",
            )
            .defer_streamfields()
        )

    def for_serving(self):
        """Fetch what the story page shows, in a fixed number of queries."""
        return self.select_related("agency", "lead_image").prefetch_related(
            Prefetch(
                "story_authors",
                queryset=StoryAuthor.objects.select_related("author").order_by("sort_order"),
            ),
            "lead_image__renditions",
            "tags",
        )


StoryManager = PageManager.from_queryset(StoryQuerySet)


class StoryTag(TaggedItemBase):
    content_object = ParentalKey(
        "stories.Story", on_delete=models.CASCADE, related_name="tagged_items"
    )


class Story(BasePage):
    """What articles and blog posts share: headline, standfirst, byline, dates, photo, body."""

    standfirst = models.TextField(
        blank=True,
        max_length=600,
        help_text="The longer line under the headline, distinct from the body.",
    )
    agency = models.ForeignKey(
        "bylines.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stories",
        help_text='The wire service credited in the byline ("By Reuters").',
    )
    dateline = models.CharField(
        max_length=100, blank=True, help_text="Where the story was filed, e.g. AMMAN."
    )
    updated_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text='Shown as "Last updated at"; leave empty to use the last publication.',
    )
    lead_image = models.ForeignKey(
        "photos.Photo", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lead_caption = models.TextField(blank=True, help_text="Leave empty to use the photo's caption.")
    lead_credit = models.CharField(
        max_length=255, blank=True, help_text="Leave empty to use the photo's credit."
    )
    body = StreamField(StoryBodyBlock(), blank=True)
    tags = ClusterTaggableManager(through=StoryTag, blank=True)
    comments_open = models.BooleanField(default=True)

    objects = StoryManager()

    is_creatable = False
    schema_type = "NewsArticle"

    content_panels = BasePage.content_panels + [
        FieldPanel("standfirst"),
        MultiFieldPanel(
            [
                InlinePanel("story_authors", label="Author"),
                FieldPanel("agency"),
                FieldPanel("dateline"),
            ],
            heading="Byline",
        ),
        MultiFieldPanel(
            [FieldPanel("lead_image"), FieldPanel("lead_caption"), FieldPanel("lead_credit")],
            heading="Lead photo",
        ),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    settings_panels = BasePage.settings_panels + [
        FieldPanel("updated_at"),
        FieldPanel("comments_open"),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("first_published_at"),
    ]

    class Meta:
        verbose_name = "story"
        verbose_name_plural = "stories"

    @classmethod
    def serving_queryset(cls):
        return cls.objects.for_serving()

    @cached_property
    def tag_list(self):
        return list(self.tags.all())

    @property
    def headline(self) -> str:
        return self.title

    @property
    def last_updated(self):
        """The "Last updated at" time: an explicit update, else the latest publication."""
        return self.updated_at or self.last_published_at or self.first_published_at

    @cached_property
    def authors(self):
        return [link.author for link in self.story_authors.all()]

    @property
    def caption(self) -> str:
        return self.lead_caption or (self.lead_image.caption if self.lead_image else "")

    @property
    def credit(self) -> str:
        return self.lead_credit or (self.lead_image.credit if self.lead_image else "")

    def byline_names(self) -> list[str]:
        names = [author.name for author in self.authors]
        if self.agency:
            names.append(self.agency.name)
        return names

    def get_meta_description(self) -> str:
        return self.search_description or self.standfirst

    def share_image_url(self, request) -> str:
        if not self.lead_image:
            return ""
        return request.build_absolute_uri(self.lead_image.get_rendition(SHARE_IMAGE_FILTER).url)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        trail = context["trail"]
        image_url = self.share_image_url(request)
        context["share_image_url"] = image_url
        context["section"] = trail[-1] if trail else None
        context["story_ld"] = ld_json_script(
            news_article(
                article_type=self.schema_type,
                headline=self.title,
                description=self.standfirst,
                url=context["canonical_url"],
                published=self.first_published_at,
                modified=self.last_updated,
                authors=[
                    (a.name, request.build_absolute_uri(a.get_absolute_url())) for a in self.authors
                ],
                agency=(
                    (self.agency.name, request.build_absolute_uri(self.agency.get_absolute_url()))
                    if self.agency
                    else None
                ),
                section=trail[-1].title if trail else "",
                keywords=[tag.name for tag in self.tag_list],
                image_urls=[image_url] if image_url else [],
                publisher_name=settings.WAGTAIL_SITE_NAME,
                publisher_url=request.build_absolute_uri("/"),
            )
        )
        return context


class StoryAuthor(Orderable):
    story = ParentalKey(Story, on_delete=models.CASCADE, related_name="story_authors")
    author = models.ForeignKey("bylines.Author", on_delete=models.PROTECT, related_name="+")

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["story", "author"], name="unique_author_per_story")
        ]
