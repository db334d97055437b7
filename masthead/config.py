"""Read Masthead's configuration from the environment: the only module that does."""

import ipaddress
import os
import secrets
import zoneinfo
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit


class ConfigError(Exception):
    """A missing or malformed environment variable; the message is one line."""

    def __init__(self, name: str, expected: str, got: str | None = None):
        shown = f" (got {got!r})" if got is not None else ""
        super().__init__(f"{name}: expected {expected}{shown}")
        self.name = name


def env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip()


def env_bool(name: str, default: bool) -> bool:
    value = env(name)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(name, "a boolean: 1/0, true/false, yes/no or on/off", value)


def env_int(name: str, default: int, minimum: int = 0) -> int:
    value = env(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ConfigError(name, "a whole number", value) from None
    if number < minimum:
        raise ConfigError(name, f"a whole number of at least {minimum}", value)
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    value = env(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def home_dir() -> Path:
    """The data folder (database, media, mail, secret key): MASTHEAD_HOME or ./var."""
    path = Path(env("MASTHEAD_HOME", "var")).expanduser().resolve()
    try:
        path.mkdir(parents=True, exist_ok=True)
        (path / "static").mkdir(exist_ok=True)
    except OSError as exc:
        raise ConfigError("MASTHEAD_HOME", "a writable folder", str(path)) from exc
    return path


def mode() -> str:
    value = env("MASTHEAD_ENV", "development")
    if value not in {"development", "production"}:
        raise ConfigError("MASTHEAD_ENV", "'development' or 'production'", value)
    return value


def secret_key(home: Path, production: bool) -> str:
    value = env("SECRET_KEY")
    if value:
        if production and len(value) < 32:
            raise ConfigError("SECRET_KEY", "at least 32 random characters in production")
        return value
    if production:
        raise ConfigError("SECRET_KEY", "a secret of at least 32 characters in production")
    # The demo keeps a generated key so sessions and signed links survive restarts.
    key_file = home / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def database(home: Path) -> dict:
    import dj_database_url

    url = env("DATABASE_URL", f"sqlite:///{home / 'masthead.sqlite3'}")
    try:
        config = dj_database_url.parse(url, conn_max_age=600, conn_health_checks=True)
    except (ValueError, KeyError) as exc:
        raise ConfigError(
            "DATABASE_URL", "a URL such as postgres://user@host:5432/name or sqlite:///path", url
        ) from exc
    engine = config.get("ENGINE", "")
    if engine.endswith("sqlite3"):
        # A connection kept between requests saves its opening on each one (Django
        # registers its SQL functions per connection); restore writes into the live
        # file, so a kept connection sees restored data.
        config["CONN_MAX_AGE"] = 600
        # WAL lets readers go on while one writer commits; IMMEDIATE avoids
        # deadlocks when two writers upgrade a read lock at once.
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    elif "postgresql" not in engine:
        raise ConfigError("DATABASE_URL", "a postgres:// or sqlite:// URL", url)
    return config


def cache(home: Path) -> dict:
    url = env("CACHE_URL", "locmem://")
    parts = urlsplit(url)
    if parts.scheme == "locmem":
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": parts.netloc or "masthead",
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    if parts.scheme in {"redis", "rediss"}:
        return {
            # Fails open for cached pages, closed for rate limits, when Redis stops.
            "BACKEND": "masthead.ops.cache.FaultTolerantRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "masthead"),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    if parts.scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ConfigError("CACHE_URL", "locmem://, dummy:// or redis://host:port/db", url)


def email(home: Path) -> dict:
    """Map EMAIL_URL to Django's e-mail settings."""
    url = env("EMAIL_URL", f"file://{home / 'mail'}")
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    if parts.scheme == "file":
        folder = Path(unquote(parts.path or str(home / "mail")))
        return {
            "EMAIL_BACKEND": "masthead.ops.files.EmailBackend",
            "EMAIL_FILE_PATH": str(folder),
        }
    if parts.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parts.scheme == "locmem":
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if parts.scheme in {"smtp", "smtps"}:
        if not parts.hostname:
            raise ConfigError("EMAIL_URL", "smtp://user:password@host:port", url)
        try:
            port = parts.port or (465 if parts.scheme == "smtps" else 25)
        except ValueError:
            raise ConfigError("EMAIL_URL", "a numeric port", url) from None
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": parts.hostname,
            "EMAIL_PORT": port,
            "EMAIL_HOST_USER": unquote(parts.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
            "EMAIL_USE_SSL": parts.scheme == "smtps",
            "EMAIL_USE_TLS": query.get("tls", ["0"])[0] in {"1", "true"},
            "EMAIL_TIMEOUT": 20,
        }
    if parts.scheme == "anymail":
        return {"EMAIL_BACKEND": anymail_backend(parts.hostname or "", url)}
    raise ConfigError(
        "EMAIL_URL", "file:///folder, smtp://host:port, smtps://host:port or anymail://esp", url
    )


def anymail_backend(esp: str, url: str) -> str:
    """The django-anymail backend of a provider named in EMAIL_URL, e.g. anymail://postmark."""
    import importlib.util

    module = f"anymail.backends.{esp}"
    try:
        found = esp.isidentifier() and importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:  # django-anymail itself is not installed
        raise ConfigError(
            "EMAIL_URL", "anymail://esp with django-anymail installed (masthead[anymail])", url
        ) from None
    if not found:
        raise ConfigError("EMAIL_URL", "anymail://esp naming a django-anymail provider", url)
    return f"{module}.EmailBackend"


def anymail_settings() -> dict:
    """The provider's credentials, from the environment only: ANYMAIL_POSTMARK_SERVER_TOKEN
    becomes ANYMAIL["POSTMARK_SERVER_TOKEN"]."""
    return {
        name.removeprefix("ANYMAIL_"): value
        for name, value in os.environ.items()
        if name.startswith("ANYMAIL_") and value
    }


def time_zone() -> str:
    value = env("TIME_ZONE", "UTC")
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ConfigError("TIME_ZONE", "an IANA time zone such as Asia/Amman", value) from None
    return value


def trusted_proxies() -> list:
    networks = []
    for item in env_list("MASTHEAD_TRUSTED_PROXIES", []):
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ConfigError(
                "MASTHEAD_TRUSTED_PROXIES", "comma-separated IP addresses or networks", item
            ) from None
    return networks


def allowed_hosts(production: bool) -> list[str]:
    hosts = env_list("ALLOWED_HOSTS", [])
    if hosts:
        return hosts
    if production:
        raise ConfigError("ALLOWED_HOSTS", "the site's host names, comma-separated, in production")
    return ["localhost", "127.0.0.1", "[::1]", "testserver"]


def base_url(production: bool) -> str:
    value = env("MASTHEAD_BASE_URL", "http://127.0.0.1:8000")
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ConfigError(
            "MASTHEAD_BASE_URL", "an absolute URL such as https://news.example", value
        )
    return value.rstrip("/")


SEARCH_ENGINES = (
    "elasticsearch7",
    "elasticsearch8",
    "elasticsearch9",
    "opensearch2",
    "opensearch3",
)


def search_backend() -> dict:
    """Map SEARCH_URL to Wagtail's search backend: the database's own unless it names an engine.

    Form: ENGINE+https://user:password@host:9200/index_prefix?timeout=10, ENGINE being one of
    SEARCH_ENGINES; "database://" or nothing keeps SQLite FTS5 or PostgreSQL full text.
    """
    url = env("SEARCH_URL", "database://")
    parts = urlsplit(url)
    if parts.scheme == "database":
        return {"BACKEND": "wagtail.search.backends.database"}
    engine, _, transport = parts.scheme.partition("+")
    expected = f"database:// or ENGINE+https://host:port/prefix, ENGINE one of {SEARCH_ENGINES}"
    if engine not in SEARCH_ENGINES or transport not in {"http", "https"} or not parts.hostname:
        raise ConfigError("SEARCH_URL", expected, url)
    timeout = parse_qs(parts.query).get("timeout", ["10"])[0]
    if not timeout.isdigit():
        raise ConfigError("SEARCH_URL", "a whole number of seconds in ?timeout=", url)
    return {
        "BACKEND": f"wagtail.search.backends.{engine}",
        "URLS": [f"{transport}://{parts.netloc}"],
        "INDEX_PREFIX": unquote(parts.path.strip("/")),
        "TIMEOUT": int(timeout),
    }


def log_format() -> str:
    value = env("LOG_FORMAT", "text")
    if value not in {"text", "json"}:
        raise ConfigError("LOG_FORMAT", "'text' or 'json'", value)
    return value


def session_engine() -> str:
    """MASTHEAD_SESSIONS: db (default), cached_db (Redis in front) or cache (Redis only)."""
    value = env("MASTHEAD_SESSIONS", "db")
    if value not in {"db", "cached_db", "cache"}:
        raise ConfigError("MASTHEAD_SESSIONS", "'db', 'cached_db' or 'cache'", value)
    return f"django.contrib.sessions.backends.{value}"


def media_storage() -> dict:
    """MEDIA_STORAGE: local files under MEDIA_ROOT (default) or s3 (django-storages, AWS_*)."""
    kind = env("MEDIA_STORAGE", "local")
    if kind == "local":
        return {"BACKEND": "masthead.ops.files.MediaStorage"}
    if kind != "s3":
        raise ConfigError("MEDIA_STORAGE", "'local' or 's3'", kind)
    import importlib.util

    if importlib.util.find_spec("storages") is None:
        raise ConfigError("MEDIA_STORAGE", "django-storages installed: pip install 'masthead[s3]'")
    bucket = env("AWS_STORAGE_BUCKET_NAME")
    if not bucket:
        raise ConfigError("AWS_STORAGE_BUCKET_NAME", "the bucket's name with MEDIA_STORAGE=s3")
    options = {
        "bucket_name": bucket,
        "region_name": env("AWS_S3_REGION_NAME"),
        # S3-compatible services (MinIO, Ceph, R2, Spaces) are reached at their own URL.
        "endpoint_url": env("AWS_S3_ENDPOINT_URL"),
        "custom_domain": env("AWS_S3_CUSTOM_DOMAIN"),
        "location": env("AWS_LOCATION", "media"),
        "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
        "file_overwrite": False,
        "default_acl": env("AWS_DEFAULT_ACL"),
    }
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {key: value for key, value in options.items() if value is not None},
    }


FRONT_CACHE_BACKENDS = "wagtail.contrib.frontend_cache.backends"


def front_caches() -> dict:
    """The caches in front of Masthead that a change purges (Wagtail's WAGTAILFRONTENDCACHE):
    any of Varnish (or another HTTP cache that takes PURGE), Cloudflare and CloudFront."""
    caches = {"varnish": _varnish(), "cloudflare": _cloudflare(), "cloudfront": _cloudfront()}
    return {name: backend for name, backend in caches.items() if backend}


def _varnish() -> dict | None:
    url = env("MASTHEAD_FRONTEND_CACHE_URL")
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ConfigError(
            "MASTHEAD_FRONTEND_CACHE_URL", "Varnish's address, such as http://127.0.0.1:6081", url
        )
    return {"BACKEND": f"{FRONT_CACHE_BACKENDS}.HTTPBackend", "LOCATION": url}


def _cloudflare() -> dict | None:
    """MASTHEAD_CLOUDFLARE_ZONE_ID with MASTHEAD_CLOUDFLARE_API_TOKEN, a token allowed to
    purge that zone: one without the other is a mistake, not a switch left off."""
    zone, token = env("MASTHEAD_CLOUDFLARE_ZONE_ID"), env("MASTHEAD_CLOUDFLARE_API_TOKEN")
    if not zone and not token:
        return None
    if not token:
        raise ConfigError(
            "MASTHEAD_CLOUDFLARE_API_TOKEN",
            "an API token with the Cache Purge permission, with MASTHEAD_CLOUDFLARE_ZONE_ID",
        )
    if not zone or not zone.isalnum():
        raise ConfigError(
            "MASTHEAD_CLOUDFLARE_ZONE_ID",
            "the zone's id (letters and digits), with MASTHEAD_CLOUDFLARE_API_TOKEN",
            zone,
        )
    return {
        "BACKEND": f"{FRONT_CACHE_BACKENDS}.CloudflareBackend",
        "ZONEID": zone,
        "BEARER_TOKEN": token,
    }


def _cloudfront() -> dict | None:
    """MASTHEAD_CLOUDFRONT_DISTRIBUTION_ID, with boto3 installed; the AWS credentials are
    where boto3 finds them (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a role)."""
    distribution = env("MASTHEAD_CLOUDFRONT_DISTRIBUTION_ID")
    if not distribution:
        return None
    import importlib.util

    if importlib.util.find_spec("boto3") is None:
        raise ConfigError(
            "MASTHEAD_CLOUDFRONT_DISTRIBUTION_ID",
            "boto3 installed: pip install 'masthead[cloudfront]'",
        )
    if not distribution.isalnum():
        raise ConfigError(
            "MASTHEAD_CLOUDFRONT_DISTRIBUTION_ID",
            "the distribution's id, such as E2QWRUHEXAMPLE",
            distribution,
        )
    return {"BACKEND": f"{FRONT_CACHE_BACKENDS}.CloudfrontBackend", "DISTRIBUTION_ID": distribution}
