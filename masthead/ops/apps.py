from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "masthead.ops"
    label = "ops"
    verbose_name = "Operations"

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        # Each app declares its periodic jobs in its own schedule.py.
        autodiscover_modules("schedule")
