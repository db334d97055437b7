"""Writes to votes: cast, withdraw, recount, and editors' top-story overrides.

Every change to a vote row moves the story's tally in the same transaction with an
UPDATE ... SET up = up + 1, so concurrent voters never overwrite each other's counts.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, Q

from masthead.votes.models import TopStoryOverride, Vote, VoteTally, VoteValue
from masthead.votes.readers import Reader
from masthead.votes.signals import vote_changed

_FIELDS = {VoteValue.UP: "up", VoteValue.DOWN: "down"}


class VoteRefused(Exception):
    """The vote cannot be taken; the message says why, in the reader's words."""


@dataclass(frozen=True)
class Tally:
    up: int = 0
    down: int = 0

    @property
    def voters(self) -> int:
        return self.up + self.down


def vote_cast(*, story, reader: Reader, value: VoteValue) -> Vote:
    """Record `reader`'s vote on `story`, replacing their earlier one; return the vote."""
    _check_votable(story)
    value = VoteValue(value)
    with transaction.atomic():
        vote = _locked_vote(story, reader)
        if vote is None:
            try:
                # A savepoint: the same reader's other request may insert first.
                with transaction.atomic():
                    vote = Vote.objects.create(story=story, value=value, **reader.lookup())
            except IntegrityError:
                vote = _locked_vote(story, reader)
                if vote is None:
                    raise
            else:
                _move_tally(story.pk, {value: +1})
                _announce(story)
                return vote
        if vote.value != value:
            _move_tally(story.pk, {VoteValue(vote.value): -1, value: +1})
            vote.value = value
            vote.save(update_fields=["value", "updated_at"])
            _announce(story)
    return vote


def vote_withdraw(*, story, reader: Reader) -> bool:
    """Remove `reader`'s vote on `story`; return whether there was one."""
    with transaction.atomic():
        vote = _locked_vote(story, reader)
        if vote is None:
            return False
        vote.delete()
        _move_tally(story.pk, {VoteValue(vote.value): -1})
        _announce(story)
    return True


def vote_of(*, story_id: int, reader: Reader | None) -> VoteValue | None:
    """Return the reader's current vote on the story, if any."""
    if reader is None:
        return None
    value = (
        Vote.objects.filter(story_id=story_id, **reader.lookup())
        .values_list("value", flat=True)
        .first()
    )
    return VoteValue(value) if value is not None else None


TALLY_SQL = f"SELECT up, down FROM {VoteTally._meta.db_table} WHERE story_id = %s"


def tally_of(*, story_id: int) -> Tally:
    """Return the story's counts, in one query."""
    # Plain SQL: read on every render of an article, and Django took longer to compose
    # the query than the database took to answer it.
    with connection.cursor() as cursor:
        cursor.execute(TALLY_SQL, [story_id])
        row = cursor.fetchone()
    return Tally(*row) if row else Tally()


def vote_tally_recount(*, story_ids=None) -> int:
    """Rebuild tallies from the vote rows; return how many were wrong."""
    counted = {
        row["story_id"]: Tally(row["up"], row["down"])
        for row in Vote.objects.filter(**_in(story_ids))
        .values("story_id")
        .order_by()
        .annotate(
            up=Count("pk", filter=Q(value=VoteValue.UP)),
            down=Count("pk", filter=Q(value=VoteValue.DOWN)),
        )
    }
    kept = VoteTally.objects.filter(**_in(story_ids)).values_list("story_id", flat=True)
    fixed = 0
    for story_id in sorted(set(counted) | set(kept)):
        with transaction.atomic():
            _ensure_tally(story_id)
            # Lock the tally, then count: a vote not yet committed moves it after us.
            tally = VoteTally.objects.select_for_update().get(story_id=story_id)
            rows = Vote.objects.filter(story_id=story_id)
            up = rows.filter(value=VoteValue.UP).count()
            down = rows.filter(value=VoteValue.DOWN).count()
            if (tally.up, tally.down) != (up, down):
                VoteTally.objects.filter(story_id=story_id).update(up=up, down=down)
                fixed += 1
    return fixed


def top_story_override_set(
    *, story, placement: str, until: datetime | None = None, note: str = ""
) -> TopStoryOverride:
    """Pin `story` to the top of the ranking or keep it out, until `until` if given."""
    placement = TopStoryOverride.Placement(placement)
    override, _ = TopStoryOverride.objects.update_or_create(
        story=story, defaults={"placement": placement, "until": until, "note": note}
    )
    return override


def top_story_override_clear(*, story) -> bool:
    """Give `story` back to the ranking; return whether it had an override."""
    deleted, _ = TopStoryOverride.objects.filter(story=story).delete()
    return bool(deleted)


def _check_votable(story) -> None:
    if not story.live:
        raise VoteRefused("This story is not published, so it cannot take votes.")


def _locked_vote(story, reader: Reader) -> Vote | None:
    return Vote.objects.select_for_update().filter(story=story, **reader.lookup()).first()


def _ensure_tally(story_id: int) -> None:
    # INSERT ... ON CONFLICT DO NOTHING: the first voter on a story creates its tally, and a
    # concurrent first voter waits for that row instead of failing.
    VoteTally.objects.bulk_create([VoteTally(story_id=story_id)], ignore_conflicts=True)


def _move_tally(story_id: int, changes: dict) -> None:
    updates = {_FIELDS[value]: F(_FIELDS[value]) + step for value, step in changes.items()}
    if not VoteTally.objects.filter(story_id=story_id).update(**updates):
        _ensure_tally(story_id)
        VoteTally.objects.filter(story_id=story_id).update(**updates)


def _announce(story) -> None:
    transaction.on_commit(lambda: vote_changed.send(sender=Vote, story=story))


def _in(story_ids) -> dict:
    return {} if story_ids is None else {"story_id__in": list(story_ids)}
