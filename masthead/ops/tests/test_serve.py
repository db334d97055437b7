"""`masthead serve` in production mode, end to end: collectstatic, gunicorn, WhiteNoise, logs."""

import gzip
import json
import secrets

import pytest

from masthead.ops.tests.services import http, masthead, serve

HTTPS = {"X-Forwarded-Proto": "https"}


@pytest.mark.django_db  # the private copy is made from the test database
def test_production_server_serves_pages_hashed_static_files_and_json_logs(
    site_database, processes, tmp_path
):
    home = tmp_path / "home"
    env = site_database.env(
        home,
        MASTHEAD_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        MASTHEAD_BASE_URL="https://news.example",
        LOG_FORMAT="json",
        LOG_LEVEL="INFO",
    )
    masthead("collectstatic", "--noinput", "-v0", env=env, timeout=300)
    log = tmp_path / "serve.log"
    base = serve(processes, env, log)

    assert http(base + "/").status == 301  # plain HTTP goes to https
    page = http(base + "/fault-desk/fault-test-story/", headers={**HTTPS, "X-Request-ID": "abc-1"})
    assert page.status == 200
    assert b"Fault test story" in page.body
    assert page.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert page.headers["Content-Security-Policy"].startswith("default-src 'self'; script-src")
    assert page.headers["X-Request-ID"] == "abc-1"
    # The same page again comes from the page cache, before Django: with its own id.
    hit = http(base + "/fault-desk/fault-test-story/", headers={**HTTPS, "X-Request-ID": "abc-2"})
    assert hit.headers["X-Cache"] == "HIT" and hit.headers["X-Request-ID"] == "abc-2"
    assert http(base + "/readyz").status == 200  # probes are exempt from the redirect

    manifest = json.loads((home / "static" / "staticfiles.json").read_text())
    hashed = manifest["paths"]["masthead/css/site.css"]
    assert hashed != "masthead/css/site.css"
    assert f"/static/{hashed}".encode() in page.body
    css = http(f"{base}/static/{hashed}", headers={**HTTPS, "Accept-Encoding": "gzip"})
    assert css.status == 200
    assert css.headers["Content-Encoding"] == "gzip"
    assert b".site-header" in gzip.decompress(css.body)
    assert "immutable" in css.headers["Cache-Control"]
    assert "max-age=315360000" in css.headers["Cache-Control"]

    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    access = [line for line in lines if line["logger"] == "gunicorn.access"]
    # Threads log when they finish, so the miss and the hit may be logged in either order.
    logged = {line.get("request_id"): line for line in access}
    for request_id in ("abc-1", "abc-2"):
        assert logged[request_id]["path"] == "/fault-desk/fault-test-story/"
        assert logged[request_id]["status"] == 200
    assert any(line["logger"] == "gunicorn.error" for line in lines)
