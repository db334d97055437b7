"""The public pages in a real browser: clean loads, accessibility, valid markup, no JavaScript."""

import pytest
from playwright.sync_api import expect

from masthead.core.dates import date_line

# The content is committed once for the module by `newsroom`; django_db sets the database up.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PAGES = ["home", "section", "article", "blog post"]
BUDGET_BYTES = 60 * 1024


def open_clean(page, path, settle="load"):
    response = page.goto(path, wait_until=settle)
    assert response is not None and response.status == 200, path
    return response


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_without_console_errors_or_failed_requests(name, newsroom, page):
    # Wait until the network is quiet: the scripts' own requests come after the load event.
    open_clean(page, newsroom.paths[name], settle="networkidle")
    assert page.traffic.console_errors == []
    assert page.traffic.failures == []


@pytest.mark.parametrize("name", PAGES)
def test_page_requests_nothing_from_another_origin(name, newsroom, page):
    open_clean(page, newsroom.paths[name], settle="networkidle")
    assert page.traffic.third_party() == []
    own = [url for url in page.traffic.requests if page.traffic.is_own(url)]
    assert any(url.endswith(".css") for url in own) and any(url.endswith(".js") for url in own)


@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_serious_or_critical_violation(name, newsroom, new_page, axe_check):
    # axe-core arrives as an injected script: let it in past any Content-Security-Policy.
    page = new_page(bypass_csp=True)
    open_clean(page, newsroom.paths[name])
    violations = axe_check(page)
    assert violations == [], "\n".join(violations)


@pytest.mark.parametrize("name", PAGES)
def test_dark_colour_scheme_keeps_text_contrast(name, newsroom, new_page, axe_check):
    page = new_page(bypass_csp=True, color_scheme="dark")
    open_clean(page, newsroom.paths[name])
    violations = axe_check(page, rules=["color-contrast"])
    assert violations == [], "\n".join(violations)


@pytest.fixture(scope="module")
def nu_errors(newsroom, server, html_check):
    """The Nu HTML Checker's errors for the server's HTML of each page, checked in one run."""
    documents = {name: server.get(path).decode() for name, path in newsroom.paths.items()}
    documents["not found"] = server.get("/no-such-page/", status=404).decode()
    return html_check(documents)


@pytest.mark.parametrize("name", [*PAGES, "sub-section", "blog", "author", "agency", "not found"])
def test_nu_html_checker_finds_no_error(name, nu_errors):
    assert nu_errors[name] == [], "\n".join(nu_errors[name])


def open_without_javascript(new_page, path):
    """Open a page with scripts off; return it and the date lines it may rightly show."""
    page = new_page(javascript=False)
    before = date_line()
    open_clean(page, path)
    return page, {before, date_line()}


@pytest.mark.parametrize("name", ["article", "blog post"])
def test_story_shows_headline_byline_and_date_line_without_javascript(name, newsroom, new_page):
    story = newsroom.article if name == "article" else newsroom.post
    page, today = open_without_javascript(new_page, newsroom.paths[name])
    expect(page.get_by_role("heading", level=1)).to_have_text(story.title)
    expect(page.locator(".story__meta .byline")).to_contain_text("By Hana Test")
    expect(page.locator(".story__meta")).to_contain_text("Last updated at")
    assert page.locator(".date-line").inner_text() in today


@pytest.mark.parametrize("name", ["home", "section"])
def test_front_lists_the_article_without_javascript(name, newsroom, new_page):
    page, today = open_without_javascript(new_page, newsroom.paths[name])
    expect(page.get_by_role("link", name=newsroom.article.title).first).to_be_visible()
    assert page.locator(".date-line").inner_text() in today


def test_article_page_weighs_at_most_60_kb_of_html_css_and_js(newsroom, page):
    counted = []
    page.on(
        "response",
        lambda response: (
            counted.append(response)
            if response.request.resource_type in ("document", "stylesheet", "script")
            else None
        ),
    )
    open_clean(page, newsroom.paths["article"])
    sizes = {response.url: len(response.body()) for response in counted}
    kinds = {response.request.resource_type for response in counted}
    assert kinds == {"document", "stylesheet", "script"}, sizes
    total = sum(sizes.values())
    assert total <= BUDGET_BYTES, f"{total} bytes: {sizes}"
