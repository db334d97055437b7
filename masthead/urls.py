from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve as serve_file
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from masthead.core.routing import serve as serve_page

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("masthead.bylines.urls")),
    path("", include("masthead.discovery.urls")),
    path("comments/", include("masthead.comments.urls")),
    path("votes/", include("masthead.votes.urls")),
    path("human-check/", include("masthead.humancheck.urls")),
    path("wire/", include("masthead.wire.urls")),
    path("newsletter/", include("masthead.newsletter.urls")),
    path("", include("masthead.ops.urls")),
]

# A lost database or a full disk gets a plain 503/507 page wherever it is raised.
handler500 = "masthead.ops.views.server_error"

if settings.MASTHEAD_SERVE_MEDIA:
    # The embedded set-up serves uploaded media itself; production puts them behind nginx or S3.
    urlpatterns.append(
        re_path(r"^media/(?P<path>.*)$", serve_file, {"document_root": settings.MEDIA_ROOT})
    )

urlpatterns += [
    # Pages are found by one URL-path look-up; Wagtail's own routes (previews, password
    # restrictions) stay under its URLs.
    re_path(r"^((?:[\w\-]+/)*)$", serve_page, name="masthead_serve"),
    path("", include(wagtail_urls)),
]
