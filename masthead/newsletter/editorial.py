"""Editors' hands on the next issue: pin or drop a story, and send themselves a test copy."""

import datetime

from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from masthead.newsletter.digest import digest_render
from masthead.newsletter.links import absolute
from masthead.newsletter.mail import UNSUBSCRIBE_MARK
from masthead.newsletter.models import DigestIssue, DigestPick

TEST_PREFIX = "[Test] "


def _open_date(date: datetime.date) -> None:
    if DigestIssue.objects.filter(date=date).exists():
        raise ValidationError(
            f"The issue of {date:%Y-%m-%d} is built already: it can no longer change."
        )


@transaction.atomic
def digest_pick(*, date: datetime.date, page_id: int, choice: str) -> DigestPick:
    """Pin a story to the issue of `date`, or drop it; the latest word on a story counts."""
    from masthead.stories.models import Story

    if choice not in DigestPick.Choice.values:
        raise ValidationError("Choose to pin or to drop the story.")
    _open_date(date)
    if not Story.objects.live().filter(pk=page_id).exists():
        raise ValidationError("No live story or blog post has this id.")
    pick, _ = DigestPick.objects.update_or_create(
        date=date, page_id=page_id, defaults={"choice": choice}
    )
    return pick


def digest_unpick(*, date: datetime.date, page_id: int) -> None:
    """Forget the editors' word on a story: the ranking decides again."""
    _open_date(date)
    DigestPick.objects.filter(date=date, page_id=page_id).delete()


def digest_test_send(*, date: datetime.date, email: str, now=None) -> dict:
    """Send the issue of `date` as it stands to one editor's address; return what was sent."""
    if not email:
        raise ValidationError("Your account has no e-mail address to send the test to.")
    rendered = digest_render(date=date, now=now or timezone.now())
    if rendered is None:
        raise ValidationError("Nothing was published for this issue yet: there is nothing to send.")
    # A test copy carries no one's personal link: the mark points at the home page.
    home = absolute("/")
    message = EmailMultiAlternatives(
        subject=TEST_PREFIX + rendered["subject"],
        body=rendered["text"].replace(UNSUBSCRIBE_MARK, home),
        to=[email],
    )
    message.attach_alternative(rendered["html"].replace(UNSUBSCRIBE_MARK, home), "text/html")
    message.send()
    return rendered
