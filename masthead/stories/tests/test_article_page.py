import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from masthead.stories import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    region = f.section("Region")
    return f.section("Middle East", parent=region)


def make_story(section, authors=1, tags=1, photos=1):
    people = [f.AuthorFactory() for _ in range(authors)]
    body = f.paragraph_body(4) + [
        ("photo", {"photo": f.PhotoFactory(), "caption": "", "credit": ""}) for _ in range(photos)
    ]
    return f.article(
        section,
        title=f"Story with {authors} authors {tags} tags {photos} photos",
        authors=people,
        tags=[f"topic-{i}" for i in range(tags)],
        agency=f.AgencyFactory(),
        lead_image=f.PhotoFactory(),
        body=body,
    )


def test_article_page_shows_every_part_of_the_reference_page(client, world):
    story = make_story(world)
    response = client.get(story.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "You are here" in html
    assert re.search(r'<a href="/">Home</a>.*Region.*Middle East', html, re.S)
    assert f">{story.title}</h1>" in html
    assert story.standfirst in html
    assert "Last updated at" in html and "<time datetime=" in html
    assert "Workers repair a water main" in html and "(Test Photo Agency photo)" in html
    assert 'class="date-line"' in html
    ld = [
        json.loads(m)
        for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    ]
    assert {d["@type"] for d in ld} == {"BreadcrumbList", "NewsArticle"}


def test_anonymous_article_is_publicly_cacheable_without_csrf_token(client, world):
    story = make_story(world)
    response = client.get(story.url)
    assert "public" in response["Cache-Control"] and "s-maxage" in response["Cache-Control"]
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert "csrftoken" not in response.cookies


def query_count(client, url) -> int:
    client.get(url)  # renditions are created on the first view
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_article_page_query_count_does_not_grow_with_authors_tags_and_photos(client, world):
    # A neighbour that shares a topic, so both stories list related stories.
    f.article(world, title="A neighbouring story", tags=["topic-0"], lead_image=f.PhotoFactory())
    small = query_count(client, make_story(world, authors=1, tags=1, photos=1).url)
    large = query_count(client, make_story(world, authors=4, tags=6, photos=5).url)
    assert small == large, (small, large)
    assert large <= 8, large
