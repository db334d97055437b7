"""The "Stories" listing in the admin: every article and blog post, filtered as a desk needs."""

import django_filters
from django import forms
from django.db.models import prefetch_related_objects
from django.utils import timezone
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import BaseColumn, Column, DateColumn
from wagtail.admin.ui.tables.pages import (
    BulkActionsColumn,
    PageStatusColumn,
    PageTitleColumn,
    ParentPageColumn,
)
from wagtail.admin.views.pages.listing import IndexView
from wagtail.admin.viewsets.pages import PageListingViewSet

from masthead.newsroom.schedule import listing_notices
from masthead.newsroom.sections import desk_sections
from masthead.stories.models import Story

STATUSES = [
    ("draft", "Draft"),
    ("in_review", "In review"),
    ("scheduled", "Scheduled to go live"),
    ("live", "Live"),
    ("changed", "Live, with unpublished changes"),
    ("unpublishing", "Scheduled to unpublish"),
    ("unpublished", "Unpublished or expired"),
]


def _sections(request):
    return desk_sections()


def _authors(request):
    from masthead.bylines.models import Author

    return Author.objects.order_by("name")


def _agencies(request):
    from masthead.bylines.models import Agency

    return Agency.objects.order_by("name")


class StoryFilterSet(WagtailFilterSet):
    section = django_filters.ModelChoiceFilter(
        label="Section or blog", queryset=_sections, method="filter_section"
    )
    author = django_filters.ModelChoiceFilter(
        label="Author", queryset=_authors, field_name="story_authors__author", distinct=True
    )
    agency = django_filters.ModelChoiceFilter(label="Agency", queryset=_agencies)
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=STATUSES,
        method="filter_status",
        empty_label="All",
        widget=forms.RadioSelect,
    )
    first_published_at = django_filters.DateFromToRangeFilter(
        label="First published", widget=DateRangePickerWidget
    )
    latest_revision_created_at = django_filters.DateFromToRangeFilter(
        label="Last edited", widget=DateRangePickerWidget
    )

    class Meta:
        model = Story
        fields = []

    def filter_section(self, queryset, name, value):
        return queryset.descendant_of(value) if value else queryset

    def filter_status(self, queryset, name, value):
        now = timezone.now()
        if value == "draft":
            return (
                queryset.filter(live=False, first_published_at__isnull=True)
                .exclude(pk__in=Story.objects.scheduled().values("pk"))
                .exclude(pk__in=Story.objects.awaiting_review().values("pk"))
            )
        if value == "in_review":
            return queryset.awaiting_review()
        if value == "scheduled":
            return queryset.scheduled()
        if value == "live":
            return queryset.filter(live=True)
        if value == "changed":
            return queryset.filter(live=True, has_unpublished_changes=True)
        if value == "unpublishing":
            return queryset.filter(live=True, expire_at__gt=now)
        if value == "unpublished":
            return queryset.filter(live=False, first_published_at__isnull=False).exclude(
                pk__in=Story.objects.scheduled().values("pk")
            )
        return queryset


def byline_text(story) -> str:
    names = [link.author.name for link in story.story_authors.all()]
    if story.agency_id:
        names.append(story.agency.name)
    return ", ".join(names)


class ScheduleColumn(BaseColumn):
    """Go-live and unpublish times in effect, and those set but waiting for publication."""

    cell_template_name = "newsroom/listing/schedule_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["notices"] = listing_notices(instance)
        return context


class StoryIndexView(IndexView):
    page_title = "Stories"
    default_ordering = "-latest_revision_created_at"

    def get_base_queryset(self):
        return super().get_base_queryset().with_schedule()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The rows are specific pages by now: fetch every byline of the page at once.
        prefetch_related_objects(list(context["object_list"]), "agency", "story_authors__author")
        return context


class StoryListingViewSet(PageListingViewSet):
    """Articles and blog posts together, filterable by section, byline, status and date."""

    name = "stories"
    url_prefix = "stories"
    model = Story
    index_view_class = StoryIndexView
    icon = "doc-full"
    menu_label = "Stories"
    menu_order = 150
    add_to_admin_menu = True
    filterset_class = StoryFilterSet
    columns = [
        BulkActionsColumn("bulk_actions"),
        PageTitleColumn("title", label="Headline", sort_key="title", classname="title"),
        ParentPageColumn("parent", label="Section"),
        Column("byline", label="Byline", accessor=byline_text),
        PageStatusColumn("status", label="Status", sort_key="live", width="10%"),
        DateColumn("first_published_at", label="First published", sort_key="first_published_at"),
        ScheduleColumn("schedule", label="Schedule", width="22%"),
        DateColumn(
            "latest_revision_created_at", label="Last edited", sort_key="latest_revision_created_at"
        ),
    ]
