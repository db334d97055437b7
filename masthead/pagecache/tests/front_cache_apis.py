"""Local stand-ins for the Cloudflare and CloudFront purge APIs, which a test cannot reach.

Wagtail's own backends talk to them unchanged. CloudFront's is reached through boto3's
endpoint setting (AWS_ENDPOINT_URL_CLOUDFRONT). Cloudflare's address is written into
Wagtail's backend, so its requests go through an HTTPS proxy (HTTPS_PROXY) that answers
for api.cloudflare.com itself, with a certificate made here and trusted through
REQUESTS_CA_BUNDLE: the request crosses TLS as it would to Cloudflare.
"""

import json
import socketserver
import ssl
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from masthead.wire.parsers.safexml import parse_xml

CLOUDFLARE_HOST = "api.cloudflare.com"
CLOUDFRONT_NS = "{http://cloudfront.amazonaws.com/doc/2020-05-31/}"


class _Recorder(BaseHTTPRequestHandler):
    """Keeps each request (path, headers, body) on the server and answers with the
    server's `reply`: (status, content type, body)."""

    def do_POST(self):  # noqa: N802 - the HTTP method's name
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.requests.append((self.path, dict(self.headers), body))
        status, content_type, reply = self.server.reply
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):
        pass


class _Tunnel(socketserver.StreamRequestHandler):
    """An HTTPS proxy that plays the host it is asked to tunnel to: it accepts the
    CONNECT, then speaks TLS with the client as api.cloudflare.com would."""

    def handle(self):
        request_line = self.rfile.readline().decode("latin-1").split()
        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
            pass
        if request_line[:2] != ["CONNECT", f"{CLOUDFLARE_HOST}:443"]:
            self.wfile.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
            return
        self.wfile.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
        self.wfile.flush()
        with self.server.tls.wrap_socket(self.connection, server_side=True) as tls:
            _Recorder(tls, self.client_address, self.server)


class StandIn:
    """A stand-in API on a local port; `requests` holds what it was sent."""

    def __init__(self, server):
        self.server = server
        server.requests = []
        server.reply = (200, "text/plain", b"")
        self.thread = threading.Thread(target=server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    @property
    def requests(self) -> list[tuple[str, dict, bytes]]:
        return self.server.requests

    def answer(self, status: int, content_type: str, body: bytes) -> None:
        self.server.reply = (status, content_type, body)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class _TunnelServer(socketserver.ThreadingTCPServer):
    daemon_threads = True


def certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for api.cloudflare.com: (certificate, key)."""
    cert, key = folder / "cloudflare.pem", folder / "cloudflare.key"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "2",
            "-subj",
            f"/CN={CLOUDFLARE_HOST}",
            "-addext",
            f"subjectAltName=DNS:{CLOUDFLARE_HOST}",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def cloudflare(folder: Path) -> tuple[StandIn, Path]:
    """Cloudflare's API behind a local HTTPS proxy: (the stand-in, the certificate to trust).
    It answers every purge as Cloudflare does a successful one until told otherwise."""
    cert, key = certificate(folder)
    server = _TunnelServer(("127.0.0.1", 0), _Tunnel)
    server.tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.tls.load_cert_chain(cert, key)
    stand_in = StandIn(server)
    stand_in.answer(*cloudflare_reply(success=True))
    return stand_in, cert


def cloudflare_reply(*, success: bool, message: str = "") -> tuple[int, str, bytes]:
    errors = [] if success else [{"code": 10000, "message": message}]
    body = {"success": success, "errors": errors, "messages": [], "result": None}
    return (200 if success else 403), "application/json", json.dumps(body).encode()


def cloudflare_purged(stand_in: StandIn) -> list[str]:
    """Every URL the stand-in was asked to purge, in order."""
    return [url for _path, _headers, body in stand_in.requests for url in json.loads(body)["files"]]


def cloudfront() -> StandIn:
    """CloudFront's API on a local port; it accepts every invalidation until told otherwise."""
    stand_in = StandIn(ThreadingHTTPServer(("127.0.0.1", 0), _Recorder))
    stand_in.answer(
        201,
        "text/xml",
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/">'
        b"<Id>I2J0I21PCUYOIK</Id><Status>InProgress</Status>"
        b"<CreateTime>2026-11-28T05:00:00Z</CreateTime>"
        b"<InvalidationBatch><Paths><Quantity>0</Quantity></Paths>"
        b"<CallerReference>stand-in</CallerReference></InvalidationBatch></Invalidation>",
    )
    return stand_in


def cloudfront_refusal(code: str, message: str) -> tuple[int, str, bytes]:
    body = (
        '<?xml version="1.0"?><ErrorResponse xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/">'
        f"<Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error>"
        "<RequestId>stand-in</RequestId></ErrorResponse>"
    )
    return 403, "text/xml", body.encode()


def cloudfront_invalidated(stand_in: StandIn) -> list[str]:
    """Every path the stand-in was asked to invalidate, in order."""
    paths = []
    for _path, _headers, body in stand_in.requests:
        paths += [item.text for item in parse_xml(body).iter(f"{CLOUDFRONT_NS}Path")]
    return paths
