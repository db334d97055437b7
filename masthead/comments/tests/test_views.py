import re

import pytest

from masthead.comments.models import Comment
from masthead.comments.policy import get_policy
from masthead.comments.services import FLOOD_MESSAGE
from masthead.comments.testing import comment_form_data, post_comment

pytestmark = pytest.mark.django_db


def test_posted_comment_waits_for_moderation_and_the_reader_is_told(client, story):
    response = post_comment(client, story)
    assert response.status_code == 303
    assert response["Location"] == f"{story.url}?comment=pending#comment-status"
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.proof_of_work and comment.spam_score == 0
    page = client.get(response["Location"]).content.decode()
    assert "Your comment is awaiting moderation." in page
    assert comment.body not in page


def test_posted_comment_with_javascript_gets_json_in_place(client, story):
    response = post_comment(client, story, json=True)
    assert response.status_code == 201
    assert response.json() == {
        "ok": True,
        "status": "pending",
        "message": "Your comment is awaiting moderation.",
    }
    assert "no-store" in response["Cache-Control"]


def test_comment_held_as_spam_reads_as_awaiting_moderation(client, story):
    response = post_comment(client, story, json=True, honeypot="http://spam.example")
    assert response.json()["message"] == "Your comment is awaiting moderation."
    assert Comment.objects.get().status == Comment.Status.SPAM


def test_low_score_comment_is_published_when_the_site_allows_it(client, story, settings):
    settings.MASTHEAD_COMMENTS_PUBLISH_BELOW = 20
    response = post_comment(client, story)
    assert response["Location"].endswith("?comment=published#comment-status")
    page = client.get(response["Location"]).content.decode()
    assert "Your comment has been posted." in page
    assert "A careful reader&#x27;s thoughts on the plan." in page


def test_comment_without_javascript_is_always_moderated(client, story, settings):
    settings.MASTHEAD_COMMENTS_PUBLISH_BELOW = 20
    post_comment(client, story, proof=False)
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_form_sent_without_the_question_comes_back_with_the_text_kept(client, story):
    data = comment_form_data(story, body="Kept text of mine")
    for name in ("hc_token", "hc_answer", "altcha"):
        data.pop(name)
    response = client.post("/comments/post/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Please answer the question below" in html
    assert ">Kept text of mine</textarea>" in html
    assert re.search(
        r'<label for="humancheck-answer"><span data-humancheck-question>\d \+ \d =', html
    )
    assert "Solve this simple math problem and enter the result. E.g. for 1+3, enter 4." in html
    assert "no-store" in response["Cache-Control"]
    assert not Comment.objects.exists()


def test_wrong_answer_is_a_form_error_with_a_new_question(client, story):
    response = client.post("/comments/post/", comment_form_data(story, answer="999"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "The answer to the question was wrong" in html
    assert 'aria-invalid="true"' in html
    assert not Comment.objects.exists()


def test_form_page_gives_readers_without_javascript_a_fresh_question(client, story):
    response = client.get(f"/comments/{story.pk}/form/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Add new comment" in html
    assert "This question is for testing whether or not you are a human visitor" in html
    assert re.search(r'name="hc_token" value="[^"]+"', html)
    assert "no-store" in response["Cache-Control"]
    assert re.search(r"\d \+ \d =", html)


def test_cross_site_post_is_refused(client, story):
    data = comment_form_data(story)
    response = client.post("/comments/post/", data, HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 403
    response = client.post("/comments/post/", data, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_post_needs_no_csrf_token(story):
    from django.test import Client

    response = post_comment(Client(enforce_csrf_checks=True), story)
    assert response.status_code == 303


def test_get_on_the_post_address_is_not_allowed(client):
    assert client.get("/comments/post/").status_code == 405


def test_a_flood_is_told_it_was_refused_in_html_and_json(client, story):
    burst = get_policy().flood_posts
    answers = [post_comment(client, story, body=f"Wave {n}") for n in range(burst)]
    assert all(answer.status_code == 303 for answer in answers)
    page = post_comment(client, story, body="Wave again")
    assert page.status_code == 429
    assert "Too many comments have come from your address" in page.content.decode()
    assert "Wave again" in page.content.decode()  # the text is kept on the form
    data = post_comment(client, story, body="And again", json=True)
    assert data.status_code == 429 and data.json()["message"] == FLOOD_MESSAGE
    assert set(Comment.objects.values_list("status", flat=True)) == {Comment.Status.REJECTED}
