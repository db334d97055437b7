import pytest

from masthead.stories import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_with_stories():
    region = f.section("Region")
    middle_east = f.section("Middle East", parent=region)
    for n in range(3):
        f.article(middle_east, title=f"Story number {n}", published=f.hours_ago(n + 1))
    return region, middle_east


def test_home_page_lists_top_stories_and_sections(client, site_with_stories):
    html = client.get("/").content.decode()
    assert "Top stories" in html and "Story number 0" in html
    assert 'aria-label="Sections"' in html and ">Region</a>" in html


def test_section_front_lists_stories_of_its_sub_sections(client, site_with_stories):
    region, _ = site_with_stories
    response = client.get(region.url)
    assert response.status_code == 200
    assert response.content.decode().count('<article class="teaser') == 3


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99", "9" * 40, "1.5"])
def test_bad_page_numbers_are_not_found_not_errors(client, site_with_stories, page):
    region, _ = site_with_stories
    response = client.get(region.url, {"page": page})
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_unknown_address_gets_the_styled_not_found_page(client, site_with_stories):
    response = client.get("/region/no-such-story/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_draft_story_is_not_served(client, site_with_stories):
    _, middle_east = site_with_stories
    story = f.article(middle_east, title="Embargoed draft")
    story.unpublish()
    assert client.get("/region/middle-east/embargoed-draft/").status_code == 404


def test_blog_post_shows_its_blog_and_byline(client, site_with_stories):
    blog = f.blog("Desert Notebook")
    post = f.blog_post(blog, authors=[f.AuthorFactory(name="Lina Haddad", slug="lina-haddad")])
    html = client.get(post.url).content.decode()
    assert "Desert Notebook" in html and "Lina Haddad" in html
    assert '"@type":"BlogPosting"' in html


def test_author_page_lists_their_work(client, site_with_stories):
    _, middle_east = site_with_stories
    author = f.AuthorFactory(name="Omar Khalil", slug="omar-khalil")
    f.article(middle_east, title="Omar files a story", authors=[author])
    html = client.get("/authors/omar-khalil/").content.decode()
    assert "Omar Khalil" in html and "Omar files a story" in html
    assert client.get("/authors/nobody/").status_code == 404


def test_section_front_lists_newest_first_across_sub_sections(client):
    region = f.section("Region")
    gulf = f.section("Gulf", parent=region)
    levant = f.section("Levant", parent=gulf)  # two levels down
    f.article(region, title="Filed on the front itself", published=f.hours_ago(5))
    f.article(gulf, title="Filed in the Gulf", published=f.hours_ago(1))
    f.article(levant, title="Filed in the Levant", published=f.hours_ago(3))
    f.blog_post(f.blog("Region blog", parent=region), title="A blog post is not an article")
    html = client.get(region.url).content.decode()
    order = [html.index(t) for t in ("the Gulf", "the Levant", "the front itself")]
    assert order == sorted(order)
    assert "A blog post is not an article" not in html
    # The sub-section menu names the direct sub-sections only.
    assert ">Gulf</a>" in html and ">Levant</a>" not in html.split("teaser-list")[0]


def test_section_front_pages_are_not_counted_but_link_older_stories(client, settings):
    settings.MASTHEAD_PAGE_SIZE = 2
    world = f.section("World")
    for n in range(5):
        f.article(world, title=f"World story {n}", published=f.hours_ago(n + 1))
    first = client.get(world.url).content.decode()
    assert "World story 0" in first and "World story 1" in first
    assert "World story 2" not in first
    assert 'rel="next" href="?page=2"' in first and 'rel="prev"' not in first
    last = client.get(world.url, {"page": 3}).content.decode()
    assert "World story 4" in last and 'rel="next"' not in last
    assert 'rel="prev" href="?page=2"' in last
    assert client.get(world.url, {"page": 4}).status_code == 404


def test_section_front_costs_the_same_queries_with_a_bigger_archive(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    world = f.section("World")
    sport = f.section("Sport")
    f.section("Football", parent=sport)
    f.article(world, title="One world story")
    for n in range(40):
        f.article(sport, title=f"Sport story {n}", published=f.hours_ago(n + 1))
    counts = []
    for front in (world, sport):
        client.get(front.url)  # teasers are rendered and kept on a first view
        with CaptureQueriesContext(connection) as queries:
            assert client.get(front.url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 8
