"""Masthead's one settings module: values come from masthead.config, defaults are embedded."""

from pathlib import Path

from masthead import config
from masthead.ops.logs import logging_config

PACKAGE_DIR = Path(__file__).resolve().parent
HOME = config.home_dir()
MODE = config.mode()
PRODUCTION = MODE == "production"

SECRET_KEY = config.secret_key(HOME, PRODUCTION)
DEBUG = config.env_bool("DEBUG", False)
ALLOWED_HOSTS = config.allowed_hosts(PRODUCTION)
MASTHEAD_BASE_URL = config.base_url(PRODUCTION)
WAGTAILADMIN_BASE_URL = MASTHEAD_BASE_URL
MASTHEAD_TRUSTED_PROXIES = config.trusted_proxies()

INSTALLED_APPS = [
    "masthead.core",
    "masthead.accounts",
    "masthead.photos",
    "masthead.bylines",
    "masthead.stories",
    "masthead.news",
    "masthead.blogs",
    "masthead.humancheck",
    "masthead.comments",
    "masthead.votes",
    "masthead.discovery",
    "masthead.wire",
    "masthead.newsletter",
    "masthead.pagecache",
    "masthead.demo",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "masthead.ops",
    # Last: its post-migrate step needs every other app's permissions.
    "masthead.newsroom",
]

MIDDLEWARE = [
    # Before the page cache, so a stored page never repeats another request's id.
    "masthead.ops.middleware.RequestIdMiddleware",
    "masthead.pagecache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "masthead.ops.middleware.SecurityHeadersMiddleware",
    "masthead.ops.middleware.OutageMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "masthead.ops.middleware.LoginRateLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    # The page a voter is sent back to shows their vote: never cached (masthead.votes).
    "masthead.votes.middleware.VoteReceiptMiddleware",
]

ROOT_URLCONF = "masthead.urls"
WSGI_APPLICATION = "masthead.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "masthead.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {"default": config.database(HOME)}

