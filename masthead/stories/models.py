import functools

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import CharField, Exists, OuterRef, Prefetch, prefetch_related_objects
from django.db.models.functions import Cast
from django.utils import timezone
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
from masthead.newsroom.forms import StoryForm
from masthead.newsroom.panels import StoryStatePanel, WireVersionsPanel
from masthead.stories.blocks import SHARE_IMAGE_FILTER, StoryBodyBlock
from masthead.stories.listing import aware, instant

RELATED_CANDIDATES = 200
RELATED_SECONDS = 300


def subtree_range(path: str) -> dict:
    """Match the paths below `path` as an index range: LIKE 'x%' cannot use the index."""
    # Tree paths are made of 0-9 and A-Z, all of which sort before "~".
    return {"path__gt": path, "path__lt": path + "~"}


class StoryQuerySet(PageQuerySet):
    def in_section(self, section):
        """Stories filed under `section` or any of its sub-sections."""
        return self.filter(**subtree_range(section.path)).filter(depth__gt=section.depth)

    def latest(self):
        return self.order_by("-first_published_at", "-pk")

    def for_listing(self):
        """Fetch what a teaser shows: byline, agency and photo, in a fixed number of queries."""
        from masthead.comments.models import Comment

        return (
            self.select_related("agency", "lead_image")
            .prefetch_related(*teaser_prefetches())
            .defer_streamfields()
            .annotate(comment_count=Comment.objects.published_count_per_story())
        )

    def for_teasers(self):
        """Rows of only what names a teaser's version, not stories: the `teasers` tag
        fetches the stories whose teasers it must render
        (masthead/stories/templatetags/teaser_tags.py)."""
        from masthead.comments.models import Comment

        return self.annotate(comment_count=Comment.objects.published_count_per_story()).values_list(
            *TEASER_VERSION_FIELDS, "comment_count", named=True
        )

    def related_to(self, story):
        """Stories sharing a tag or the section with `story`: tag-mates first, newest first.

        The candidates are the newest few of each kind, found by index: the query costs
        the same with 100,000 stories as with 100.
        """
        from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, Value

        tag_ids = [tag.pk for tag in story.tag_list]
        # Siblings under the same parent: the section's stories, or the blog's posts.
        same_section = Q(**subtree_range(story.path[: -story.steplen]), depth=story.depth)
        # Both candidate lists are sub-queries of the one query: no id list travels
        # to Python and back.
        candidates = Q(
            pk__in=Story.objects.filter(same_section)
            .order_by("-first_published_at")
            .values("pk")[:RELATED_CANDIDATES]
        )
        shares_tag = Value(False)
        if tag_ids:
            candidates |= Q(
                pk__in=StoryTag.objects.filter(tag_id__in=tag_ids)
                .order_by("-content_object_id")
                .values("content_object_id")[:RELATED_CANDIDATES]
            )
            shares_tag = Exists(
                StoryTag.objects.filter(content_object=OuterRef("pk"), tag_id__in=tag_ids)
            )
        return (
            self.filter(candidates)
            .exclude(pk=story.pk)
            .annotate(
                shares_tag=shares_tag,
                same_section=ExpressionWrapper(same_section, output_field=BooleanField()),
            )
            .order_by("-shares_tag", "-same_section", "-first_published_at", "-pk")
        )

    def for_serving(self):
        """Fetch the story to serve its page: with its agency and photo, without its text.

        The page is kept in the cache (Story.kept_for_serving), so nothing that changes
        without a new version of the story is loaded here: its votes are read on every
        render. What its text shows is kept rendered by version; `Story.fetch_shown`
        fetches the rest (body, bylines, topics, photo sizes, corrections) when the text
        must be rendered again, and its comments are kept by their own version
        (masthead.comments.versions).
        """
        # Corrections are rare: whether there are any comes with the story, so a story
        # without them needs no query for them when its text is rendered.
        has_corrections = Exists(StoryCorrection.objects.filter(story=OuterRef("pk")))
        return (
            self.select_related("agency", "lead_image")
            .defer_streamfields()
            .annotate(has_corrections=has_corrections)
        )

    def scheduled(self):
        """Stories with a version approved to go live at a future time."""
        return self.filter(Exists(_approved_revisions()))

    def with_schedule(self):
        """Annotate `approved_go_live_at`: when the scheduled version goes live, if any."""
        from django.db.models import Subquery

        times = _approved_revisions().values("approved_go_live_at")[:1]
        return self.annotate(approved_go_live_at=Subquery(times))

    def awaiting_review(self):
        """Stories submitted for review whose workflow has not finished."""
        from django.contrib.contenttypes.models import ContentType
        from wagtail.models import Page, WorkflowState

        states = WorkflowState.objects.active().filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
        )
        return self.filter(Exists(states))


