"""What `masthead serve` puts between granian and Masthead."""

from masthead.ops.webserver import RequestEnvironOnly


def test_the_server_process_environment_never_reaches_a_request():
    seen = {}

    def app(environ, start_response):
        seen.update(environ)
        return [b""]

    process = {"DATABASE_URL": "postgres://masthead:secret@db/masthead", "PATH": "/usr/bin"}
    wrapped = RequestEnvironOnly(app, process_keys=[*process, "HTTP_HOST", "SCRIPT_NAME"])
    # Granian's environ: the process environment, then the request over it.
    environ = {
        **process,
        "SCRIPT_NAME": "",
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/",
        "HTTP_HOST": "news.example",
        "wsgi.url_scheme": "https",
    }
    wrapped(environ, lambda status, headers: None)
    assert "DATABASE_URL" not in seen and "PATH" not in seen
    assert seen["HTTP_HOST"] == "news.example" and seen["REQUEST_METHOD"] == "GET"
    assert seen["SCRIPT_NAME"] == "" and seen["wsgi.url_scheme"] == "https"
