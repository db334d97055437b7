"""What the cluster's processes share through the database: leases, heartbeats, receipts."""

from django.db import models


class Lease(models.Model):
    """A named role (the scheduler) held by one process until it stops renewing it."""

    name = models.CharField(max_length=64, primary_key=True)
    holder = models.CharField(max_length=128, blank=True)
    expires_at = models.DateTimeField()

    def __str__(self):
        return f"{self.name} held by {self.holder or 'nobody'} until {self.expires_at:%H:%M:%S}"


class JobRun(models.Model):
    """When a periodic job last started and is next due, cluster-wide."""

    name = models.CharField(max_length=200, primary_key=True)
    last_started_at = models.DateTimeField(null=True)
    next_due_at = models.DateTimeField()

    def __str__(self):
        return self.name


class WorkerHeartbeat(models.Model):
    """A running `masthead worker`; a stale heartbeat means the worker died."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField(auto_now_add=True)
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.worker_id} ({self.hostname}:{self.pid})"


class TaskReceipt(models.Model):
    """Proof that a task's effect was committed, so a re-run after a crash skips it."""

    key = models.CharField(max_length=255, primary_key=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return self.key
