"""Masthead behind a real Varnish, started by the test with the VCL shipped in deploy/."""

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from masthead.stories import factories as f

VCL = Path(__file__).resolve().parents[3] / "deploy" / "varnish" / "masthead.vcl"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def varnish(live_server, tmp_path, settings):
    binary = shutil.which("varnishd") or "/usr/sbin/varnishd"
    if not os.path.exists(binary):
        if os.environ.get("MASTHEAD_REQUIRE_TOOLS") == "1":
            pytest.fail("varnishd is required (Debian package varnish) but not installed")
        pytest.skip("varnishd is not installed (Debian package varnish)")
    backend_port = live_server.url.rsplit(":", 1)[1]
    vcl = tmp_path / "masthead.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8000";', f'.port = "{backend_port}";'))
    port = _free_port()
    process = subprocess.Popen(
        [
            binary,
            "-F",
            "-j",
            "none",
            "-n",
            str(tmp_path / "varnish"),
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            str(vcl),
            "-s",
            "malloc,32m",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": url,
        }
    }
    yield url
    process.terminate()
    process.wait(timeout=10)


def fetch(url: str) -> tuple[str, str]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.headers.get("X-Varnish-Cache", ""), response.read().decode()


@pytest.mark.django_db(transaction=True)
def test_an_edited_article_shows_through_varnish_within_two_seconds(varnish, page_cache):
    section = f.section("Region")
    story = f.article(section, title="Dam level rises after rain")
    url = varnish + story.url
    assert fetch(url)[0] == "MISS"
    cache_state, html = fetch(url)
    assert cache_state == "HIT" and "Dam level rises after rain" in html

    story.title = "Dam level rises to a ten-year high"
    story.save_revision().publish()

    deadline = time.monotonic() + 2
    while time.monotonic() < deadline:
        if "ten-year high" in fetch(url)[1]:
            break
        time.sleep(0.1)
    assert "ten-year high" in fetch(url)[1]


@pytest.mark.django_db(transaction=True)
def test_readers_cookies_do_not_split_or_reach_the_varnish_cache(varnish):
    story = f.article(f.section("Region"), title="Bus lanes open on the ring road")
    url = varnish + story.url
    fetch(url)
    request = urllib.request.Request(url, headers={"Cookie": "masthead_reader=abc; other=1"})
    with urllib.request.urlopen(request, timeout=5) as response:
        assert response.headers["X-Varnish-Cache"] == "HIT"
