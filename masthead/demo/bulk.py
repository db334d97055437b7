"""File thousands of demo articles fast, for benchmarks.

Wagtail's add_child, revision and publish cost tens of queries per page, which makes
10,000 articles take the better part of an hour. Here each table gets one INSERT per
batch instead: the tree paths are computed as treebeard would, and the pages are
live with no revision, like pages imported from fixtures; the admin opens and edits
them as usual (the first save creates their first revision). They are not added to
the search index as they are filed: `masthead update_index` indexes them.
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from taggit.models import Tag
from wagtail.models import Page

from masthead.demo.desk import CURATED_ARTICLES, Desk, StoryPlan, article_plan
from masthead.news.models import ArticlePage
from masthead.stories.bulk import child_paths, insert_own_rows
from masthead.stories.models import Story, StoryAuthor, StoryTag

BATCH = 500


def _tags(plans: list[StoryPlan]) -> dict[str, Tag]:
    names = {name for plan in plans for name in plan.tags}
    tags = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    for name in sorted(names - tags.keys()):
        tags[name] = Tag.objects.create(name=name)
    return tags


def _page_row(plan: StoryPlan, parent, path: str, content_type_id: int, owner) -> Page:
    return Page(
        path=path,
        depth=parent.depth + 1,
        numchild=0,
        translation_key=uuid.uuid4(),
        locale_id=parent.locale_id,
        live=True,
        has_unpublished_changes=False,
        first_published_at=plan.first_published_at,
        last_published_at=plan.last_published_at,
        latest_revision_created_at=plan.last_published_at,
        title=plan.title,
        draft_title=plan.title,
        slug=plan.slug,
        content_type_id=content_type_id,
        url_path=f"{parent.url_path}{plan.slug}/",
        owner=owner,
        show_in_menus=False,
    )


def _story_row(plan: StoryPlan, page_id: int) -> Story:
    return Story(
        page_ptr_id=page_id,
        standfirst=plan.standfirst,
        agency=plan.agency,
        dateline=plan.dateline,
        updated_at=plan.updated_at,
        lead_image=plan.lead_image,
        lead_credit=plan.lead_credit,
        body=plan.body,
        comments_open=plan.comments_open,
    )


def articles_bulk_ensure(*, total: int, desk: Desk, sections: dict, owner) -> int:
    """Add the bulk articles numbered up to `total` that are missing; return how many."""
    existing = set(ArticlePage.objects.values_list("url_path", flat=True))
    plans = []
    for number in range(CURATED_ARTICLES, total):
        plan = article_plan(number, desk)
        if f"{sections[plan.parent_key].url_path}{plan.slug}/" not in existing:
            plans.append(plan)
    if not plans:
        return 0
    content_type_id = ContentType.objects.get_for_model(ArticlePage).pk
    with transaction.atomic():
        parents = {plan.parent_key: sections[plan.parent_key] for plan in plans}
        paths = {
            key: iter(child_paths(parent, sum(p.parent_key == key for p in plans)))
            for key, parent in parents.items()
        }
        pages = [
            _page_row(
                plan, parents[plan.parent_key], next(paths[plan.parent_key]), content_type_id, owner
            )
            for plan in plans
        ]
        Page.objects.bulk_create(pages, batch_size=BATCH)
        insert_own_rows(
            Story, [_story_row(p, page.pk) for p, page in zip(plans, pages, strict=True)]
        )
        insert_own_rows(ArticlePage, [ArticlePage(story_ptr_id=page.pk) for page in pages])
        tags = _tags(plans)
        links, tagged = [], []
        for plan, page in zip(plans, pages, strict=True):
            links += [
                StoryAuthor(story_id=page.pk, author=author, sort_order=i)
                for i, author in enumerate(plan.authors)
            ]
            tagged += [StoryTag(content_object_id=page.pk, tag=tags[name]) for name in plan.tags]
        StoryAuthor.objects.bulk_create(links, batch_size=BATCH)
        StoryTag.objects.bulk_create(tagged, batch_size=BATCH)
    return len(plans)
