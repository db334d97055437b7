from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from masthead.bylines.models import Agency, Author


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    list_display = ["name", "role"]
    search_fields = ["name"]


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "globe"
    list_display = ["name", "short_name", "website"]
    search_fields = ["name"]


class BylineViewSetGroup(SnippetViewSetGroup):
    items = (AuthorViewSet, AgencyViewSet)
    menu_label = "Bylines"
    menu_icon = "user"
    menu_name = "bylines"


register_snippet(BylineViewSetGroup)
