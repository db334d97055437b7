"""Masthead's settings plus one probe URL that makes an acknowledged write (a session)."""

from masthead.settings import *  # noqa: F403

ROOT_URLCONF = "masthead.ops.tests.probe_urls"
