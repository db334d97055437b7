"""Masthead's one settings module: values come from masthead.config, defaults are embedded."""

from pathlib import Path

from masthead import config

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
    # Last: its post-migrate step needs every other app's permissions.
    "masthead.newsroom",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
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
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(config.env("MEDIA_ROOT", str(HOME / "media")))
MASTHEAD_SERVE_MEDIA = config.env_bool("MASTHEAD_SERVE_MEDIA", not PRODUCTION)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
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

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = config.env("MASTHEAD_SITE_NAME", "The Daily Masthead")
WAGTAILIMAGES_IMAGE_MODEL = "photos.Photo"
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# The site's own formats: "Feb 07,2018" on stories, "Thursday 21 February 2019" in the header.
MASTHEAD_DATE_FORMAT = config.env("MASTHEAD_DATE_FORMAT", "M d,Y")
MASTHEAD_DATE_LINE_FORMAT = config.env("MASTHEAD_DATE_LINE_FORMAT", "l j F Y")
# Seconds a shared cache may keep an anonymous page, and a browser.
MASTHEAD_CACHE_SECONDS = config.env_int("MASTHEAD_CACHE_SECONDS", 300)
MASTHEAD_BROWSER_CACHE_SECONDS = config.env_int("MASTHEAD_BROWSER_CACHE_SECONDS", 60)
MASTHEAD_PAGE_SIZE = config.env_int("MASTHEAD_PAGE_SIZE", 30, minimum=1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": config.env("LOG_LEVEL", "WARNING")},
}
