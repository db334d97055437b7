import pytest


@pytest.fixture(autouse=True)
def _light_proof_of_work(settings):
    """A small search space keeps solving fast; the protocol is the same."""
    settings.MASTHEAD_HUMANCHECK_POW_MAX_NUMBER = 50


@pytest.fixture
def story(db):
    from masthead.stories import factories as f

    return f.article(f.section("Region"), title="Council approves new water plan")


@pytest.fixture
def other_story(story):
    from masthead.stories import factories as f

    return f.article(story.get_parent().specific, title="Rain fills the dams early")


@pytest.fixture
def moderator(db, django_user_model):
    """A member of the newsroom's Moderator role, which holds the comments permissions."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        username="moderator", email="moderator@example.com", password="x-secret-9"
    )
    user.groups.add(Group.objects.get(name="Moderator"))
    return user
