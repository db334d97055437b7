"""Editor panels that make a story's state obvious: its schedule and its wire versions."""

from wagtail.admin.panels import Panel

from masthead.newsroom import wire_items
from masthead.newsroom.schedule import editor_notices


class StoryStatePanel(Panel):
    """The schedule in effect, what waits for Publish, and the "Last updated at" readers see."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "newsroom/panels/story_state.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.notices = editor_notices(self.instance)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["notices"] = self.notices
            context["page"] = self.instance
            return context


class WireVersionsPanel(Panel):
    """The agency versions a story was made from, newest first, when the wire app has them."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "newsroom/panels/wire_versions.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.versions = wire_items.versions_of(self.instance) if self.instance.pk else []

        def is_shown(self):
            return bool(self.versions)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["versions"] = self.versions
            return context
