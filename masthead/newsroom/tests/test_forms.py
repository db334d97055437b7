"""Bad input in the story editor: clear messages, and nothing saved half-way."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from masthead.news.models import ArticlePage
from masthead.newsroom import forms
from masthead.newsroom.tests.editor import body_items, post_edit
from masthead.stories import factories as f

pytestmark = pytest.mark.django_db


def form_time(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def revision_count(page) -> int:
    return page.revisions.count()


def errors_of(response) -> dict:
    form = response.context["form"]
    return {name: [str(e) for e in errors] for name, errors in form.errors.items()}


@pytest.fixture
def client_editor(client, editor):
    client.force_login(editor)
    return client


def test_schedule_in_the_past_is_refused_with_a_clear_message(client_editor, world):
    article = f.article(world)
    before = revision_count(article)
    response = post_edit(
        client_editor,
        article,
        action="publish",
        title="Should not be saved",
        go_live_at=form_time(timezone.now() - timedelta(days=1)),
    )
    assert response.status_code == 200
    assert errors_of(response)["go_live_at"] == [forms.PAST_GO_LIVE]
    assert "The page could not be saved due to validation errors" in response.content.decode()
    assert revision_count(article) == before
    assert ArticlePage.objects.get(pk=article.pk).title != "Should not be saved"


def test_schedule_in_the_future_is_accepted(client_editor, world):
    article = f.article(world)
    response = post_edit(
        client_editor, article, go_live_at=form_time(timezone.now() + timedelta(days=1))
    )
    assert response.status_code == 302


def test_unchanged_past_go_live_time_does_not_block_the_next_edit(client_editor, world):
    article = f.article(world)
    ArticlePage.objects.filter(pk=article.pk).update(go_live_at=timezone.now() - timedelta(days=2))
    article.refresh_from_db()
    article.save_revision()
    response = post_edit(client_editor, article, action="publish", title="Second edit")
    assert response.status_code == 302
    assert ArticlePage.objects.get(pk=article.pk).title == "Second edit"


@pytest.mark.parametrize("value", ["2024-13-45 10:00", "tomorrow-ish", "2024-02-30 25:61"])
def test_invalid_dates_are_refused(client_editor, world, value):
    article = f.article(world)
    before = revision_count(article)
    response = post_edit(client_editor, article, action="publish", go_live_at=value)
    assert response.status_code == 200
    assert "go_live_at" in errors_of(response)
    assert revision_count(article) == before


def test_expiry_before_go_live_is_refused(client_editor, world):
    article = f.article(world)
    now = timezone.now()
    response = post_edit(
        client_editor,
        article,
        go_live_at=form_time(now + timedelta(days=2)),
        expire_at=form_time(now + timedelta(days=1)),
    )
    assert response.status_code == 200
    assert "go_live_at" in errors_of(response) and "expire_at" in errors_of(response)


def test_publishing_without_a_headline_is_refused(client_editor, world):
    article = f.article(world, title="Kept headline")
    before = revision_count(article)
    response = post_edit(client_editor, article, action="publish", title="")
    assert response.status_code == 200
    assert "title" in errors_of(response)
    assert revision_count(article) == before
    assert ArticlePage.objects.get(pk=article.pk).title == "Kept headline"


def test_an_article_cannot_be_created_outside_a_section(client_editor):
    home = f.home_page()
    url = reverse("wagtailadmin_pages:add", args=["news", "articlepage", home.pk])
    response = client_editor.post(url, {"title": "Homeless story", "slug": "homeless"})
    assert response.status_code in (302, 403)
    assert not ArticlePage.objects.filter(slug="homeless").exists()


def uncredited_photo():
    return f.PhotoFactory(credit="")


def test_photo_credit_is_not_required_by_default(client_editor, world):
    article = f.article(world, lead_image=uncredited_photo())
    article.unpublish()
    response = post_edit(client_editor, article, action="publish")
    assert response.status_code == 302
    assert ArticlePage.objects.get(pk=article.pk).live


def test_required_credit_blocks_publishing_a_lead_photo_without_one(client_editor, world, settings):
    settings.MASTHEAD_REQUIRE_PHOTO_CREDIT = True
    article = f.article(world, lead_image=uncredited_photo())
    article.unpublish()
    before = revision_count(article)
    response = post_edit(client_editor, article, action="publish", lead_credit="")
    assert response.status_code == 200
    assert errors_of(response)["lead_credit"] == [forms.LEAD_CREDIT_MISSING]
    assert revision_count(article) == before
    assert not ArticlePage.objects.get(pk=article.pk).live


def test_required_credit_accepts_a_credit_typed_on_the_story(client_editor, world, settings):
    settings.MASTHEAD_REQUIRE_PHOTO_CREDIT = True
    article = f.article(world, lead_image=uncredited_photo())
    response = post_edit(
        client_editor, article, action="publish", lead_credit="Desert Photo Agency photo"
    )
    assert response.status_code == 302


def test_required_credit_blocks_a_body_photo_without_one(client_editor, world, settings):
    settings.MASTHEAD_REQUIRE_PHOTO_CREDIT = True
    photo = uncredited_photo()
    article = f.article(world, body=[("photo", {"photo": photo, "caption": "", "credit": ""})])
    before = revision_count(article)
    response = post_edit(client_editor, article, action="publish")
    assert response.status_code == 200
    message = forms.BODY_CREDIT_MISSING.format(titles=f"“{photo.title}”")
    assert errors_of(response)["__all__"] == [message]
    assert message in response.content.decode()
    assert revision_count(article) == before


def test_required_credit_does_not_block_saving_a_draft(client_editor, world, settings):
    settings.MASTHEAD_REQUIRE_PHOTO_CREDIT = True
    article = f.article(world, lead_image=uncredited_photo())
    response = post_edit(client_editor, article, title="Draft with an uncredited photo")
    assert response.status_code == 302


def test_required_credit_blocks_submitting_for_review(client, reporter, world, settings):
    settings.MASTHEAD_REQUIRE_PHOTO_CREDIT = True
    article = f.article(world, lead_image=uncredited_photo())
    article.unpublish()
    ArticlePage.objects.filter(pk=article.pk).update(owner=reporter)
    client.force_login(reporter)
    response = post_edit(client, article, action="submit")
    assert response.status_code == 200
    assert "lead_credit" in errors_of(response)
    assert ArticlePage.objects.get(pk=article.pk).current_workflow_state is None


def test_body_items_round_trip_keeps_the_story_body(client_editor, world):
    article = f.article(world)
    post_edit(client_editor, article, action="publish", title="Same body")
    page = ArticlePage.objects.get(pk=article.pk)
    assert len(body_items(page)) == len(body_items(article))
