import email
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller


class Inbox:
    """An aiosmtpd handler that keeps every message and refuses the addresses it is told to."""

    def __init__(self):
        self.messages = []
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
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted"

    def to(self, address: str):
        return [message for rcpts, message in self.messages if address in rcpts]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """A real SMTP server on a free local port, with Django's SMTP backend pointed at it."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
    yield inbox
    controller.stop()


@pytest.fixture(autouse=True)
def _newsletter_settings(settings):
    settings.MASTHEAD_BASE_URL = "https://news.example.com"
    settings.MASTHEAD_HUMANCHECK_POW_MAX_NUMBER = 50
    # The timing layer has its own tests in humancheck; here a post may come at once.
    settings.MASTHEAD_HUMANCHECK_MIN_SECONDS = 0


@pytest.fixture
def confirmed(db):
    from django.utils import timezone

    from masthead.newsletter.models import Subscriber

    def make(address: str) -> Subscriber:
        return Subscriber.objects.create(
            email=address, state=Subscriber.State.CONFIRMED, confirmed_at=timezone.now()
        )

    return make
