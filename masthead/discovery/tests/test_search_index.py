import pytest
from django.db import connection

from masthead.discovery import search_index
from masthead.discovery.search import StoryFilters, filtered_stories
from masthead.discovery.tests.newsroom import build_newsroom


@pytest.mark.django_db
def test_the_database_index_answers_searches_by_default():
    assert search_index.answers_search()


@pytest.mark.django_db
def test_matching_story_ids_rank_a_headline_match_first_and_sort_newest_first():
    n = build_newsroom()
    best = search_index.matching_story_ids(terms=["reservoir"])
    assert best == [n.notes.pk, n.water.pk]
    newest = search_index.matching_story_ids(terms=["water"], newest_first=True)
    assert newest == [n.drought.pk, n.water.pk]


@pytest.mark.django_db
def test_matching_story_ids_keep_only_the_stories_among_those_given():
    n = build_newsroom()
    among = filtered_stories(StoryFilters(kind="blog"))
    assert search_index.matching_story_ids(terms=["reservoir"], among=among) == [n.notes.pk]
    among = filtered_stories(StoryFilters(agency=n.wire))
    assert search_index.matching_story_ids(terms=["water"], among=among) == [n.drought.pk]


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="an index PostgreSQL needs")
def test_postgresql_has_an_index_for_the_vector_searches_match():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
            ["discovery_search_title_body_gin"],
        )
        (definition,) = cursor.fetchone()
    assert "gin" in definition and "(title || body)" in definition


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a limit PostgreSQL needs")
def test_postgresql_ranks_the_newest_matches_and_lists_older_ones_after(monkeypatch):
    n = build_newsroom()
    assert search_index.matching_story_ids(terms=["water"]) == [n.water.pk, n.drought.pk]
    monkeypatch.setattr(search_index, "POSTGRES_RANKED", 1)
    assert search_index.matching_story_ids(terms=["water"]) == [n.drought.pk, n.water.pk]
