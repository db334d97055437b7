"""Subscribers of the daily digest, its issues, and one delivery per issue and subscriber."""

import secrets

from django.db import models
from django.db.models.functions import Lower


def new_nonce() -> str:
    return secrets.token_urlsafe(12)


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(state=Subscriber.State.CONFIRMED)

    def with_email(self, email: str):
        return self.filter(email__iexact=email)


class Subscriber(models.Model):
    """One e-mail address; only a confirmed one ever gets anything but the confirmation."""

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        CONFIRMED = "confirmed", "Confirmed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"
        SUSPENDED = "suspended", "Suspended"

    email = models.EmailField(max_length=254)
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    # Changed on every new signup and unsubscription: old signed links stop working.
    nonce = models.CharField(max_length=32, default=new_nonce)
    bounce_count = models.PositiveIntegerField(default=0)
    last_confirmation_sent_at = models.DateTimeField(null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="newsletter_subscriber_email_ci"),
        ]

    def __str__(self):
        return self.email


class DigestIssue(models.Model):
    """The digest of one day, built once, with the figures of its sending."""

    date = models.DateField(unique=True)
    subject = models.CharField(max_length=255)
    html = models.TextField()
    text = models.TextField()
    built_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveIntegerField(default=0)
    sent = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    unsubscribes = models.PositiveIntegerField(default=0)
    resends = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d}: {self.subject}"


class DigestPickQuerySet(models.QuerySet):
    def for_date(self, date):
        return self.filter(date=date).select_related("page")

    def pinned(self):
        return self.filter(choice=DigestPick.Choice.PIN)

    def dropped(self):
        return self.filter(choice=DigestPick.Choice.DROP)


class DigestPick(models.Model):
    """An editor's word on one story of one day's issue: always in it (pin) or never (drop)."""

    class Choice(models.TextChoices):
        PIN = "pin", "Pinned"
        DROP = "drop", "Dropped"

    date = models.DateField()
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    choice = models.CharField(max_length=8, choices=Choice.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DigestPickQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["date", "page"], name="newsletter_pick_once"),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d}: {self.get_choice_display()} {self.page_id}"


class Delivery(models.Model):
    """One issue to one subscriber; the state survives a crash of the sender."""

    class State(models.TextChoices):
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    issue = models.ForeignKey(DigestIssue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=16, choices=State.choices, default=State.SENDING)
    attempts = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="newsletter_delivery_once"
            ),
        ]
