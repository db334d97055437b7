import stat

import pytest
from django.contrib.auth import get_user_model

from masthead.demo.logins import logins_ensure, logins_path

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def demo_home(settings, tmp_path):
    settings.HOME = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return tmp_path


def test_each_role_gets_an_account_in_its_group_and_the_editor_is_a_superuser():
    logins = logins_ensure()
    users = {u.username: u for u in get_user_model().objects.all()}
    assert [login.username for login in logins] == ["editor", "reporter", "moderator"]
    assert users["editor"].is_superuser and users["editor"].is_staff
    assert not users["reporter"].is_superuser
    assert list(users["reporter"].groups.values_list("name", flat=True)) == ["Reporter"]
    assert list(users["moderator"].groups.values_list("name", flat=True)) == ["Moderator"]
    assert logins[0].url == "http://127.0.0.1:8000/admin/"


def test_the_printed_passwords_log_in(client):
    for login in logins_ensure():
        assert client.login(username=login.username, password=login.password)


def test_running_again_prints_the_same_passwords_from_a_file_only_the_owner_reads():
    first = logins_ensure()
    assert logins_ensure() == first
    mode = stat.S_IMODE(logins_path().stat().st_mode)
    assert mode == 0o600


def test_a_lost_password_file_gets_new_passwords_that_work(client):
    first = logins_ensure()
    logins_path().unlink()
    second = logins_ensure()
    assert second[0].password != first[0].password
    assert client.login(username="editor", password=second[0].password)
    assert not client.login(username="editor", password=first[0].password)
    assert get_user_model().objects.count() == 3


def test_an_account_whose_password_was_changed_gets_the_filed_one_back(client):
    first = logins_ensure()
    editor = get_user_model().objects.get(username="editor")
    editor.set_password("changed-elsewhere")
    editor.save()
    assert logins_ensure() == first
    assert client.login(username="editor", password=first[0].password)


def test_an_unreadable_password_file_is_replaced():
    logins_path().write_text("not json")
    logins = logins_ensure()
    assert all(login.password for login in logins)
