import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings")

from django.core.wsgi import get_wsgi_application  # noqa: E402

from masthead.pagecache.wsgi import PageCacheApplication  # noqa: E402

application = PageCacheApplication(get_wsgi_application())
