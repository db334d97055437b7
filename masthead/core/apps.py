from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "masthead.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from masthead.core import checks  # noqa: F401 - registers the checks
