from django.apps import AppConfig


class VotesConfig(AppConfig):
    name = "masthead.votes"
    label = "votes"
    verbose_name = "Reader votes"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from masthead.votes.models import TopStoryOverride
        from masthead.votes.signals import purge_front_page, purge_story_page, vote_changed

        vote_changed.connect(purge_story_page, dispatch_uid="votes-purge-story-page")
        for signal in (post_save, post_delete):
            signal.connect(purge_front_page, sender=TopStoryOverride, dispatch_uid="votes-front")
