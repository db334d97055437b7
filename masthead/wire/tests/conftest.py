import http.server
import io
import threading

import pytest
from PIL import Image

from masthead.core.fetch import Response
from masthead.stories import factories as f


def jpeg_bytes(size=(640, 400), colour=(30, 90, 150)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG", quality=60)
    return buffer.getvalue()


class FakePictures:
    """A picture fetcher for documents that name real agencies' URLs: no network."""

    def __init__(self):
        self.urls = []

    def __call__(self, url):
        self.urls.append(url)
        return Response(url, 200, "image/jpeg", jpeg_bytes())


@pytest.fixture
def fake_pictures():
    return FakePictures()


@pytest.fixture
def section(db):
    return f.section("World", slug="world")


class _Handler(http.server.SimpleHTTPRequestHandler):
    redirects: dict = {}
    seen_hosts: list = []

    def do_GET(self):
        self.seen_hosts.append(self.headers.get("Host"))
        target = self.redirects.get(self.path)
        if target:
            self.send_response(302)
            self.send_header("Location", target)
            self.end_headers()
            return
        super().do_GET()

    def log_message(self, *args):
        pass


@pytest.fixture
def web(tmp_path, settings):
    """A local HTTP server for feeds and pictures; only its host is allowed to the fetcher."""
    root = tmp_path / "www"
    root.mkdir()
    handler = type("Handler", (_Handler,), {"redirects": {}, "seen_hosts": []})

    def make(*args, **kwargs):
        return handler(*args, directory=str(root), **kwargs)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), make)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.MASTHEAD_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    server.root = root
    server.handler = handler
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()
