from django.db import migrations


class Migration(migrations.Migration):
    """Index each page's parent and publication time: a section front walks the newest
    stories of each of its sections on it, whatever the size of their archives."""

    dependencies = [("news", "0003_page_url_path_index")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS masthead_page_parent_published "
            # The expression is masthead.stories.listing.PARENT_PATH_SQL.
            "ON wagtailcore_page ((substr(path, 1, length(path) - 4)), first_published_at, id)",
            "DROP INDEX IF EXISTS masthead_page_parent_published",
        ),
    ]
