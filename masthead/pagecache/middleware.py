from masthead.pagecache import serving, store


class PageCacheMiddleware:
    """Serve anonymous pages from the page cache and keep the ones rendered on a miss.

    It sits first in the middleware list; the WSGI layer in masthead.pagecache.wsgi
    answers hits even earlier, before Django builds a request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cookie_header = request.META.get("HTTP_COOKIE", "")
        if not serving.cacheable_request(request.method, request.path, cookie_header):
            return self.get_response(request)
        host = request.get_host()  # validates the Host header against ALLOWED_HOSTS
        query = request.META.get("QUERY_STRING", "")
        entry = store.lookup(host, request.path, query)
        hit = entry is not None
        if not hit:
            response = self.get_response(request)
            if not store.is_storable(request, response):
                return response
            entry = store.entry_from_response(response)
            store.store(host, request.path, query, entry)
        return serving.build_response(
            entry,
            if_none_match=request.META.get("HTTP_IF_NONE_MATCH", ""),
            accept_encoding=request.META.get("HTTP_ACCEPT_ENCODING", ""),
            head=request.method == "HEAD",
            hit=hit,
        )
