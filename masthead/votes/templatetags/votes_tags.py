from django import template
from django.urls import reverse

from masthead.votes.models import VoteValue, voters_sentence
from masthead.votes.services import tally_of
from masthead.votes.views import RECEIPT_PARAMETER

register = template.Library()

RECEIPTS = {
    "up": "Your vote is counted: thumbs up.",
    "down": "Your vote is counted: thumbs down.",
    "withdrawn": "Your vote has been withdrawn.",
}


@register.inclusion_tag("votes/widget.html", takes_context=True)
def vote_widget(context, story):
    """The vote buttons and "N users have voted.", in one query, the same for every reader.

    Only the page a voter is sent back to (?voted=up) says what they chose; it is never
    cached (VoteReceiptMiddleware). The script fills in a reader's own vote everywhere else.
    """
    request = context.get("request")
    receipt = request.GET.get(RECEIPT_PARAMETER, "") if request is not None else ""
    if receipt not in RECEIPTS:
        receipt = ""
    tally = tally_of(story_id=story.pk)  # read on every render: never kept with the page
    return {
        "story": story,
        "tally": tally,
        "sentence": voters_sentence(tally.voters),
        "receipt": RECEIPTS.get(receipt, ""),
        "mine": receipt if VoteValue.parse(receipt) is not None else "",
        "cast_url": reverse("votes:cast", args=[story.pk]),
        "withdraw_url": reverse("votes:withdraw", args=[story.pk]),
        "state_url": reverse("votes:state", args=[story.pk]),
    }
