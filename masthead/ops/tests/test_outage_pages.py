import errno

from django.db import InterfaceError, OperationalError
from django.test import RequestFactory

from masthead.ops.files import StorageFull
from masthead.ops.pages import is_disk_full
from masthead.ops.views import server_error


def raised(exc: BaseException):
    """Call the 500 handler as Django does: while `exc` is being handled."""
    try:
        raise exc
    except BaseException:
        return server_error(RequestFactory().get("/world/"))


def test_database_errors_outside_a_view_get_the_plain_503_page():
    for exc in (OperationalError("server closed the connection"), InterfaceError("closed")):
        response = raised(exc)
        assert response.status_code == 503
        assert b"Please try again shortly." in response.content
        assert b"Traceback" not in response.content
        assert response["Retry-After"] == "30"
        assert response["Cache-Control"] == "no-store"


def test_a_full_disk_gets_the_507_page_even_when_wrapped():
    try:
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError as cause:
            raise RuntimeError("rendition failed") from cause
    except RuntimeError as wrapped:
        assert is_disk_full(wrapped)
        response = raised(wrapped)
    assert response.status_code == 507
    assert b"Nothing was saved" in response.content
    assert is_disk_full(StorageFull(errno.ENOSPC, "full"))


def test_other_errors_keep_the_ordinary_500_page():
    response = raised(ValueError("a bug"))
    assert response.status_code == 500
    assert b"Something went wrong" in response.content
