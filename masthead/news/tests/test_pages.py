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
