import pytest
from django.contrib.auth.models import Group

from masthead.newsroom import roles
from masthead.stories import factories as f


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Hash test passwords cheaply: the real hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_user(django_user_model, username, *groups, superuser=False):
    user = django_user_model.objects.create_user(
        username=username,
        password="newsroom-test-pass",
        first_name=username.title(),
        is_superuser=superuser,
        is_staff=superuser,
    )
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


@pytest.fixture
def reporter(django_user_model, world):
    """A reporter assigned to the World section."""
    from masthead.newsroom.sections import section_desk_save

    user = make_user(django_user_model, "reporter", roles.REPORTER)
    section_desk_save(section=world, reporters=[user])
    return user


@pytest.fixture
def editor(django_user_model):
    return make_user(django_user_model, "editor", roles.EDITOR)


@pytest.fixture
def moderator(django_user_model):
    return make_user(django_user_model, "moderator", roles.MODERATOR)


@pytest.fixture
def newsletter_editor(django_user_model):
    return make_user(django_user_model, "letters", roles.NEWSLETTER_EDITOR)


@pytest.fixture
def administrator(django_user_model):
    return make_user(django_user_model, "chief", roles.ADMINISTRATOR)


@pytest.fixture
def world():
    return f.section("World")


@pytest.fixture
def as_user(client):
    """Log the test client in as a user and return it."""

    def login(user):
        client.force_login(user)
        return client

    return login
