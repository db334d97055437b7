"""Index `title || body` of Wagtail's search entries on PostgreSQL.

Searches match that combined vector (Wagtail's backend and masthead.discovery.search_index
alike); the per-column indexes Wagtail creates cannot answer it, so without this one
every search reads every entry. SQLite's FTS5 table needs nothing more.
"""

from django.db import migrations

INDEX = "discovery_search_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry"
            " USING gin ((title || body))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(create_index, drop_index)]
