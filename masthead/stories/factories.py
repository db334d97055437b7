"""Factories that build a small newsroom for tests: sections, authors, agencies, stories."""

import io
from datetime import timedelta

import factory
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage

from masthead.blogs.models import BlogIndexPage, BlogPostPage
from masthead.bylines.models import Agency, Author
from masthead.news.models import ArticlePage, HomePage, SectionPage
from masthead.photos.models import Photo
from masthead.stories.models import StoryAuthor


def home_page() -> HomePage:
    """The site's home page; made again after a transactional test flushed the tables."""
    home = HomePage.objects.first()
    if home is not None:
        return home
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale, Page, Site

    language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    Locale.objects.get_or_create(language_code=language)
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
    home = root.add_child(instance=HomePage(title="Home", slug="home"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    return home


def make_image_file(name="photo.jpg", size=(1600, 1000), colour=(120, 60, 30)) -> ImageFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "JPEG", quality=70)
    return ImageFile(buffer, name=name)


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Test Wire Service {n}")
    short_name = factory.Sequence(lambda n: f"TWS{n}")
    slug = factory.Sequence(lambda n: f"test-wire-{n}")
    website = "https://wire.example"


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Reporter Number{n}")
    slug = factory.Sequence(lambda n: f"reporter-{n}")
    role = "Staff reporter"


class PhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Photo

    title = factory.Sequence(lambda n: f"Test photo {n}")
    file = factory.LazyFunction(make_image_file)
    caption = "Workers repair a water main on a test street."
    credit = "Test Photo Agency photo"
    description = "Workers in orange vests around an open trench"


def add_page(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def section(title="World", parent=None, **fields) -> SectionPage:
    parent = parent or home_page()
    slug = fields.pop("slug", title.lower().replace(" ", "-"))
    return add_page(parent, SectionPage(title=title, slug=slug, show_in_menus=True, **fields))


def paragraph_body(count=3):
    return [
        ("paragraph", f"<p>Paragraph {i} of the test story, written for the suite.</p>")
        for i in range(count)
    ]


def article(
    parent, title="Council approves new water plan", authors=(), tags=(), published=None, **fields
) -> ArticlePage:
    fields.setdefault("standfirst", "The plan doubles storage before summer, the mayor said.")
    fields.setdefault("body", paragraph_body())
    slug = fields.pop("slug", None) or title.lower().replace(" ", "-")[:50]
    page = ArticlePage(title=title, slug=slug, **fields)
    for author in authors:
        page.story_authors.add(StoryAuthor(author=author))
    if tags:
        page.tags.add(*tags)
    page = add_page(parent, page)
    if published is not None:
        ArticlePage.objects.filter(pk=page.pk).update(
            first_published_at=published, last_published_at=published
        )
        page.refresh_from_db()
    return page


def blog(title="Desert Notebook", parent=None) -> BlogIndexPage:
    parent = parent or home_page()
    return add_page(parent, BlogIndexPage(title=title, slug=title.lower().replace(" ", "-")))


def blog_post(parent, title="Notes from the market", authors=(), **fields) -> BlogPostPage:
    fields.setdefault("standfirst", "A walk through the old market before dawn.")
    fields.setdefault("body", paragraph_body())
    page = BlogPostPage(title=title, slug=title.lower().replace(" ", "-")[:50], **fields)
    for author in authors:
        page.story_authors.add(StoryAuthor(author=author))
    return add_page(parent, page)


def hours_ago(hours: float):
    return timezone.now() - timedelta(hours=hours)
