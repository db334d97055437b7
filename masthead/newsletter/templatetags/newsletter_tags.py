from django import template
from django.urls import reverse

from masthead.humancheck import verdict

register = template.Library()


@register.inclusion_tag("newsletter/_signup.html")
def newsletter_signup():
    """The footer signup form: the same for every reader, so the page stays cacheable."""
    return {
        "action": reverse("newsletter:signup"),
        "challenge_url": reverse("humancheck:challenge"),
        "token_field": verdict.TOKEN_FIELD,
        "pow_field": verdict.POW_FIELD,
        "honeypot_field": verdict.HONEYPOT_FIELD,
    }
