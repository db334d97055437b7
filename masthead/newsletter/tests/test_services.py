from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail, signing
from django.utils import timezone

from masthead.newsletter.links import LinkRefused, confirm_token, unsubscribe_token
from masthead.newsletter.models import Subscriber
from masthead.newsletter.services import (
    subscriber_confirm,
    subscriber_signup,
    subscriber_unsubscribe,
)

pytestmark = pytest.mark.django_db


def test_confirmation_link_older_than_seven_days_is_refused():
    subscriber = subscriber_signup(email="reader@example.com")
    eight_days_ago = timezone.now().timestamp() - timedelta(days=8).total_seconds()
    with mock.patch.object(signing.time, "time", return_value=eight_days_ago):
        token = confirm_token(subscriber)
    with pytest.raises(LinkRefused):
        subscriber_confirm(token=token)


def test_another_confirmation_goes_out_after_a_day():
    subscriber = subscriber_signup(email="reader@example.com")
    Subscriber.objects.filter(pk=subscriber.pk).update(
        last_confirmation_sent_at=timezone.now() - timedelta(hours=25)
    )
    subscriber_signup(email="reader@example.com")
    assert len(mail.outbox) == 2


def test_unsubscribing_makes_the_old_confirmation_link_useless():
    subscriber = subscriber_signup(email="reader@example.com")
    old_link = confirm_token(subscriber)
    subscriber_unsubscribe(token=unsubscribe_token(subscriber))
    with pytest.raises(LinkRefused):
        subscriber_confirm(token=old_link)


def test_coming_back_after_unsubscribing_goes_through_double_opt_in_again():
    subscriber = subscriber_signup(email="reader@example.com")
    subscriber_confirm(token=confirm_token(subscriber))
    subscriber_unsubscribe(token=unsubscribe_token(subscriber))
    Subscriber.objects.update(last_confirmation_sent_at=None)
    again = subscriber_signup(email="Reader@Example.com")
    assert again.pk == subscriber.pk
    assert again.state == Subscriber.State.PENDING
    assert len(mail.outbox) == 2


def test_suspended_address_gets_nothing():
    Subscriber.objects.create(email="gone@example.com", state=Subscriber.State.SUSPENDED)
    subscriber_signup(email="gone@example.com")
    assert mail.outbox == []


def test_forged_unsubscribe_link_is_refused():
    with pytest.raises(LinkRefused):
        subscriber_unsubscribe(token="1:forged")
