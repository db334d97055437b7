"""Bad input gets a form error or a 4xx with a clear message, never a 500 and never a save."""

from urllib.parse import quote

import pytest
from django.test import Client

from masthead.comments.models import Comment
from masthead.comments.testing import comment_form_data, post_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"body": ""}, "Comment: This field is required."),
        ({"body": "   \n  "}, "Comment: This field is required."),
        ({"name": ""}, "Your name: This field is required."),
        ({"body": "x" * 5001}, "Comment: Ensure this value has at most 5000 characters"),
        ({"name": "n" * 61}, "Your name: Ensure this value has at most 60 characters"),
        ({"email": "not-an-address"}, "E-mail: Enter a valid email address."),
        ({"email": "a@b.c\x00"}, "E-mail: "),
        ({"body": "bell \x07 inside"}, "Comment: This contains control characters."),
        ({"body": "nul \x00 inside"}, "Comment: This contains control characters."),
        ({"name": "esc\x1b[31m"}, "Your name: This contains control characters."),
        ({"body": "c1 \x85 inside"}, "Comment: This contains control characters."),
    ],
)
def test_bad_fields_are_form_errors(client, story, fields, message):
    response = client.post("/comments/post/", {**comment_form_data(story), **fields})
    assert response.status_code == 400
    assert message in response.content.decode().replace("&#x27;", "'")
    json = post_comment(client, story, json=True, address="198.51.100.1", **fields)
    assert json.status_code == 400 and json.json()["ok"] is False
    assert not Comment.objects.exists()


def test_invalid_utf8_is_a_form_error(client, story):
    data = comment_form_data(story)
    fields = "&".join(f"{key}={quote(value)}" for key, value in data.items() if key != "body")
    body = f"{fields}&body=caf%C3%A9%20%FF%FE%20broken"
    response = client.post(
        "/comments/post/", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert "not valid text" in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.parametrize("story_value", ["", "abc", "0", "-3", "99999999", "1" * 40, "1.5"])
def test_unknown_article_is_a_404_with_a_message(client, db, story_value):
    response = client.post("/comments/post/", {"story": story_value, "body": "x", "name": "y"})
    assert response.status_code == 404
    assert "This article does not exist or is not published." in response.content.decode()


def test_unpublished_article_takes_no_comments(client, story):
    data = comment_form_data(story)
    story.unpublish()
    response = client.post("/comments/post/", data)
    assert response.status_code == 404
    assert client.get(f"/comments/{story.pk}/form/").status_code == 404
    assert not Comment.objects.exists()


def test_reply_to_a_comment_on_another_article_is_refused(client, story, other_story):
    elsewhere = Comment.objects.create(
        story=other_story, name="A", body="Elsewhere", status="published", thread="0000000001"
    )
    response = client.post("/comments/post/", comment_form_data(story, parent=elsewhere))
    assert response.status_code == 400
    assert "reply only to a published comment on this article" in response.content.decode()
    assert Comment.objects.count() == 1
    assert client.get(f"/comments/{story.pk}/form/?reply_to={elsewhere.pk}").status_code == 404


@pytest.mark.parametrize("parent", ["abc", "-1", "1" * 30, "٣"])
def test_malformed_reply_target_is_a_form_error(client, story, parent):
    data = {**comment_form_data(story), "parent": parent}
    assert client.post("/comments/post/", data).status_code == 400
    assert client.get(f"/comments/{story.pk}/form/?reply_to={parent}").status_code == 404


def test_reply_to_an_unpublished_comment_is_refused(client, story):
    pending = Comment.objects.create(story=story, name="A", body="Waiting", thread="1")
    response = client.post("/comments/post/", comment_form_data(story, parent=pending))
    assert response.status_code == 400


def test_closed_comments_are_a_403_with_a_message(client, story):
    data = comment_form_data(story)
    story.comments_open = False
    story.save_revision().publish()
    response = client.post("/comments/post/", data)
    assert response.status_code == 403
    assert "Comments are closed on this article." in response.content.decode()
    assert "Comments are closed." in client.get(f"/comments/{story.pk}/form/").content.decode()


def test_oversized_request_is_a_400(client, story, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    data = {**comment_form_data(story), "body": "x" * 20_000}
    assert client.post("/comments/post/", data).status_code == 400


def test_broken_multipart_is_a_400(client, story):
    response = client.post(
        "/comments/post/",
        b'--broken\r\nContent-Disposition: form-data; name="story"\r\n\r\n',
        content_type="multipart/form-data; boundary=nothere",
    )
    assert response.status_code in {400, 404}


def test_repeated_fields_and_odd_values_do_not_break_the_view(client, story):
    data = comment_form_data(story)
    body = "&".join(f"{k}=x" for k in data) + "&story=1&story=2&hc_token=" + "A" * 3000
    response = client.post(
        "/comments/post/", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code in {400, 404}


def test_private_article_takes_no_comments(client, story):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=story, restriction_type="password", password="p")
    assert client.post("/comments/post/", comment_form_data(story)).status_code == 404
    assert not Comment.objects.exists()
