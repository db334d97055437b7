from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Page

from masthead.demo.bulk import articles_bulk_ensure
from masthead.demo.desk import CURATED_ARTICLES, Desk
from masthead.demo.images import photos_by_theme, photos_ensure
from masthead.demo.indexing import indexing_deferred
from masthead.demo.loader import bylines_ensure, sections_ensure
from masthead.demo.tests.cases import DemoTestCase
from masthead.news.models import ArticlePage, HomePage, SectionPage
from masthead.stories.models import StoryAuthor, StoryTag

FILED = 150


class BulkArticleTests(DemoTestCase):
    """Bulk articles filed into the demo's sections, without the hand-made stories."""

    @classmethod
    def setUpTestData(cls):
        cls.owner = get_user_model().objects.create(
            username="editor", is_superuser=True, is_staff=True
        )
        agencies, authors = bylines_ensure()
        themes = photos_by_theme(photos_ensure(size=(160, 100)))
        with indexing_deferred() as created:
            sections = sections_ensure(HomePage.objects.get(), owner=cls.owner, created=created)
        desk = Desk(now=timezone.now(), agencies=agencies, authors=authors, themes=themes)
        cls.newsroom = {"desk": desk, "sections": sections, "owner": cls.owner}
        cls.filed = cls.bulk(FILED)

    @classmethod
    def bulk(cls, count: int) -> int:
        return articles_bulk_ensure(total=CURATED_ARTICLES + count, **cls.newsroom)

    def test_bulk_articles_are_live_pages_in_a_sound_tree(self):
        assert self.filed == FILED
        assert ArticlePage.objects.live().count() == FILED
        assert all(not problems for problems in Page.find_problems())
        for section in SectionPage.objects.all():
            assert section.numchild == section.get_children().count()

    def test_running_again_adds_nothing_and_a_larger_total_adds_the_difference(self):
        assert self.bulk(FILED) == 0
        assert self.bulk(FILED + 30) == 30
        assert ArticlePage.objects.count() == FILED + 30
        assert len(set(ArticlePage.objects.values_list("url_path", flat=True))) == FILED + 30
        assert all(not problems for problems in Page.find_problems())

    def test_bulk_articles_carry_bylines_tags_and_photos(self):
        articles = ArticlePage.objects.all()
        assert StoryTag.objects.count() >= FILED
        bylined = set(StoryAuthor.objects.values_list("story_id", flat=True))
        assert all(a.pk in bylined or a.agency_id for a in articles)
        assert not articles.filter(lead_image__isnull=True).exists()

    def test_bulk_articles_spread_over_sixty_days(self):
        now = timezone.now()
        dates = list(ArticlePage.objects.values_list("first_published_at", flat=True))
        assert all(now - timedelta(days=61) < moment < now for moment in dates)
        assert len({moment.date() for moment in dates}) > 40

    def test_bulk_articles_render_and_lead_their_section_front(self):
        section = SectionPage.objects.get(slug="football")
        newest = ArticlePage.objects.live().in_section(section).latest().first()
        assert self.client.get(newest.url).status_code == 200
        front = self.client.get(section.url)
        assert front.status_code == 200 and newest.title in front.content.decode()

    def test_an_editor_can_open_and_republish_a_bulk_article(self):
        article = ArticlePage.objects.first()
        self.client.force_login(self.owner)
        assert self.client.get(f"/admin/pages/{article.pk}/edit/").status_code == 200
        article.title = "Corrected headline for a bulk story"
        article.save_revision(user=self.owner).publish()
        self.client.logout()
        assert (
            "Corrected headline for a bulk story" in self.client.get(article.url).content.decode()
        )
