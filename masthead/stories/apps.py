from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "masthead.stories"
    label = "stories"
    verbose_name = "Stories"

    def ready(self):
        from masthead.stories import signals  # noqa: F401
