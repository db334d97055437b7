"""Sitemaps for search engines: an index of paginated sitemaps, and a Google News sitemap."""

from datetime import datetime, timedelta
from xml.sax.saxutils import escape

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.contrib.sites.shortcuts import get_current_site
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Exists, Max, OuterRef
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from django.utils.functional import cached_property
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from taggit.models import Tag

from masthead.core.routing import site_for_request
from masthead.discovery.views import cacheable

# Google News lists articles of the last two days, at most a thousand of them.
NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000


class UncountedPaginator(Paginator):
    """Serves one page without counting the whole list: a page past the end is empty.

    A sitemap page needs only its own thousand rows; counting the 10,000 stories above
    them took as long as reading them.
    """

    def validate_number(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("That page number is not an integer") from None
        if number < 1:
            raise EmptyPage("That page number is less than 1")
        return number

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page])
        if not rows:
            raise EmptyPage("That page contains no results")
        return self._get_page(rows, number, self)


class MastheadSitemap(Sitemap):
    """A sitemap built for one request, so page URLs are made below that request's site."""

    # Pages of 1,000 URLs (the protocol allows 50,000): each page renders in milliseconds.
    limit = 1000

    def __init__(self, root, *, one_page: bool = False):
        # The site's root page, or None when no site matches the request.
        self.root_url_path = root.url_path if root else "/"
        self.root_path = root.path if root else ""
        # For one page of the sitemap: the others are not counted.
        self.one_page = one_page

    @cached_property
    def paginator(self):
        # Django's is rebuilt (and re-counted) on every access.
        if self.one_page:
            return UncountedPaginator(self._items(), self.limit)
        paginator = Paginator(self._items(), self.limit)
        if self.count is not None:
            paginator.count = self.count  # else the paginator counts in a pass of its own
        return paginator

    # How many items, when the sitemap found it anyway.
    count: int | None = None

    def page_location(self, url_path: str) -> str:
        return "/" + url_path[len(self.root_url_path) :]

    def lastmod(self, item):
        return item.latest


class StorySitemap(MastheadSitemap):
    def stories(self):
        from masthead.stories.models import Story

        return Story.objects.live().filter(path__startswith=self.root_path)

    def items(self):
        # Oldest first: the pages of the sitemap stay put as new stories join the last one.
        # Rows, not pages: building 5,000 page objects took most of a sitemap's time.
        return self.stories().order_by("pk").values("url_path", "first_published_at", "updated_at")

    @cached_property
    def summary(self) -> dict:
        """How many stories, and the latest change among them, in one pass over them: the
        index needs both, and each took a pass over every story when asked alone."""
        return self.stories().aggregate(
            count=Count("pk"), latest=Max(Coalesce("updated_at", "last_published_at"))
        )

    @property
    def count(self) -> int:
        return self.summary["count"]

    def get_latest_lastmod(self):
        return self.summary["latest"]

    def location(self, story):
        return self.page_location(story["url_path"])

    def lastmod(self, story):
        # As Story.last_updated: the latest update or correction, else the first publication.
        moments = [story["updated_at"], story["first_published_at"]]
        return max((moment for moment in moments if moment), default=None)


class FrontSitemap(MastheadSitemap):
    """The home page, section fronts and blogs."""

    changefreq = "hourly"

    def items(self):
        from wagtail.models import Page

        from masthead.blogs.models import BlogIndexPage
        from masthead.news.models import HomePage, SectionPage

        return (
            Page.objects.live()
            .type(HomePage, SectionPage, BlogIndexPage)
            .filter(path__startswith=self.root_path)
            .only("id", "url_path", "last_published_at")
            .order_by("path")
        )

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("last_published_at"))["latest"]

    def location(self, page):
        return self.page_location(page.url_path)

    def lastmod(self, page):
        return page.last_published_at


class ListingSitemap(MastheadSitemap):
    """Pages that list stories (topics, authors, agencies): each one with a live story.

    They carry no lastmod: a listing changes with every story it gains, and finding the
    latest one per listing cost more than the rest of the sitemap together.
    """

    def items(self):
        return self.listings().filter(Exists(self.live_stories())).order_by("pk")

    def lastmod(self, item):
        return None

    def get_latest_lastmod(self):
        return None


class TopicSitemap(ListingSitemap):
    def listings(self):
        return Tag.objects.all()

    def live_stories(self):
        from masthead.stories.models import StoryTag

        return StoryTag.objects.filter(tag=OuterRef("pk"), content_object__live=True)

    def location(self, tag):
        return reverse("discovery:topic", args=[tag.slug])


class AuthorSitemap(ListingSitemap):
    def listings(self):
        from masthead.bylines.models import Author

        return Author.objects.all()

    def live_stories(self):
        from masthead.stories.models import StoryAuthor

        return StoryAuthor.objects.filter(author=OuterRef("pk"), story__live=True)

    def location(self, author):
        return author.get_absolute_url()


class AgencySitemap(ListingSitemap):
    def listings(self):
        from masthead.bylines.models import Agency

        return Agency.objects.all()

    def live_stories(self):
        from masthead.stories.models import Story

        return Story.objects.filter(agency=OuterRef("pk"), live=True)

    def location(self, agency):
        return agency.get_absolute_url()


SITEMAPS = {
    "fronts": FrontSitemap,
    "stories": StorySitemap,
    "topics": TopicSitemap,
    "authors": AuthorSitemap,
    "agencies": AgencySitemap,
}


