from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_roles(sender, **kwargs):
    from masthead.newsroom.roles import roles_ensure

    roles_ensure()


class NewsroomConfig(AppConfig):
    name = "masthead.newsroom"
    label = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        # Newsroom is the last installed app, so every permission exists when this runs.
        post_migrate.connect(_ensure_roles, sender=self, dispatch_uid="masthead-roles")
        from masthead.newsroom import sections, updates, wire_items

        sections.connect()
        updates.connect()
        wire_items.connect()
