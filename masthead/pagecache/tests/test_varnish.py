"""Masthead behind a real Varnish, started by the test with the VCL shipped in deploy/."""

import gzip
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from masthead import config
from masthead.stories import factories as f

VCL = Path(__file__).resolve().parents[3] / "deploy" / "varnish" / "masthead.vcl"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def varnish(live_server, tmp_path, settings, monkeypatch):
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
    monkeypatch.setenv("MASTHEAD_FRONTEND_CACHE_URL", url)
    settings.WAGTAILFRONTENDCACHE = config.front_caches()  # as settings.py reads it
    yield url
    process.terminate()
    process.wait(timeout=10)


def fetch(url: str) -> tuple[str, str]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.headers.get("X-Varnish-Cache", ""), response.read().decode()


def fetch_encoded(url: str, accept_encoding: str | None) -> tuple[str, str, str]:
    """Cache state, Content-Encoding and the text of `url`, for a reader who sends
    `accept_encoding` (None: no header at all)."""
    request = urllib.request.Request(url)
    if accept_encoding is not None:
        request.add_header("Accept-Encoding", accept_encoding)
    else:
        request.remove_header("Accept-encoding")
    with urllib.request.urlopen(request, timeout=5) as response:
        encoding = response.headers.get("Content-Encoding", "")
        body = response.read()
        text = (gzip.decompress(body) if encoding == "gzip" else body).decode()
        return response.headers.get("X-Varnish-Cache", ""), encoding, text


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
def test_a_varnish_hit_does_not_repeat_the_request_id_of_the_request_that_filled_it(
    varnish, page_cache
):
    story = f.article(f.section("Region"), title="Night buses return to the old town")
    url = varnish + story.url

    def headers(request_id):
        request = urllib.request.Request(url, headers={"X-Request-ID": request_id})
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.headers

    miss = headers("filled-the-cache")
    assert miss["X-Varnish-Cache"] == "MISS"
    assert miss["X-Request-ID"] == "filled-the-cache" and miss["X-Cache"]
    hit = headers("a-later-reader")
    assert hit["X-Varnish-Cache"] == "HIT" and hit["X-Varnish"]
    assert "X-Request-ID" not in hit and "X-Cache" not in hit


@pytest.mark.django_db(transaction=True)
def test_readers_cookies_do_not_split_or_reach_the_varnish_cache(varnish):
    story = f.article(f.section("Region"), title="Bus lanes open on the ring road")
    url = varnish + story.url
    fetch(url)
    request = urllib.request.Request(url, headers={"Cookie": "masthead_reader=abc; other=1"})
    with urllib.request.urlopen(request, timeout=5) as response:
        assert response.headers["X-Varnish-Cache"] == "HIT"


@pytest.mark.django_db(transaction=True)
def test_varnish_keeps_a_plain_copy_for_readers_without_gzip_and_purges_both(varnish, page_cache):
    story = f.article(f.section("Region"), title="Ferry timetable changes for winter")
    url = varnish + story.url
    gzip_reader, plain_reader = "gzip, deflate", None
    # Each encoding is its own object: the gzip reader's first visit is a miss too.
    assert fetch_encoded(url, plain_reader)[:2] == ("MISS", "")
    assert fetch_encoded(url, gzip_reader)[:2] == ("MISS", "gzip")
    state, encoding, html = fetch_encoded(url, plain_reader)
    assert (state, encoding) == ("HIT", "") and "Ferry timetable changes" in html
    assert fetch_encoded(url, "identity")[:2] == ("HIT", "")
    state, encoding, html = fetch_encoded(url, gzip_reader)
    assert (state, encoding) == ("HIT", "gzip") and "Ferry timetable changes" in html

    story.title = "Ferry timetable cut to two sailings a day"
    story.save_revision().publish()

    def both_fresh() -> bool:
        return all(
            "two sailings a day" in fetch_encoded(url, reader)[2]
            for reader in (plain_reader, gzip_reader)
        )

    deadline = time.monotonic() + 2
    while time.monotonic() < deadline and not both_fresh():
        time.sleep(0.1)
    plain, zipped = fetch_encoded(url, plain_reader), fetch_encoded(url, gzip_reader)
    assert plain[1] == "" and "two sailings a day" in plain[2]
    assert zipped[1] == "gzip" and "two sailings a day" in zipped[2]
