"""Moderation purges the article from a front-end cache (Varnish), as Wagtail does for pages."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from masthead import config
from masthead.comments import services
from masthead.comments.models import Comment

pytestmark = pytest.mark.django_db


class PurgeRecorder(BaseHTTPRequestHandler):
    received: list = []

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.received.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def varnish(settings, monkeypatch):
    server = HTTPServer(("127.0.0.1", 0), PurgeRecorder)
    PurgeRecorder.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("MASTHEAD_FRONTEND_CACHE_URL", f"http://127.0.0.1:{server.server_port}")
    settings.WAGTAILFRONTENDCACHE = config.front_caches()  # as settings.py reads it
    yield PurgeRecorder.received
    server.shutdown()
    server.server_close()


def test_approving_a_comment_purges_its_article(
    story, moderator, varnish, django_capture_on_commit_callbacks
):
    comment = Comment.objects.create(story=story, name="A", body="Text", thread="1")
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_approve(comment=comment, user=moderator)
    assert ("localhost", story.url) in varnish
