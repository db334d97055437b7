from django.apps import AppConfig


class HumancheckConfig(AppConfig):
    name = "masthead.humancheck"
    label = "humancheck"
    verbose_name = "Human check"
