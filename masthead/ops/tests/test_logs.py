import io
import json
import logging

from django.http import HttpResponse
from django.test import RequestFactory

from masthead.ops.logs import JsonFormatter, RequestIdFilter
from masthead.ops.middleware import RequestIdMiddleware


def json_logger(stream):
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("masthead.test.json")
    logger.handlers = [handler]
    logger.propagate = False
    logger.setLevel(logging.INFO)
    return logger


def test_each_log_line_is_one_json_object_with_the_request_id():
    stream = io.StringIO()
    logger = json_logger(stream)

    def view(request):
        logger.info("story saved", extra={"story": 42})
        return HttpResponse("ok")

    request = RequestFactory().get("/", HTTP_X_REQUEST_ID="edge-7f3a")
    response = RequestIdMiddleware(view)(request)
    logger.info("outside any request")

    inside, outside = (json.loads(line) for line in stream.getvalue().splitlines())
    assert response["X-Request-ID"] == "edge-7f3a"
    assert inside["request_id"] == "edge-7f3a"
    assert inside["message"] == "story saved" and inside["story"] == 42
    assert inside["level"] == "info" and inside["logger"] == "masthead.test.json"
    assert "request_id" not in outside


def test_exceptions_stay_on_the_same_json_line():
    stream = io.StringIO()
    try:
        raise ValueError("bad wire item")
    except ValueError:
        json_logger(stream).exception("import failed")
    [line] = stream.getvalue().splitlines()
    entry = json.loads(line)
    assert "ValueError: bad wire item" in entry["exception"]


def test_a_request_without_a_usable_id_gets_a_new_one():
    view = RequestIdMiddleware(lambda request: HttpResponse("ok"))
    plain = view(RequestFactory().get("/"))["X-Request-ID"]
    forged = view(RequestFactory().get("/", HTTP_X_REQUEST_ID="a b\nInjected: 1"))
    assert len(plain) == 32 and plain.isalnum()
    assert forged["X-Request-ID"] != "a b\nInjected: 1" and len(forged["X-Request-ID"]) == 32
