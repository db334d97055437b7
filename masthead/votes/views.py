"""Vote endpoints: cast and withdraw (POST only), and a reader's own state (GET, private).

The vote form sits on cached pages, so it carries no CSRF token: the origin check stands
in for it. Without JavaScript a vote answers with a redirect back to the story's widget;
the script asks for JSON instead.
"""

from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt

from masthead.core import ratelimit
from masthead.core.origin import is_same_origin
from masthead.stories.models import Story
from masthead.votes import readers
from masthead.votes.models import VoteValue, voters_sentence
from masthead.votes.services import VoteRefused, tally_of, vote_cast, vote_of, vote_withdraw

# The query parameter of the page a voter is sent back to; see VoteReceiptMiddleware.
RECEIPT_PARAMETER = "voted"
MAX_ID = 2**63 - 1  # a larger number in the URL would overflow the database's integer
NOT_FOUND = "There is no published story with this number to vote on."


class Problem(Exception):
    def __init__(self, status: int, message: str, story=None, forget_reader=False):
        super().__init__(message)
        self.status, self.message, self.story = status, message, story
        self.forget_reader = forget_reader


@csrf_exempt
def cast(request, story_id: int):
    """Cast or change the reader's vote: `value` is "up" or "down"."""
    return _change(request, story_id, withdraw=False)


@csrf_exempt
def withdraw(request, story_id: int):
    """Withdraw the reader's vote, if they have one."""
    return _change(request, story_id, withdraw=True)


def state(request, story_id: int):
    """Return the story's counts and the reader's own vote, never cached for others."""
    if request.method not in ("GET", "HEAD"):
        return _never_cached(JsonResponse({"error": "Use GET."}, status=405, headers=_allow("GET")))
    story = _votable_story(story_id)
    if story is None:
        return _never_cached(JsonResponse({"error": NOT_FOUND}, status=404))
    try:
        reader = readers.reader_for(request)
    except readers.ForgedReaderCookie:
        reader = None  # a GET changes nothing, not even the cookie
    return _state_response(story, vote_of(story_id=story.pk, reader=reader))


def _change(request, story_id: int, *, withdraw: bool):
    try:
        if request.method != "POST":
            raise Problem(
                405, "Votes are sent with the vote buttons (POST), not by visiting a link."
            )
        if not is_same_origin(request):
            raise Problem(403, "Votes are accepted only from this site's own pages.")
        value = None if withdraw else _value(request)
        story = _votable_story(story_id)
        if story is None:
            raise Problem(404, NOT_FOUND)
        reader = _reader(request, story, create=not withdraw)
        if withdraw:
            if reader is not None:
                vote_withdraw(story=story, reader=reader)
        else:
            try:
                vote_cast(story=story, reader=reader, value=value)
            except VoteRefused as refused:
                raise Problem(409, str(refused), story) from None
    except Problem as problem:
        return _problem_response(request, problem)
    if _wants_json(request):
        response = _state_response(story, value)
    else:
        receipt = value.label if value is not None else "withdrawn"
        url = story.get_url(request=request) or "/"
        response = _never_cached(
            HttpResponseRedirect(f"{url}?{RECEIPT_PARAMETER}={receipt}#votes", status=303)
        )
    if reader is not None and reader.is_new:
        readers.remember(response, reader)
    return response


def _value(request) -> VoteValue:
    value = VoteValue.parse(request.POST.get("value", ""))
    if value is None:
        raise Problem(400, 'A vote is "up" or "down"; nothing was counted.')
    return value


def _votable_story(story_id: int):
    """The live story with this id, unless it sits behind a password or a sign-in."""
    if story_id > MAX_ID:
        return None
    story = Story.objects.live().filter(pk=story_id).first()
    if story is None or story.get_view_restrictions().exists():
        return None
    return story


def _reader(request, story, *, create: bool):
    """The request's reader; a new anonymous one only within the address's hourly share."""
    try:
        reader = readers.reader_for(request)
    except readers.ForgedReaderCookie:
        raise Problem(
            400,
            "Your reader cookie was not issued by this site, so nothing was counted. "
            "It has been removed: please vote again.",
            story,
            forget_reader=True,
        ) from None
    if reader is not None or not create:
        return reader
    try:
        return readers.admit_new_reader(request)
    except ratelimit.RateLimitUnavailable:
        raise Problem(503, "Voting is unavailable for a moment; please try again.", story) from None
    except readers.TooManyNewReaders:
        raise Problem(
            429,
            "Too many new voters have come from your address this hour, so nothing was "
            "counted. Please try again later.",
            story,
        ) from None


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _state_response(story, vote: VoteValue | None):
    tally = tally_of(story_id=story.pk)
    return _never_cached(
        JsonResponse(
            {
                "story": story.pk,
                "up": tally.up,
                "down": tally.down,
                "voters": tally.voters,
                "sentence": voters_sentence(tally.voters),
                "vote": vote.label if vote is not None else None,
            }
        )
    )


def _problem_response(request, problem: Problem):
    headers = _allow("POST") if problem.status == 405 else {}
    if problem.status == 429:
        headers["Retry-After"] = str(readers.NEW_READER_WINDOW)
    if _wants_json(request):
        response = JsonResponse({"error": problem.message}, status=problem.status, headers=headers)
    else:
        story_url = problem.story.get_url(request=request) if problem.story else None
        response = render(
            request,
            "votes/problem.html",
            {"message": problem.message, "story_url": story_url},
            status=problem.status,
        )
        for name, value in headers.items():
            response[name] = value
    if problem.forget_reader:
        readers.forget(response)
    return _never_cached(response)


def _allow(methods: str) -> dict:
    return {"Allow": methods}


def _never_cached(response):
    add_never_cache_headers(response)
    return response
