"""`masthead check --deploy`: passes on production settings, names each unsafe one."""

import secrets
import subprocess
import sys

import pytest

from masthead.core.checks import weak_secret_key

PRODUCTION = {
    "MASTHEAD_ENV": "production",
    "ALLOWED_HOSTS": "news.example",
    "MASTHEAD_BASE_URL": "https://news.example",
    "DATABASE_URL": "postgres://masthead@db.internal:5432/masthead",
    "CACHE_URL": "redis://cache.internal:6379/0",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
}


def check_deploy(tmp_path, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "masthead", "check", "--deploy"],
        env={"PATH": "/usr/bin:/bin", "MASTHEAD_HOME": str(tmp_path), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check(tmp_path):
    result = check_deploy(tmp_path, **PRODUCTION, SECRET_KEY=secrets.token_urlsafe(50))
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_unsafe_settings_fail_the_deploy_check_naming_each_problem(tmp_path):
    result = check_deploy(
        tmp_path,
        **{**PRODUCTION, "ALLOWED_HOSTS": "*"},
        DEBUG="1",
        SECRET_KEY="change-me-change-me-change-me-change-me",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
    )
    assert result.returncode == 1
    for problem in (
        "masthead.E011) DEBUG is on",
        "masthead.E012) SECRET_KEY is weak",
        "masthead.E013) ALLOWED_HOSTS is missing",
        "masthead.E014) HTTPS is not enforced: SECURE_SSL_REDIRECT, SECURE_HSTS_SECONDS",
    ):
        assert problem in result.stderr


def test_development_defaults_fail_the_deploy_check(tmp_path):
    result = check_deploy(tmp_path)
    assert result.returncode == 1
    assert "masthead.E010) MASTHEAD_ENV is not 'production'" in result.stderr
    assert "masthead.E013) ALLOWED_HOSTS is missing" in result.stderr
    assert "SESSION_COOKIE_SECURE, CSRF_COOKIE_SECURE" in result.stderr


def test_production_without_hosts_stops_at_once_naming_the_variable(tmp_path):
    env = {**PRODUCTION, "SECRET_KEY": secrets.token_urlsafe(50)}
    del env["ALLOWED_HOSTS"]
    result = check_deploy(tmp_path, **env)
    assert result.returncode == 2
    assert "configuration error: ALLOWED_HOSTS:" in result.stderr


@pytest.mark.parametrize(
    ("key", "weak"),
    [
        ("x" * 60, True),
        ("a-short-but-random-Q7zP", True),
        ("django-insecure-" + secrets.token_urlsafe(50), True),
        (secrets.token_urlsafe(50), False),
    ],
    ids=["one-character", "short", "django-insecure", "random"],  # the same in every process
)
def test_weak_secret_keys_are_recognised(key, weak):
    assert weak_secret_key(key) is weak
