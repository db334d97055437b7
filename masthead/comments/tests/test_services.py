import socket
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from masthead.comments import services
from masthead.comments.models import Comment
from masthead.comments.policy import get_policy
from masthead.comments.services import CommentRefused
from masthead.comments.signals import comment_changed
from masthead.humancheck.verdict import Verdict

pytestmark = pytest.mark.django_db

PERSON = Verdict(rejected=False, proof_of_work=True, address="203.0.113.5")
NEIGHBOUR = Verdict(rejected=False, proof_of_work=True, address="203.0.113.6")


def post(story, body="Thoughts.", parent=None, verdict=PERSON, **fields):
    return services.comment_post(
        story=story,
        name=fields.pop("name", "Reader"),
        body=body,
        parent_id=parent.pk if parent else None,
        verdict=verdict,
        **fields,
    )


@pytest.fixture
def announced():
    stories = []

    def receiver(sender, story, **kwargs):
        stories.append(story.pk)

    comment_changed.connect(receiver)
    yield stories
    comment_changed.disconnect(receiver)


def test_posted_comment_keeps_score_reasons_and_only_a_hash_of_the_address(story):
    verdict = Verdict(rejected=False, score=10, reasons=("no-proof-of-work",), address="1.2.3.4")
    comment = post(story, body="<b>bold</b> claim", verdict=verdict)
    assert comment.spam_score == 10 + 20
    assert comment.spam_reasons == "no-proof-of-work,markup"
    assert comment.client_hash and "1.2.3.4" not in comment.client_hash
    assert len(comment.client_hash) == 64
    assert comment.status == Comment.Status.PENDING


def test_replies_nest_three_levels_and_deeper_replies_join_the_third(story):
    root = post(story)
    Comment.objects.update(status="published")
    reply = post(story, parent=root)
    Comment.objects.update(status="published")
    deep = post(story, parent=reply)
    Comment.objects.update(status="published")
    deeper = post(story, parent=deep)
    assert [root.depth, reply.depth, deep.depth, deeper.depth] == [0, 1, 2, 2]
    assert deeper.parent == reply
    ordered = list(Comment.objects.threaded().values_list("pk", flat=True))
    assert ordered == [root.pk, reply.pk, deep.pk, deeper.pk]


def test_later_threads_come_after_earlier_threads_and_their_replies(story):
    first = post(story)
    Comment.objects.update(status="published")
    second = post(story)
    late_reply = post(story, parent=first)
    ordered = list(Comment.objects.threaded().values_list("pk", flat=True))
    assert ordered == [first.pk, late_reply.pk, second.pk]


def test_closed_story_refuses_comments(story):
    story.comments_open = False
    with pytest.raises(CommentRefused) as refused:
        post(story)
    assert refused.value.status_code == 403


def test_approving_records_who_and_when_and_announces_the_story(
    story, moderator, announced, django_capture_on_commit_callbacks
):
    comment = post(story)
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_approve(comment=comment, user=moderator)
    comment.refresh_from_db()
    assert comment.status == "published" and comment.moderated_by == moderator
    assert comment.moderated_at is not None
    assert announced == [story.pk]
    entry = ModelLogEntry.objects.get(action="masthead.comment.approve")
    assert entry.user_id == moderator.pk and entry.object_id == str(comment.pk)


def test_moderating_comments_that_were_never_public_purges_nothing(
    story, moderator, announced, django_capture_on_commit_callbacks
):
    comment = post(story)
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_mark_spam(comment=comment, user=moderator)
        services.comment_reject(comment=comment, user=moderator)
    assert announced == []
    assert Comment.objects.get().status == "rejected"
    assert ModelLogEntry.objects.filter(object_id=str(comment.pk)).count() == 2


def test_rejecting_a_published_comment_announces_the_story(
    story, moderator, announced, django_capture_on_commit_callbacks
):
    comment = post(story)
    services.comment_approve(comment=comment, user=moderator)
    announced.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_reject(comment=comment, user=moderator)
    assert announced == [story.pk]


def test_deleting_keeps_other_readers_replies_and_logs_it(
    story, moderator, announced, django_capture_on_commit_callbacks
):
    root = post(story)
    services.comment_approve(comment=root, user=moderator)
    reply = post(story, parent=root)
    with django_capture_on_commit_callbacks(execute=True):
        services.comments_delete(comments=[root], user=moderator)
    assert list(Comment.objects.values_list("pk", flat=True)) == [reply.pk]
    assert ModelLogEntry.objects.filter(action="wagtail.delete", object_id=str(root.pk)).exists()
    assert announced == [story.pk]


