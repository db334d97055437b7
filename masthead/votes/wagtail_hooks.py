from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from masthead.votes.models import TopStoryOverride


class TopStoryOverrideViewSet(SnippetViewSet):
    """Editors pin an article to the top of the front page's top stories, or keep it out."""

    model = TopStoryOverride
    icon = "pick"
    menu_label = "Top stories"
    menu_name = "top-stories"
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["story", "placement", "until", "note", "updated_at"]
    list_filter = ["placement"]
    panels = [
        PageChooserPanel("story", page_type="news.ArticlePage"),
        FieldPanel("placement"),
        FieldPanel("until"),
        FieldPanel("note"),
    ]


register_snippet(TopStoryOverrideViewSet)
