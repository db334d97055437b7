import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page, Workflow

from masthead.news.models import ArticlePage
from masthead.newsroom import roles
from masthead.newsroom.tests.editor import post_edit
from masthead.stories import factories as f

pytestmark = pytest.mark.django_db


def draft_article(section, owner=None, **fields):
    page = f.article(section, **fields)
    page.unpublish()
    if owner is not None:
        ArticlePage.objects.filter(pk=page.pk).update(owner=owner)
    page.refresh_from_db()
    return page


def test_migrate_creates_the_five_newsroom_groups():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Reporter", "Editor", "Moderator", "Newsletter editor", "Administrator"} <= names


def test_roles_ensure_can_run_again_without_duplicating_anything():
    before = Group.objects.count()
    roles.roles_ensure()
    roles.roles_ensure()
    assert Group.objects.count() == before
    assert Workflow.objects.filter(name=roles.REVIEW_WORKFLOW).count() == 1


def test_the_review_workflow_covers_the_whole_page_tree(world):
    article = f.article(world)
    workflow = article.get_workflow()
    assert workflow is not None and workflow.name == roles.REVIEW_WORKFLOW
    task = workflow.tasks.get().specific
    assert {group.name for group in task.groups.all()} == {"Editor", "Administrator"}


def test_roles_ensure_keeps_a_workflow_an_administrator_chose():
    from wagtail.models import WorkflowPage

    chosen = Workflow.objects.create(name="Legal review")
    WorkflowPage.objects.filter(page=Page.get_first_root_node()).update(workflow=chosen)
    roles.roles_ensure()
    assert Page.get_first_root_node().get_workflow() == chosen


def test_reporter_cannot_publish_only_saves_a_draft(as_user, reporter, world):
    article = draft_article(world, owner=reporter)
    client = as_user(reporter)
    response = post_edit(client, article, action="publish", title="A reporter's headline")
    assert response.status_code == 302
    article.refresh_from_db()
    assert not article.live
    assert article.get_latest_revision_as_object().title == "A reporter's headline"


def test_reporter_editor_has_no_publish_button(as_user, reporter, world):
    article = draft_article(world, owner=reporter)
    html = as_user(reporter).get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content
    assert b'name="action-publish"' not in html
    assert b'name="action-submit"' in html


def test_reporter_cannot_unpublish_a_live_story(as_user, reporter, world):
    article = f.article(world)
    response = as_user(reporter).post(reverse("wagtailadmin_pages:unpublish", args=[article.pk]))
    assert response.status_code in (302, 403)
    article.refresh_from_db()
    assert article.live


def test_moderator_cannot_open_or_change_an_article(as_user, moderator, world):
    article = f.article(world, title="Untouchable story")
    client = as_user(moderator)
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    response = client.get(edit_url)
    assert response.status_code in (302, 403)
    assert response.get("Location") != edit_url
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        {"title": "Changed by a moderator", "slug": article.slug, "action-publish": "1"},
    )
    assert response.status_code in (302, 403)
    article.refresh_from_db()
    assert article.title == "Untouchable story"
    assert article.get_latest_revision().content["title"] == "Untouchable story"


def test_moderator_cannot_add_an_article(as_user, moderator, world):
    url = reverse("wagtailadmin_pages:add", args=["news", "articlepage", world.pk])
    assert as_user(moderator).get(url).status_code in (302, 403)


def test_editor_publishes_directly(as_user, editor, world):
    article = draft_article(world)
    response = post_edit(as_user(editor), article, action="publish", title="Edited and live")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.live and article.title == "Edited and live"


def test_editor_can_unpublish(as_user, editor, world):
    article = f.article(world)
    response = as_user(editor).post(reverse("wagtailadmin_pages:unpublish", args=[article.pk]))
    assert response.status_code == 302
    article.refresh_from_db()
    assert not article.live


def test_editor_sees_the_history_and_revisions_of_a_story(as_user, editor, world):
    article = f.article(world)
    article.title = "Second version"
    second = article.save_revision()
    client = as_user(editor)
    assert client.get(reverse("wagtailadmin_pages:history", args=[article.pk])).status_code == 200
    first = article.revisions.order_by("created_at").first()
    compare = reverse(
        "wagtailadmin_pages:revisions_compare", args=[article.pk, first.pk, second.pk]
    )
    assert client.get(compare).status_code == 200


def test_newsletter_editor_cannot_edit_stories(as_user, newsletter_editor, world):
    article = f.article(world)
    response = as_user(newsletter_editor).get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    assert response.status_code in (302, 403)


def test_administrator_manages_users_and_publishes(as_user, administrator, world):
    client = as_user(administrator)
    assert client.get(reverse("wagtailusers_users:index")).status_code == 200
    article = draft_article(world)
    post_edit(client, article, action="publish")
    article.refresh_from_db()
    assert article.live


def test_editor_cannot_manage_users(as_user, editor):
    assert as_user(editor).get(reverse("wagtailusers_users:index")).status_code in (302, 403)


def test_editor_may_edit_wire_copy_and_a_moderator_may_moderate_comments(editor, moderator):
    assert editor.has_perm("wire.change_wireitem")
    assert moderator.has_perm("comments.change_comment")
    assert not moderator.has_perm("wire.change_wireitem")
    assert not editor.has_perm("comments.change_comment")


def test_newsletter_editor_sees_the_digest_preview_only(as_user, newsletter_editor):
    html = as_user(newsletter_editor).get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="desk-digest-section"' in html
    assert 'id="desk-today-section"' not in html


def test_old_stories_keep_their_last_updated_time_through_the_migration(world):
    from importlib import import_module

    from django.apps import apps

    story = f.article(world, published=f.hours_ago(5))
    ArticlePage.objects.filter(pk=story.pk).update(
        last_published_at=f.hours_ago(1), updated_at=None
    )
    migration = import_module("masthead.stories.migrations.0002_corrections_and_minor_edits")
    migration.keep_last_updated(apps, None)
    story.refresh_from_db()
    assert story.updated_at == story.last_published_at


@pytest.mark.django_db
def test_editors_can_pin_top_stories_and_reporters_cannot():
    from django.contrib.auth.models import Group

    editor = set(Group.objects.get(name="Editor").permissions.values_list("codename", flat=True))
    reporter = set(
        Group.objects.get(name="Reporter").permissions.values_list("codename", flat=True)
    )
    assert {"add_topstoryoverride", "change_topstoryoverride"} <= editor
    assert "change_topstoryoverride" not in reporter
