"""Wagtail's admin works under the admin's Content-Security-Policy (masthead.ops)."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture(scope="module")
def editor(newsroom, django_db_blocker):
    """A superuser, committed with the module's newsroom (and flushed with it)."""
    from masthead.accounts.models import User

    with django_db_blocker.unblock():
        User.objects.create_superuser("csp-editor", "csp@example.com", "a-long-passphrase-1")
    return "csp-editor"


def csp_violations(page) -> list[str]:
    return [error for error in page.traffic.console_errors if "Content Security Policy" in error]


def test_editor_signs_in_and_edits_an_article_without_a_policy_violation(newsroom, editor, page):
    response = page.goto("/admin/login/")
    assert "'unsafe-inline'" in response.headers["content-security-policy"]
    page.get_by_label("Username").fill(editor)
    page.get_by_label("Password").fill("a-long-passphrase-1")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    page.goto(f"/admin/pages/{newsroom.article.pk}/edit/", wait_until="load")
    expect(page.locator("#id_title")).to_have_value(newsroom.article.title)
    page.goto("/admin/images/", wait_until="load")

    assert csp_violations(page) == []
    assert page.traffic.console_errors == []


def test_public_page_keeps_the_strict_policy(newsroom, page):
    response = page.goto(newsroom.paths["article"], wait_until="load")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy
    assert csp_violations(page) == []