def test_export_and_erase_by_email(story, other_story, moderator):
    mine = post(story, email="Reader@Example.com", body="My view")
    post(other_story, email="reader@example.com", body="My other view")
    post(story, email="someone.else@example.com", body="Not mine")
    services.comment_approve(comment=mine, user=moderator)
    exported = services.comments_export(email="reader@example.com")
    assert [item["comment"] for item in exported] == ["My view", "My other view"]
    assert exported[0]["article"] == story.title and exported[0]["status"] == "published"
    assert services.comments_erase(email="READER@example.com ", user=moderator) == 2
    assert list(Comment.objects.values_list("body", flat=True)) == ["Not mine"]
    labels = set(ModelLogEntry.objects.values_list("label", flat=True))
    assert not any("Reader" in label for label in labels)
    assert ModelLogEntry.objects.filter(action="masthead.comment.erase").count() == 2


def test_address_hashes_are_forgotten_after_the_set_days(story, settings):
    settings.MASTHEAD_COMMENTS_ADDRESS_DAYS = 7
    old, new = (
        Comment.objects.create(story=story, name="A", body=body, client_hash="f" * 64, created_at=t)
        for body, t in (("Old", timezone.now() - timedelta(days=8)), ("New", timezone.now()))
    )
    assert services.comment_addresses_forget() == 1
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.client_hash == "" and new.client_hash != ""


def test_posting_forgets_old_address_hashes_at_most_once_an_hour(story):
    first = post(story, now=timezone.now() - timedelta(days=30))
    second = post(story, body="Later", now=timezone.now() - timedelta(days=30))
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.client_hash == "" and second.client_hash != ""


def test_a_reader_posting_a_few_comments_is_not_a_flood(story):
    comments = [post(story, body=f"Thought {n}") for n in range(3)]
    assert all(comment.status == "pending" for comment in Comment.objects.all())
    assert len(comments) == 3


def test_a_flood_from_one_address_is_refused_and_its_burst_rejected(
    story, announced, settings, django_capture_on_commit_callbacks
):
    settings.MASTHEAD_COMMENTS_PUBLISH_BELOW = 20  # the burst was even shown on the page
    burst = get_policy().flood_posts
    sent = [post(story, body=f"Spam wave {n}") for n in range(burst)]
    assert all(comment.status == "published" for comment in sent)
    neighbour = post(story, body="Another reader", verdict=NEIGHBOUR)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(CommentRefused) as refused:
        post(story, body="One more")
    assert refused.value.status_code == 429 and "refused" in refused.value.message
    assert Comment.objects.count() == burst + 1
    assert set(Comment.objects.exclude(pk=neighbour.pk).values_list("status", flat=True)) == {
        "rejected"
    }
    neighbour.refresh_from_db()
    assert neighbour.status == "published"
    assert announced == [story.pk]  # the page that showed the burst is purged
    rejections = ModelLogEntry.objects.filter(action="masthead.comment.reject")
    assert rejections.count() == burst and not rejections.exclude(user=None).exists()


def test_an_address_may_comment_again_once_its_burst_is_over(story):
    policy = get_policy()
    earlier = timezone.now() - timedelta(seconds=policy.flood_seconds + 1)
    for n in range(policy.flood_posts):
        post(story, body=f"Busy evening {n}", now=earlier)
    assert post(story, body="A minute later").status == "pending"


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # free again once closed: nothing listens there


@pytest.mark.parametrize(
    "backend",
    ["masthead.ops.cache.FaultTolerantRedisCache", "django.core.cache.backends.redis.RedisCache"],
)
def test_a_comment_is_saved_and_answered_when_redis_does_not_answer(
    story, settings, backend, django_capture_on_commit_callbacks
):
    unreachable = {
        "BACKEND": backend,
        "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    settings.CACHES = {"default": unreachable, "renditions": unreachable}
    settings.MASTHEAD_COMMENTS_PUBLISH_BELOW = 20  # publishing purges the cache too
    with django_capture_on_commit_callbacks(execute=True):
        comment = post(story, body="Saved while the cache is away")
    assert Comment.objects.get().pk == comment.pk and comment.status == "published"
