import ipaddress

import pytest
from django.test import Client

from masthead.core import ratelimit
from masthead.votes.models import Vote
from masthead.votes.readers import COOKIE_NAME
from masthead.votes.services import tally_of

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


def vote_url(story, action=""):
    return f"/votes/{story.pk}/{action}"


def nothing_changed(story):
    return not Vote.objects.exists() and tally_of(story_id=story.pk).voters == 0


def test_a_vote_without_javascript_goes_back_to_the_widget_with_a_signed_cookie(client, story):
    response = client.post(vote_url(story), {"value": "up"})
    assert response.status_code == 303
    assert response["Location"] == f"{story.url}?voted=up#votes"
    cookie = response.cookies[COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["path"] == "/"
    assert ":" in cookie.value  # value:signature
    assert "no-store" in response["Cache-Control"]
    assert tally_of(story_id=story.pk).up == 1


def test_the_page_a_voter_returns_to_shows_their_vote_and_is_never_cached(client, story):
    client.post(vote_url(story), {"value": "down"})
    response = client.get(f"{story.url}?voted=down")
    html = response.content.decode()
    assert "Your vote is counted: thumbs down." in html
    assert "1 user has voted." in html
    assert 'value="down" data-votes-value="down" aria-pressed="true"' in html
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_the_story_page_stays_public_and_the_same_for_every_reader(client, story):
    client.post(vote_url(story), {"value": "up"})
    voter_sees = client.get(story.url)
    stranger_sees = Client().get(story.url)
    assert voter_sees.content == stranger_sees.content
    assert "public" in voter_sees["Cache-Control"]
    assert "Your vote" not in voter_sees.content.decode().split('id="votes"')[1].split("</p>")[0]
    assert "csrfmiddlewaretoken" not in voter_sees.content.decode()


def test_a_vote_from_the_script_answers_with_the_new_count(client, story):
    response = client.post(vote_url(story), {"value": "up"}, **JSON)
    assert response.status_code == 200
    assert response.json() == {
        "story": story.pk,
        "up": 1,
        "down": 0,
        "voters": 1,
        "sentence": "1 user has voted.",
        "vote": "up",
    }
    changed = client.post(vote_url(story), {"value": "down"}, **JSON).json()
    assert (changed["up"], changed["down"], changed["vote"]) == (0, 1, "down")


def test_withdrawing_a_vote_takes_it_off_the_count(client, story):
    client.post(vote_url(story), {"value": "up"})
    response = client.post(vote_url(story, "withdraw/"))
    assert response.status_code == 303
    assert response["Location"] == f"{story.url}?voted=withdrawn#votes"
    assert nothing_changed(story)
    again = client.post(vote_url(story, "withdraw/"), **JSON)
    assert again.status_code == 200 and again.json()["vote"] is None


def test_the_state_endpoint_gives_a_reader_their_own_vote_privately(client, story):
    client.post(vote_url(story), {"value": "down"})
    Client().post(vote_url(story), {"value": "up"})
    state = client.get(vote_url(story, "state/"))
    assert state.json()["vote"] == "down" and state.json()["voters"] == 2
    assert "no-store" in state["Cache-Control"] and "private" in state["Cache-Control"]
    stranger = Client().get(vote_url(story, "state/"))
    assert stranger.json()["vote"] is None
    assert COOKIE_NAME not in stranger.cookies


def test_a_signed_in_reader_votes_as_themselves_without_a_cookie(client, story, django_user_model):
    user = django_user_model.objects.create_user("reader", "reader@example.com", "pw-123456")
    client.force_login(user)
    response = client.post(vote_url(story), {"value": "up"}, **JSON)
    assert response.json()["vote"] == "up"
    assert COOKIE_NAME not in response.cookies
    assert Vote.objects.get().user == user


@pytest.mark.parametrize("action", ["", "withdraw/"])
def test_get_never_changes_a_vote(client, story, action):
    response = client.get(vote_url(story, action), {"value": "up"})
    assert response.status_code == 405 and response["Allow"] == "POST"
    assert "POST" in response.content.decode()
    assert nothing_changed(story)


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_ORIGIN": "https://elsewhere.example"},
        {"HTTP_REFERER": "https://elsewhere.example/page"},
    ],
)
def test_a_cross_site_vote_is_refused(client, story, headers):
    response = client.post(vote_url(story), {"value": "up"}, **headers)
    assert response.status_code == 403
    assert "only from this site" in response.content.decode()
    assert nothing_changed(story)


def test_a_same_site_browser_vote_is_taken(client, story):
    response = client.post(
        vote_url(story), {"value": "up"}, HTTP_SEC_FETCH_SITE="same-origin", **JSON
    )
    assert response.status_code == 200


@pytest.mark.parametrize("value", ["sideways", "", "UP", "1"])
def test_a_value_other_than_up_or_down_is_refused(client, story, value):
    response = client.post(vote_url(story), {"value": value}, **JSON)
    assert response.status_code == 400
    assert response.json()["error"] == 'A vote is "up" or "down"; nothing was counted.'
    assert nothing_changed(story)


