import http.server
import socket
import threading

import pytest

from masthead.core import fetch


class Handler(http.server.BaseHTTPRequestHandler):
    hosts: list = []

    def do_GET(self):
        self.hosts.append(self.headers.get("Host"))
        routes = {
            "/feed.xml": (200, {"Content-Type": "application/rss+xml"}, b"<rss></rss>"),
            "/to-private": (302, {"Location": "http://10.1.2.3/feed.xml"}, b""),
            "/to-metadata": (302, {"Location": "http://169.254.169.254/latest/"}, b""),
            "/to-localhost": (
                302,
                {"Location": f"http://localhost:{self.server.port}/feed.xml"},
                b"",
            ),  # noqa: E501
            "/to-feed": (301, {"Location": "/feed.xml"}, b""),
            "/loop": (302, {"Location": "/loop"}, b""),
            "/big": (200, {}, b"x" * 5000),
            "/missing": (404, {}, b"no"),
        }
        status, headers, body = routes.get(self.path, (404, {}, b""))
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    handler = type("H", (Handler,), {"hosts": []})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.port = httpd.server_address[1]
    httpd.handler = handler
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def allow_local(settings):
    settings.MASTHEAD_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.0.0.8",
        "172.16.5.4",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fc00::1",
        "fd12:3456::1",
        "fe80::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "64:ff9b::7f00:1",
        "2002:7f00:1::1",
    ],
)
def test_non_public_addresses_are_refused(address):
    assert fetch.refusal_reason(address)


@pytest.mark.parametrize("address", ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_are_allowed(address):
    assert fetch.refusal_reason(address) is None


def test_loopback_url_is_refused_unless_its_host_is_allowed(server, settings):
    url = f"http://127.0.0.1:{server.port}/feed.xml"
    settings.MASTHEAD_FETCH_ALLOWED_HOSTS = []
    with pytest.raises(fetch.BlockedAddress, match="loopback"):
        fetch.fetch(url)
    assert server.handler.hosts == []  # refused before connecting
    settings.MASTHEAD_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    assert fetch.fetch(url).content == b"<rss></rss>"


def test_localhost_by_name_is_refused(server, settings):
    settings.MASTHEAD_FETCH_ALLOWED_HOSTS = []
    with pytest.raises(fetch.BlockedAddress):
        fetch.fetch(f"http://localhost:{server.port}/feed.xml")


@pytest.mark.parametrize("url", ["http://10.0.0.1/", "http://192.168.0.10:8080/x", "http://[::1]/"])
def test_private_urls_are_refused(url):
    with pytest.raises(fetch.BlockedAddress):
        fetch.fetch(url)


@pytest.mark.parametrize("path", ["/to-private", "/to-metadata", "/to-localhost"])
def test_redirect_to_a_private_or_loopback_target_is_refused(server, allow_local, path):
    with pytest.raises(fetch.BlockedAddress):
        fetch.fetch(f"http://127.0.0.1:{server.port}{path}")


def test_redirect_within_an_allowed_host_is_followed(server, allow_local):
    response = fetch.fetch(f"http://127.0.0.1:{server.port}/to-feed")
    assert response.url.endswith("/feed.xml")
    assert response.content_type == "application/rss+xml"


def test_redirect_loop_stops(server, allow_local):
    with pytest.raises(fetch.FetchError, match="redirects"):
        fetch.fetch(f"http://127.0.0.1:{server.port}/loop")


def test_a_name_is_connected_to_the_address_checked_with_its_host_header(
    server, settings, monkeypatch
):
    monkeypatch.setattr(fetch, "resolve", lambda host, port: ["127.0.0.1"])
    settings.MASTHEAD_FETCH_ALLOWED_HOSTS = ["feeds.example"]
    response = fetch.fetch(f"http://feeds.example:{server.port}/feed.xml")
    assert response.status == 200
    assert server.handler.hosts == [f"feeds.example:{server.port}"]


def test_every_resolved_address_is_checked(monkeypatch):
    monkeypatch.setattr(fetch, "resolve", lambda host, port: ["93.184.215.14", "127.0.0.1"])
    with pytest.raises(fetch.BlockedAddress, match="127.0.0.1"):
        fetch.fetch("http://mixed.example/feed.xml")


def test_documents_over_the_size_cap_are_refused(server, allow_local):
    with pytest.raises(fetch.FetchError, match="bytes"):
        fetch.fetch(f"http://127.0.0.1:{server.port}/big", max_bytes=1000)
    assert len(fetch.fetch(f"http://127.0.0.1:{server.port}/big").content) == 5000


def test_caps_are_ten_megabytes_per_document_and_twenty_five_per_picture():
    assert fetch.DOCUMENT_MAX_BYTES == 10 * 1024 * 1024
    assert fetch.PICTURE_MAX_BYTES == 25 * 1024 * 1024


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/x", "gopher://x/"])
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(fetch.FetchError, match="only http and https"):
        fetch.fetch(url)


def test_an_error_status_is_reported(server, allow_local):
    with pytest.raises(fetch.FetchError, match="HTTP 404"):
        fetch.fetch(f"http://127.0.0.1:{server.port}/missing")


def test_a_silent_server_times_out(allow_local):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    try:
        with pytest.raises(fetch.FetchError):
            fetch.fetch(f"http://127.0.0.1:{listener.getsockname()[1]}/", timeout=0.3)
    finally:
        listener.close()
