"""NewsML-G2 packages: tie the pictures of a package to its story.

The story may be in the same delivery, or it may have come before (a late package): then
its pictures are added to the story the site already holds.
"""

from dataclasses import dataclass

from masthead.wire.parsers.base import ARTICLE, PACKAGE, PICTURE, WireEntry
from masthead.wire.results import SKIPPED, ImportResult


@dataclass
class LatePackage:
    """A package whose story came in an earlier delivery, with this delivery's pictures."""

    package: WireEntry
    story_guid: str
    photos: list[WireEntry]


def tie_packages(
    entries: list[WireEntry], *, held_stories: set[str] = frozenset()
) -> tuple[list[WireEntry], list[tuple[WireEntry, ImportResult]], list[LatePackage]]:
    """Give each package's pictures to its story.

    Return the entries left to import, what became of packages and the pictures so placed
    (each with the entry it reports on), and the packages of stories in `held_stories`.
    """
    by_guid = {e.guid: e for e in entries}
    placed, results, late = set(), [], []
    for package in (e for e in entries if e.kind == PACKAGE):
        refs = [by_guid.get(ref) for ref in package.refs]
        stories = [e for e in refs if e and e.kind == ARTICLE]
        photos = [e for e in refs if e and e.kind == PICTURE]
        held = [ref for ref in package.refs if ref in held_stories and ref not in by_guid]
        if not stories and held:
            late.append(LatePackage(package, held[0], photos))
            stories_guid = held[0]
        elif stories:
            stories_guid = stories[0].guid
            for photo in photos:
                stories[0].pictures += photo.pictures
        else:
            missing = [ref for ref in package.refs if ref not in by_guid]
            reason = "package: its story is neither in this delivery nor held" + (
                f" (missing {', '.join(missing[:3])})" if missing else ""
            )
            results.append((package, ImportResult(SKIPPED, package.guid, reason)))
            continue
        for photo in photos:
            placed.add(photo.guid)
            results.append((photo, ImportResult(SKIPPED, photo.guid, f"picture of {stories_guid}")))
        if stories:
            results.append(
                (package, ImportResult(SKIPPED, package.guid, f"package of {stories_guid}"))
            )
    kept = [e for e in entries if e.kind != PACKAGE and e.guid not in placed]
    return kept, results, late


def package_refs(entries: list[WireEntry]) -> set[str]:
    """The items the packages among `entries` name that are not among them."""
    present = {e.guid for e in entries}
    return {ref for e in entries if e.kind == PACKAGE for ref in e.refs if ref not in present}
