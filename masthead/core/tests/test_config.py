import subprocess
import sys

import pytest

from masthead import config


@pytest.mark.parametrize(
    ("name", "value", "reader"),
    [
        ("DATABASE_URL", "mysql://root@localhost/news", lambda home: config.database(home)),
        ("DATABASE_URL", "not a url", lambda home: config.database(home)),
        ("CACHE_URL", "memcached://localhost", lambda home: config.cache(home)),
        ("EMAIL_URL", "pigeon://coop", lambda home: config.email(home)),
        ("EMAIL_URL", "smtp://mail.example:notaport", lambda home: config.email(home)),
        ("TIME_ZONE", "Mars/Olympus_Mons", lambda home: config.time_zone()),
        ("MASTHEAD_TRUSTED_PROXIES", "10.0.0.1,not-an-ip", lambda home: config.trusted_proxies()),
        ("DEBUG", "maybe", lambda home: config.env_bool("DEBUG", False)),
    ],
)
def test_malformed_value_names_the_variable_and_what_it_expects(
    monkeypatch, tmp_path, name, value, reader
):
    monkeypatch.setenv(name, value)
    with pytest.raises(config.ConfigError) as error:
        reader(tmp_path)
    message = str(error.value)
    assert message.startswith(f"{name}: expected ")
    assert "\n" not in message


def test_production_requires_a_secret_key_and_hosts(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("ALLOWED_HOSTS", raising=False)
    with pytest.raises(config.ConfigError, match="^SECRET_KEY: "):
        config.secret_key(tmp_path, production=True)
    with pytest.raises(config.ConfigError, match="^ALLOWED_HOSTS: "):
        config.allowed_hosts(production=True)


def test_demo_secret_key_is_generated_once_and_kept(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = config.secret_key(tmp_path, production=False)
    assert len(first) >= 50
    assert config.secret_key(tmp_path, production=False) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_urls_map_to_real_engines(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test")
    monkeypatch.setenv("CACHE_URL", "redis://127.0.0.1:6379/0")
    monkeypatch.setenv("EMAIL_URL", "smtps://user:p%40ss@mail.example:2465")
    assert config.database(tmp_path)["ENGINE"] == "django.db.backends.postgresql"
    assert config.cache(tmp_path)["BACKEND"].endswith("RedisCache")
    mail = config.email(tmp_path)
    assert mail["EMAIL_HOST_PASSWORD"] == "p@ss" and mail["EMAIL_USE_SSL"] is True
    assert mail["EMAIL_PORT"] == 2465


def test_embedded_defaults_need_nothing_installed(monkeypatch, tmp_path):
    for name in ("DATABASE_URL", "CACHE_URL", "EMAIL_URL"):
        monkeypatch.delenv(name, raising=False)
    assert config.database(tmp_path)["ENGINE"].endswith("sqlite3")
    assert config.cache(tmp_path)["BACKEND"].endswith("LocMemCache")
    assert config.email(tmp_path)["EMAIL_FILE_PATH"] == str(tmp_path / "mail")


def test_masthead_command_reports_a_bad_variable_in_one_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "masthead", "check"],
        env={"PATH": "/usr/bin:/bin", "MASTHEAD_HOME": str(tmp_path), "CACHE_URL": "ftp://x"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "masthead: configuration error: CACHE_URL: expected locmem://, dummy:// or "
        "redis://host:port/db (got 'ftp://x')"
    ]


def test_a_mail_provider_is_named_in_email_url_and_its_keys_come_from_the_environment(
    monkeypatch, tmp_path
):
    monkeypatch.setenv("EMAIL_URL", "anymail://postmark")
    monkeypatch.setenv("ANYMAIL_POSTMARK_SERVER_TOKEN", "server-token")
    assert config.email(tmp_path)["EMAIL_BACKEND"] == "anymail.backends.postmark.EmailBackend"
    assert config.anymail_settings()["POSTMARK_SERVER_TOKEN"] == "server-token"
    monkeypatch.setenv("EMAIL_URL", "anymail://carrier-pigeon")
    with pytest.raises(config.ConfigError, match="^EMAIL_URL: expected anymail://esp naming"):
        config.email(tmp_path)
