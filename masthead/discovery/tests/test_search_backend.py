import pytest

from masthead import config


def test_search_uses_the_database_backend_by_default(monkeypatch):
    monkeypatch.delenv("SEARCH_URL", raising=False)
    assert config.search_backend() == {"BACKEND": "wagtail.search.backends.database"}


def test_search_url_selects_opensearch_or_elasticsearch(monkeypatch):
    monkeypatch.setenv(
        "SEARCH_URL", "opensearch2+https://masthead:s3cret@search.internal:9200/news_"
    )
    assert config.search_backend() == {
        "BACKEND": "wagtail.search.backends.opensearch2",
        "URLS": ["https://masthead:s3cret@search.internal:9200"],
        "INDEX_PREFIX": "news_",
        "TIMEOUT": 10,
    }
    monkeypatch.setenv("SEARCH_URL", "elasticsearch8+http://127.0.0.1:9200?timeout=30")
    backend = config.search_backend()
    assert backend["BACKEND"] == "wagtail.search.backends.elasticsearch8"
    assert backend["URLS"] == ["http://127.0.0.1:9200"]
    assert backend["INDEX_PREFIX"] == ""
    assert backend["TIMEOUT"] == 30


@pytest.mark.parametrize(
    "url",
    [
        "solr://search:8983",
        "opensearch2://search:9200",
        "elasticsearch8+ftp://search:9200",
        "opensearch4+https://search:9200",
        "elasticsearch8+https://",
        "opensearch2+https://search:9200?timeout=soon",
    ],
)
def test_a_malformed_search_url_is_a_one_line_config_error(monkeypatch, url):
    monkeypatch.setenv("SEARCH_URL", url)
    with pytest.raises(config.ConfigError, match="SEARCH_URL"):
        config.search_backend()
