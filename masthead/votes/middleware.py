from django.utils.cache import add_never_cache_headers

from masthead.votes.views import RECEIPT_PARAMETER


class VoteReceiptMiddleware:
    """Keep the page a voter is sent back to (story/?voted=up#votes) out of every cache.

    It shows that reader's vote and a count that includes it; the story's page without the
    parameter stays the same for every reader and keeps its public cache headers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if RECEIPT_PARAMETER in request.GET:
            if "Cache-Control" in response:
                del response["Cache-Control"]
            add_never_cache_headers(response)
        return response
