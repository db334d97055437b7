"""Reporters write in their sections only, assigned by an editor in the admin."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

from masthead.news.models import ArticlePage
from masthead.newsroom import roles
from masthead.newsroom.models import SectionDesk
from masthead.newsroom.sections import section_desk_save
from masthead.newsroom.tests.editor import post_edit
from masthead.stories import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def sport():
    return f.section("Sport")


def add_url(section) -> str:
    return reverse("wagtailadmin_pages:add", args=["news", "articlepage", section.pk])


def post_add(client, section, *, title, action=None):
    """Fill the "add article" form of `section` as the editor shows it, and post it."""
    html = client.get(add_url(section)).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    data.update(nested_form_data({"body": streamfield([])}))
    data.update({"title": title, "slug": title.lower().replace(" ", "-")})
    if action:
        data[f"action-{action}"] = action
    return client.post(add_url(section), data)


def test_reporter_writes_a_draft_in_their_own_section(as_user, reporter, world):
    client = as_user(reporter)
    assert client.get(add_url(world)).status_code == 200
    response = post_add(client, world, title="Flood defences tested")
    assert response.status_code == 302
    story = ArticlePage.objects.get(title="Flood defences tested")
    assert story.get_parent().pk == world.pk and not story.live


def test_reporter_cannot_add_a_story_to_another_section(as_user, reporter, sport):
    client = as_user(reporter)
    assert client.get(add_url(sport)).status_code in (302, 403)
    response = client.post(add_url(sport), {"title": "Derby preview", "slug": "derby-preview"})
    assert response.status_code in (302, 403)
    assert not ArticlePage.objects.filter(title="Derby preview").exists()


def test_reporter_cannot_edit_a_story_in_another_section(as_user, reporter, sport):
    story = f.article(sport, title="Cup final report")
    client = as_user(reporter)
    edit_url = reverse("wagtailadmin_pages:edit", args=[story.pk])
    assert client.get(edit_url).status_code in (302, 403)
    response = client.post(edit_url, {"title": "Changed by a reporter", "slug": story.slug})
    assert response.status_code in (302, 403)
    assert story.get_latest_revision().content["title"] == "Cup final report"


def test_reporter_edits_a_colleagues_story_in_their_section(as_user, reporter, world):
    story = f.article(world, title="Ceasefire talks resume")
    response = post_edit(as_user(reporter), story, title="Ceasefire talks resume in Cairo")
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.get_latest_revision_as_object().title == "Ceasefire talks resume in Cairo"


def test_reporter_in_their_section_still_cannot_publish(as_user, reporter, world):
    response = post_add(as_user(reporter), world, title="Election night", action="publish")
    assert response.status_code == 302
    assert not ArticlePage.objects.get(title="Election night").live


def test_a_sub_section_is_part_of_the_reporters_section(as_user, reporter, world):
    middle_east = f.section("Middle East", parent=world)
    assert as_user(reporter).get(add_url(middle_east)).status_code == 200


def test_editor_assigns_a_reporter_to_a_section_in_the_admin(as_user, editor, reporter, sport):
    client = as_user(editor)
    assert client.get(reverse("sectiondesk:add")).status_code == 200
    response = client.post(
        reverse("sectiondesk:add"), {"section": sport.pk, "reporters": [reporter.pk]}
    )
    assert response.status_code == 302
    assert as_user(reporter).get(add_url(sport)).status_code == 200
    listing = as_user(editor).get(reverse("sectiondesk:index")).content.decode()
    assert "Sport" in listing and "Reporter" in listing


def test_unticking_a_reporter_takes_the_section_away(as_user, editor, reporter, world):
    desk = SectionDesk.objects.get(section=world)
    client = as_user(editor)
    form = client.get(reverse("sectiondesk:edit", args=[desk.pk])).content.decode()
    assert re.search(rf'name="reporters" value="{reporter.pk}"[^>]*checked', form)
    response = client.post(reverse("sectiondesk:edit", args=[desk.pk]), {"section": world.pk})
    assert response.status_code == 302
    assert not desk.group.user_set.exists()
    assert as_user(reporter).get(add_url(world)).status_code in (302, 403)


def test_deleting_a_desk_removes_its_group_and_rights(as_user, editor, reporter, world):
    desk = SectionDesk.objects.get(section=world)
    response = as_user(editor).post(reverse("sectiondesk:delete", args=[desk.pk]))
    assert response.status_code == 302
    assert not Group.objects.filter(pk=desk.group_id).exists()
    assert not GroupPagePermission.objects.filter(page=world).exists()


def test_a_section_has_one_desk_and_the_form_says_so(as_user, editor, reporter, world):
    response = as_user(editor).post(
        reverse("sectiondesk:add"), {"section": world.pk, "reporters": [reporter.pk]}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert SectionDesk.objects.filter(section=world).count() == 1


def test_only_reporters_can_be_assigned(as_user, editor, moderator, sport):
    response = as_user(editor).post(
        reverse("sectiondesk:add"), {"section": sport.pk, "reporters": [moderator.pk]}
    )
    assert response.status_code == 200
    assert not SectionDesk.objects.filter(section=sport).exists()


def test_reporters_cannot_assign_themselves_sections(as_user, reporter, sport):
    client = as_user(reporter)
    assert client.get(reverse("sectiondesk:index")).status_code in (302, 403)
    client.post(reverse("sectiondesk:add"), {"section": sport.pk, "reporters": [reporter.pk]})
    assert not SectionDesk.objects.filter(section=sport).exists()


def test_the_desk_group_follows_a_renamed_section(reporter, world):
    world.title = "World news"
    world.save_revision().publish()
    assert SectionDesk.objects.get(section=world).group.name == "Reporters: World news"


def test_two_sections_of_one_name_get_groups_of_different_names(reporter, world):
    other = f.section("World", parent=f.section("Archive"), slug="world-archive")
    desk = section_desk_save(section=other, reporters=[reporter])
    assert desk.group.name == f"Reporters: World ({other.pk})"


def test_reporters_lose_the_whole_tree_rights_of_earlier_releases(reporter, sport):
    from django.contrib.auth.models import Permission

    root = Page.get_first_root_node()
    group = Group.objects.get(name=roles.REPORTER)
    for codename in roles.EDITING:
        GroupPagePermission.objects.create(
            group=group, page=root, permission=Permission.objects.get(codename=codename)
        )
    roles.roles_ensure()
    assert not GroupPagePermission.objects.filter(group=group).exists()
    assert not sport.permissions_for_user(reporter).can_add_subpage()


def test_reporter_finds_their_sections_stories_in_the_listing(as_user, reporter, world, sport):
    f.article(world, title="Ours to write")
    response = as_user(reporter).get(reverse("stories:index"))
    assert response.status_code == 200
    assert "Ours to write" in response.content.decode()
