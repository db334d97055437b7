import re
from datetime import datetime
from zoneinfo import ZoneInfo

from django.test import TestCase, override_settings

from masthead.discovery.tests.newsroom import build_newsroom
from masthead.stories import factories as f


def headlines(response) -> list[str]:
    return re.findall(
        r'class="teaser__headline"><a href="[^"]*">(.*?)</a>', response.content.decode()
    )


class ArchiveTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.n = build_newsroom()
        # 23:30 in London is already the next day in Amman.
        cls.late = f.article(
            cls.n.business,
            title="Late budget vote",
            published=datetime(2018, 2, 7, 23, 30, tzinfo=ZoneInfo("UTC")),
        )

    def test_day_month_and_year_archives_list_their_stories_newest_first(self):
        n = self.n
        self.assertEqual(
            headlines(self.client.get("/2018/02/07/")), [self.late.title, n.water.title]
        )
        self.assertEqual(
            headlines(self.client.get("/2018/02/")),
            [n.drought.title, self.late.title, n.water.title],
        )
        self.assertEqual(headlines(self.client.get("/2019/")), [n.markets.title])

    @override_settings(TIME_ZONE="Asia/Amman")
    def test_archives_follow_the_site_time_zone(self):
        self.assertEqual(headlines(self.client.get("/2018/02/07/")), [self.n.water.title])
        self.assertEqual(
            headlines(self.client.get("/2018/02/08/")), [self.n.drought.title, self.late.title]
        )

    def test_year_and_month_archives_link_to_the_periods_that_have_stories(self):
        year = self.client.get("/2018/").content.decode()
        self.assertIn(
            '<a href="/2018/02/">February</a> <span class="archive-calendar__count">(3)</span>',
            year,
        )
        month = self.client.get("/2018/02/").content.decode()
        self.assertIn('<a href="/2018/02/07/">7 February</a>', month)
        self.assertIn('<a href="/2018/02/08/">8 February</a>', month)

    def test_impossible_dates_are_404(self):
        for url in (
            "/2018/13/",
            "/2018/13/45/",
            "/2018/02/30/",
            "/0000/",
            "/9999/12/31/",
            "/2018/00/",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_a_quiet_day_is_an_empty_page_kept_out_of_search_engines(self):
        response = self.client.get("/2017/06/01/")
        self.assertContains(response, "No stories were published in this period.")
        self.assertContains(response, '<meta name="robots" content="noindex">')

    def test_archives_paginate_with_the_shared_helper(self):
        with override_settings(MASTHEAD_PAGE_SIZE=2):
            first = self.client.get("/2018/")
            self.assertContains(first, 'href="?page=2"')
            self.assertEqual(
                headlines(self.client.get("/2018/", {"page": 2})), [self.n.water.title]
            )
            self.assertEqual(self.client.get("/2018/", {"page": 3}).status_code, 404)

    def test_a_page_whose_slug_looks_like_a_year_is_served_not_swallowed(self):
        f.section("2020")
        response = self.client.get("/2020/")
        self.assertContains(response, "No stories in this section yet.")

    def test_archive_query_count_does_not_grow_with_the_number_of_stories(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.client.get("/2017/")  # site and content types cached
        counts = []
        for url in ("/2019/", "/2018/"):
            with CaptureQueriesContext(connection) as queries:
                self.client.get(url)
            counts.append(len(queries))
        self.assertEqual(counts[0], counts[1])

    def test_archive_pages_are_publicly_cacheable(self):
        self.assertIn("public", self.client.get("/2018/")["Cache-Control"])


class TopicPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.n = build_newsroom()

    def test_topic_page_lists_the_stories_with_that_tag_newest_first(self):
        response = self.client.get("/topics/water/")
        self.assertContains(response, "<h1>Water</h1>")
        self.assertEqual(headlines(response), [self.n.drought.title, self.n.water.title])
        self.assertIn("public", response["Cache-Control"])

    def test_unknown_topics_and_topics_without_live_stories_are_404(self):
        self.assertEqual(self.client.get("/topics/no-such-topic/").status_code, 404)
        self.n.markets.unpublish()
        self.assertEqual(self.client.get("/topics/trade/").status_code, 404)

    def test_story_pages_link_their_topics(self):
        response = self.client.get(self.n.water.url)
        self.assertContains(response, '<li><a href="/topics/water/">Water</a></li>')
