"""A reader comments on an article in Chromium, a moderator approves it, the comment shows.

Once with JavaScript (question fetched by the script, proof of work, sent in place) and
once without (question from the uncached form page, Post/Redirect/Get back to the article).
"""

import re

import pytest
from django.test import TestCase
from playwright.sync_api import expect

from masthead.comments.models import Comment

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PASSWORD = "a-moderator-secret-9"
QUESTION = re.compile(r"^\s*(\d+) \+ (\d+) =\s*$")


@pytest.fixture(scope="module")
def moderator(newsroom, django_db_blocker):
    """A member of the Moderator role, committed so the server sees it (flushed with the module)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    with django_db_blocker.unblock():
        user = get_user_model().objects.create_user(
            username="comment-moderator", email="mod@example.com", password=PASSWORD
        )
        user.groups.add(Group.objects.get(name="Moderator"))
    return user


@pytest.fixture(autouse=True)
def _human_pace(settings):
    # A person takes seconds to read and answer; the reader here waits out this one second.
    settings.MASTHEAD_HUMANCHECK_MIN_SECONDS = 1
    settings.MASTHEAD_HUMANCHECK_POW_MAX_NUMBER = 3000


def answer(page) -> str:
    question = page.locator("[data-humancheck-question]")
    expect(question).to_have_text(QUESTION)
    first, second = QUESTION.match(question.inner_text()).groups()
    return str(int(first) + int(second))


def fill_comment(page, name: str, text: str) -> None:
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Comment", exact=True).fill(text)


def approve_in_the_admin(new_page, text: str) -> None:
    # On SQLite the server's writes stay in the test's transaction, so what moderation
    # does after its commit (forget the story's comments version, purge) runs here.
    with TestCase.captureOnCommitCallbacks(execute=True):
        _approve(new_page, text)


def _approve(new_page, text: str) -> None:
    admin = new_page()
    admin.goto("/admin/login/")
    admin.get_by_label("Username").fill("comment-moderator")
    admin.get_by_label("Password").fill(PASSWORD)
    admin.get_by_role("button", name="Sign in").click()
    admin.get_by_role("link", name=re.compile(r"^\d+ comments? awaiting moderation$")).click()
    row = admin.locator("tr", has_text=text)
    expect(row).to_have_count(1)
    row.locator("input[type=checkbox]").check()
    admin.locator("[data-bulk-action-footer]").get_by_role("link", name="Approve").click()
    expect(admin.get_by_text("Approve 1 comment?")).to_be_visible()
    admin.get_by_role("button", name="Approve").click()
    expect(admin.get_by_text("1 comment(s): approve done.")).to_be_visible()


def test_reader_with_javascript_comments_and_a_moderator_approves(newsroom, moderator, new_page):
    text = "Storage before summer is the right call, with JavaScript."
    page = new_page()
    page.goto(newsroom.paths["article"])
    expect(page.get_by_role("heading", name="Add new comment")).to_be_visible()
    expect(page.get_by_text("testing whether or not you are a human visitor")).to_be_visible()
    expect(page.get_by_text("E.g. for 1+3, enter 4.")).to_be_visible()
    fill_comment(page, "Reader With Script", text)
    page.get_by_label(QUESTION).fill(answer(page))
    page.wait_for_timeout(1100)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_have_text("Your comment is awaiting moderation.")
    expect(page.get_by_label("Comment", exact=True)).to_have_value("")
    assert page.traffic.console_errors == []
    sent = Comment.objects.get(body=text)
    assert sent.proof_of_work and sent.status == "pending" and sent.spam_score == 0

    approve_in_the_admin(new_page, text)

    reader = new_page()
    reader.goto(newsroom.paths["article"])
    expect(reader.locator(".comment", has_text=text)).to_be_visible()
    expect(reader.locator(".comment__author", has_text="Reader With Script")).to_be_visible()


def test_reader_without_javascript_comments_and_a_moderator_approves(newsroom, moderator, new_page):
    text = "Storage before summer is the right call, without JavaScript."
    page = new_page(javascript=False)
    page.goto(newsroom.paths["article"])
    expect(page.get_by_role("heading", name="Add new comment")).to_be_visible()
    expect(page.get_by_role("link", name="Show the question")).to_be_visible()
    fill_comment(page, "Reader Without Script", text)
    page.get_by_role("button", name="Save").click()
    # Back comes the form with the text kept and a question of its own.
    expect(page.get_by_role("alert")).to_contain_text("Please answer the question below")
    expect(page.get_by_label("Comment", exact=True)).to_have_value(text)
    expect(page.get_by_text("E.g. for 1+3, enter 4.")).to_be_visible()
    page.get_by_label(QUESTION).fill(answer(page))
    page.wait_for_timeout(1100)
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"\?comment=pending#comment-status$"))
    expect(page.locator("#comment-status")).to_have_text("Your comment is awaiting moderation.")
    assert page.locator(".comment", has_text=text).count() == 0
    sent = Comment.objects.get(body=text)
    assert not sent.proof_of_work and sent.status == "pending"

    approve_in_the_admin(new_page, text)

    # A fresh browser: this one may keep the article for its max-age.
    reader = new_page(javascript=False)
    reader.goto(newsroom.paths["article"])
    expect(reader.locator(".comment", has_text=text)).to_be_visible()


def test_comment_form_page_and_the_question_filled_by_script_pass_axe_and_nu(
    newsroom, server, new_page, axe_check, html_check
):
    form_path = f"/comments/{newsroom.article.pk}/form/"
    for path in (form_path, newsroom.paths["article"]):
        page = new_page(bypass_csp=True)
        page.goto(path)
        expect(page.locator("[data-humancheck-question]")).to_have_text(QUESTION)
        violations = axe_check(page)
        assert violations == [], "\n".join(violations)
    errors = html_check({"form page": server.get(form_path).decode()})
    assert errors == {"form page": []}
