import re

import pytest
from django.urls import reverse

from masthead.humancheck.challenge import challenge_issue
from masthead.humancheck.testing import fields_for
from masthead.newsletter.models import Subscriber
from masthead.newsletter.views import CHECK_INBOX

pytestmark = pytest.mark.django_db

SIGNUP = "/newsletter/signup/"


def invisible_fields(**extra):
    """What the footer form sends once its script has fetched a token and solved the proof."""
    fields = fields_for(challenge_issue())
    del fields["hc_answer"]
    return {**fields, **extra}


def confirm_link(message) -> str:
    return re.search(
        r"https://news\.example\.com(/newsletter/confirm/[^/\s]+/)", message.get_content()
    ).group(1)


def test_every_page_carries_the_signup_form_without_a_csrf_token(client):
    from masthead.stories import factories as f

    f.section("Region")
    html = client.get("/region/").content.decode()
    assert "Get top stories and blog posts emailed to you each day." in html
    assert 'action="/newsletter/signup/"' in html
    assert "csrfmiddlewaretoken" not in html


def test_signup_with_proof_sends_one_confirmation_through_smtp(client, smtp):
    response = client.post(SIGNUP, invisible_fields(email="reader@example.com"))
    assert response.status_code == 200
    assert CHECK_INBOX in response.content.decode()
    [message] = smtp.to("reader@example.com")
    assert "/newsletter/confirm/" in message.get_content()
    assert Subscriber.objects.get().state == Subscriber.State.PENDING


def test_second_signup_within_a_day_sends_nothing_and_answers_the_same(client, smtp):
    first = client.post(SIGNUP, invisible_fields(email="reader@example.com"))
    second = client.post(SIGNUP, invisible_fields(email="READER@example.com"))
    assert first.content == second.content
    assert len(smtp.to("reader@example.com")) == 1
    assert Subscriber.objects.count() == 1


def test_subscribed_address_gets_the_same_answer_and_no_mail(client, smtp, confirmed):
    confirmed("reader@example.com")
    response = client.post(SIGNUP, invisible_fields(email="reader@example.com"))
    assert CHECK_INBOX in response.content.decode()
    assert smtp.messages == []


def test_signup_without_javascript_asks_the_question_then_accepts_the_answer(client, smtp):
    asked = client.post(SIGNUP, {"email": "reader@example.com"})
    assert asked.status_code == 200
    assert "Math question" in asked.content.decode()
    assert smtp.messages == []
    fields = fields_for(challenge_issue(), proof=False)
    answered = client.post(SIGNUP, {**fields, "email": "reader@example.com"})
    assert CHECK_INBOX in answered.content.decode()
    assert len(smtp.to("reader@example.com")) == 1


def test_wrong_answer_asks_again(client, smtp):
    fields = fields_for(challenge_issue(), answer="99", proof=False)
    response = client.post(SIGNUP, {**fields, "email": "reader@example.com"})
    assert response.status_code == 400
    assert "Math question" in response.content.decode()
    assert smtp.messages == []


def test_filled_honeypot_answers_the_same_but_sends_nothing(client, smtp):
    response = client.post(SIGNUP, invisible_fields(email="bot@example.com", homepage="x"))
    assert CHECK_INBOX in response.content.decode()
    assert smtp.messages == []
    assert not Subscriber.objects.exists()


def test_replayed_token_is_asked_the_question(client, smtp):
    fields = invisible_fields(email="reader@example.com")
    client.post(SIGNUP, fields)
    again = client.post(SIGNUP, {**fields, "email": "other@example.com"})
    assert "Math question" in again.content.decode()
    assert smtp.to("other@example.com") == []


def test_cross_site_signup_is_refused(client, smtp):
    response = client.post(
        SIGNUP, invisible_fields(email="reader@example.com"), HTTP_SEC_FETCH_SITE="cross-site"
    )
    assert response.status_code == 403
    assert smtp.messages == []


def test_bad_address_gets_a_form_error(client):
    response = client.post(SIGNUP, {"email": "not an address"})
    assert response.status_code == 400
    assert "valid e-mail address" in response.content.decode()


def test_signups_per_client_address_are_limited(client, smtp, settings):
    from masthead.newsletter import views

    statuses = [
        client.post(SIGNUP, invisible_fields(email=f"r{n}@example.com")).status_code
        for n in range(views.SIGNUPS_PER_HOUR + 1)
    ]
    assert statuses[:-1] == [200] * views.SIGNUPS_PER_HOUR
    assert statuses[-1] == 429


def test_confirmation_link_shows_a_button_and_only_post_confirms(client, smtp):
    client.post(SIGNUP, invisible_fields(email="reader@example.com"))
    link = confirm_link(smtp.to("reader@example.com")[0])
    page = client.get(link)
    assert page.status_code == 200
    assert 'method="post"' in page.content.decode()
    assert Subscriber.objects.get().state == Subscriber.State.PENDING
    client.post(link)
    assert Subscriber.objects.get().state == Subscriber.State.CONFIRMED


def test_forged_confirmation_link_is_refused(client):
    response = client.post(reverse("newsletter:confirm", args=["forged:token"]))
    assert response.status_code == 400


def test_one_click_post_unsubscribes_at_once(client, confirmed):
    from masthead.newsletter.links import unsubscribe_url

    subscriber = confirmed("reader@example.com")
    path = unsubscribe_url(subscriber).removeprefix("https://news.example.com")
    assert client.get(path).status_code == 200
    assert Subscriber.objects.get().state == Subscriber.State.CONFIRMED
    response = client.post(
        path, {"List-Unsubscribe": "One-Click"}, HTTP_SEC_FETCH_SITE="cross-site"
    )
    assert response.status_code == 200
    assert Subscriber.objects.get().state == Subscriber.State.UNSUBSCRIBED


def test_the_soaks_signup_is_taken_like_a_readers(client, smtp):
    from masthead.newsletter.testing import SIGNUP_PATH, signup_form_data

    response = client.post(SIGNUP_PATH, signup_form_data(email="soak@example.com"))
    assert response.status_code == 200 and CHECK_INBOX in response.content.decode()
    assert Subscriber.objects.get().email == "soak@example.com"
    assert len(smtp.to("soak@example.com")) == 1
