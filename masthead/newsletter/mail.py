"""The e-mails: the confirmation, and the digest as one message per subscriber."""

from email.utils import formatdate, make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from masthead.newsletter.links import absolute, confirm_url, unsubscribe_url


def mail_host() -> str:
    from urllib.parse import urlsplit

    return urlsplit(settings.MASTHEAD_BASE_URL).hostname or "localhost"


def unsubscribe_headers(subscriber, issue=None) -> dict:
    """RFC 8058 one-click unsubscription: a POST to this https URL unsubscribes at once."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(subscriber, issue)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def confirmation_message(subscriber) -> EmailMultiAlternatives:
    context = {
        "confirm_url": confirm_url(subscriber),
        "unsubscribe_url": unsubscribe_url(subscriber),
        "site_url": absolute("/"),
    }
    return EmailMultiAlternatives(
        subject="Please confirm your subscription to the daily digest",
        body=render_to_string("newsletter/email/confirm.txt", context),
        to=[subscriber.email],
        headers={
            **unsubscribe_headers(subscriber),
            "Date": formatdate(localtime=True),
            "Message-ID": make_msgid(domain=mail_host()),
        },
    )


def digest_message_id(issue, subscriber) -> str:
    # Stable per issue and subscriber: a copy re-sent after a crash is recognised as a duplicate.
    return f"<digest-{issue.date:%Y-%m-%d}-{subscriber.pk}@{mail_host()}>"


def digest_message(issue, subscriber, *, connection=None) -> EmailMultiAlternatives:
    unsubscribe = unsubscribe_url(subscriber, issue)
    message = EmailMultiAlternatives(
        subject=issue.subject,
        body=issue.text.replace("{{unsubscribe_url}}", unsubscribe),
        to=[subscriber.email],
        connection=connection,
        headers={
            **unsubscribe_headers(subscriber, issue),
            "Date": formatdate(localtime=True),
            "Message-ID": digest_message_id(issue, subscriber),
        },
    )
    message.attach_alternative(issue.html.replace("{{unsubscribe_url}}", unsubscribe), "text/html")
    return message
