from django_tasks import task

from masthead.ops.schedule import job_named


@task()
def periodic_job_run(*, name: str) -> None:
    """Run the periodic job `name`; the scheduler enqueues it when it is due."""
    job_named(name).func()
