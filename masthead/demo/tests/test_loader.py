from datetime import timedelta
from io import StringIO
from unittest import mock

from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from wagtail.models import Site

from masthead.blogs.models import BlogIndexPage, BlogPostPage
from masthead.bylines.models import Agency, Author
from masthead.demo.content import CPA
from masthead.demo.loader import demo_load
from masthead.demo.tests.cases import DemoTestCase
from masthead.news.models import ArticlePage, HomePage, SectionPage
from masthead.photos.models import Photo
from masthead.stories.models import StoryAuthor

SMALL = (160, 100)


def content_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            ArticlePage,
            SectionPage,
            BlogIndexPage,
            BlogPostPage,
            Author,
            Agency,
            Photo,
            StoryAuthor,
            Site,
        )
    }


class DemoPaperTests(DemoTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.first = demo_load(articles=60, image_size=SMALL)
        cls.counts_after_first = content_counts()
        cls.second = demo_load(articles=60, image_size=SMALL)
        cls.counts_after_second = content_counts()

    def test_running_the_loader_twice_keeps_the_same_counts(self):
        assert self.counts_after_first == self.counts_after_second
        assert self.first.articles_created == 60 and self.second.articles_created == 0
        assert self.first.logins == self.second.logins

    def test_the_paper_has_five_sections_with_sub_sections_in_the_menu(self):
        home = HomePage.objects.get()
        top = SectionPage.objects.child_of(home)
        assert top.count() >= 5 and all(section.show_in_menus for section in top)
        assert sum(SectionPage.objects.child_of(s).exists() for s in top) >= 5
        assert self.second.sections == SectionPage.objects.count()

    def test_the_home_page_and_site_carry_the_paper_name(self):
        home = HomePage.objects.get()
        site = Site.objects.get(is_default_site=True)
        assert home.title == site.site_name == "The Daily Masthead"
        assert (site.hostname, site.port, site.root_page_id) == ("127.0.0.1", 8000, home.pk)

    def test_sixty_articles_of_realistic_shape(self):
        articles = ArticlePage.objects.live()
        assert articles.count() == 60
        with_body_photos = 0
        for article in articles:
            kinds = [block.block_type for block in article.body]
            with_body_photos += "photo" in kinds
            assert 8 <= kinds.count("paragraph") + kinds.count("quote") <= 20
            assert "quote" in kinds and article.standfirst and article.lead_image_id
            assert article.authors or article.agency
        assert with_body_photos >= 10
        assert articles.exclude(dateline="").count() > 40
        assert articles.filter(tags__isnull=False).distinct().count() == 60

    def test_own_reporting_and_agency_copy_are_mixed(self):
        agency_copy = ArticlePage.objects.filter(agency__isnull=False)
        assert not StoryAuthor.objects.filter(story__in=agency_copy).exists()
        assert 10 < agency_copy.count() < 50
        staff_copy = StoryAuthor.objects.filter(story__in=ArticlePage.objects.all())
        assert staff_copy.values("story").distinct().count() == 60 - agency_copy.count()
        co_written = ArticlePage.objects.filter(story_authors__sort_order=1)
        assert co_written.exists()

    def test_agency_copy_carries_a_photo_credited_to_another_agency(self):
        crossed = ArticlePage.objects.filter(
            agency__isnull=False, lead_credit=f"{CPA.name} photo"
        ).exclude(agency__slug=CPA.slug)
        assert crossed.exists()
        story = crossed.first()
        html = self.client.get(story.url).content.decode()
        assert f'By <a href="/agencies/{story.agency.slug}/">{story.agency.name}</a>' in html
        assert "(Crescent Photo Agency photo)" in html

    def test_some_stories_were_updated_after_they_were_published(self):
        updated = list(ArticlePage.objects.filter(updated_at__isnull=False))
        assert len(updated) >= 10
        for article in updated:
            assert article.first_published_at < article.updated_at <= timezone.now()
            assert article.last_published_at == article.updated_at

    def test_stories_fill_the_last_ten_days_with_several_in_each_of_the_last_two(self):
        now = timezone.now()
        live = ArticlePage.objects.live()
        ages = [now - a.first_published_at for a in live]
        assert sum(age < timedelta(hours=24) for age in ages) >= 5
        assert sum(timedelta(hours=24) <= age < timedelta(hours=48) for age in ages) >= 5
        assert max(ages) <= timedelta(days=11) and min(ages) > timedelta(0)
        assert (
            BlogPostPage.objects.filter(first_published_at__gte=now - timedelta(days=1)).count()
            >= 2
        )

    def test_a_later_run_dates_the_stories_from_its_own_moment(self):
        later = timezone.now() + timedelta(days=5)
        demo_load(articles=60, image_size=SMALL, now=later)
        newest = ArticlePage.objects.latest().first()
        assert later - timedelta(hours=24) < newest.first_published_at < later

    def test_two_blogs_with_six_posts_each_by_their_authors(self):
        for blog in BlogIndexPage.objects.all():
            posts = BlogPostPage.objects.child_of(blog)
            assert posts.count() == 6
            assert all(post.authors and not post.agency for post in posts)

    def test_eight_authors_with_roles_and_bios_and_fictional_agencies(self):
        assert Author.objects.count() == 8
        assert not Author.objects.filter(role="").exists()
        assert not Author.objects.filter(bio="").exists()
        assert all(a.website.endswith(".example") for a in Agency.objects.all())

    def test_photos_have_alt_text_caption_and_credit(self):
        assert Photo.objects.count() == 12
        for photo in Photo.objects.all():
            assert photo.description and photo.caption and photo.credit

    def test_home_section_article_and_blog_post_render(self):
        article = ArticlePage.objects.live().latest().first()
        urls = [
            "/",
            "/region/",
            "/region/middle-east/",
            article.url,
            BlogIndexPage.objects.first().url,
            BlogPostPage.objects.first().url,
            "/authors/lina-haddad/",
            "/agencies/lws/",
        ]
        for url in urls:
            assert self.client.get(url).status_code == 200, url
        home = self.client.get("/").content.decode()
        assert article.title in home

    def test_the_printed_logins_work(self):
        for login in self.second.logins:
            assert self.client.login(username=login.username, password=login.password)
            self.client.logout()

    def test_the_demo_reporter_writes_in_local_and_not_elsewhere(self):
        from django.contrib.auth import get_user_model

        reporter = get_user_model().objects.get(username="reporter")
        local = SectionPage.objects.get(slug="local")
        capital = SectionPage.objects.get(slug="capital")
        business = SectionPage.objects.get(slug="business")
        assert local.permissions_for_user(reporter).can_add_subpage()
        assert capital.permissions_for_user(reporter).can_add_subpage()
        assert not business.permissions_for_user(reporter).can_add_subpage()

    def test_a_larger_run_adds_only_the_missing_articles_and_they_render(self):
        summary = demo_load(articles=200, image_size=SMALL)
        assert (summary.articles, summary.articles_created) == (200, 140)
        assert demo_load(articles=200, image_size=SMALL).articles_created == 0
        bulk = ArticlePage.objects.live().order_by("-pk").first()
        assert self.client.get(bulk.url).status_code == 200
        assert self.client.get(bulk.get_parent().url).status_code == 200

    def test_the_command_migrates_prints_the_logins_and_serves(self):
        out = StringIO()
        with mock.patch("masthead.demo.management.commands.demo.call_command") as command:
            call_command("demo", stdout=out)
        assert [c.args[0] for c in command.call_args_list] == ["migrate", "serve"]
        assert command.call_args_list[1].kwargs == {"bind": "127.0.0.1:8000", "workers": 2}
        printed = out.getvalue()
        assert "http://127.0.0.1:8000/admin/" in printed and "http://127.0.0.1:8000/" in printed
        for login in self.second.logins:
            assert f"username: {login.username}  password: {login.password}" in printed

    def test_a_bulk_load_refreshes_the_planners_statistics(self):
        def planned_pages() -> float:
            with connection.cursor() as cursor:
                if connection.vendor == "sqlite":
                    # No statistics at all until ANALYZE makes the table that holds them.
                    cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
                    if cursor.fetchone() is None:
                        return 0
                    # Each index's row: its number of entries first.
                    cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'wagtailcore_page'")
                    return max((int(stat.split()[0]) for (stat,) in cursor.fetchall()), default=0)
                cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'wagtailcore_page'")
                return cursor.fetchone()[0]

        assert planned_pages() < 200

        def load(articles):
            return demo_load(articles=articles, image_size=SMALL)

        with (
            mock.patch("masthead.demo.management.commands.demo.call_command"),
            mock.patch("masthead.demo.management.commands.demo.demo_load", load),
        ):
            call_command("demo", "--no-serve", "--articles", "200", stdout=StringIO())
        assert planned_pages() >= 200

    def test_the_command_stops_after_loading_with_no_serve(self):
        with mock.patch("masthead.demo.management.commands.demo.call_command") as command:
            call_command("demo", "--no-serve", stdout=StringIO())
        assert [c.args[0] for c in command.call_args_list] == ["migrate"]
