"""The e-mails: the confirmation, and the digest as one message per subscriber."""

from email.utils import formatdate, make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import sanitize_address
from django.template.loader import render_to_string

from masthead.newsletter.links import (
    absolute,
    confirm_url,
    unsubscribe_token,
    unsubscribe_url,
    unsubscribe_url_around_token,
)

# Where the personal unsubscribe link goes in each copy of a digest (the archive gets none).
UNSUBSCRIBE_MARK = "{{unsubscribe_url}}"


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
        body=issue.text.replace(UNSUBSCRIBE_MARK, unsubscribe),
        to=[subscriber.email],
        connection=connection,
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Date": formatdate(localtime=True),
            "Message-ID": digest_message_id(issue, subscriber),
        },
    )
    message.attach_alternative(issue.html.replace(UNSUBSCRIBE_MARK, unsubscribe), "text/html")
    return message


class _Flattened:
    """A MIME message already written out: what Django's backends ask of `message()`."""

    def __init__(self, data: bytes):
        self.data = data  # with CRLF line ends

    def as_bytes(self, unixfrom=False, linesep="\n") -> bytes:
        return self.data if linesep == "\r\n" else self.data.replace(b"\r\n", linesep.encode())

    def as_string(self, unixfrom=False, linesep="\n") -> str:
        return self.as_bytes(linesep=linesep).decode("utf-8")


class _DigestCopy(EmailMultiAlternatives):
    """One subscriber's copy whose MIME text is the issue's, with their values filled in."""

    flattened: bytes = b""

    def message(self):
        return _Flattened(self.flattened)


class DigestMessages:
    """Each subscriber's copy of one issue, written out once and filled in per subscriber.

    The issue's MIME message is flattened once with marks where the personal values go
    (address, Message-ID, date, unsubscribe link), then each copy is a few byte
    replacements: for a long list this, not the SMTP conversation, was the sender's cost.
    When the marks do not come out intact (a body sent quoted-printable, an address that
    is not plain ASCII), a copy is built the ordinary way.
    """

    TO = "masthead-to@placeholder.invalid"
    MESSAGE_ID = "<masthead-message-id@placeholder.invalid>"
    DATE = "Masthead-Date-Placeholder"
    UNSUBSCRIBE = "https://placeholder.invalid/masthead-unsubscribe"

    def __init__(self, issue):
        self.issue = issue
        self.template = self._template()
        # The link's path is the same but for the token: reversed once, not per copy.
        self.unsubscribe_around = unsubscribe_url_around_token()
        self.from_address = None

    def _template(self) -> bytes | None:
        model = EmailMultiAlternatives(
            subject=self.issue.subject,
            body=self.issue.text.replace(UNSUBSCRIBE_MARK, self.UNSUBSCRIBE),
            to=[self.TO],
            headers={
                "List-Unsubscribe": f"<{self.UNSUBSCRIBE}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "Date": self.DATE,
                "Message-ID": self.MESSAGE_ID,
            },
        )
        model.attach_alternative(
            self.issue.html.replace(UNSUBSCRIBE_MARK, self.UNSUBSCRIBE), "text/html"
        )
        data = model.message().as_bytes(linesep="\r\n")
        marks = self.issue.text.count(UNSUBSCRIBE_MARK) + self.issue.html.count(UNSUBSCRIBE_MARK)
        intact = (
            data.count(self.UNSUBSCRIBE.encode()) == marks + 1
            and data.count(self.TO.encode()) == 1
            and data.count(self.MESSAGE_ID.encode()) == 1
            and data.count(self.DATE.encode()) == 1
            # Room for the longest link on any line, within SMTP's 998 characters.
            and max(len(line) for line in data.split(b"\r\n")) < 600
        )
        return data if intact else None

    def for_subscriber(self, subscriber, *, connection=None) -> EmailMultiAlternatives:
        """The subscriber's copy, to go out over `connection` (the default backend's if None)."""
        if self.template is None or not subscriber.email.isascii():
            return digest_message(self.issue, subscriber, connection=connection)
        before, after = self.unsubscribe_around
        unsubscribe = before + unsubscribe_token(subscriber, self.issue) + after
        message_id = digest_message_id(self.issue, subscriber)
        copy = _DigestCopy(
            subject=self.issue.subject,
            body=self.issue.text.replace(UNSUBSCRIBE_MARK, unsubscribe),
            to=[subscriber.email],
            connection=connection,
            headers={
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "Message-ID": message_id,
            },
        )
        # Kept for backends that build their own request from the parts (anymail's).
        copy.attach_alternative(self.issue.html.replace(UNSUBSCRIBE_MARK, unsubscribe), "text/html")
        copy.flattened = (
            self.template.replace(self.UNSUBSCRIBE.encode(), unsubscribe.encode())
            .replace(self.TO.encode(), subscriber.email.encode())
            .replace(self.MESSAGE_ID.encode(), message_id.encode())
            .replace(self.DATE.encode(), formatdate(localtime=True).encode())
        )
        return copy

    def send(self, message) -> None:
        """Send one copy; straight over its SMTP backend's open connection when there is one.

        Django's SMTP backend would parse both addresses again for each copy; the sender's is
        parsed once here and the subscriber's is plain ASCII. Errors are smtplib's, as there.
        """
        backend = message.connection
        smtp = getattr(backend, "connection", None)
        if isinstance(message, _DigestCopy) and isinstance(backend, SMTPBackend) and smtp:
            if self.from_address is None:
                encoding = message.encoding or settings.DEFAULT_CHARSET
                self.from_address = sanitize_address(message.from_email, encoding)
            smtp.sendmail(self.from_address, message.to, message.flattened)
        else:
            message.send()
