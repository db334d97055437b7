import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory

from masthead.votes import readers


def request_with(cookie=None, user=None):
    request = RequestFactory().get("/")
    if cookie is not None:
        request.COOKIES[readers.COOKIE_NAME] = cookie
    request.user = user or AnonymousUser()
    return request


def issued_cookie(reader) -> str:
    response = HttpResponse()
    readers.remember(response, reader)
    return response.cookies[readers.COOKIE_NAME]


def test_an_unknown_anonymous_reader_has_no_identity_yet():
    assert readers.reader_for(request_with()) is None


def test_a_new_reader_gets_a_signed_http_only_first_party_cookie(settings):
    settings.SESSION_COOKIE_SECURE = True
    reader = readers.admit_new_reader(request_with())
    cookie = issued_cookie(reader)
    assert cookie["httponly"] and cookie["secure"] and cookie["samesite"] == "Lax"
    assert not cookie["domain"]  # first-party: this host only
    assert cookie.value.startswith(reader.anonymous_id + ":")
    assert readers.reader_for(request_with(cookie.value)).anonymous_id == reader.anonymous_id


def test_new_readers_get_distinct_ids(settings):
    settings.MASTHEAD_VOTES_NEW_READERS_PER_HOUR = 100
    assert len({readers.admit_new_reader(request_with()).anonymous_id for _ in range(100)}) == 100


def test_an_address_admits_its_share_of_new_readers_each_hour(settings):
    settings.MASTHEAD_VOTES_NEW_READERS_PER_HOUR = 3
    for _ in range(3):
        readers.admit_new_reader(request_with())
    with pytest.raises(readers.TooManyNewReaders):
        readers.admit_new_reader(request_with())


@pytest.mark.parametrize(
    ("address", "key"),
    [
        ("203.0.113.9", "203.0.113.9"),
        ("2001:db8:1:2:3::4", "2001:db8:1:2::/64"),
        ("::ffff:203.0.113.9", "203.0.113.9"),
        ("not-an-address", "not-an-address"),
    ],
)
def test_new_readers_are_counted_per_ipv4_address_or_ipv6_64(address, key):
    assert readers.address_key(address) == key


@pytest.mark.parametrize("cookie", ["plain-id", "plain-id:bad-signature", ""])
def test_a_cookie_this_site_did_not_sign_is_forged(cookie):
    with pytest.raises(readers.ForgedReaderCookie):
        readers.reader_for(request_with(cookie))


def test_a_cookie_signed_for_another_purpose_is_forged():
    from django.core import signing

    value = signing.get_cookie_signer(salt=readers.COOKIE_NAME + "other").sign("someone")
    with pytest.raises(readers.ForgedReaderCookie):
        readers.reader_for(request_with(value))


@pytest.mark.django_db
def test_a_signed_in_user_is_the_reader_whatever_cookie_they_carry(django_user_model):
    user = django_user_model.objects.create_user("reader", "reader@example.com", "pw-123456")
    reader = readers.reader_for(request_with("forged:value", user=user))
    assert reader.user_id == user.pk and reader.anonymous_id is None