def sitemaps_for(request, *, one_page: bool = False) -> dict[str, MastheadSitemap]:
    site = site_for_request(request)
    root = site.root_page if site is not None else None
    return {
        name: sitemap_class(root, one_page=one_page) for name, sitemap_class in SITEMAPS.items()
    }


@require_safe
def sitemap_index(request):
    """The index of every non-empty sitemap, each split in pages of `limit` URLs."""
    sitemaps = {name: s for name, s in sitemaps_for(request).items() if s.paginator.count}
    response = sitemap_views.index(
        request,
        sitemaps,
        template_name="discovery/sitemap_index.xml",
        sitemap_url_name="discovery:sitemap_section",
    )
    return cacheable(request, response)


@require_safe
def sitemap_section(request, section):
    """One page of one sitemap; an empty sitemap is a 404, as the schema wants a URL."""
    sitemaps = sitemaps_for(request, one_page=True)
    if section not in sitemaps:
        raise Http404("No such sitemap.")
    sitemap = sitemaps[section]
    page = request.GET.get("p", 1)
    try:
        urls = sitemap.get_urls(page=page, site=get_current_site(request), protocol=request.scheme)
    except (EmptyPage, PageNotAnInteger):
        # The first page of an empty sitemap too: the schema wants at least one URL.
        first = str(page) == "1"  # 1 when absent, "1" when asked for
        raise Http404("No such sitemap." if first else "No such page of the sitemap.") from None
    zone = timezone.get_current_timezone()
    entries = [
        "<url><loc>{}</loc>{}{}{}</url>".format(
            escape(url["location"]),
            f"<lastmod>{w3c_datetime(url['lastmod'], zone)}</lastmod>" if url["lastmod"] else "",
            f"<changefreq>{url['changefreq']}</changefreq>" if url["changefreq"] else "",
            f"<priority>{url['priority']}</priority>" if url["priority"] else "",
        )
        for url in urls
    ]
    response = HttpResponse(urlset_xml(entries), content_type="application/xml")
    response.headers["X-Robots-Tag"] = "noindex, noodp, noarchive"
    if getattr(sitemap, "latest_lastmod", None):
        response.headers["Last-Modified"] = http_date(sitemap.latest_lastmod.timestamp())
    return cacheable(request, response)


def w3c_datetime(moment, zone=None) -> str:
    """A sitemap date: ISO 8601 in the site's time zone, as the `date:"c"` filter writes it.

    `zone`: the current time zone, looked up once by a caller writing a thousand dates
    (each lookup goes through a context-local: a tenth of a sitemap page's time).
    """
    if isinstance(moment, datetime):
        return timezone.localtime(moment, zone).isoformat()
    return moment.isoformat()


def urlset_xml(entries: list[str], namespaces: str = "") -> str:
    """A sitemap of `<url>` entries already written out and escaped."""
    # Written out directly: thousands of entries through the template engine took longer
    # than the queries that find them.
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{namespaces}>\n'
        + "\n".join(entries)
        + "\n</urlset>\n"
    )


def news_language(language_code: str) -> str:
    """Google News wants ISO 639 codes, except zh-cn and zh-tw."""
    code = language_code.lower()
    return code if code in {"zh-cn", "zh-tw"} else code.split("-")[0]


def news_articles(request, now=None):
    """The live articles of the last 48 hours under the request's site, newest first."""
    from masthead.news.models import ArticlePage

    since = (now or timezone.now()) - NEWS_WINDOW
    site = site_for_request(request)
    articles = ArticlePage.objects.live().filter(first_published_at__gte=since)
    if site is not None:
        articles = articles.filter(path__startswith=site.root_page.path)
    root = site.root_page.url_path if site is not None else "/"
    rows = articles.order_by("-first_published_at").values_list(
        "title", "url_path", "first_published_at"
    )[:NEWS_LIMIT]
    home = request.build_absolute_uri("/")
    zone = timezone.get_current_timezone()
    return [
        {
            "location": home + iri_to_uri(url_path[len(root) :]),
            "title": title,
            "published": w3c_datetime(published, zone),
        }
        for title, url_path, published in rows
    ]


def news_sitemap_xml(articles: list[dict], *, home: str) -> str:
    """The Google News sitemap of `articles`; the home page alone when there are none."""
    publication = (
        f"<news:publication><news:name>{escape(settings.WAGTAIL_SITE_NAME)}</news:name>"
        f"<news:language>{escape(news_language(settings.LANGUAGE_CODE))}</news:language>"
        "</news:publication>"
    )
    entries = [
        f"<url><loc>{escape(article['location'])}</loc><news:news>{publication}"
        f"<news:publication_date>{article['published']}</news:publication_date>"
        f"<news:title>{escape(article['title'])}</news:title></news:news></url>"
        for article in articles
    ]
    if not entries:
        # The schema wants at least one <url>. With no article in the window the home
        # page stands in, without news tags, so search engines add nothing to Google News.
        entries = [f"<url><loc>{escape(home)}</loc></url>"]
    return urlset_xml(entries, ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"')


@require_safe
def news_sitemap(request):
    """The Google News sitemap: articles of the last 48 hours with publication and date."""
    xml = news_sitemap_xml(news_articles(request), home=request.build_absolute_uri("/"))
    response = HttpResponse(xml, content_type="application/xml")
    response.headers["X-Robots-Tag"] = "noindex"
    return cacheable(request, response)
