from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from masthead.comments.models import Comment
from masthead.comments.policy import CommentPolicy, body_digest, get_policy

policy = CommentPolicy()
STORY = SimpleNamespace(comments_open=True, first_published_at=None)


def signals(body, name="Reader"):
    return policy.content_signals(story=STORY, name=name, body=body)


@pytest.mark.django_db
def test_plain_comment_raises_no_signal():
    assert signals("I agree with the council; storage matters before summer.") == {}


@pytest.mark.django_db
def test_more_links_than_allowed_count_as_spam(settings):
    settings.MASTHEAD_COMMENTS_MAX_LINKS = 2
    two = "see https://a.example and www.b.example"
    assert "too-many-links" not in signals(two)
    assert signals(two + " and http://c.example/x")["too-many-links"] >= policy.spam_from


@pytest.mark.django_db
def test_blocked_words_are_matched_as_whole_words_in_any_case(settings):
    settings.MASTHEAD_COMMENTS_BLOCKED_WORDS = ["casino", "cheap pills"]
    assert "blocked-word" in signals("Best CASINO bonus")
    assert "blocked-word" in signals("fine", name="Cheap Pills Seller")
    assert "blocked-word" not in signals("The occasional casinos? No: occasion.")


@pytest.mark.django_db
def test_blocked_domains_match_the_domain_and_its_subdomains(settings):
    settings.MASTHEAD_COMMENTS_BLOCKED_DOMAINS = ["spam.example"]
    assert "blocked-domain" in signals("visit https://www.spam.example/offer")
    assert "blocked-domain" in signals("visit shop.spam.example today")
    assert "blocked-domain" not in signals("visit notspam.example and spam.example.org")


@pytest.mark.django_db
def test_markup_raises_the_score_without_deciding_alone():
    score = signals('<a href="http://x.example">x</a>')["markup"]
    assert 0 < score < policy.spam_from
    assert "markup" not in signals("2 < 3 and 5 > 4")


@pytest.mark.django_db
def test_same_text_posted_again_is_a_duplicate(story):
    Comment.objects.create(
        story=story, name="A", body="Same words", body_digest=body_digest("Same words")
    )
    assert "duplicate" in signals("  same WORDS! ")
    assert "duplicate" not in signals("Other words")


@pytest.mark.django_db
def test_old_text_is_not_a_duplicate(story):
    Comment.objects.create(
        story=story,
        name="A",
        body="Same words",
        body_digest=body_digest("Same words"),
        created_at=timezone.now() - timedelta(days=policy.duplicate_days + 1),
    )
    assert "duplicate" not in signals("Same words")


def test_default_policy_holds_every_comment_for_moderation(settings):
    assert settings.MASTHEAD_COMMENTS_PUBLISH_BELOW == 0
    assert policy.status_for(score=0, proof_of_work=True) == Comment.Status.PENDING
    assert policy.status_for(score=49, proof_of_work=False) == Comment.Status.PENDING
    assert policy.status_for(score=50, proof_of_work=True) == Comment.Status.SPAM


def test_a_setting_publishes_low_scores_sent_with_the_proof_of_work(settings):
    settings.MASTHEAD_COMMENTS_PUBLISH_BELOW = 20
    assert policy.status_for(score=10, proof_of_work=True) == Comment.Status.PUBLISHED
    assert policy.status_for(score=20, proof_of_work=True) == Comment.Status.PENDING
    assert policy.status_for(score=10, proof_of_work=False) == Comment.Status.PENDING


def test_comments_close_by_hand_or_after_the_set_days(settings):
    settings.MASTHEAD_COMMENTS_CLOSE_AFTER_DAYS = 10
    now = timezone.now()
    fresh = SimpleNamespace(comments_open=True, first_published_at=now - timedelta(days=9))
    stale = SimpleNamespace(comments_open=True, first_published_at=now - timedelta(days=11))
    closed = SimpleNamespace(comments_open=False, first_published_at=now)
    assert policy.comments_open(fresh) and not policy.comments_open(stale)
    assert not policy.comments_open(closed)
    settings.MASTHEAD_COMMENTS_CLOSE_AFTER_DAYS = 0
    assert policy.comments_open(stale)


class StrictPolicy(CommentPolicy):
    close_after_days = 1
    spam_from = 5


def test_a_site_names_its_own_policy_class(settings):
    settings.MASTHEAD_COMMENTS_POLICY = "masthead.comments.tests.test_policy.StrictPolicy"
    chosen = get_policy()
    assert isinstance(chosen, StrictPolicy) and chosen.close_after_days == 1
    assert chosen.status_for(score=5, proof_of_work=True) == Comment.Status.SPAM