RELATED_FIELDS = ("id", "title", "url_path", "first_published_at", "path", "depth", "locale_id")
# What a teaser's cache key is made of, with the story's published comment count.
TEASER_VERSION_FIELDS = ("pk", "live_revision_id", "last_published_at", "url_path")


def _related_key(story_id: int, limit: int = 4) -> str:
    return f"masthead:related:{story_id}:{limit}"


def related_by_ids(ids: list[int]) -> list:
    """Live stories by id, in the order given, with only what the related list shows."""
    if not ids:
        return []
    shown = Story.objects.live().filter(pk__in=ids).only(*RELATED_FIELDS)
    by_pk = {story.pk: story for story in shown}
    return [by_pk[pk] for pk in ids if pk in by_pk]


def teaser_prefetches() -> list:
    """The related rows a teaser shows: its byline and its photo's renditions."""
    return [
        Prefetch(
            "story_authors",
            queryset=StoryAuthor.objects.select_related("author").order_by("sort_order"),
        ),
        "lead_image__renditions",
    ]


def _approved_revisions():
    from wagtail.models import Revision

    return Revision.page_revisions.filter(
        approved_go_live_at__isnull=False,
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
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
        help_text='Shown as "Last updated at": set by each publication that is not a minor edit.',
    )
    minor_edit = models.BooleanField(
        default=False,
        help_text='A small fix such as a typo: publish it without changing "Last updated at".',
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

    base_form_class = StoryForm
    content_panels = [
        StoryStatePanel(heading="Schedule and updates"),
        *BasePage.content_panels,
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
        MultiFieldPanel(
            [
                InlinePanel("corrections", label="Correction or editor's note"),
                FieldPanel("minor_edit"),
            ],
            heading="Corrections and updates",
        ),
        WireVersionsPanel(heading="Wire versions"),
    ]
    settings_panels = BasePage.settings_panels + [FieldPanel("comments_open")]

    search_fields = BasePage.search_fields + [
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        # The byline is searchable, and author and agency are search filters.
        index.RelatedFields(
            "story_authors",
            [
                index.RelatedFields("author", [index.SearchField("name")]),
                index.FilterField("author"),
            ],
        ),
        index.RelatedFields("agency", [index.SearchField("name")]),
        index.FilterField("agency"),
        index.FilterField("first_published_at"),
    ]

    class Meta:
        verbose_name = "story"
        verbose_name_plural = "stories"
        indexes = [
            # The sitemap index dates the stories by their updates: read from this
            # narrow index, not from the stories' rows, which carry their text.
            models.Index(fields=["page_ptr", "updated_at"], name="story_updated"),
        ]

    @classmethod
    def serving_queryset(cls):
        return cls.objects.for_serving()

    @cached_property
    def tag_list(self):
        return list(self.tags.all())

    def related_choice(self, limit: int = 4) -> tuple[list[int], list | None]:
        """The ids of the stories listed as "Related stories" under this one, and the
        stories themselves when they were ranked just now.

        The choice is kept a few minutes: a page-cache miss then reads the chosen few by
        key instead of ranking the candidates again. A new story joins within
        RELATED_SECONDS.
        """
        from masthead.core.fragments import cached

        key = _related_key(self.pk, limit)
        try:
            chosen = cached(key)
        except Exception:  # a cache that does not answer: rank again
            chosen = None
        if chosen is not None:
            return chosen, None
        related = list(Story.objects.live().defer_streamfields().related_to(self)[:limit])
        try:
            cache.set(key, [story.pk for story in related], RELATED_SECONDS)
        except Exception:
            pass
        return [story.pk for story in related], related

    def cache_keys_ahead(self) -> list[str]:
        from masthead.comments.versions import comments_version_key

        return [*super().cache_keys_ahead(), _related_key(self.pk), comments_version_key(self.pk)]

    def related_versions(self, limit: int = 4) -> tuple[tuple, list | None]:
        """(id, last publication) of each related story still live, in order, and the
        stories if they were ranked just now: what the rendered list is kept by."""
        ids, ranked = self.related_choice(limit)
        if ranked is not None:
            return tuple((s.pk, instant(s.last_published_at)) for s in ranked), ranked
        if not ids:
            return (), []
        # Plain SQL, as the route's: read on every render of an article.
        marks = ", ".join(["%s"] * len(ids))
        sql = f"SELECT id, last_published_at FROM wagtailcore_page WHERE live AND id IN ({marks})"
        with connection.cursor() as cursor:
            cursor.execute(sql, ids)
            live = {pk: instant(aware(published)) for pk, published in cursor.fetchall()}
        return tuple((pk, live[pk]) for pk in ids if pk in live), None

    def related_stories(self, limit: int = 4):
        """The stories listed as "Related stories" under this one; one that was unpublished
        since it was chosen drops out at once."""
        versions, ranked = self.related_versions(limit)
        return ranked if ranked is not None else related_by_ids([pk for pk, _ in versions])

    @property
    def headline(self) -> str:
        return self.title

    @property
    def last_updated(self):
        """ "Last updated at": the latest update or correction, else the first publication."""
        moments = [moment for moment in (self.updated_at, self.first_published_at) if moment]
        return max(moments, default=None)

    def with_content_json(self, content):
        # "Last updated at" belongs to the live story, set by publication: a version
        # restored from a revision must not carry an old value back.
        story = super().with_content_json(content)
        story.updated_at = self.updated_at
        return story

    @cached_property
    def correction_list(self):
        """Corrections and editor's notes, oldest first, as the end of the story shows them."""
        if getattr(self, "has_corrections", True) is False:
            return []
        return sorted(
            self.corrections.all(), key=lambda note: (note.noted_at, note.sort_order or 0)
        )

    def article_ld(self, article: dict):
        """The article's JSON-LD script, with its corrections and editor's notes."""
        corrections = [n for n in self.correction_list if n.kind == StoryCorrection.CORRECTION]
        notes = [n for n in self.correction_list if n.kind == StoryCorrection.NOTE]
        if corrections:
            article["correction"] = [
                {
                    "@type": "CorrectionComment",
                    "text": n.text,
                    "datePublished": n.noted_at.isoformat(),
                }
                for n in corrections
            ]
        if notes:
            article["backstory"] = " ".join(n.text for n in notes)
        return ld_json_script(article)

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
        from masthead.comments.versions import comments_part_version
        from masthead.core.fragments import PageParts

        context = super().get_context(request, *args, **kwargs)
        trail = context["trail"]
        section = trail[-1] if trail else None
        context["section"] = section
        # The head and the text are kept rendered by version; what only they show is
        # fetched, and the article's JSON-LD built, when one of them must be rendered.
        version = (
            self.pk,
            self.live_revision_id,
            instant(self.last_published_at),
            section.title if section else "",
        )
        parts = PageParts.of(request)
        host = request.get_host()
        related, ranked = self.related_versions()
        wanted = {"head": (*version, host), "ld": (*version, host), "text": version}
        wanted["related"] = related
        comments = comments_part_version(self, request)
        if comments is not None:
            wanted["comments"] = comments
        parts.want(**wanted)
        if parts.get("head") is None or parts.get("ld") is None or parts.get("text") is None:
            self.fetch_shown()
        context["parts"] = parts
        context["related_stories"] = functools.cache(
            lambda: ranked if ranked is not None else related_by_ids([pk for pk, _ in related])
        )
        context["share_image_url"] = functools.cache(lambda: self.share_image_url(request))
        context["story_ld"] = lambda: self.story_ld(request, context["canonical_url"], section)
        return context

    def fetch_shown(self) -> None:
        """Fetch, in one query each, the body, bylines, photo sizes, topics and
        corrections the story's text shows."""
        if self.get_deferred_fields():
            self.refresh_from_db(fields=list(self.get_deferred_fields()))
        # Ranking related stories may have read the topics already (tag_list).
        topics = [] if "tag_list" in self.__dict__ else ["tags"]
        corrections = [] if getattr(self, "has_corrections", True) is False else ["corrections"]
        prefetch_related_objects([self], *teaser_prefetches(), *topics, *corrections)

    def story_ld(self, request, url: str, section) -> str:
        image_url = self.share_image_url(request)
        return self.article_ld(
            news_article(
                article_type=self.schema_type,
                headline=self.title,
                description=self.standfirst,
                url=url,
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
                section=section.title if section else "",
                keywords=[tag.name for tag in self.tag_list],
                image_urls=[image_url] if image_url else [],
                publisher_name=settings.WAGTAIL_SITE_NAME,
                publisher_url=request.build_absolute_uri("/"),
            )
        )


class StoryAuthor(Orderable):
    story = ParentalKey(Story, on_delete=models.CASCADE, related_name="story_authors")
    author = models.ForeignKey("bylines.Author", on_delete=models.PROTECT, related_name="+")

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["story", "author"], name="unique_author_per_story")
        ]


class StoryCorrection(Orderable):
    """A correction or an editor's note, shown with its date at the end of the story."""

    CORRECTION = "correction"
    NOTE = "note"
    KINDS = [(CORRECTION, "Correction"), (NOTE, "Editor's note")]

    story = ParentalKey(Story, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=20, choices=KINDS, default=CORRECTION)
    text = models.TextField(
        max_length=1000, help_text="What was wrong and what is right, in a sentence or two."
    )
    noted_at = models.DateTimeField(
        "date", default=timezone.now, help_text='Moves "Last updated at" to this time.'
    )

    panels = [FieldPanel("kind"), FieldPanel("text"), FieldPanel("noted_at")]

    class Meta(Orderable.Meta):
        verbose_name = "correction or editor's note"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"

    def clean(self):
        if self.noted_at and self.noted_at > timezone.now():
            raise ValidationError({"noted_at": "A correction cannot be dated in the future."})
