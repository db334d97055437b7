"""Make a task's database effect happen once, however often the task runs."""

from django.db import transaction

from masthead.ops.models import TaskReceipt


def receipt_take(*, key: str) -> bool:
    """Record that the effect `key` happened; False if it already had.

    Call it inside the transaction that makes the effect: if the task dies before the
    commit, neither the effect nor the receipt exists and a re-run does both; if it dies
    after, the re-run finds the receipt and skips the effect.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("receipt_take must run inside the effect's transaction.atomic()")
    _, created = TaskReceipt.objects.get_or_create(key=key)
    return created
