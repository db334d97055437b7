import datetime
import email
from email import policy

import pytest
from django.core import mail

from masthead.newsletter.mail import DigestMessages, digest_message
from masthead.newsletter.models import DigestIssue
from masthead.newsletter.sending import Backoff, digest_send

pytestmark = pytest.mark.django_db

HTML = '<table><tr><td>Caf\u00e9 news <a href="{{unsubscribe_url}}">Unsubscribe</a></td></tr>'
HTML += "</table>"


@pytest.fixture
def issue(db):
    return DigestIssue.objects.create(
        date=datetime.date(2026, 11, 27),
        subject="Caf\u00e9 reopens after the flood",
        html=HTML,
        text="Caf\u00e9 reopens\nUnsubscribe: {{unsubscribe_url}}\n",
    )


def parsed(message) -> email.message.EmailMessage:
    data = message.message().as_bytes(linesep="\r\n")
    return email.message_from_bytes(data, policy=policy.default)


def test_filled_in_copy_reads_like_one_built_for_the_subscriber(issue, confirmed):
    reader = confirmed("reader@example.com")
    fast = parsed(DigestMessages(issue).for_subscriber(reader))
    slow = parsed(digest_message(issue, reader))
    for header in ("Subject", "To", "From", "Message-ID", "List-Unsubscribe"):
        assert str(fast[header]).strip() == str(slow[header]).strip(), header
    assert fast["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert fast.get_body(("plain",)).get_content() == slow.get_body(("plain",)).get_content()
    assert fast.get_body(("html",)).get_content() == slow.get_body(("html",)).get_content()
    assert "placeholder" not in fast.as_string()


def test_address_that_is_not_ascii_gets_a_copy_built_the_ordinary_way(issue, confirmed):
    reader = confirmed("reader@b\u00fccher.example")
    copy = DigestMessages(issue).for_subscriber(reader)
    assert type(copy).__name__ == "EmailMultiAlternatives"
    assert "xn--bcher-kva.example" in parsed(copy)["To"]


def test_body_with_very_long_lines_gets_copies_built_the_ordinary_way(issue, confirmed):
    issue.html = "<p>" + "word " * 400 + '</p><a href="{{unsubscribe_url}}">x</a>'
    reader = confirmed("reader@example.com")
    messages = DigestMessages(issue)
    assert messages.template is None
    copy = messages.for_subscriber(reader)
    assert "/newsletter/unsubscribe/" in parsed(copy).get_body(("html",)).get_content()


def test_digest_goes_through_any_django_backend(issue, confirmed, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    confirmed("reader@example.com")
    issue = digest_send(issue=issue, backoff=Backoff(retries=1, first_delay=0))
    [message] = mail.outbox
    assert message.to == ["reader@example.com"]
    assert "/newsletter/unsubscribe/" in message.alternatives[0][0]
    assert b"Caf\xc3\xa9 news" in message.message().as_bytes()
    assert issue.sent == 1


def test_digest_is_written_by_the_default_file_backend(issue, confirmed, settings, tmp_path):
    settings.EMAIL_BACKEND = "masthead.ops.files.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    confirmed("reader@example.com")
    digest_send(issue=issue, backoff=Backoff(retries=1, first_delay=0))
    text = b"".join(path.read_bytes() for path in tmp_path.iterdir())
    assert text.count(b"To: reader@example.com") == 1
    assert b"\r\n" not in text


@pytest.fixture
def provider():
    """A local stand-in for a mail provider's HTTP API (Postmark's): records each call."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    calls = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            calls.append({"path": self.path, "token": self.headers["X-Postmark-Server-Token"]})
            calls[-1]["body"] = body
            answer = json.dumps(
                {"ErrorCode": 0, "Message": "OK", "MessageID": "p-1", "To": body["To"]}
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/", calls
    server.shutdown()


def test_digest_goes_through_a_provider_named_in_email_url(
    issue, confirmed, settings, monkeypatch, tmp_path, provider
):
    from masthead import config

    url, calls = provider
    monkeypatch.setenv("EMAIL_URL", "anymail://postmark")
    settings.EMAIL_BACKEND = config.email(tmp_path)["EMAIL_BACKEND"]
    settings.ANYMAIL = {"POSTMARK_SERVER_TOKEN": "server-token", "POSTMARK_API_URL": url}
    confirmed("reader@example.com")
    issue = digest_send(issue=issue, backoff=Backoff(retries=1, first_delay=0))
    [call] = calls
    assert call["token"] == "server-token"
    assert call["body"]["To"] == "reader@example.com"
    headers = {h["Name"]: h["Value"] for h in call["body"]["Headers"]}
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/newsletter/unsubscribe/" in call["body"]["HtmlBody"]
    assert issue.sent == 1
