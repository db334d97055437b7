"""Matching stories read straight from the database search backend's index, in one query.

Why not `queryset.search()` with Wagtail's database backend: to rank, it annotates each
matching story with a sub-query that re-runs the full-text match (SQLite FTS5: the work
grows with the square of the matches, 18 s for a common word on 10,000 stories), and on
PostgreSQL it matches `title || body` with no index that can answer it, so every search
reads every index entry. Here one query finds the matches through the full-text index,
keeps the live ones (among the filtered stories, if any) and orders them. Wagtail still
builds and updates the index (its `wagtailsearch_indexentry` tables); OpenSearch and
Elasticsearch, when SEARCH_URL names one, are asked through Wagtail's own `search()`.
"""

from django.conf import settings
from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

DATABASE_BACKEND = "wagtail.search.backends.database"

# Relevance weights: a word in the headline counts more than one in the text.
HEADLINE_WEIGHT = 4.0
TEXT_WEIGHT = 1.0

# PostgreSQL ranks the newest this many matches by relevance and lists older ones after
# them, newest first: ts_rank() costs about as much per story as finding it, and a word
# found in thousands of stories would otherwise take most of the time a search may take.
POSTGRES_RANKED = 1000

# Stories are pages, and the index names them by their page id, kept as text.
STORY_ID = "CAST(e.object_id AS INTEGER)"


def answers_search() -> bool:
    """Whether searches go to the database's own index, which this module reads."""
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    return backend == DATABASE_BACKEND and connection.vendor in ("sqlite", "postgresql")


def _story_content_types() -> list[int]:
    from modelsearch.utils import get_descendants_content_types_pks

    from masthead.stories.models import Story

    return get_descendants_content_types_pks(Story)


def _fts5_match(terms: list[str]) -> str:
    # Terms are letters, digits and combining marks only (search.query_terms); quoted,
    # FTS5 reads each as a plain word, never as an operator or a column name.
    return "{title body} : (" + " AND ".join(f'"{term}"' for term in terms) + ")"


def _postgres_config(cursor) -> str:
    """The text search configuration Wagtail indexed with: its setting, else the database's."""
    configured = settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG")
    if configured:
        return configured
    cursor.execute("SHOW default_text_search_config")
    return cursor.fetchone()[0]


def _matches(terms: list[str], among: QuerySet | None, config: str) -> tuple[str, list]:
    """FROM and WHERE of the live stories' index entries holding every term."""
    types = _story_content_types()
    of_stories = f"e.content_type_id IN ({', '.join(['%s'] * len(types))})"
    if connection.vendor == "sqlite":
        sql = (
            "FROM wagtailsearch_indexentry_fts f"
            " JOIN wagtailsearch_indexentry e ON e.id = f.rowid"
            f" JOIN wagtailcore_page p ON p.id = {STORY_ID}"
            f" WHERE wagtailsearch_indexentry_fts MATCH %s AND {of_stories} AND p.live"
        )
        params = [_fts5_match(terms), *types]
    else:
        # The discovery migration indexes `title || body`, the vector matched here.
        sql = (
            f"FROM wagtailsearch_indexentry e JOIN wagtailcore_page p ON p.id = {STORY_ID}"
            f" WHERE (e.title || e.body) @@ plainto_tsquery(%s::regconfig, %s)"
            f" AND {of_stories} AND p.live"
        )
        params = [config, " ".join(terms), *types]
    if among is not None:
        # Each match is looked up among the stories by its id: no list of them is made.
        narrowed = among.filter(pk=RawSQL("p.id", ())).values("pk")
        among_sql, among_params = narrowed.query.sql_with_params()
        sql += f" AND EXISTS ({among_sql})"
        params += among_params
    return sql, params


def matching_story_ids(
    *, terms: list[str], among: QuerySet | None = None, newest_first: bool = False
) -> list[int]:
    """The ids of the live stories (of `among`, if given) holding every term, best first."""
    with connection.cursor() as cursor:
        # A constant configuration lets PostgreSQL read the query once, not once per row.
        config = _postgres_config(cursor) if connection.vendor == "postgresql" else ""
        matches, params = _matches(terms, among, config)
        if newest_first:
            sql = f"SELECT p.id {matches} ORDER BY p.first_published_at DESC, p.id DESC"
        elif connection.vendor == "sqlite":
            # bm25() is lower for better matches; the FTS5 columns: autocomplete, body, title.
            sql = (
                f"SELECT p.id {matches} ORDER BY"
                f" bm25(wagtailsearch_indexentry_fts, 0.0, {TEXT_WEIGHT}, {HEADLINE_WEIGHT}),"
                " p.id DESC"
            )
        else:
            query = "plainto_tsquery(%s::regconfig, %s)"
            sql = (
                "SELECT story_id FROM (SELECT p.id AS story_id, e.title, e.body, row_number()"
                f" OVER (ORDER BY p.first_published_at DESC, p.id DESC) AS recency {matches}) m"
                f" ORDER BY CASE WHEN recency <= {POSTGRES_RANKED} THEN"
                f" ts_rank(m.title, {query}) * {HEADLINE_WEIGHT}"
                f" + ts_rank(m.body, {query}) * {TEXT_WEIGHT} END DESC NULLS LAST, recency"
            )
            params += [config, " ".join(terms)] * 2
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]
