"""Periodic jobs run once per cluster, however many schedulers run."""

import signal
from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.ops import schedule
from masthead.ops.models import Lease
from masthead.ops.tests.services import wait_for

FAST = ("--tick", "0.3", "--lease", "1.5", "--jobs-module", "masthead.ops.tests.jobs")


@pytest.mark.django_db
def test_one_holder_has_the_lease_until_it_runs_out():
    lease = timedelta(seconds=30)
    assert schedule.lease_acquire(name="scheduler", holder="a", ttl=lease)
    assert not schedule.lease_acquire(name="scheduler", holder="b", ttl=lease)
    assert schedule.lease_acquire(name="scheduler", holder="a", ttl=lease)

    Lease.objects.filter(name="scheduler").update(expires_at=timezone.now() - timedelta(1))

    assert schedule.lease_acquire(name="scheduler", holder="b", ttl=lease)
    assert not schedule.lease_acquire(name="scheduler", holder="a", ttl=lease)


@pytest.mark.django_db
def test_a_due_job_is_enqueued_once_then_waits_for_its_interval(
    monkeypatch, django_capture_on_commit_callbacks
):
    runs = []
    job = schedule.Job(name="test.count", every=timedelta(minutes=5), func=lambda: runs.append(1))
    monkeypatch.setattr(schedule, "_jobs", {job.name: job})
    now = timezone.now()

    with django_capture_on_commit_callbacks(execute=True):
        assert schedule.due_jobs_enqueue(now=now) == ["test.count"]
        assert schedule.due_jobs_enqueue(now=now + timedelta(minutes=1)) == []
        assert schedule.due_jobs_enqueue(now=now + timedelta(minutes=6)) == ["test.count"]
    assert runs == [1, 1]  # the in-process task backend ran it each time


def test_apps_declare_their_jobs_with_a_decorator():
    names = [job.name for job in schedule.jobs()]
    assert "ops.sessions_clear_expired" in names
    assert "ops.records_prune" in names
    assert "ops.database_statistics_refresh" in names
    with pytest.raises(ValueError):
        schedule.periodic(every=timedelta(0))


def ticks(home) -> list[tuple[int, float]]:
    path = home / "ticks"
    if not path.exists():
        return []
    return [
        (int(pid), float(at))
        for pid, at in (line.split() for line in path.read_text().splitlines())
    ]


@pytest.mark.fault
@pytest.mark.django_db  # the private copy is made from the test database
def test_two_schedulers_run_each_job_once_and_the_survivor_takes_over(
    site_database, processes, tmp_path
):
    home = tmp_path / "home"
    env = site_database.env(home)
    first = processes.start("scheduler", *FAST, env=env, log=tmp_path / "scheduler-1.log")
    second = processes.start("scheduler", *FAST, env=env, log=tmp_path / "scheduler-2.log")
    wait_for(lambda: len(ticks(home)) >= 3, timeout=90, what="three ticks of the job")

    leaders = {pid for pid, _ in ticks(home)}
    assert len(leaders) == 1, "both schedulers ran the job"
    leader = first if leaders == {first.pid} else second
    survivor = second if leader is first else first
    leader.send_signal(signal.SIGKILL)

    wait_for(
        lambda: ticks(home)[-1][0] == survivor.pid,
        timeout=60,
        what="the other scheduler to take over",
    )
    pids = [pid for pid, _ in ticks(home)]
    handover = pids.index(survivor.pid)
    assert set(pids[:handover]) == {leader.pid}
    assert set(pids[handover:]) == {survivor.pid}


@pytest.mark.django_db
def test_the_daily_statistics_job_tells_the_planner_about_the_stories_and_their_index():
    from django.db import connection

    from masthead.stories import factories

    factories.article(factories.section("Region"))
    schedule.database_statistics_refresh()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT idx FROM sqlite_stat1 WHERE tbl = 'stories_story'")
            assert "story_updated" in {row[0] for row in cursor.fetchall()}
        else:
            cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = 'stories_story'")
            assert cursor.fetchone()[0] > 0
