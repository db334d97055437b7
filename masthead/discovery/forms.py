from datetime import date

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join

from masthead.bylines.models import Agency, Author
from masthead.discovery.search import StoryFilters

# Dates outside these years are typing mistakes, and would overflow the day arithmetic.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2200


class PlainSelect(forms.Select):
    """A <select> whose options are written out here, not through a template each."""

    # The search page's filters list every section, author and agency: rendering each
    # option through the template engine took longer than the search itself.
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], " selected" if option["selected"] else "", option["label"])
                for _group, group_options, _index in widget["optgroups"]
                for option in group_options
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options
        )


class SectionChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        # A number too big for the database's integers would fail inside the query.
        if value not in self.empty_values and not (str(value).isdigit() and len(str(value)) < 19):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)

    def label_from_instance(self, section):
        # Sections directly under the home page sit at depth 3; indent the sub-sections.
        return "\u2003" * max(0, section.depth - 3) + section.title


class SearchForm(forms.Form):
    """The search box and its filters, all read from the query string."""

    q = forms.CharField(
        required=False,
        label="Search for",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    section = SectionChoiceField(
        queryset=None, required=False, empty_label="All sections", widget=PlainSelect
    )
    type = forms.ChoiceField(
        required=False,
        widget=PlainSelect,
        choices=[("", "Articles and blog posts"), ("article", "Articles"), ("blog", "Blog posts")],
    )
    author = forms.ModelChoiceField(
        queryset=Author.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Any author",
        widget=PlainSelect,
    )
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Any agency",
        widget=PlainSelect,
    )
    since = forms.DateField(
        required=False, label="From", widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        required=False, label="To", widget=forms.DateInput(attrs={"type": "date"})
    )
    sort = forms.ChoiceField(
        required=False,
        widget=PlainSelect,
        choices=[("relevance", "Best match"), ("newest", "Newest first")],
    )

    def __init__(self, *args, **kwargs):
        from masthead.news.models import SectionPage

        super().__init__(*args, **kwargs)
        # By content type, so the database reads the few sections, not every page in path order.
        self.fields["section"].queryset = (
            SectionPage.objects.live()
            .type(SectionPage)
            .only("id", "title", "depth", "path")
            .order_by("path")
        )

    def _clean_day(self, name) -> date | None:
        day = self.cleaned_data.get(name)
        if day is not None and not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
            raise forms.ValidationError(f"Choose a date between {EARLIEST_YEAR} and {LATEST_YEAR}.")
        return day

    def clean_since(self):
        return self._clean_day("since")

    def clean_until(self):
        return self._clean_day("until")

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", "The end date comes before the start date.")
        return cleaned

    def filters(self) -> StoryFilters:
        data = self.cleaned_data
        return StoryFilters(
            section=data.get("section"),
            kind=data.get("type") or "",
            author=data.get("author"),
            agency=data.get("agency"),
            since=data.get("since"),
            until=data.get("until"),
        )

    @property
    def newest_first(self) -> bool:
        return self.cleaned_data.get("sort") == "newest"
