"""A worker killed in the middle of a task: the task runs again, its effect happens once."""

import json
import signal
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from masthead.ops.models import TaskReceipt, WorkerHeartbeat
from masthead.ops.receipts import receipt_take
from masthead.ops.tests.services import masthead, wait_for
from masthead.ops.workers import MAX_ATTEMPTS, orphaned_tasks_requeue

TASKS = "django_tasks_database_dbtaskresult"
FAST = ("--heartbeat", "0.5", "--stale-after", "2", "--interval", "0.2")


def task_rows(site):
    return site.query(f"SELECT status, worker_ids FROM {TASKS}")


@pytest.mark.fault
@pytest.mark.django_db  # the private copy is made from the test database
def test_killed_worker_task_runs_again_on_another_worker_and_its_effect_happens_once(
    site_database, processes, tmp_path
):
    env = site_database.env(tmp_path / "home", MASTHEAD_TASKS="database")
    committed = tmp_path / "effect-committed"
    masthead(
        "shell",
        "-c",
        "from masthead.ops.tests.tasks import account_create_once as t; "
        f"t.enqueue(prefix='once', signal_path='{committed}')",
        env=env,
    )
    first = processes.start("worker", *FAST, env=env, log=tmp_path / "worker-1.log")
    wait_for(committed.exists, timeout=90, what="the first attempt to commit its effect")
    first.send_signal(signal.SIGKILL)
    first.wait()
    [(status, _)] = task_rows(site_database)
    assert status == "RUNNING"

    processes.start("worker", *FAST, env=env, log=tmp_path / "worker-2.log")

    wait_for(
        lambda: task_rows(site_database)[0][0] == "SUCCESSFUL",
        timeout=90,
        what="the task to run again and succeed",
    )
    [(_, worker_ids)] = task_rows(site_database)
    assert len(json.loads(worker_ids) if isinstance(worker_ids, str) else worker_ids) == 2
    [(accounts,)] = site_database.query(
        "SELECT count(*) FROM accounts_user WHERE username LIKE 'once-%'"
    )
    assert accounts == 1


@pytest.mark.django_db
def test_task_of_a_live_worker_is_left_running():
    started = timezone.now() - timedelta(minutes=5)
    WorkerHeartbeat.objects.create(worker_id="alive", hostname="h", pid=1, seen_at=timezone.now())
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="masthead.ops.tasks.periodic_job_run",
        backend_name="default",
        run_after=timezone.now(),
        status="RUNNING",
        started_at=started,
        worker_ids=["alive"],
    )
    assert orphaned_tasks_requeue(stale_after=timedelta(seconds=60)) == 0
    task.refresh_from_db()
    assert task.status == "RUNNING"


@pytest.mark.django_db
def test_task_that_kept_killing_its_workers_is_failed_not_retried():
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="masthead.ops.tasks.periodic_job_run",
        backend_name="default",
        run_after=timezone.now(),
        status="RUNNING",
        started_at=timezone.now() - timedelta(minutes=5),
        worker_ids=[f"dead-{n}" for n in range(MAX_ATTEMPTS)],
    )
    assert orphaned_tasks_requeue(stale_after=timedelta(seconds=60)) == 1
    task.refresh_from_db()
    assert task.status == "FAILED"
    assert task.exception_class_path == "masthead.ops.workers.WorkerLost"


@pytest.mark.django_db
def test_a_receipt_is_taken_once():
    with transaction.atomic():
        assert receipt_take(key="digest:2025-01-01")
    with transaction.atomic():
        assert not receipt_take(key="digest:2025-01-01")
    assert TaskReceipt.objects.count() == 1


def test_a_receipt_outside_the_effects_transaction_is_refused():
    with pytest.raises(RuntimeError, match="inside the effect's transaction"):
        receipt_take(key="digest:2025-01-02")
