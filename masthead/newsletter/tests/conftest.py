import pytest

from masthead.newsletter.testing import smtp_server, use_smtp


@pytest.fixture
def smtp(settings):
    """A real SMTP server on a free local port, with Django's SMTP backend pointed at it."""
    with smtp_server() as (inbox, port):
        use_smtp(settings, port)
        yield inbox


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