_cache = config.cache(HOME)
CACHES = {
    "default": _cache,
    # Rendition look-ups go to the cache, so an image costs no query once rendered.
    "renditions": _cache,
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = config.env("LANGUAGE_CODE", "en-gb")
TIME_ZONE = config.time_zone()
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(config.env("STATIC_ROOT", str(HOME / "static")))
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(config.env("MEDIA_ROOT", str(HOME / "media")))
MASTHEAD_SERVE_MEDIA = config.env_bool("MASTHEAD_SERVE_MEDIA", not PRODUCTION)

STORAGES = {
    # Local files written whole (never half a photo on a full disk), or S3 when MEDIA_STORAGE=s3.
    "default": config.media_storage(),
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Outside production, static files are served straight from the package: no collectstatic.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_MAX_AGE = 31536000 if PRODUCTION else 60

for _key, _value in config.email(HOME).items():
    globals()[_key] = _value
DEFAULT_FROM_EMAIL = config.env("DEFAULT_FROM_EMAIL", "Masthead <news@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if config.env("MASTHEAD_TASKS", "immediate") == "database"
            else "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = config.env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_SSL_REDIRECT = config.env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = config.env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
    SECURE_HSTS_PRELOAD = config.env_bool("SECURE_HSTS_PRELOAD", False)
# Load balancers probe over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
# Sessions in the database, or with MASTHEAD_SESSIONS=cached_db|cache in the cache (Redis).
SESSION_ENGINE = config.session_engine()
# Image origins the Content-Security-Policy allows besides the site's own (a media CDN).
MASTHEAD_CSP_IMG_SRC = config.env_list("MASTHEAD_CSP_IMG_SRC", [])
# Failed admin sign-ins and password-reset posts per address each window (3x per user name).
MASTHEAD_LOGIN_ATTEMPTS = config.env_int("MASTHEAD_LOGIN_ATTEMPTS", 10, minimum=1)
MASTHEAD_LOGIN_WINDOW = config.env_int("MASTHEAD_LOGIN_WINDOW", 300, minimum=1)

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = config.env("MASTHEAD_SITE_NAME", "The Daily Masthead")
WAGTAILIMAGES_IMAGE_MODEL = "photos.Photo"
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
# The database's full-text search unless SEARCH_URL names OpenSearch or Elasticsearch.
WAGTAILSEARCH_BACKENDS = {"default": config.search_backend()}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: the admin makes no third-party request (and the CSP would block it).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# The site's own formats: "Feb 07,2018" on stories, "Thursday 21 February 2019" in the header.
MASTHEAD_DATE_FORMAT = config.env("MASTHEAD_DATE_FORMAT", "M d,Y")
MASTHEAD_DATE_LINE_FORMAT = config.env("MASTHEAD_DATE_LINE_FORMAT", "l j F Y")
# Seconds a shared cache may keep an anonymous page, and a browser: with the 30 s of
# stale-while-revalidate, a vote count in cached HTML lags by at most 60 s.
MASTHEAD_CACHE_SECONDS = config.env_int("MASTHEAD_CACHE_SECONDS", 30)
MASTHEAD_BROWSER_CACHE_SECONDS = config.env_int("MASTHEAD_BROWSER_CACHE_SECONDS", 30)
# Masthead's own page cache: how long an anonymous page is kept (purged on change), and
# the paths it never keeps.
MASTHEAD_PAGE_CACHE = config.env_bool("MASTHEAD_PAGE_CACHE", True)
MASTHEAD_PAGE_CACHE_SECONDS = config.env_int("MASTHEAD_PAGE_CACHE_SECONDS", 60)
# Rendered parts of pages (teasers, story texts), kept by version: masthead.core.fragments.
MASTHEAD_FRAGMENT_CACHE = config.env_bool("MASTHEAD_FRAGMENT_CACHE", True)
MASTHEAD_PAGE_CACHE_BYPASS = (
    "/admin/",
    "/static/",
    "/media/",
    "/documents/",
    "/comments/",
    "/votes/",
    "/human-check/",
    "/newsletter/",
    "/healthz",
    "/readyz",
)
# Caches in front (Varnish, Cloudflare, CloudFront): what a change makes stale is purged there.
WAGTAILFRONTENDCACHE = config.front_caches()
MASTHEAD_PAGE_SIZE = config.env_int("MASTHEAD_PAGE_SIZE", 30, minimum=1)
# Newsroom: refuse to publish a photo without a credit; the hours of wire copy the desk shows.
MASTHEAD_REQUIRE_PHOTO_CREDIT = config.env_bool("MASTHEAD_REQUIRE_PHOTO_CREDIT", False)
MASTHEAD_DESK_WIRE_HOURS = config.env_int("MASTHEAD_DESK_WIRE_HOURS", 6, minimum=1)
# Feeds: how many stories each carries, and whether they carry the full text or the standfirst.
MASTHEAD_FEED_ITEMS = config.env_int("MASTHEAD_FEED_ITEMS", 30, minimum=1)
MASTHEAD_FEED_FULL_TEXT = config.env_bool("MASTHEAD_FEED_FULL_TEXT", False)
# Hosts the URL fetcher may reach even on a private or loopback address (an agency's
# server on the office network); every other host must resolve to public addresses only.
MASTHEAD_FETCH_ALLOWED_HOSTS = config.env_list("MASTHEAD_FETCH_ALLOWED_HOSTS", [])
# The section wire copy goes to when neither the feed nor `masthead ingest` names one.
MASTHEAD_WIRE_SECTION = config.env("MASTHEAD_WIRE_SECTION", "world")
# Drop folders of wire feeds configured in the admin must lie under this folder.
MASTHEAD_WIRE_DROP_ROOT = config.env("MASTHEAD_WIRE_DROP_ROOT", str(HOME / "wire"))

# The human check on anonymous forms: challenge lifetime, the least time a human takes,
# the proof of work's largest number, and posts allowed per address and per /24 (/64)
# every window; readers without JavaScript get the stricter "nojs" limits.
MASTHEAD_HUMANCHECK_MAX_AGE = config.env_int("MASTHEAD_HUMANCHECK_MAX_AGE", 1800, minimum=60)
MASTHEAD_HUMANCHECK_MIN_SECONDS = config.env_int("MASTHEAD_HUMANCHECK_MIN_SECONDS", 3)
MASTHEAD_HUMANCHECK_POW_MAX_NUMBER = config.env_int(
    "MASTHEAD_HUMANCHECK_POW_MAX_NUMBER", 50000, minimum=1
)
MASTHEAD_HUMANCHECK_WINDOW = config.env_int("MASTHEAD_HUMANCHECK_WINDOW", 600, minimum=1)
MASTHEAD_HUMANCHECK_ADDRESS_LIMIT = config.env_int("MASTHEAD_HUMANCHECK_ADDRESS_LIMIT", 10)
MASTHEAD_HUMANCHECK_NETWORK_LIMIT = config.env_int("MASTHEAD_HUMANCHECK_NETWORK_LIMIT", 40)
MASTHEAD_HUMANCHECK_NOJS_ADDRESS_LIMIT = config.env_int("MASTHEAD_HUMANCHECK_NOJS_ADDRESS_LIMIT", 4)
MASTHEAD_HUMANCHECK_NOJS_NETWORK_LIMIT = config.env_int(
    "MASTHEAD_HUMANCHECK_NOJS_NETWORK_LIMIT", 12
)
# Reader comments: closed this many days after publication (0: never); published at once
# when sent with the proof of work and scored below this (0: every comment is moderated).
MASTHEAD_COMMENTS_CLOSE_AFTER_DAYS = config.env_int("MASTHEAD_COMMENTS_CLOSE_AFTER_DAYS", 60)
MASTHEAD_COMMENTS_PUBLISH_BELOW = config.env_int("MASTHEAD_COMMENTS_PUBLISH_BELOW", 0)
MASTHEAD_COMMENTS_MAX_LINKS = config.env_int("MASTHEAD_COMMENTS_MAX_LINKS", 3)
MASTHEAD_COMMENTS_BLOCKED_WORDS = config.env_list("MASTHEAD_COMMENTS_BLOCKED_WORDS", [])
MASTHEAD_COMMENTS_BLOCKED_DOMAINS = config.env_list("MASTHEAD_COMMENTS_BLOCKED_DOMAINS", [])
# Days a comment keeps the salted hash of its sender's address.
MASTHEAD_COMMENTS_ADDRESS_DAYS = config.env_int("MASTHEAD_COMMENTS_ADDRESS_DAYS", 7)
MASTHEAD_COMMENTS_POLICY = config.env(
    "MASTHEAD_COMMENTS_POLICY", "masthead.comments.policy.CommentPolicy"
)
# Reader votes: new anonymous voters (readers without the vote cookie) allowed per client
# address (per /64 for IPv6) each hour, so clearing cookies does not buy votes without limit.
MASTHEAD_VOTES_NEW_READERS_PER_HOUR = config.env_int(
    "MASTHEAD_VOTES_NEW_READERS_PER_HOUR", 20, minimum=1
)

# The daily digest: built and sent at this site time (HH:MM); an address is suspended after
# this many hard bounces.
MASTHEAD_DIGEST_TIME = config.env("MASTHEAD_DIGEST_TIME", "06:00")
MASTHEAD_NEWSLETTER_BOUNCE_LIMIT = config.env_int("MASTHEAD_NEWSLETTER_BOUNCE_LIMIT", 3, minimum=1)
# Copies of the digest sent at once, each over a connection of its own to the mail server.
MASTHEAD_DIGEST_CONNECTIONS = config.env_int("MASTHEAD_DIGEST_CONNECTIONS", 4, minimum=1)
# Mail providers report bounces and complaints to /newsletter/provider/<esp>/tracking/
# (django-anymail), given this "user:password" in the URL; unset, those URLs answer 404.
# EMAIL_URL=anymail://<esp> sends through a provider; its credentials come from ANYMAIL_*
# variables (ANYMAIL_POSTMARK_SERVER_TOKEN=... becomes ANYMAIL["POSTMARK_SERVER_TOKEN"]).
ANYMAIL = {"WEBHOOK_SECRET": "", **config.anymail_settings()}

# One JSON object per line with LOG_FORMAT=json; every line carries its request id.
LOG_FORMAT = config.log_format()
LOGGING = logging_config(LOG_FORMAT, config.env("LOG_LEVEL", "WARNING"))
