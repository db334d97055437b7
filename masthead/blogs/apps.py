from django.apps import AppConfig


class BlogsConfig(AppConfig):
    name = "masthead.blogs"
    label = "blogs"
    verbose_name = "Blogs"
