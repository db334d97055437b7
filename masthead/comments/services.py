"""Every write to comments: posting, moderating, exporting and erasing a reader's data."""

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from masthead.comments.models import MAX_DEPTH, THREAD_SEGMENT, Comment
from masthead.comments.policy import body_digest, get_policy
from masthead.comments.signals import story_changed
from masthead.humancheck.verdict import Verdict

FORGET_FLAG = "masthead:comments:addresses-forgotten"
FLOOD_MESSAGE = (
    "Too many comments have come from your address in the last minute, so this one and"
    " the ones just before it were refused. Please wait a few minutes before commenting."
)

ACTIONS = {
    Comment.Status.PUBLISHED: "masthead.comment.approve",
    Comment.Status.REJECTED: "masthead.comment.reject",
    Comment.Status.SPAM: "masthead.comment.spam",
}


class CommentRefused(Exception):
    """A comment that cannot be taken, with what to tell the reader and the HTTP status."""

    def __init__(self, message: str, *, status_code: int = 400):
        super().__init__(message)
        self.message = message
        self.status_code = status_code


def address_hash(address: str) -> str:
    return salted_hmac("masthead.comments.address", address, algorithm="sha256").hexdigest()


def _announce(stories) -> None:
    """After the commit, tell the page cache which stories' comments changed."""
    unique = {story.pk: story for story in stories}
    transaction.on_commit(lambda: [story_changed(story) for story in unique.values()])


def _reply_target(story, parent_id: int | None) -> Comment | None:
    if not parent_id:
        return None
    parent = Comment.objects.published().select_related("parent").filter(pk=parent_id).first()
    if parent is None or parent.story_id != story.pk:
        raise CommentRefused("You can reply only to a published comment on this article.")
    # Threads nest three levels deep; a reply to the deepest level joins its parent's replies.
    return parent.parent if parent.depth >= MAX_DEPTH and parent.parent else parent


def comment_post(
    *,
    story,
    name: str,
    body: str,
    email: str = "",
    parent_id: int | None = None,
    verdict: Verdict,
    now=None,
) -> Comment:
    """Score a reader's comment and save it as the site policy decides."""
    policy = get_policy()
    now = now or timezone.now()
    if not story.live:
        raise CommentRefused("This article is not published.", status_code=404)
    if not policy.comments_open(story, now=now):
        raise CommentRefused("Comments are closed on this article.", status_code=403)
    client_hash = address_hash(verdict.address) if verdict.address else ""
    if policy.is_flood(client_hash=client_hash, now=now):
        comments_flood_reject(client_hash=client_hash, since=policy.flood_since(now), now=now)
        raise CommentRefused(FLOOD_MESSAGE, status_code=429)
    parent = _reply_target(story, parent_id)
    signals = dict.fromkeys(verdict.reasons, 0)
    signals.update(policy.content_signals(story=story, name=name, body=body))
    score = verdict.score + sum(signals.values())
    status = policy.status_for(score=score, proof_of_work=verdict.proof_of_work)
    with transaction.atomic():
        comment = Comment.objects.create(
            story=story,
            parent=parent,
            depth=parent.depth + 1 if parent else 0,
            name=name,
            email=email,
            body=body,
            body_digest=body_digest(body),
            status=status,
            spam_score=min(score, 32767),
            spam_reasons=",".join(signals)[:255],
            proof_of_work=verdict.proof_of_work,
            client_hash=client_hash,
            created_at=now,
        )
        comment.thread = (parent.thread if parent else "") + f"{comment.pk:0{THREAD_SEGMENT}d}"
        Comment.objects.filter(pk=comment.pk).update(thread=comment.thread)
        if status == Comment.Status.PUBLISHED:
            _announce([story])
    _forget_old_addresses_hourly()
    return comment


def _forget_old_addresses_hourly() -> None:
    try:
        due = cache.add(FORGET_FLAG, 1, timeout=3600)
    except Exception:  # the cache's own errors vary; the command forgets them later anyway
        return
    if due:
        comment_addresses_forget()


