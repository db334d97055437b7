from datetime import timedelta
from pathlib import Path
from unittest import mock

from django.test import TestCase, override_settings
from django.utils import timezone
from lxml import etree

from masthead.discovery.sitemaps import StorySitemap, news_language
from masthead.discovery.tests.newsroom import build_newsroom
from masthead.stories import factories as f

XSD = Path(__file__).parent / "xsd"
NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD / name)))


def valid_xml(response, schema_name: str):
    assert response.status_code == 200, response.status_code
    document = etree.fromstring(response.content)
    checker = schema(schema_name)
    assert checker.validate(document), checker.error_log
    return document


def path_of(url: str) -> str:
    return url.removeprefix("http://testserver")


class SitemapTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.n = build_newsroom()
        cls.fresh = f.article(
            cls.n.region,
            title="Ministers meet on water & power",
            slug="ministers-meet",
            tags=["Water"],
        )
        cls.older = f.article(
            cls.n.business,
            title="Bank holds rates",
            published=f.hours_ago(60),
            authors=[cls.n.omar],
        )

    def test_the_index_and_every_sitemap_it_lists_validate_against_the_schemas(self):
        index = valid_xml(self.client.get("/sitemap.xml"), "siteindex.xsd")
        locations = index.xpath("//s:sitemap/s:loc/text()", namespaces=NS)
        self.assertEqual(
            [path_of(loc) for loc in locations],
            [
                "/sitemap-fronts.xml",
                "/sitemap-stories.xml",
                "/sitemap-topics.xml",
                "/sitemap-authors.xml",
                "/sitemap-agencies.xml",
            ],
        )
        urls = set()
        for location in locations:
            document = valid_xml(self.client.get(path_of(location)), "sitemap.xsd")
            urls |= {path_of(u) for u in document.xpath("//s:loc/text()", namespaces=NS)}
        n = self.n
        for expected in (
            "/",
            "/world/middle-east/",
            "/desert-notebook/",
            n.water.url,
            n.notes.url,
            "/topics/water/",
            "/authors/rana-haddad/",
            "/agencies/lws/",
        ):
            self.assertIn(expected, urls)

    def test_stories_carry_their_last_update_as_lastmod(self):
        document = valid_xml(self.client.get("/sitemap-stories.xml"), "sitemap.xsd")
        (lastmod,) = document.xpath(
            f"//s:url[s:loc='http://testserver{self.n.water.url}']/s:lastmod/text()",
            namespaces=NS,
        )
        self.assertEqual(lastmod, timezone.localtime(self.n.water.last_updated).isoformat())

    def test_large_sitemaps_are_split_into_pages_listed_in_the_index(self):
        with mock.patch.object(StorySitemap, "limit", 2):
            index = valid_xml(self.client.get("/sitemap.xml"), "siteindex.xsd")
            locations = [
                path_of(loc)
                for loc in index.xpath("//s:sitemap/s:loc/text()", namespaces=NS)
                if "stories" in loc
            ]
            self.assertEqual(
                locations,
                ["/sitemap-stories.xml", "/sitemap-stories.xml?p=2", "/sitemap-stories.xml?p=3"],
            )
            pages = [
                valid_xml(self.client.get(loc), "sitemap.xsd").xpath("//s:loc", namespaces=NS)
                for loc in locations
            ]
            self.assertEqual([len(p) for p in pages], [2, 2, 2])
            self.assertEqual(self.client.get("/sitemap-stories.xml?p=4").status_code, 404)
            self.assertEqual(self.client.get("/sitemap-stories.xml?p=x").status_code, 404)

    def test_unknown_or_empty_sitemaps_are_404(self):
        from masthead.stories.models import Story

        self.assertEqual(self.client.get("/sitemap-nothing.xml").status_code, 404)
        with mock.patch.object(StorySitemap, "stories", lambda sitemap: Story.objects.none()):
            self.assertEqual(self.client.get("/sitemap-stories.xml").status_code, 404)
            index = self.client.get("/sitemap.xml").content.decode()
        self.assertNotIn("sitemap-stories", index)
        self.assertIn("sitemap-fronts", index)

    @override_settings(MASTHEAD_PAGE_CACHE=False)
    def test_a_page_reads_its_rows_only_and_the_index_passes_over_the_stories_once(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.client.get("/sitemap.xml")
        with CaptureQueriesContext(connection) as page:
            self.client.get("/sitemap-stories.xml?p=1")
        # The thousand rows of the page, without a count of every story before it.
        self.assertEqual(len(page), 1, [query["sql"] for query in page])
        self.assertNotIn("COUNT(", page[0]["sql"])
        with CaptureQueriesContext(connection) as index:
            response = self.client.get("/sitemap.xml")
        over_stories = [
            query for query in index if 'FROM "stories_story"' in query["sql"].split(" WHERE ")[0]
        ]
        # Their number (the index's pages) and their latest change in one pass.
        self.assertEqual(len(over_stories), 1, [query["sql"] for query in over_stories])
        self.assertIn("COUNT(", over_stories[0]["sql"])
        self.assertIn("MAX(", over_stories[0]["sql"])
        self.assertIn(b"sitemap-stories.xml", response.content)

    def test_news_sitemap_lists_articles_of_the_last_48_hours_and_validates(self):
        document = valid_xml(self.client.get("/news-sitemap.xml"), "news-sitemap.xsd")
        (url,) = document.xpath("//s:url", namespaces=NS)
        self.assertEqual(url.findtext("s:loc", namespaces=NS), f"http://testserver{self.fresh.url}")
        news = url.find("news:news", namespaces=NS)
        self.assertEqual(
            news.findtext("news:publication/news:name", namespaces=NS), "The Daily Masthead"
        )
        self.assertEqual(news.findtext("news:publication/news:language", namespaces=NS), "en")
        self.assertEqual(
            news.findtext("news:title", namespaces=NS), "Ministers meet on water & power"
        )
        self.assertEqual(
            news.findtext("news:publication_date", namespaces=NS),
            timezone.localtime(self.fresh.first_published_at).isoformat(),
        )

    def test_news_sitemap_schema_rejects_an_entry_without_a_title(self):
        broken = (
            b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url>'
            b"<loc>https://news.example/a/</loc><news:news><news:publication>"
            b"<news:name>X</news:name><news:language>en</news:language></news:publication>"
            b"<news:publication_date>2018-02-07</news:publication_date></news:news></url></urlset>"
        )
        self.assertFalse(schema("news-sitemap.xsd").validate(etree.fromstring(broken)))

    def test_news_sitemap_without_recent_articles_validates_and_lists_no_news(self):
        with mock.patch("masthead.discovery.sitemaps.NEWS_WINDOW", timedelta(seconds=0)):
            response = self.client.get("/news-sitemap.xml")
        document = valid_xml(response, "news-sitemap.xsd")
        self.assertEqual(document.xpath("//news:news", namespaces=NS), [])
        self.assertEqual(
            document.xpath("//s:url/s:loc/text()", namespaces=NS), ["http://testserver/"]
        )

    def test_an_empty_urlset_is_what_the_schema_rejects(self):
        empty = (
            b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"></urlset>'
        )
        self.assertFalse(schema("news-sitemap.xsd").validate(etree.fromstring(empty)))

    def test_news_sitemap_escapes_headlines(self):
        f.article(self.n.region, title="Prices <rise> & fall", slug="prices")
        document = valid_xml(self.client.get("/news-sitemap.xml"), "news-sitemap.xsd")
        titles = document.xpath("//news:title/text()", namespaces=NS)
        self.assertIn("Prices <rise> & fall", titles)

    def test_robots_txt_points_to_both_sitemaps(self):
        response = self.client.get("/robots.txt")
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        body = response.content.decode()
        self.assertIn("Sitemap: http://testserver/sitemap.xml\n", body)
        self.assertIn("Sitemap: http://testserver/news-sitemap.xml\n", body)
        self.assertIn("Disallow: /search/\n", body)
        self.assertIn("public", response["Cache-Control"])

    @override_settings(LANGUAGE_CODE="zh-tw")
    def test_news_language_follows_google_codes(self):
        self.assertEqual(news_language("en-gb"), "en")
        self.assertEqual(news_language("zh-TW"), "zh-tw")
        self.assertEqual(news_language("ar"), "ar")

    def test_sitemap_query_count_does_not_grow_with_the_number_of_stories(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.client.get("/sitemap-stories.xml")
        with CaptureQueriesContext(connection) as few:
            self.client.get("/sitemap-stories.xml")
        for i in range(3):
            f.article(self.n.business, title=f"Extra story {i}")
        with CaptureQueriesContext(connection) as more:
            self.client.get("/sitemap-stories.xml")
        self.assertEqual(len(few), len(more))