def test_a_vote_on_an_unknown_story_is_refused(client, story):
    for story_id in (story.pk + 1000, 2**70):
        response = client.post(f"/votes/{story_id}/", {"value": "up"})
        assert response.status_code == 404
        assert "no published story" in response.content.decode()
    assert nothing_changed(story)


def test_a_vote_on_a_page_that_is_not_a_story_is_refused(client, story):
    response = client.post(f"/votes/{story.get_parent().pk}/", {"value": "up"}, **JSON)
    assert response.status_code == 404


def test_a_vote_on_an_unpublished_story_is_refused(client, story):
    story.unpublish()
    response = client.post(vote_url(story), {"value": "up"}, **JSON)
    assert response.status_code == 404
    assert client.get(vote_url(story, "state/")).status_code == 404
    assert nothing_changed(story)


def test_a_forged_reader_cookie_is_refused_and_removed(client, story):
    client.cookies[COOKIE_NAME] = "someone-else:forged-signature"
    response = client.post(vote_url(story), {"value": "up"})
    assert response.status_code == 400
    assert "not issued by this site" in response.content.decode()
    assert response.cookies[COOKIE_NAME].value == ""  # deleted
    assert nothing_changed(story)


def test_a_forged_cookie_is_only_ignored_by_the_state_endpoint(client, story):
    client.cookies[COOKIE_NAME] = "someone-else:forged-signature"
    response = client.get(vote_url(story, "state/"))
    assert response.status_code == 200 and response.json()["vote"] is None
    assert COOKIE_NAME not in response.cookies


def test_new_anonymous_voters_per_address_are_limited_each_hour(story, settings):
    settings.MASTHEAD_VOTES_NEW_READERS_PER_HOUR = 2
    first = Client(REMOTE_ADDR="203.0.113.7")
    assert first.post(vote_url(story), {"value": "up"}, **JSON).status_code == 200
    assert (
        Client(REMOTE_ADDR="203.0.113.7").post(vote_url(story), {"value": "up"}).status_code == 303
    )
    refused = Client(REMOTE_ADDR="203.0.113.7").post(vote_url(story), {"value": "up"})
    assert refused.status_code == 429 and refused["Retry-After"] == "3600"
    assert "Too many new voters" in refused.content.decode()
    assert COOKIE_NAME not in refused.cookies
    assert tally_of(story_id=story.pk).voters == 2
    # Readers it already knows may still change their vote; another address is not affected.
    assert first.post(vote_url(story), {"value": "down"}, **JSON).json()["down"] == 1
    other = Client(REMOTE_ADDR="203.0.113.8").post(vote_url(story), {"value": "up"})
    assert other.status_code == 303


def test_forwarded_addresses_count_only_from_a_trusted_proxy(story, settings):
    settings.MASTHEAD_VOTES_NEW_READERS_PER_HOUR = 1

    def vote(peer, forwarded):
        client = Client(REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=forwarded)
        return client.post(vote_url(story), {"value": "up"}).status_code

    # An untrusted peer cannot pose as many readers by inventing X-Forwarded-For.
    assert vote("198.51.100.1", "192.0.2.1") == 303
    assert vote("198.51.100.1", "192.0.2.2") == 429
    settings.MASTHEAD_TRUSTED_PROXIES = [ipaddress.ip_network("10.0.0.1/32")]
    assert vote("10.0.0.1", "192.0.2.3") == 303
    assert vote("10.0.0.1", "192.0.2.4") == 303
    assert vote("10.0.0.1", "192.0.2.4") == 429


@pytest.mark.parametrize(
    ("first", "second", "shared"),
    [
        ("2001:db8:1:2::1", "2001:db8:1:2::9", True),
        ("2001:db8:1:2::1", "2001:db8:1:3::1", False),
        ("::ffff:192.0.2.1", "::ffff:192.0.2.2", False),
        ("::ffff:192.0.2.1", "192.0.2.1", True),
    ],
)
def test_ipv6_readers_share_the_limit_of_their_64(story, settings, first, second, shared):
    settings.MASTHEAD_VOTES_NEW_READERS_PER_HOUR = 1
    assert Client(REMOTE_ADDR=first).post(vote_url(story), {"value": "up"}).status_code == 303
    status = Client(REMOTE_ADDR=second).post(vote_url(story), {"value": "up"}).status_code
    assert status == (429 if shared else 303)


def test_votes_fail_closed_when_the_rate_limit_cannot_be_checked(client, story, monkeypatch):
    def unavailable(*args, **kwargs):
        raise ratelimit.RateLimitUnavailable("cache down")

    monkeypatch.setattr(ratelimit, "hit", unavailable)
    response = client.post(vote_url(story), {"value": "up"}, **JSON)
    assert response.status_code == 503 and "unavailable" in response.json()["error"]
    assert nothing_changed(story)
