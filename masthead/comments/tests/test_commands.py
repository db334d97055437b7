import json

import pytest
from django.core.management import CommandError, call_command

from masthead.comments.models import Comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def comments(story):
    Comment.objects.create(story=story, name="R", body="Mine", email="r@example.com", thread="1")
    Comment.objects.create(story=story, name="S", body="Theirs", email="s@example.com", thread="2")


def test_export_prints_the_readers_comments_as_json(comments, capsys):
    call_command("comments_reader", "export", "R@example.com")
    exported = json.loads(capsys.readouterr().out)
    assert [item["comment"] for item in exported] == ["Mine"]


def test_erase_deletes_only_the_readers_comments(comments, capsys):
    call_command("comments_reader", "erase", "r@example.com", "--yes")
    assert "1 comment(s) erased." in capsys.readouterr().out
    assert list(Comment.objects.values_list("body", flat=True)) == ["Theirs"]


def test_erase_asks_first_and_stops_without_a_yes(comments, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError):
        call_command("comments_reader", "erase", "r@example.com")
    assert Comment.objects.count() == 2


def test_a_bad_address_is_refused(db):
    with pytest.raises(CommandError, match="Not an e-mail address"):
        call_command("comments_reader", "export", "nobody")


def test_old_address_hashes_can_be_forgotten_by_command(story, capsys):
    call_command("comments_forget_addresses")
    assert "0 address hash(es) older than 7 days forgotten." in capsys.readouterr().out
