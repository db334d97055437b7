"""What a beat's stories are made of: headlines, sentences and quotes with slots.

Slots in braces are filled once per story by masthead.demo.prose, so a story keeps
the same place, names and figures from headline to last paragraph.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    headlines: tuple[str, ...]
    standfirst: str
    lead: str
    facts: tuple[str, ...]
    quotes: tuple[str, ...]


@dataclass(frozen=True)
class Beat:
    key: str
    section: str
    places: tuple[str, ...]
    roles: tuple[str, ...]
    background: tuple[str, ...]
    tags: tuple[str, ...]
    topics: tuple[Topic, ...]
    agency_share: float = 0.0
    themes: tuple[str, ...] = ("skyline",)
    # Where stories are filed from; None files each story from its own place.
    dateline: str | None = None


# Said of any story; used to bring a story up to length.
GENERIC = (
    "Officials said more details would be published in the coming weeks.",
    "The plan still needs the approval of parliament, which returns from recess next month.",
    "Critics said the timetable was ambitious and the costs had not been fully explained.",
    "Residents who spoke to reporters were cautiously hopeful but said they had heard "
    "similar promises before.",
    "A full report is expected to be presented to the cabinet before the end of the quarter.",
    "Several groups said they had not been consulted and asked for public hearings.",
    "The announcement came after months of discussion behind closed doors.",
    "Observers noted that the figures had been revised twice since the spring.",
    "Similar schemes elsewhere in the region have taken longer than planned.",
    "No date has been set for the next round of meetings.",
    "Funding for the first phase has been secured, according to the statement.",
    "Opposition members said they would press for a vote on the matter.",
)
GENERIC_QUOTES = (
    "We have made a start, and the start is the hardest part.",
    "People want to see results, not more announcements.",
    "Nobody should pretend this will be easy or quick.",
    "If we do nothing, the bill only gets bigger every year.",
)
CLOSINGS = (
    "The talks are due to resume after the holiday.",
    "A follow-up meeting is planned for next month.",
    "The ministry said it would publish the figures in full on its website.",
    "Work on the next phase is expected to begin before the summer.",
)
