from django.urls import path, re_path

from masthead.discovery import feeds, sitemaps, views

app_name = "discovery"

FORMAT = r"(?P<fmt>rss|atom)"

urlpatterns = [
    path("search/", views.search_page, name="search"),
    # Tag slugs may be in any script, so any text up to the slash.
    path("topics/<str:slug>/", views.topic_page, name="topic"),
    # Archives: four-digit years, two-digit months and days; pages at such URLs still win.
    re_path(r"^(?P<year>[0-9]{4})/$", views.archive_page, name="archive_year"),
    re_path(r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$", views.archive_page, name="archive_month"),
    re_path(
        r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/(?P<day>[0-9]{2})/$",
        views.archive_page,
        name="archive_day",
    ),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap_section, name="sitemap_section"),
    path("news-sitemap.xml", sitemaps.news_sitemap, name="news_sitemap"),
    re_path(rf"^feeds/{FORMAT}/$", feeds.feed_view(feeds.StoryFeed), name="site_feed"),
    re_path(
        rf"^feeds/{FORMAT}/sections/(?P<path>(?:[\w-]+/)*[\w-]+)/$",
        feeds.feed_view(feeds.SectionFeed),
        name="section_feed",
    ),
    re_path(rf"^feeds/{FORMAT}/blogs/$", feeds.feed_view(feeds.BlogFeed), name="blogs_feed"),
    re_path(
        rf"^feeds/{FORMAT}/blogs/(?P<path>(?:[\w-]+/)*[\w-]+)/$",
        feeds.feed_view(feeds.BlogFeed),
        name="blog_feed",
    ),
    re_path(
        rf"^feeds/{FORMAT}/topics/(?P<slug>[^/]+)/$",
        feeds.feed_view(feeds.TopicFeed),
        name="topic_feed",
    ),
    re_path(
        rf"^feeds/{FORMAT}/authors/(?P<slug>[-\w]+)/$",
        feeds.feed_view(feeds.AuthorFeed),
        name="author_feed",
    ),
    re_path(
        rf"^feeds/{FORMAT}/agencies/(?P<slug>[-\w]+)/$",
        feeds.feed_view(feeds.AgencyFeed),
        name="agency_feed",
    ),
]
