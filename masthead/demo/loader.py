"""Load the demo paper into the home page: run it again and nothing is duplicated."""

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Revision, Site

from masthead.blogs.models import BlogIndexPage, BlogPostPage
from masthead.bylines.models import Agency, Author
from masthead.demo import content
from masthead.demo.bulk import articles_bulk_ensure
from masthead.demo.desk import (
    CURATED_ARTICLES,
    Desk,
    StoryPlan,
    article_plan,
    blog_post_plan,
    unique_slugs,
)
from masthead.demo.images import FULL_SIZE, photos_by_theme, photos_ensure
from masthead.demo.indexing import indexing_deferred
from masthead.demo.logins import (
    REPORTER_SECTION,
    Login,
    logins_ensure,
    reporter_section_ensure,
)
from masthead.news.models import ArticlePage, HomePage, SectionPage
from masthead.stories.models import Story, StoryAuthor


@dataclass(frozen=True)
class DemoSummary:
    sections: int
    articles: int
    articles_created: int
    blogs: int
    blog_posts: int
    authors: int
    agencies: int
    photos: int
    logins: list[Login]


def _publish(parent: Page, page: Page, owner) -> Page:
    page.owner = owner
    parent.add_child(instance=page)
    page.save_revision(user=owner).publish(user=owner)
    return page


def front_page_ensure(*, owner) -> HomePage:
    """Name the home page after the paper and point the default site at it."""
    home = HomePage.objects.get()
    if (home.title, home.strapline) != (settings.WAGTAIL_SITE_NAME, content.STRAPLINE):
        home.title = home.draft_title = settings.WAGTAIL_SITE_NAME
        home.strapline = content.STRAPLINE
        home.save_revision(user=owner).publish(user=owner)
    base = urlsplit(settings.MASTHEAD_BASE_URL)
    port = base.port or (443 if base.scheme == "https" else 80)
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    wanted = (base.hostname, port, settings.WAGTAIL_SITE_NAME, home.pk)
    if (site.hostname, site.port, site.site_name, site.root_page_id) != wanted:
        # The default site also answers any other host name, such as localhost.
        site.hostname, site.port, site.site_name, site.root_page_id = wanted
        site.save()
    return home


def bylines_ensure() -> tuple[dict[str, Agency], dict[str, Author]]:
    agencies = {
        spec.slug: Agency.objects.get_or_create(
            slug=spec.slug,
            defaults={"name": spec.name, "short_name": spec.short_name, "website": spec.website},
        )[0]
        for spec in content.AGENCIES
    }
    authors = {
        spec.slug: Author.objects.get_or_create(
            slug=spec.slug, defaults={"name": spec.name, "role": spec.role, "bio": spec.bio}
        )[0]
        for spec in content.AUTHORS
    }
    return agencies, authors


def sections_ensure(home: HomePage, *, owner, created: list) -> dict[str, SectionPage]:
    sections: dict[str, SectionPage] = {}
    for parent_slug, spec in content.all_sections():
        parent = sections[parent_slug] if parent_slug else home
        section = SectionPage.objects.child_of(parent).filter(slug=spec.slug).first()
        if section is None:
            section = SectionPage(
                title=spec.title, slug=spec.slug, intro=spec.intro, show_in_menus=True
            )
            created.append(_publish(parent, section, owner))
        sections[spec.slug] = section
    return sections


def blogs_ensure(home: HomePage, *, owner, created: list) -> dict[str, BlogIndexPage]:
    blogs = {}
    for spec in content.BLOGS:
        blog = BlogIndexPage.objects.child_of(home).filter(slug=spec.slug).first()
        if blog is None:
            blog = BlogIndexPage(title=spec.title, slug=spec.slug, intro=spec.intro)
            created.append(_publish(home, blog, owner))
        blogs[spec.slug] = blog
    return blogs


def story_dates_set(page_id: int, plan: StoryPlan) -> None:
    """Date a story as its plan says, relative to the moment of this load."""
    Story.objects.filter(pk=page_id).update(
        first_published_at=plan.first_published_at,
        last_published_at=plan.last_published_at,
        latest_revision_created_at=plan.last_published_at,
        updated_at=plan.updated_at,
    )


def story_publish(plan: StoryPlan, parent: Page, model: type[Story], *, owner) -> Story:
    """File one story the way an editor would: a revision, published."""
    page = model(
        title=plan.title,
        slug=plan.slug,
        standfirst=plan.standfirst,
        dateline=plan.dateline,
        agency=plan.agency,
        lead_image=plan.lead_image,
        lead_credit=plan.lead_credit,
        body=plan.body,
        comments_open=plan.comments_open,
    )
    page.story_authors = [
        StoryAuthor(author=author, sort_order=i) for i, author in enumerate(plan.authors)
    ]
    page.tags.add(*plan.tags)
    _publish(parent, page, owner)
    # The admin's history shows the revision as written when the story went out.
    Revision.page_revisions.filter(object_id=str(page.pk)).update(created_at=plan.last_published_at)
    return page


def stories_ensure(
    plans: list[StoryPlan], parents: dict, model: type[Story], *, owner, created: list
) -> None:
    """Publish the planned stories that are missing, and date them all from now."""
    existing = dict(model.objects.values_list("url_path", "pk"))
    for plan in unique_slugs(plans):
        parent = parents[plan.parent_key]
        page_id = existing.get(f"{parent.url_path}{plan.slug}/")
        if page_id is None:
            page = story_publish(plan, parent, model, owner=owner)
            created.append(page)
            page_id = page.pk
        story_dates_set(page_id, plan)


def demo_load(
    *, articles: int = CURATED_ARTICLES, image_size=FULL_SIZE, now: datetime | None = None
) -> DemoSummary:
    """Load the demo paper with `articles` news stories; return what the site now holds."""
    if articles < 0:
        raise ValueError("articles must be zero or more")
    logins = logins_ensure()
    owner = get_user_model().objects.get(username=logins[0].username)
    with transaction.atomic():
        home = front_page_ensure(owner=owner)
        agencies, authors = bylines_ensure()
        photos = photos_ensure(size=image_size)
        desk = Desk(
            now=now or timezone.now(),
            agencies=agencies,
            authors=authors,
            themes=photos_by_theme(photos),
        )
        with indexing_deferred() as created:
            sections = sections_ensure(home, owner=owner, created=created)
            reporter_section_ensure(sections[REPORTER_SECTION])
            blogs = blogs_ensure(home, owner=owner, created=created)
            curated = [article_plan(n, desk) for n in range(min(articles, CURATED_ARTICLES))]
            stories_ensure(curated, sections, ArticlePage, owner=owner, created=created)
            posts = [
                blog_post_plan(spec.beat, n, desk)
                for spec in content.BLOGS
                for n in range(content.BLOG_POSTS_EACH)
            ]
            stories_ensure(posts, blogs, BlogPostPage, owner=owner, created=created)
    articles_created = sum(isinstance(page, ArticlePage) for page in created)
    if articles > CURATED_ARTICLES:
        articles_created += articles_bulk_ensure(
            total=articles, desk=desk, sections=sections, owner=owner
        )
    return DemoSummary(
        sections=SectionPage.objects.descendant_of(home).count(),
        articles=ArticlePage.objects.live().descendant_of(home).count(),
        articles_created=articles_created,
        blogs=BlogIndexPage.objects.descendant_of(home).count(),
        blog_posts=BlogPostPage.objects.live().descendant_of(home).count(),
        authors=Author.objects.count(),
        agencies=Agency.objects.count(),
        photos=len(photos),
        logins=logins,
    )
