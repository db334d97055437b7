"""Readers vote in Chromium: without JavaScript (form, redirect back to #votes) and with it
(sent in place, own vote fetched on load), and a cross-site form is refused.

Each test votes on its own page of the module's newsroom, so the counts start from none.
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

NONE_YET = "No one has voted yet: be the first."


def widget(page):
    return page.locator("#votes")


def test_a_reader_without_javascript_votes_and_withdraws(newsroom, new_page):
    page = new_page(javascript=False)
    page.goto(newsroom.paths["article"])
    votes = widget(page)
    expect(votes.locator("[data-votes-sentence]")).to_have_text(NONE_YET)
    expect(votes.get_by_role("button", name="Withdraw my vote")).to_be_hidden()

    votes.get_by_role("button", name=re.compile("Thumbs up")).click()
    expect(page).to_have_url(re.compile(r"\?voted=up#votes$"))
    expect(votes.get_by_role("status")).to_have_text("Your vote is counted: thumbs up.")
    expect(votes.locator("[data-votes-sentence]")).to_have_text("1 user has voted.")
    expect(votes.get_by_role("button", name=re.compile("Thumbs up"))).to_have_attribute(
        "aria-pressed", "true"
    )
    cookie = next(c for c in page.context.cookies() if c["name"] == "masthead_reader")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"

    # Changing the vote keeps one vote; the story's own page names nobody's vote.
    votes.get_by_role("button", name=re.compile("Thumbs down")).click()
    expect(votes.locator("[data-votes-sentence]")).to_have_text("1 user has voted.")
    expect(votes.locator('[data-votes-tally="down"]')).to_have_text("1")
    page.goto(newsroom.paths["article"])
    expect(votes.get_by_role("status")).to_be_hidden()
    expect(votes.locator("[aria-pressed]")).to_have_count(0)

    page.goto(newsroom.paths["article"] + "?voted=down")
    votes.get_by_role("button", name="Withdraw my vote").click()
    expect(page).to_have_url(re.compile(r"\?voted=withdrawn#votes$"))
    expect(votes.get_by_role("status")).to_have_text("Your vote has been withdrawn.")
    expect(votes.locator("[data-votes-sentence]")).to_have_text(NONE_YET)
    assert page.traffic.failures == []


def test_a_reader_with_javascript_votes_in_place_and_sees_their_vote_later(newsroom, new_page):
    page = new_page()
    path = newsroom.paths["blog post"]
    page.goto(path)
    votes = widget(page)
    down = votes.get_by_role("button", name=re.compile("Thumbs down"))
    expect(down).to_have_attribute("aria-pressed", "false")  # the script has the state

    down.click()
    expect(votes.locator("[data-votes-sentence]")).to_have_text("1 user has voted.")
    expect(votes.locator('[data-votes-tally="down"]')).to_have_text("1")
    expect(down).to_have_attribute("aria-pressed", "true")
    expect(votes.get_by_role("button", name="Withdraw my vote")).to_be_visible()
    assert page.url.endswith(path)  # no page load: the vote went by fetch

    # The page is the same for everyone; the script asks whose vote it is.
    page.reload()
    expect(down).to_have_attribute("aria-pressed", "true")
    other = new_page()
    other.goto(path)
    expect(widget(other).locator("[data-votes-sentence]")).to_have_text("1 user has voted.")
    expect(widget(other).get_by_role("button", name=re.compile("Thumbs down"))).to_have_attribute(
        "aria-pressed", "false"
    )

    # Sent back from a vote without the script, a reader with it is shown the clean address.
    page.goto(path + "?voted=down#votes")
    expect(page).to_have_url(re.compile(re.escape(path) + "#votes$"))
    expect(down).to_have_attribute("aria-pressed", "true")

    down.click()  # pressed again: the vote is taken back
    expect(votes.locator("[data-votes-sentence]")).to_have_text(NONE_YET)
    expect(down).to_have_attribute("aria-pressed", "false")
    expect(votes.get_by_role("button", name="Withdraw my vote")).to_be_hidden()
    assert page.traffic.console_errors == [] and page.traffic.failures == []


def test_the_script_shows_the_current_count_on_a_page_served_from_the_cache(
    newsroom, new_page, settings, server
):
    from masthead.votes.signals import purge_story_page, vote_changed

    settings.MASTHEAD_PAGE_CACHE = True
    # Without the purge a vote makes, the page cache keeps the count it was given.
    vote_changed.disconnect(purge_story_page, dispatch_uid="votes-purge-story-page")
    try:
        path = newsroom.paths["article"]
        page = new_page()
        page.goto(path)
        expect(widget(page).locator("[data-votes-sentence]")).not_to_have_text("")
        before = int(widget(page).locator('[data-votes-tally="up"]').inner_text())
        voter = new_page()
        voter.goto(path)
        widget(voter).get_by_role("button", name=re.compile("Thumbs up")).click()
        expect(widget(voter).locator('[data-votes-tally="up"]')).to_have_text(str(before + 1))

        stale = server.get(path).decode()
        assert f'data-votes-tally="up">{before}<' in stale
        page.reload()
        expect(widget(page).locator('[data-votes-tally="up"]')).to_have_text(str(before + 1))
    finally:
        vote_changed.connect(purge_story_page, dispatch_uid="votes-purge-story-page")


def test_a_form_on_another_site_cannot_vote(newsroom, new_page, server):
    page = new_page(javascript=False)
    page.goto(newsroom.paths["article"])
    before = widget(page).locator('[data-votes-tally="up"]').inner_text()
    page.goto("about:blank")
    page.set_content(
        f'<form method="post" action="{server.url}/votes/{newsroom.article.pk}/">'
        '<button name="value" value="up">Win a prize</button></form>'
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Win a prize").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your vote was not counted")
    expect(page.locator("main")).to_contain_text("only from this site's own pages")
    state = page.request.get(f"{server.url}/votes/{newsroom.article.pk}/state/").json()
    assert str(state["up"]) == before
