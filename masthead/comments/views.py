"""Thin views: the anonymous post, the uncached form page; each answers in HTML or JSON."""

from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from masthead.comments.forms import CommentForm
from masthead.comments.models import Comment
from masthead.comments.policy import get_policy
from masthead.comments.services import CommentRefused, comment_post
from masthead.core.origin import is_same_origin
from masthead.humancheck.challenge import challenge_issue
from masthead.humancheck.verdict import submission_check
from masthead.stories.models import Story

# What the reader is told; a comment held as spam reads as one awaiting moderation.
STATUS_MESSAGES = {
    "pending": "Your comment is awaiting moderation.",
    "published": "Your comment has been posted.",
}
NOT_FOUND = "This article does not exist or is not published."


def wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def public_status(comment: Comment) -> str:
    return "published" if comment.is_published else "pending"


def parse_id(raw) -> int | None:
    text = str(raw or "")
    if not (text.isascii() and text.isdigit() and len(text) < 19):
        return None
    return int(text) or None


def live_story(raw) -> Story | None:
    """The published story with this id, unless it is private (behind a password or login)."""
    pk = parse_id(raw)
    story = Story.objects.live().filter(pk=pk).first() if pk else None
    if story is None or story.get_view_restrictions().exists():
        return None
    return story


def published_reply_target(story, raw) -> Comment | None:
    pk = parse_id(raw)
    return Comment.objects.published().filter(pk=pk, story=story).first() if pk else None


def never_cached(response):
    add_never_cache_headers(response)
    return response


def refuse(request, message: str, status: int):
    """Answer a request that has no form to show again: no such article, another site."""
    if wants_json(request):
        return never_cached(JsonResponse({"ok": False, "message": message}, status=status))
    return never_cached(
        render(request, "comments/refused.html", {"message": message}, status=status)
    )


def form_again(request, story, form, *, message: str, status: int, answer_error: str = ""):
    """Show the reader what went wrong, with their text kept and a fresh question."""
    if wants_json(request):
        errors = {name: list(errs) for name, errs in form.errors.items()} if form else {}
        payload = {"ok": False, "message": message, "errors": errors}
        return never_cached(JsonResponse(payload, status=status))
    parent = published_reply_target(story, form.data.get("parent")) if form else None
    context = {
        "story": story,
        "form": form,
        "parent": parent,
        "message": message,
        "answer_error": answer_error,
        "challenge": challenge_issue(),
        "comments_open": get_policy().comments_open(story),
    }
    return never_cached(render(request, "comments/form_page.html", context, status=status))


@csrf_exempt  # a cached page carries no CSRF token: the signed question and Origin stand in
@require_POST
def post(request):
    """Take a reader's comment from the article's form."""
    if not is_same_origin(request):
        return refuse(request, "Comments can be sent only from this site's pages.", 403)
    story = live_story(request.POST.get("story"))
    if story is None:
        return refuse(request, NOT_FOUND, 404)
    form = CommentForm(request.POST)
    form_ok = form.is_valid()
    verdict = submission_check(request, request.POST, scope="comments")
    if verdict.rejected:
        wrong = "wrong-answer" in verdict.reasons
        return form_again(
            request,
            story,
            form,
            message=verdict.message,
            status=verdict.status_code,
            answer_error=verdict.message if wrong else "",
        )
    if not form_ok:
        return form_again(request, story, form, message=form.first_error(), status=400)
    data = form.cleaned_data
    try:
        comment = comment_post(
            story=story,
            name=data["name"],
            email=data["email"],
            body=data["body"],
            parent_id=data["parent"],
            verdict=verdict,
        )
    except CommentRefused as refused:
        return form_again(request, story, form, message=refused.message, status=refused.status_code)
    status = public_status(comment)
    if wants_json(request):
        payload = {"ok": True, "status": status, "message": STATUS_MESSAGES[status]}
        return never_cached(JsonResponse(payload, status=201))
    # Post/Redirect/Get: the article says what happened, from a query the page cache may keep.
    redirect = HttpResponseRedirect(f"{story.url}?comment={status}#comment-status")
    redirect.status_code = 303  # See Other: the article is fetched with GET
    return never_cached(redirect)


@require_GET
def form_page(request, story_id: int):
    """The comment form with a fresh question, for readers without JavaScript."""
    story = live_story(story_id)
    if story is None:
        return refuse(request, NOT_FOUND, 404)
    parent = None
    if request.GET.get("reply_to"):
        parent = published_reply_target(story, request.GET["reply_to"])
        if parent is None:
            return refuse(request, "There is no such comment to reply to.", 404)
    context = {
        "story": story,
        "form": None,
        "parent": parent,
        "message": "",
        "challenge": challenge_issue(),
        "comments_open": get_policy().comments_open(story),
    }
    return never_cached(render(request, "comments/form_page.html", context))


def form_url(story, parent=None) -> str:
    url = reverse("comments:form", args=[story.pk])
    return f"{url}?reply_to={parent.pk}" if parent else url