def comments_flood_reject(*, client_hash: str, since, now=None) -> int:
    """Reject every comment one address sent since `since`, shown or waiting: a flood."""
    flood = list(
        Comment.objects.filter(client_hash=client_hash, created_at__gte=since)
        .exclude(status=Comment.Status.REJECTED)
        .select_related("story")
    )
    if not flood:
        return 0
    with transaction.atomic():
        Comment.objects.filter(pk__in=[c.pk for c in flood]).update(
            status=Comment.Status.REJECTED, moderated_by=None, moderated_at=now or timezone.now()
        )
        for comment in flood:
            title = f"{comment.log_title()}: a flood from one address"
            log(comment, ACTIONS[Comment.Status.REJECTED], user=None, title=title)
        _announce([c.story for c in flood if c.is_published])
    return len(flood)


def comments_moderate(*, comments: Iterable[Comment], status: str, user) -> int:
    """Set the status of each comment, record who did it, and purge the pages that change."""
    comments = list(comments)
    now = timezone.now()
    changed_pages = [
        c.story
        for c in comments
        if (c.status == Comment.Status.PUBLISHED) != (status == Comment.Status.PUBLISHED)
    ]
    with transaction.atomic():
        Comment.objects.filter(pk__in=[c.pk for c in comments]).update(
            status=status, moderated_by=user, moderated_at=now
        )
        for comment in comments:
            comment.status, comment.moderated_by, comment.moderated_at = status, user, now
            log(comment, ACTIONS[status], user=user, title=comment.log_title())
        _announce(changed_pages)
    return len(comments)


def comment_approve(*, comment: Comment, user) -> Comment:
    comments_moderate(comments=[comment], status=Comment.Status.PUBLISHED, user=user)
    return comment


def comment_reject(*, comment: Comment, user) -> Comment:
    comments_moderate(comments=[comment], status=Comment.Status.REJECTED, user=user)
    return comment


def comment_mark_spam(*, comment: Comment, user) -> Comment:
    comments_moderate(comments=[comment], status=Comment.Status.SPAM, user=user)
    return comment


def comments_delete(*, comments: Iterable[Comment], user) -> int:
    """Delete comments for good, logging who did it; their replies stay."""
    comments = list(comments)
    with transaction.atomic():
        for comment in comments:
            log(comment, "wagtail.delete", user=user, title=comment.log_title(), deleted=True)
        Comment.objects.filter(pk__in=[c.pk for c in comments]).delete()
        _announce([c.story for c in comments if c.is_published])
    return len(comments)


def comments_export(*, email: str) -> list[dict]:
    """Everything kept about the comments sent with this e-mail address."""
    comments = Comment.objects.by_email(email).select_related("story").order_by("created_at")
    return [
        {
            "id": c.pk,
            "article": c.story.title,
            "article_url": c.story.full_url,
            "in_reply_to": c.parent_id,
            "name": c.name,
            "email": c.email,
            "comment": c.body,
            "status": c.status,
            "sent_at": c.created_at.isoformat(),
            "address_hash_kept": bool(c.client_hash),
        }
        for c in comments
    ]


def comments_erase(*, email: str, user=None) -> int:
    """Delete every comment sent with this e-mail address and scrub them from the audit log."""
    comments = list(Comment.objects.by_email(email).select_related("story"))
    if not comments:
        return 0
    ids = [c.pk for c in comments]
    with transaction.atomic():
        # Log labels quoted the reader's name; keep only that a comment was erased.
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Comment),
            object_id__in=[str(pk) for pk in ids],
        ).update(label="Erased comment", data={})
        Comment.objects.filter(pk__in=ids).delete()
        for comment in comments:
            log(
                comment,
                "masthead.comment.erase",
                user=user,
                title=f"Erased comment #{comment.pk}",
                deleted=True,
            )
        _announce([c.story for c in comments if c.is_published])
    return len(comments)


def comment_addresses_forget(*, now=None) -> int:
    """Drop address hashes older than MASTHEAD_COMMENTS_ADDRESS_DAYS; return how many."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.MASTHEAD_COMMENTS_ADDRESS_DAYS)
    return (
        Comment.objects.filter(created_at__lt=cutoff).exclude(client_hash="").update(client_hash="")
    )
