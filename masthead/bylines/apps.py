from django.apps import AppConfig


class BylinesConfig(AppConfig):
    name = "masthead.bylines"
    label = "bylines"
    verbose_name = "Bylines"
