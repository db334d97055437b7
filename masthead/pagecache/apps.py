from django.apps import AppConfig


class PagecacheConfig(AppConfig):
    name = "masthead.pagecache"
    label = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from masthead.pagecache import signals  # noqa: F401 - connects the purge handlers
