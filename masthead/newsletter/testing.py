"""For tests and the bench: a real SMTP server (aiosmtpd on a free local port), and the
signup form as a reader's browser fills it in."""

import email
import socket
from contextlib import contextmanager
from email import policy


class Inbox:
    """An aiosmtpd handler that keeps every message and refuses the addresses it is told to.

    `keep=False` only counts what arrives (the bench's 100,000 copies need no parsing).
    """

    def __init__(self, *, keep: bool = True):
        self.keep = keep
        self.messages = []
        self.received = 0
        self.refuse = set()
        self.temporary = {}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such mailbox"
        if self.temporary.get(address, 0) > 0:
            self.temporary[address] -= 1
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received += 1
        if self.keep:
            message = email.message_from_bytes(envelope.content, policy=policy.default)
            self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted"

    def to(self, address: str):
        return [message for rcpts, message in self.messages if address in rcpts]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def smtp_server(inbox: Inbox | None = None):
    """Run an SMTP server on 127.0.0.1 for the block; yield (inbox, port)."""
    from aiosmtpd.controller import Controller

    inbox = inbox or Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield inbox, controller.port
    finally:
        controller.stop()


def use_smtp(settings, port: int) -> None:
    """Point Django's SMTP backend at the local server (`settings`: pytest-django's fixture)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10


# The footer's signup form as a reader's browser fills it in, for the soak (bench/soak.py).
SIGNUP_PATH = "/newsletter/signup/"
SIGNUP_MODEL = "newsletter.Subscriber"


def signup_form_data(*, email: str, shown_seconds_ago: float = 10) -> dict:
    """The POST data of one signup with JavaScript on: a fresh token and its proof of work."""
    import time

    from masthead.humancheck.challenge import challenge_issue
    from masthead.humancheck.testing import proof_for
    from masthead.humancheck.verdict import HONEYPOT_FIELD, POW_FIELD, TOKEN_FIELD

    challenge = challenge_issue(now=time.time() - shown_seconds_ago)
    return {
        "email": email,
        TOKEN_FIELD: challenge.token,
        POW_FIELD: proof_for(challenge),
        HONEYPOT_FIELD: "",
    }
