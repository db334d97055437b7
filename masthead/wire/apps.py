from django.apps import AppConfig


class WireConfig(AppConfig):
    name = "masthead.wire"
    label = "wire"
    verbose_name = "Wire ingest"

    def ready(self):
        from masthead.wire import signals  # noqa: F401
