from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET

from masthead.humancheck.challenge import challenge_issue


@require_GET
def challenge(request):
    """Hand a page that came from a cache a fresh question, token and proof-of-work challenge."""
    response = JsonResponse(challenge_issue().as_json())
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response
