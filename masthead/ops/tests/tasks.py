"""Tasks the fault tests run in real worker processes."""

import time
import uuid
from pathlib import Path

from django.db import transaction
from django_tasks import task

from masthead.ops.receipts import receipt_take


@task(takes_context=True)
def account_create_once(context, *, prefix: str, signal_path: str) -> None:
    """Create one account named after `prefix`; on the first attempt, then hang to be killed."""
    from masthead.accounts.models import User

    with transaction.atomic():
        if receipt_take(key=f"test-account:{prefix}"):
            User.objects.create(username=f"{prefix}-{uuid.uuid4().hex[:8]}")
    if context.attempt == 1:
        Path(signal_path).write_text("effect committed\n")
        time.sleep(120)  # the test kills the worker here
