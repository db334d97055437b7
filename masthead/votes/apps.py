from django.apps import AppConfig


class VotesConfig(AppConfig):
    name = "masthead.votes"
    label = "votes"
    verbose_name = "Reader votes"
