import pytest

from masthead import config


def test_media_go_to_s3_compatible_storage_when_asked(monkeypatch):
    pytest.importorskip("storages")
    monkeypatch.setenv("MEDIA_STORAGE", "s3")
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "paper-media")
    monkeypatch.setenv("AWS_S3_ENDPOINT_URL", "https://s3.example.net")
    monkeypatch.setenv("AWS_S3_CUSTOM_DOMAIN", "media.news.example")
    storage = config.media_storage()
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "paper-media"
    assert storage["OPTIONS"]["endpoint_url"] == "https://s3.example.net"
    assert storage["OPTIONS"]["querystring_auth"] is False

    from storages.backends.s3 import S3Storage

    built = S3Storage(**storage["OPTIONS"])  # no request leaves the machine here
    assert (
        built.url("original_images/a.jpg")
        == "https://media.news.example/media/original_images/a.jpg"
    )


def test_local_media_are_written_whole_by_default(monkeypatch):
    monkeypatch.delenv("MEDIA_STORAGE", raising=False)
    assert config.media_storage() == {"BACKEND": "masthead.ops.files.MediaStorage"}


@pytest.mark.parametrize(
    ("name", "value", "reader"),
    [
        ("MEDIA_STORAGE", "ftp", config.media_storage),
        ("MASTHEAD_SESSIONS", "redis", config.session_engine),
        ("LOG_FORMAT", "xml", config.log_format),
    ],
)
def test_bad_switches_name_the_variable(monkeypatch, name, value, reader):
    monkeypatch.setenv(name, value)
    with pytest.raises(config.ConfigError, match=f"^{name}: expected "):
        reader()


def test_s3_without_a_bucket_is_refused(monkeypatch):
    pytest.importorskip("storages")
    monkeypatch.setenv("MEDIA_STORAGE", "s3")
    monkeypatch.delenv("AWS_STORAGE_BUCKET_NAME", raising=False)
    with pytest.raises(config.ConfigError, match="^AWS_STORAGE_BUCKET_NAME: "):
        config.media_storage()


def test_sessions_can_live_in_the_cache(monkeypatch):
    monkeypatch.setenv("MASTHEAD_SESSIONS", "cached_db")
    assert config.session_engine() == "django.contrib.sessions.backends.cached_db"
