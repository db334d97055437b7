from django.db import migrations


class Migration(migrations.Migration):
    """Index Wagtail's url_path: Masthead finds every page by it in one look-up."""

    dependencies = [("news", "0002_home_page"), ("wagtailcore", "0098_apitoken")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS masthead_page_url_path ON wagtailcore_page (url_path)",
            "DROP INDEX IF EXISTS masthead_page_url_path",
        ),
        # Section fronts and related stories read a sub-tree newest first.
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS masthead_page_depth_path "
            "ON wagtailcore_page (depth, path)",
            "DROP INDEX IF EXISTS masthead_page_depth_path",
        ),
    ]
