import json

from django import template
from django.urls import reverse

from masthead.humancheck import verdict

register = template.Library()


@register.inclusion_tag("humancheck/_fields.html")
def humancheck_fields(challenge=None, fallback_url="", answer_error=""):
    """Render the question's fields: filled when a challenge is given, else by the script.

    A cached page has no challenge of its own: the script fetches one, and a reader
    without JavaScript follows `fallback_url` to an uncached page that has one.
    """
    return {
        "challenge": challenge,
        "pow_json": json.dumps(challenge.proof_of_work) if challenge else "",
        "challenge_url": reverse("humancheck:challenge"),
        "fallback_url": fallback_url,
        "answer_error": answer_error,
        "token_field": verdict.TOKEN_FIELD,
        "answer_field": verdict.ANSWER_FIELD,
        "pow_field": verdict.POW_FIELD,
        "honeypot_field": verdict.HONEYPOT_FIELD,
    }
