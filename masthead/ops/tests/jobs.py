"""A periodic job for the scheduler test: it notes which process ran it, and when."""

import os
import time
from datetime import timedelta

from django.conf import settings

from masthead.ops.schedule import periodic


@periodic(every=timedelta(seconds=1), name="test.tick")
def tick() -> None:
    with open(settings.HOME / "ticks", "a") as ticks:
        ticks.write(f"{os.getpid()} {time.time():.3f}\n")
