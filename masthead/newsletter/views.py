"""Thin views: signup, confirmation and unsubscription pages, and the public archive."""

import datetime

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from masthead.core import ratelimit
from masthead.core.network import client_address
from masthead.core.origin import is_same_origin
from masthead.humancheck.challenge import challenge_issue
from masthead.newsletter.guard import signup_check
from masthead.newsletter.links import LinkRefused
from masthead.newsletter.models import DigestIssue
from masthead.newsletter.services import (
    subscriber_confirm,
    subscriber_signup,
    subscriber_unsubscribe,
)

# Signups accepted per client address each hour, beyond the human check's own limits.
SIGNUPS_PER_HOUR = 10
# One answer for every address, new, pending or subscribed: no one learns who reads the paper.
CHECK_INBOX = "Thank you. Please check your inbox: we have sent you a link to confirm."
BAD_LINK = "This link is not valid or has expired. Please sign up again from any page."


class SignupForm(forms.Form):
    email = forms.EmailField(max_length=254)


def never_cached(response):
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response


def status_page(request, message: str, *, status: int = 200, title: str = "Daily digest"):
    context = {"message": message, "title": title}
    return never_cached(render(request, "newsletter/status.html", context, status=status))


def question_page(request, form, *, message: str = "", status: int = 200):
    """The signup with the arithmetic question, for readers without JavaScript."""
    context = {"form": form, "message": message, "challenge": challenge_issue()}
    return never_cached(render(request, "newsletter/signup.html", context, status=status))


@csrf_exempt  # a cached page carries no CSRF token: the human check and Origin stand in
@require_POST
def signup(request):
    """Take an address from the footer form and send it a confirmation link."""
    if not is_same_origin(request):
        return status_page(request, "Signups are taken only from this site's pages.", status=403)
    form = SignupForm(request.POST)
    if not form.is_valid():
        return question_page(
            request, form, message="Please enter a valid e-mail address.", status=400
        )
    outcome = signup_check(request, request.POST)
    if outcome.ask:
        return question_page(request, form, message=outcome.message, status=outcome.status_code)
    if outcome.status_code != 200:
        return status_page(request, outcome.message, status=outcome.status_code)
    if outcome.bot:
        return status_page(request, CHECK_INBOX)
    try:
        allowed = ratelimit.hit(
            "newsletter:signup", client_address(request), limit=SIGNUPS_PER_HOUR, window=3600
        )
    except ratelimit.RateLimitUnavailable:
        return status_page(request, "Please try again in a minute.", status=503)
    if not allowed:
        return status_page(request, "Too many signups from your network.", status=429)
    subscriber_signup(email=form.cleaned_data["email"])
    return status_page(request, CHECK_INBOX)


@csrf_exempt  # the link comes from an e-mail; the signed token is the proof
@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    """GET shows a button (mail scanners follow links); POST confirms."""
    if request.method == "GET":
        context = {"token": token}
        return never_cached(render(request, "newsletter/confirm.html", context))
    try:
        subscriber_confirm(token=token)
    except LinkRefused:
        return status_page(request, BAD_LINK, status=400)
    return status_page(request, "Your subscription is confirmed. The next digest is yours.")


@csrf_exempt  # RFC 8058: mail providers POST here with no cookie and no origin
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """GET shows a button; POST (a person or the mail provider's one click) unsubscribes."""
    if request.method == "GET":
        context = {"token": token}
        return never_cached(render(request, "newsletter/unsubscribe.html", context))
    try:
        subscriber_unsubscribe(token=token)
    except LinkRefused:
        return status_page(request, BAD_LINK, status=400)
    return status_page(request, "You are unsubscribed. You will get no more digests.")


@require_GET
def archive(request, day: str):
    """The public copy of one day's digest, as it was sent (without anyone's personal links)."""
    try:
        date = datetime.date.fromisoformat(day)
    except ValueError:
        raise Http404("No such date") from None
    issue = get_object_or_404(DigestIssue, date=date)
    html = issue.html.replace("{{unsubscribe_url}}", "#")
    return HttpResponse(html)
