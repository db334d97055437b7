import calendar

import feedparser
from django.conf import settings
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from masthead.discovery.tests.newsroom import build_newsroom
from masthead.stories import factories as f


def parse(response):
    assert response.status_code == 200, response.status_code
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def timestamp(moment) -> int:
    return int(moment.timestamp())


class FeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.n = build_newsroom()

    def feeds(self):
        """Every kind of feed, with the stories it must carry, newest first."""
        n = self.n
        return {
            "/feeds/{}/": [n.notes, n.markets, n.drought, n.water],
            "/feeds/{}/sections/world/": [n.drought, n.water],
            "/feeds/{}/sections/world/middle-east/": [n.drought, n.water],
            "/feeds/{}/topics/water/": [n.drought, n.water],
            "/feeds/{}/authors/rana-haddad/": [n.notes, n.water],
            "/feeds/{}/agencies/lws/": [n.markets, n.drought],
            "/feeds/{}/blogs/": [n.notes],
            "/feeds/{}/blogs/desert-notebook/": [n.notes],
        }

    def test_every_feed_parses_cleanly_and_round_trips_title_link_date_and_author(self):
        for pattern, stories in self.feeds().items():
            for fmt in ("rss", "atom"):
                with self.subTest(feed=pattern.format(fmt)):
                    feed = parse(self.client.get(pattern.format(fmt)))
                    self.assertEqual(feed.version, "rss20" if fmt == "rss" else "atom10")
                    self.assertEqual([e.title for e in feed.entries], [s.title for s in stories])
                    for entry, story in zip(feed.entries, stories, strict=True):
                        self.assertEqual(entry.link, f"http://testserver{story.url}")
                        self.assertEqual(
                            calendar.timegm(entry.published_parsed),
                            timestamp(story.first_published_at),
                        )
                        self.assertEqual(entry.author, " and ".join(story.byline_names()))
                        self.assertEqual(entry.summary, story.standfirst)
                    if fmt == "atom":
                        self.assertEqual(
                            calendar.timegm(feed.entries[0].updated_parsed),
                            timestamp(stories[0].last_updated),
                        )

    def test_feeds_are_publicly_cacheable_and_typed(self):
        rss = self.client.get("/feeds/rss/")
        atom = self.client.get("/feeds/atom/")
        self.assertEqual(rss["Content-Type"], "application/rss+xml; charset=utf-8")
        self.assertEqual(atom["Content-Type"], "application/atom+xml; charset=utf-8")
        self.assertIn("public", rss["Cache-Control"])

    def test_a_section_without_stories_has_a_valid_empty_feed(self):
        f.section("Sport")
        for fmt in ("rss", "atom"):
            feed = parse(self.client.get(f"/feeds/{fmt}/sections/sport/"))
            self.assertEqual(feed.entries, [])
            self.assertEqual(feed.feed.title, "Sport | The Daily Masthead")

    def test_unknown_subjects_are_404(self):
        for url in (
            "/feeds/rss/sections/nowhere/",
            "/feeds/rss/sections/world/middle-east/council-approves-new-water-plan/",
            "/feeds/atom/topics/no-such-topic/",
            "/feeds/rss/authors/nobody/",
            "/feeds/rss/agencies/nobody/",
            "/feeds/rss/blogs/world/",
            "/feeds/json/",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_guid_stays_the_same_when_a_story_is_updated(self):
        url = "/feeds/atom/topics/water/"
        before = parse(self.client.get(url)).entries[1]
        water = self.n.water
        water.title = "Council approves revised water plan"
        water.updated_at = timezone.now()
        water.save_revision().publish()
        after = parse(self.client.get(url)).entries[1]
        self.assertEqual(after.title, "Council approves revised water plan")
        self.assertEqual(after.id, before.id)
        self.assertTrue(after.id.startswith("tag:127.0.0.1,2018-02-07:story/"))
        self.assertGreater(after.updated_parsed, before.updated_parsed)
        rss = parse(self.client.get("/feeds/rss/topics/water/")).entries[1]
        self.assertEqual(rss.id, before.id)
        self.assertFalse(rss.guidislink)

    def test_lead_photos_are_enclosures_with_length_and_type(self):
        story = f.article(
            self.n.business, title="Port opens new berth", lead_image=f.PhotoFactory()
        )
        for fmt in ("rss", "atom"):
            entry = parse(self.client.get(f"/feeds/{fmt}/sections/business/")).entries[0]
            self.assertEqual(entry.title, story.title)
            (enclosure,) = entry.enclosures
            self.assertEqual(enclosure.type, "image/jpeg")
            self.assertGreater(int(enclosure.length), 1000)
            self.assertTrue(enclosure.href.startswith("http://testserver/media/"))
            media_path = enclosure.href[len("http://testserver/media/") :]
            self.assertEqual(
                int(enclosure.length), (settings.MEDIA_ROOT / media_path).stat().st_size
            )

    def test_feeds_carry_the_standfirst_unless_full_text_is_set(self):
        summary = parse(self.client.get("/feeds/rss/topics/trade/")).entries[0]
        self.assertNotIn("content", summary)
        with override_settings(MASTHEAD_FEED_FULL_TEXT=True):
            for fmt in ("rss", "atom"):
                entry = parse(self.client.get(f"/feeds/{fmt}/topics/trade/")).entries[0]
                self.assertEqual(entry.summary, self.n.markets.standfirst)
                self.assertIn("Paragraph 2 of the test story", entry.content[0].value)
                self.assertEqual([t.term for t in entry.tags], ["Trade"])

    def test_feed_query_count_does_not_grow_with_the_number_of_stories(self):
        self.client.get("/feeds/rss/")  # site and content types cached
        counts = []
        for url in ("/feeds/rss/blogs/", "/feeds/rss/"):
            with CaptureQueriesContext(connection) as queries:
                self.client.get(url)
            counts.append(len(queries))
        self.assertEqual(counts[0], counts[1])

    def test_pages_announce_their_feeds_in_the_head(self):
        section = self.client.get("/world/middle-east/").content.decode()
        self.assertIn('href="/feeds/rss/"', section)
        self.assertIn(
            '<link rel="alternate" type="application/atom+xml" title="Middle East (ATOM)" '
            'href="/feeds/atom/sections/world/middle-east/">',
            section,
        )
        author = self.client.get("/authors/rana-haddad/").content.decode()
        self.assertIn('href="/feeds/rss/authors/rana-haddad/"', author)
        agency = self.client.get("/agencies/lws/").content.decode()
        self.assertIn('href="/feeds/atom/agencies/lws/"', agency)
        blog = self.client.get("/desert-notebook/").content.decode()
        self.assertIn('href="/feeds/rss/blogs/desert-notebook/"', blog)
        topic = self.client.get("/topics/water/").content.decode()
        self.assertIn('href="/feeds/rss/topics/water/"', topic)


class SiteRootFeedTests(TestCase):
    def test_a_section_or_blog_that_is_a_sites_root_announces_the_sites_feed(self):
        from wagtail.models import Site

        section = f.section("Region")
        f.article(section, title="Night buses return")
        blog = f.blog("Desert Notebook")
        for host, root in (("region.example", section), ("notebook.example", blog)):
            Site.objects.create(hostname=host, port=80, root_page=root)
            with override_settings(ALLOWED_HOSTS=["testserver", host]):
                page = self.client.get("/", HTTP_HOST=host)
            self.assertEqual(page.status_code, 200, host)
            html = page.content.decode()
            self.assertIn(f"<title>{root.title}", html)
            self.assertIn('href="/feeds/rss/"', html)
            self.assertNotIn("/feeds/rss/sections/", html)
            self.assertNotIn("/feeds/rss/blogs/", html)
