import pytest
from django.core.cache import cache

from masthead.ops.middleware import content_security_policy

STRICT = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quick_password_checks(settings):
    # Every sign-in attempt hashes a password; the limit is what is tested here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_public_pages_get_the_strict_policy_and_the_other_security_headers(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    response = client.get("/healthz", secure=True)
    assert response["Content-Security-Policy"] == STRICT
    assert response["Strict-Transport-Security"] == "max-age=31536000"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]


def test_only_the_admin_allows_inline_code_and_framing_by_itself(client):
    policy = client.get("/admin/login/")["Content-Security-Policy"]
    assert policy == content_security_policy(admin=True)
    assert "script-src 'self' 'unsafe-inline'" in policy
    assert "frame-ancestors 'self'" in policy
    assert client.get("/no-such-page/")["Content-Security-Policy"] == STRICT


def test_admin_sign_in_is_refused_after_too_many_attempts(client, settings):
    settings.MASTHEAD_LOGIN_ATTEMPTS = 3
    cache.clear()
    answers = [
        client.post("/admin/login/", {"username": "editor", "password": f"guess-{n}"})
        for n in range(4)
    ]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    assert b"Too many attempts" in answers[-1].content
    assert answers[-1]["Retry-After"] == str(settings.MASTHEAD_LOGIN_WINDOW)


def test_successful_sign_ins_are_not_counted(client, settings, django_user_model):
    settings.MASTHEAD_LOGIN_ATTEMPTS = 2
    cache.clear()
    django_user_model.objects.create_superuser("desk", "desk@example.com", "right-passphrase")
    for _ in range(4):
        answer = client.post("/admin/login/", {"username": "desk", "password": "right-passphrase"})
        assert answer.status_code == 302
        client.logout()


def test_every_password_reset_post_is_counted(client, settings):
    settings.MASTHEAD_LOGIN_ATTEMPTS = 2
    cache.clear()
    statuses = [
        client.post("/admin/password_reset/", {"email": "desk@example.com"}).status_code
        for _ in range(3)
    ]
    assert statuses[-1] == 429 and 429 not in statuses[:2]


def test_guessing_one_editor_from_many_addresses_is_limited_too(client, settings):
    settings.MASTHEAD_LOGIN_ATTEMPTS = 2
    cache.clear()
    statuses = [
        client.post(
            "/admin/login/",
            {"username": "Editor", "password": "guess"},
            REMOTE_ADDR=f"198.51.100.{n}",
        ).status_code
        for n in range(7)
    ]
    assert statuses == [200] * 6 + [429]


def test_readiness_names_nothing_when_all_is_well(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
