"""Fill in the comment form as a reader would: for tests and the bench, never the site."""

import time

from masthead.humancheck.challenge import challenge_issue
from masthead.humancheck.testing import fields_for


def comment_form_data(
    story,
    *,
    body: str = "A careful reader's thoughts on the plan.",
    name: str = "Test Reader",
    email: str = "",
    parent=None,
    proof: bool = True,
    answer: str | None = None,
    honeypot: str = "",
    shown_seconds_ago: float = 10,
) -> dict:
    """The POST data of one comment, with a question shown `shown_seconds_ago` and answered."""
    challenge = challenge_issue(now=time.time() - shown_seconds_ago)
    return {
        "story": str(story.pk),
        "parent": str(parent.pk) if parent is not None else "",
        "name": name,
        "email": email,
        "body": body,
        **fields_for(challenge, answer=answer, proof=proof, honeypot=honeypot),
    }


def post_comment(client, story, *, address: str = "203.0.113.5", json: bool = False, **fields):
    """Send one comment through the whole stack (form, checks, save), as the bench does."""
    headers = {"HTTP_ACCEPT": "application/json"} if json else {}
    return client.post(
        "/comments/post/",
        comment_form_data(story, **fields),
        REMOTE_ADDR=address,
        HTTP_SEC_FETCH_SITE="same-origin",
        **headers,
    )
