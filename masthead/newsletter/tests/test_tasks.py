"""The sending as a background task: the scheduler's job enqueues it, a worker sends."""

import pytest
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from masthead.newsletter.models import DigestIssue
from masthead.newsletter.schedule import SEND_LEASE, digest_build_and_send
from masthead.ops.schedule import lease_acquire

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def queue(settings):
    """The database task queue, as `masthead worker` serves it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MASTHEAD_DIGEST_TIME = "00:00"


def worker_run_once():
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


@pytest.fixture
def todays_issue(db):
    return DigestIssue.objects.create(
        date=timezone.localdate(),
        subject="Council approves new water plan",
        html="<p>x</p>",
        text="x",
    )


def test_job_enqueues_the_sending_and_one_worker_run_sends(queue, smtp, confirmed, todays_issue):
    for n in range(3):
        confirmed(f"reader{n}@example.com")
    assert digest_build_and_send() is True
    [queued] = DBTaskResult.objects.all()
    assert queued.task_path == "masthead.newsletter.tasks.digest_send_task"
    assert smtp.messages == []  # nothing is sent by the job itself

    worker_run_once()

    assert sorted(r for rcpts, _ in smtp.messages for r in rcpts) == [
        "reader0@example.com",
        "reader1@example.com",
        "reader2@example.com",
    ]
    todays_issue.refresh_from_db()
    assert (todays_issue.sent, todays_issue.recipients) == (3, 3)
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    # All sent: the next run of the job has nothing to enqueue.
    assert digest_build_and_send() is False


def test_nothing_is_enqueued_before_the_digest_time(queue, settings, confirmed, todays_issue):
    settings.MASTHEAD_DIGEST_TIME = "23:59:59.999999"
    confirmed("reader@example.com")
    assert digest_build_and_send() is False
    assert not DBTaskResult.objects.exists()


def test_task_leaves_the_issue_to_a_sender_holding_the_lease(queue, smtp, confirmed, todays_issue):
    from datetime import timedelta

    confirmed("reader@example.com")
    assert lease_acquire(name=SEND_LEASE, holder="other", ttl=timedelta(minutes=5))
    digest_build_and_send()
    worker_run_once()
    assert smtp.messages == []
