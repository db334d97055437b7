import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from masthead.newsletter.models import DigestIssue
from masthead.stories import factories as f

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("digest", *args, stdout=out)
    return out.getvalue()


def test_build_then_send_delivers_the_issue_once(smtp, confirmed):
    confirmed("reader@example.com")
    f.article(f.section("Region"), title="Council approves new water plan")
    # Tomorrow's issue covers the last 24 hours whatever the time of day now.
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    assert "Council approves" in run("build", "--date", tomorrow)
    run("build", "--date", tomorrow)
    assert DigestIssue.objects.count() == 1
    assert "1 sent" in run("send", "--date", tomorrow)
    assert "0 re-sent, 1 recipients" in run("send", "--date", tomorrow)
    assert len(smtp.to("reader@example.com")) == 1


def test_nothing_to_build_or_send_is_said_plainly(db):
    assert "nothing new" in run("build", "--date", "2020-01-01")
    assert "No digest for 2020-01-01 to send" in run("send", "--date", "2020-01-01")


def test_bad_date_is_a_clear_error(db):
    with pytest.raises(CommandError):
        run("build", "--date", "yesterday")


def test_scheduled_job_is_registered():
    from masthead.ops.schedule import job_named

    assert job_named("newsletter.digest_build_and_send").every == datetime.timedelta(minutes=5)
