"""Answer page-cache hits at the WSGI layer, before Django's request and middleware.

A hit costs one cache read and no Django request object; anything else goes on to
Django, whose PageCacheMiddleware stores what it renders. A hit carries its request id
as Django's responses do (RequestIdMiddleware), so the access log names it too.
"""

from masthead.ops.logs import request_id_from
from masthead.pagecache import serving, store


class PageCacheApplication:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD", "")
        path = environ.get("PATH_INFO", "")
        if not serving.cacheable_request(method, path, environ.get("HTTP_COOKIE", "")):
            return self.application(environ, start_response)
        host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
        if not serving.host_is_allowed(host):
            return self.application(environ, start_response)
        entry = store.lookup(host, path, environ.get("QUERY_STRING", ""))
        if entry is None:
            return self.application(environ, start_response)
        status, headers, body = serving.hit_headers(
            entry,
            if_none_match=environ.get("HTTP_IF_NONE_MATCH", ""),
            accept_encoding=environ.get("HTTP_ACCEPT_ENCODING", ""),
            head=method == "HEAD",
        )
        headers.append(("X-Request-ID", request_id_from(environ.get("HTTP_X_REQUEST_ID"))))
        start_response(status, headers)
        return [body]
