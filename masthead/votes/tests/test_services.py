import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from masthead.votes.models import Vote, VoteTally, VoteValue
from masthead.votes.readers import Reader
from masthead.votes.services import (
    VoteRefused,
    tally_of,
    vote_cast,
    vote_of,
    vote_tally_recount,
    vote_withdraw,
)

pytestmark = pytest.mark.django_db

ALICE = Reader(anonymous_id="alice")
BOB = Reader(anonymous_id="bob")


def test_first_vote_adds_a_row_and_counts_one(story):
    vote_cast(story=story, reader=ALICE, value=VoteValue.UP)
    assert Vote.objects.filter(story=story).count() == 1
    assert tally_of(story_id=story.pk).up == 1 and tally_of(story_id=story.pk).voters == 1


def test_a_reader_who_votes_again_keeps_one_vote(story):
    vote_cast(story=story, reader=ALICE, value=VoteValue.UP)
    vote_cast(story=story, reader=ALICE, value=VoteValue.UP)
    assert Vote.objects.filter(story=story).count() == 1
    assert tally_of(story_id=story.pk).voters == 1


def test_changing_a_vote_moves_it_from_up_to_down(story):
    vote_cast(story=story, reader=ALICE, value=VoteValue.UP)
    vote_cast(story=story, reader=BOB, value=VoteValue.UP)
    vote_cast(story=story, reader=ALICE, value=VoteValue.DOWN)
    tally = tally_of(story_id=story.pk)
    assert (tally.up, tally.down, tally.voters) == (1, 1, 2)
    assert vote_of(story_id=story.pk, reader=ALICE) == VoteValue.DOWN


def test_withdrawing_removes_the_row_and_the_count(story):
    vote_cast(story=story, reader=ALICE, value=VoteValue.DOWN)
    assert vote_withdraw(story=story, reader=ALICE) is True
    assert not Vote.objects.exists()
    assert tally_of(story_id=story.pk).voters == 0
    assert vote_of(story_id=story.pk, reader=ALICE) is None


def test_withdrawing_without_a_vote_changes_nothing(story):
    vote_cast(story=story, reader=BOB, value=VoteValue.UP)
    assert vote_withdraw(story=story, reader=ALICE) is False
    assert tally_of(story_id=story.pk).voters == 1


def test_votes_on_one_story_do_not_count_on_another(story, other_story):
    vote_cast(story=story, reader=ALICE, value=VoteValue.UP)
    vote_cast(story=other_story, reader=ALICE, value=VoteValue.UP)
    assert tally_of(story_id=story.pk).voters == 1
    assert tally_of(story_id=other_story.pk).voters == 1


def test_a_signed_in_user_is_a_reader_of_their_own(story, django_user_model):
    user = django_user_model.objects.create_user("reader", "reader@example.com", "pw-123456")
    vote_cast(story=story, reader=Reader(user_id=user.pk), value=VoteValue.UP)
    vote_cast(story=story, reader=ALICE, value=VoteValue.UP)
    assert tally_of(story_id=story.pk).voters == 2
    assert vote_of(story_id=story.pk, reader=Reader(user_id=user.pk)) == VoteValue.UP


def test_an_unpublished_story_refuses_votes(story):
    story.unpublish()
    story.refresh_from_db()
    with pytest.raises(VoteRefused):
        vote_cast(story=story, reader=ALICE, value=VoteValue.UP)
    assert not Vote.objects.exists() and tally_of(story_id=story.pk).voters == 0


def test_the_database_refuses_a_second_row_for_one_reader(story, django_user_model):
    user = django_user_model.objects.create_user("reader", "reader@example.com", "pw-123456")
    Vote.objects.create(story=story, anonymous_id="alice", value=1)
    Vote.objects.create(story=story, user=user, value=1)
    for fields in ({"anonymous_id": "alice"}, {"user": user}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Vote.objects.create(story=story, value=-1, **fields)


def test_the_database_refuses_a_vote_with_no_reader_or_two(story, django_user_model):
    user = django_user_model.objects.create_user("reader", "reader@example.com", "pw-123456")
    for fields in ({}, {"user": user, "anonymous_id": "alice"}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Vote.objects.create(story=story, value=1, **fields)


def test_the_database_refuses_a_value_other_than_up_or_down(story):
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(story=story, anonymous_id="alice", value=5)


def test_recount_repairs_a_drifted_tally(story, other_story):
    vote_cast(story=story, reader=ALICE, value=VoteValue.UP)
    vote_cast(story=story, reader=BOB, value=VoteValue.DOWN)
    vote_cast(story=other_story, reader=BOB, value=VoteValue.UP)
    VoteTally.objects.filter(story_id=story.pk).update(up=40, down=-3)
    assert vote_tally_recount() == 1
    tally = tally_of(story_id=story.pk)
    assert (tally.up, tally.down) == (1, 1)
    assert vote_tally_recount() == 0


def test_recount_zeroes_a_tally_whose_votes_are_gone(story):
    vote_cast(story=story, reader=ALICE, value=VoteValue.UP)
    Vote.objects.all().delete()
    assert vote_tally_recount(story_ids=[story.pk]) == 1
    assert tally_of(story_id=story.pk).voters == 0


def test_recount_command_reports_what_it_corrected(story, capsys):
    vote_cast(story=story, reader=ALICE, value=VoteValue.UP)
    VoteTally.objects.update(up=7)
    call_command("recount_votes")
    assert "1 tally corrected." in capsys.readouterr().out
    assert tally_of(story_id=story.pk).up == 1
